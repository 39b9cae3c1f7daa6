// `run FILE --from T --to T`: the run's figures over a window of simulated time, measured as a
// story step's figure is (workers/figures.ts measureFigure over the per-second series), so the
// CLI's number for retry-storm's outage (11 s – 24 s) is the one its story step shows (trial N14, 3).
import type { WallClock } from '../sim-engine';
import { summarize, Tracer, World, type RunSummary, type TracerOptions } from '../models';
import { formatDuration, type Scenario } from '../scenario';
import { bucketWidth, SeriesRecorder } from '../workers/series';
import type { SeriesBucket } from '../workers/series';
import { measureFigure, type RunTotals } from '../workers/figures';
import { seriesCsv } from '../ui/export/tables';

/** Simulated ms as a window's end reads: "11 s", "0 s", "1.5 s" (as a story step's window does, workers/figures.ts). */
const secs = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;

/** A window of simulated time as `--from` and `--to` give it, ms: [fromMs, toMs). */
export interface WindowArg {
  fromMs: number;
  /** Absent: the run's end. */
  toMs?: number;
}

/** One service's tries over the window: those of the user requests that ended in it. Plain data. */
export interface WindowService {
  service: string;
  /** Tries (first tries and retries) sent to the service for the user requests that ended in the window, however long before. */
  tries: number;
  /** `tries` per user request ended in the window: a story step's `attempts-per-request` figure (NaN: none ended). */
  perRequest: number;
  /** Tries sent to the service in the window, by the time they were sent (what subtracting two `--duration` runs counts). */
  sentInWindow: number;
}

/** The run's figures over [fromMs, toMs): user requests by the time they ended, as a story step counts them. Plain data. */
export interface WindowFigures {
  fromMs: number;
  toMs: number;
  /** User requests that ended in the window, and of them ok and failed. */
  ended: number;
  ok: number;
  failed: number;
  /** Of the ok ones, those sent after the warm-up: the requests `latencyMs` is over. */
  latencyCount: number;
  /**
   * Their latency, ms, as a story step's `latency-mean`/`latency-p50`..`p99` figure over the same
   * window reads it (the buckets' histograms merged: quantiles within the histogram's 0.39%); null
   * when none ended in the window.
   */
  latencyMs: { mean: number; p50: number; p90: number; p99: number } | null;
  services: WindowService[];
}

/**
 * Why the window [from, to) cannot be read from a run of `durationMs` whose series counts buckets
 * of `bucketWidth(durationMs)`, as `--from: message` or `--to: message`, or null. Both ends must lie on
 * a bucket's edge (the series counts whole buckets, as a story step's window does), `from` before `to`,
 * `to` no later than the run's end. Pure.
 */
export function windowProblem(w: WindowArg, durationMs: number): string | null {
  const to = w.toMs ?? durationMs;
  const bucket = bucketWidth(durationMs);
  const unit = bucket === 1000 ? 'a whole second' : `a multiple of ${secs(bucket)}`;
  if (w.fromMs % bucket !== 0) return `--from: ${secs(w.fromMs)} is not ${unit} (the series counts requests ${bucket === 1000 ? 'second by second' : `in ${secs(bucket)} buckets`}), e.g. --from ${Math.floor(w.fromMs / bucket) * (bucket / 1000)}s`;
  if (to % bucket !== 0) return `--to: ${secs(to)} is not ${unit} (the series counts requests ${bucket === 1000 ? 'second by second' : `in ${secs(bucket)} buckets`})`;
  if (to > durationMs) return `--to: ${secs(to)} is past the run's end (${secs(durationMs)}; --duration sets a longer run)`;
  if (w.fromMs >= to) return `--from: ${secs(w.fromMs)} must be before --to (${secs(to)}${w.toMs === undefined ? ", the run's end" : ''})`;
  return null;
}

/** What `runWithWindow` gives: the world, its summary, its per-second series and the CSV of it. */
export interface WindowRun {
  world: World;
  summary: RunSummary;
  buckets: SeriesBucket[];
  bucketMs: number;
  /** The app's per-second CSV with two columns per service added (serviceColumnsCsv). */
  csv: string;
}

/**
 * Runs a validated scenario to its end as `runScenario` does, recording the per-second series with
 * every service's tries counted apart (as the app's worker counts the services a story's figures name,
 * workers/series.ts seriesFor), each bucket's latency histogram kept (a window's quantiles, as a
 * story step's latency figure over a window reads them), and client `client` (when given) counted
 * apart with its latency kept per bucket (`run --client`). The recorder only reads: the events, figures and trace hash are those
 * of a run without it.
 */
export function runWithWindow(scenario: Scenario, options: { seed?: number; durationMs?: number; wallClock?: WallClock; traces?: TracerOptions; client?: string }): WindowRun {
  const s = options.durationMs !== undefined ? { ...scenario, duration: options.durationMs } : scenario;
  const clock = options.wallClock ?? (() => 0);
  const t0 = clock();
  const world = new World(s, options.seed ?? s.seed);
  if (options.traces) world.tracer = new Tracer(world, options.traces);
  const topo = world.topology;
  const edges = new Map<number, string>();
  topo.edges.forEach((e, i) => edges.set(i, topo.nodes[e.to].name));
  // `client`: that client counted apart, its latency histograms kept per bucket (clientWindow.ts).
  const clients = new Map<number, string>();
  for (const c of world.clients) if (c.name === options.client) clients.set(c.id, c.name);
  const series = new SeriesRecorder(0, world.duration, world.warmup, world.sentPerSecond, clients, edges, 0, new Map(), [], true);
  world.observer = {
    transmit: (edge, response, t, _t1, _failed, _retry, request) => {
      if (!response) series.requestSent(t, edge, request);
    },
    requestEnded: (client, cause, latencyMs, request) => series.requestEnded(world.sim.now, client, cause, latencyMs, request),
  };
  world.runUntil();
  series.advanceTo(world.sim.now);
  const summary = summarize(world, clock() - t0);
  const batch = series.since(0);
  const services = [...new Set(edges.values())];
  return { world, summary, buckets: batch.buckets, bucketMs: batch.bucketMs, csv: serviceColumnsCsv(seriesCsv(batch.buckets, batch.bucketMs), batch.buckets, services) };
}

/**
 * `csv` (seriesCsv's, one row per bucket of `buckets`) with two columns per service added:
 * `tries_sent_<service>` (tries sent to it in the bucket, by send time) and `tries_of_ended_<service>`
 * (the tries of the user requests that ended in the bucket; over a window, their sum over the
 * window's `ended` is a story step's attempts per user request). Pure.
 */
export function serviceColumnsCsv(csv: string, buckets: readonly SeriesBucket[], services: readonly string[]): string {
  const lines = csv.trimEnd().split('\n');
  const head = services.flatMap((s) => [`tries_sent_${s}`, `tries_of_ended_${s}`]);
  const out = [[lines[0], ...head].join(',')];
  for (let i = 1; i < lines.length; i++) {
    const b = buckets[i - 1];
    out.push([lines[i], ...services.flatMap((s) => [String(b?.tries[s] ?? 0), String(b?.endedTries?.[s] ?? 0)])].join(','));
  }
  return out.join('\n') + '\n';
}

/**
 * The run's figures over `w` from its series: the latency of the ok requests that ended in it and
 * each service's attempts per user request, both measured by measureFigure (a story step's
 * `latency-*` and `attempts-per-request` figures over that window, the same code), with the tries
 * behind them. `durationMs`: the run's. Latency needs buckets recorded with their histograms
 * (runWithWindow's); without them `latencyMs` is null. Pure.
 */
export function windowFigures(buckets: readonly SeriesBucket[], bucketMs: number, w: WindowArg, durationMs: number): WindowFigures {
  const toMs = w.toMs ?? durationMs;
  const inWindow = buckets.filter((b) => b.t >= w.fromMs && b.t + bucketMs <= toMs);
  const sum = (g: (b: SeriesBucket) => number) => inWindow.reduce((t, b) => t + g(b), 0);
  const ok = sum((b) => b.ok);
  const failed = sum((b) => b.failed);
  const totals: RunTotals = { simTime: durationMs, ok, failed, mean: 0, p50: 0, p90: 0, p99: 0, proxyCpuMs: 0, proxyPasses: 0 };
  const latency = (measure: 'latency-mean' | 'latency-p50' | 'latency-p90' | 'latency-p99') => measureFigure({ measure, label: measure, from: w.fromMs, to: toMs }, buckets, bucketMs, totals, durationMs).value;
  const latencyCount = sum((b) => b.latencyCount);
  const p50 = latencyCount > 0 ? latency('latency-p50') : NaN;
  const latencyMs = Number.isFinite(p50) ? { mean: latency('latency-mean'), p50, p90: latency('latency-p90'), p99: latency('latency-p99') } : null;
  const names = Object.keys(buckets[0]?.tries ?? {});
  const services = names.map((service) => {
    const m = measureFigure({ measure: 'attempts-per-request', label: service, service, from: w.fromMs, to: toMs }, buckets, bucketMs, totals, durationMs);
    return { service, tries: sum((b) => b.endedTries?.[service] ?? 0), perRequest: m.value, sentInWindow: sum((b) => b.tries[service] ?? 0) };
  });
  return { fromMs: w.fromMs, toMs, ended: ok + failed, ok, failed, latencyCount, latencyMs, services };
}

/**
 * The window's lines under a run's summary: "window 11 s – 24 s: 518 user requests ended (ok 0, failed 518: 100.0% failed)",
 * the latency of the ok ones ("latency of the ok ones: mean … p50 … p90 … p99 … (N measured: sent
 * after the warm-up)", or that none was measured), then per service its tries for those requests and their attempts per user request, one decimal as a story
 * step shows it, and the tries sent in the window by send time. Pure.
 */
export function formatWindow(f: WindowFigures): string {
  const span = `${secs(f.fromMs)} – ${secs(f.toMs)}`;
  // The failed share over those that ended, as the app's story step says it (trial N15, 11: "33.4%").
  const share = f.ended > 0 ? `: ${((100 * f.failed) / f.ended).toFixed(1)}% of ended failed` : '';
  const lines = [`window ${span}: ${f.ended.toLocaleString('en-US')} user requests ended in it (ok ${f.ok.toLocaleString('en-US')}, failed ${f.failed.toLocaleString('en-US')}${share}); attempts counted for those requests, however long before (a story step's "attempts at SERVICE per user request")`];
  const l = f.latencyMs;
  lines.push(
    l
      ? `latency of the ok ones: mean ${formatDuration(l.mean)}   p50 ${formatDuration(l.p50)}   p90 ${formatDuration(l.p90)}   p99 ${formatDuration(l.p99)}   (${f.latencyCount.toLocaleString('en-US')} measured: sent after the warm-up; a story step's latency over the window)`
      : 'latency of the ok ones: - (none measured: no ok request sent after the warm-up ended in the window)',
  );
  const rows = [['service', 'attempts at it per user request', 'attempts of those requests', 'attempts sent in the window']];
  for (const s of f.services) rows.push([s.service, Number.isFinite(s.perRequest) ? s.perRequest.toFixed(1) : '-', String(s.tries), String(s.sentInWindow)]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) lines.push(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('   ').trimEnd());
  return lines.join('\n');
}
