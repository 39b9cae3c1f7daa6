import { formatDuration } from '../scenario';
import type { RunSummary as ModelSummary } from '../models';
import { diffRows, paneFigures, type DiffRow } from '../workers/compareRows';
import { formatDiffValue } from '../ui/compare/diff';
import type { JsonSummary } from './jsonSummary';
import { table } from './table';
import { gatewayRetries, shareText, type GatewayRetries } from './gatewayRetries';

/** A run as compare reads it: `--json`'s summary, whose latencies are null where none was measured. */
type RunSummary = JsonSummary;

/** The figures `compare` sets side by side, and how to read each from a run. */
const FIGURES = {
  sent: (s: RunSummary) => s.requests.sent,
  okShare: (s: RunSummary) => share(s.requests.ok, s.requests.sent),
  failedShare: (s: RunSummary) => share(s.requests.failed, s.requests.sent),
  /** Sent but not ended when the run stopped: with ok and failed, 100% of sent (as the run summary's line). */
  inFlightShare: (s: RunSummary) => share(s.requests.inFlight, s.requests.sent),
  p50: (s: RunSummary) => s.latencyMs?.p50 ?? null,
  p90: (s: RunSummary) => s.latencyMs?.p90 ?? null,
  p99: (s: RunSummary) => s.latencyMs?.p99 ?? null,
  mean: (s: RunSummary) => s.latencyMs?.mean ?? null,
  events: (s: RunSummary) => s.events,
  retries: (s: RunSummary) => Object.values(s.edges).reduce((n, e) => n + e.retries, 0),
} as const;

export type Figure = keyof typeof FIGURES;

/**
 * Two runs and, per figure, B / A (null when A is zero, or either side measured no latency, so
 * there is no ratio); `services` has
 * the ratio of requests each service received, for the services both runs have.
 */
export interface Comparison {
  a: RunSummary;
  b: RunSummary;
  ratios: Record<Figure, number | null> & { services: Record<string, number | null> };
  /**
   * The app's compare table, row for row (workers/compareRows.ts diffRows, the function the app
   * uses): `{key, label, unit, format, a, b, ratio, section}`, units as `unit` says (ms, req/s,
   * shares 0-1, vCPU). Among them what the rows above lack: retries and tries per user request,
   * the links with calls, gateway CPU in all (`gatewayCpu`) and per 1000 req/s through it
   * (`gatewayCpu1000`), sidecar CPU in all (`proxyCpu`) and per 1000 req/s per proxy
   * (`proxyCpu1000`), and each shared service's utilisation (`util:NAME`).
   */
  figures: DiffRow[];
}

/** The rows of `figures` the table prints under its own (the rest it already has in its words). */
const APP_ROWS = ['retryOverflows', 'retriesPer', 'links', 'tries', 'gatewayCpu', 'gatewayCpu1000', 'proxyCpu', 'proxyCpu1000'];

/**
 * A `--json` summary as the app's table reads a run (paneFigures): its latencies count where
 * some were measured; an unmeasured one (null) is read as not measured, never as 0.
 */
function figuresOf(s: RunSummary) {
  const zero = { p50: 0, p90: 0, p99: 0, mean: 0 };
  // diffRows reads the run's latency only when measured, and the per-hop figures not at all.
  return paneFigures({ ...s, latencyMs: s.latencyMs ?? zero } as unknown as ModelSummary, s.latencyMs !== null);
}

function share(n: number, of: number): number {
  return of === 0 ? 0 : n / of;
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || a === 0 ? null : b / a);

/** Services present in both runs, in A's order. */
const shared = (a: RunSummary, b: RunSummary) => Object.keys(a.services).filter((n) => n in b.services);

/** Puts two runs side by side with the ratio B / A of each key figure. */
export function compareRuns(a: RunSummary, b: RunSummary): Comparison {
  const ratios = { services: {} } as Comparison['ratios'];
  for (const [name, read] of Object.entries(FIGURES) as [Figure, (s: RunSummary) => number | null][]) ratios[name] = ratio(read(a), read(b));
  for (const n of shared(a, b)) ratios.services[n] = ratio(a.services[n].requests, b.services[n].requests);
  return { a, b, ratios, figures: diffRows(figuresOf(a), figuresOf(b)) };
}

/**
 * The comparison as a table for a terminal. `durationHint`: when the runs lasted differently, the closing note names
 * `--duration` (compare's flag; replay, which has none, passes false).
 */
export function formatComparison(c: Comparison, durationHint = true): string {
  const { a, b } = c;
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  const show: Record<Figure, (v: number) => string> = {
    sent: String,
    okShare: pct,
    failedShare: pct,
    inFlightShare: pct,
    p50: formatDuration,
    p90: formatDuration,
    p99: formatDuration,
    mean: formatDuration,
    events: (v) => v.toLocaleString('en-US'),
    retries: String,
  };
  const label: Record<Figure, string> = {
    sent: 'sent',
    okShare: 'ok',
    failedShare: 'failed',
    inFlightShare: 'in flight',
    p50: 'latency p50',
    p90: 'latency p90',
    p99: 'latency p99',
    mean: 'latency mean',
    events: 'events',
    retries: 'retries (all edges)',
  };
  const x = (r: number | null) => (r === null ? '-' : `${r.toFixed(2)}x`);
  const rows = [['', `A ${a.scenario}`, `B ${b.scenario}`, 'B/A']];
  // A latency no ok request after the warm-up measured is "-", never "0 µs".
  const cell = (name: Figure, s: RunSummary) => {
    const v = FIGURES[name](s);
    return v === null ? '-' : show[name](v);
  };
  for (const name of Object.keys(FIGURES) as Figure[]) rows.push([label[name], cell(name, a), cell(name, b), x(c.ratios[name])]);
  const causes = [...new Set([...Object.keys(a.failures), ...Object.keys(b.failures)])].sort();
  if (causes.length) rows.push(['failures by cause', '', '', '']);
  for (const cause of causes) rows.push([`  ${cause}`, String(a.failures[cause] ?? 0), String(b.failures[cause] ?? 0), '']);
  const services = shared(a, b);
  if (services.length) rows.push(['requests at', '', '', '']);
  for (const n of services) rows.push([`  ${n}`, String(a.services[n].requests), String(b.services[n].requests), x(c.ratios.services[n])]);
  // Each gateway's retries, as run's gateway table has them (session 42), for gateways that retried or refused a
  // retry in either run; a gateway one run lacks reads "-".
  const retried = (s: RunSummary, n: string) => ((r) => r !== undefined && r.retries + r.refused > 0)(gatewayRetries(s, n));
  const gateways = [...new Set([...Object.keys(a.gateways), ...Object.keys(b.gateways)])].filter((n) => retried(a, n) || retried(b, n));
  if (gateways.length) rows.push(['gateway retries', '', '', '']);
  for (const n of gateways) {
    const [ga, gb] = [gatewayRetries(a, n), gatewayRetries(b, n)];
    const pick = <T>(g: GatewayRetries | undefined, f: (g: GatewayRetries) => T) => (g === undefined ? null : f(g));
    const count = (f: (g: GatewayRetries) => number) => {
      const [va, vb] = [pick(ga, f), pick(gb, f)];
      return [va === null ? '-' : String(va), vb === null ? '-' : String(vb), x(ratio(va, vb))];
    };
    rows.push([`  ${n}: retries made`, ...count((g) => g.retries)]);
    rows.push([`  ${n}: retries refused`, ...count((g) => g.refused)]);
    const [sa, sb] = [pick(ga, (g) => g.retryShare), pick(gb, (g) => g.retryShare)];
    rows.push([`  ${n}: retry share of its cpu`, shareText(sa), shareText(sb), x(ratio(sa, sb))]);
  }
  // The app's compare table's own rows, from the same function and in its words and units.
  const app = [...APP_ROWS.map((k) => c.figures.find((r) => r.key === k)), ...c.figures.filter((r) => r.key.startsWith('util:'))].filter((r) => r !== undefined);
  if (app.length) rows.push(['as the app counts them', '', '', '']);
  const cellOf = (r: DiffRow, v: number | null) => (v === null ? '-' : formatDiffValue(r, v));
  for (const r of app) rows.push([`  ${r.label.trim()}`, cellOf(r, r.a), cellOf(r, r.b), x(r.ratio)]);
  const head = (tag: string, s: RunSummary) =>
    `${tag}  ${s.scenario}   seed ${s.seed}   simulated ${formatDuration(s.simulatedMs)}   ${s.wallMs.toFixed(0)} ms wall   trace ${s.traceHash}`;
  const lines = [head('A', a), head('B', b), '', ...table(rows), '', 'latency over ok requests after the warmup; ok, failed and in flight (not ended when the run stopped) as shares of sent'];
  // Each side ran its own file's duration: counts over different spans, whose ratio says little.
  if (a.simulatedMs !== b.simulatedMs) {
    lines.push(`A ran ${formatDuration(a.simulatedMs)} and B ${formatDuration(b.simulatedMs)} (each its file's duration): sent, events, retries and requests at each service count over different times${durationHint ? '; give --duration to run both as long' : ''}`);
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}
