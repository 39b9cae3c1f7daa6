// The run's figures and per-second series as tables (CSV) and plain data (JSON), the same for
// the app's Export menu and the CLI's `--csv`. Pure: no DOM, so the CLI imports it under Node.
import type { SeriesBucket } from '../../workers/series';
import { vcpuPer1000 } from '../../workers/figures';
import { runLatencyMeasured } from '../measuredLatency';

/**
 * The counters a figures table is made from: the app's `Stats` and the CLI's summary both give
 * these. Times and latencies in ms, CPU in ms of proxy CPU.
 */
export interface FigureTotals {
  simTime: number;
  sent: number;
  ok: number;
  failed: number;
  inFlight: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  events: number;
  proxyCpuMs: number;
  proxyPasses: number;
  proxies: number;
  failures: Record<string, number>;
  traceHash: string;
}

/** The series a figures table reads its latency counts from (SeriesBucket.latencyCount). */
export interface SeriesCounts {
  buckets: readonly SeriesBucket[];
  bucketMs: number;
}
const NO_SERIES: SeriesCounts = { buckets: [], bucketMs: 1000 };

/** One row of the figures table: its name (snake case), value and unit ('' for a count-free text). */
export interface FigureRow {
  figure: string;
  value: number | string;
  unit: string;
}

/** The causes of failure the buckets hold, sorted by name (so the app and the CLI agree on columns). Pure. */
export function causesOf(buckets: readonly SeriesBucket[]): string[] {
  const set = new Set<string>();
  for (const b of buckets) for (const c of Object.keys(b.causes)) set.add(c);
  return [...set].sort();
}

/**
 * The per-second series' column names, units in the names: `_s` seconds of simulated time,
 * `_req_per_s` user requests a second (ended, by the time they ended; `sent` by the time they
 * were sent), `_ms` milliseconds, `_req` a count. Latency is over ok requests sent after the
 * warm-up (as the counters'), and its quantiles come from the worker's log-bucket histogram
 * (src/workers/series.ts). One `failed_<cause>_req_per_s` column per cause that occurred. Pure.
 */
export function seriesColumns(causes: readonly string[]): string[] {
  return [
    't_start_s',
    't_end_s',
    'sent_req_per_s',
    'ok_req_per_s',
    'failed_req_per_s',
    'latency_count_req',
    'latency_mean_ms',
    'latency_p50_ms',
    'latency_p90_ms',
    'latency_p99_ms',
    ...causes.map((c) => `failed_${c}_req_per_s`),
  ];
}

/** A number as CSV writes it: at most 3 decimals, no exponent, no trailing zeros. Pure. */
export function csvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). Pure. */
export function csvField(v: number | string): string {
  if (typeof v === 'number') return csvNumber(v);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The per-second series as rows of numbers (null where a bucket has no latency), in `seriesColumns` order. Pure. */
export function seriesRows(buckets: readonly SeriesBucket[], bucketMs: number, causes: readonly string[] = causesOf(buckets)): (number | null)[][] {
  const perS = 1000 / bucketMs;
  return buckets.map((b) => {
    const has = b.latencyCount > 0;
    return [
      b.t / 1000,
      (b.t + bucketMs) / 1000,
      b.sent * perS,
      b.ok * perS,
      b.failed * perS,
      b.latencyCount,
      has ? b.latencySum / b.latencyCount : null,
      has ? b.p50 : null,
      has ? b.p90 : null,
      has ? b.p99 : null,
      ...causes.map((c) => (b.causes[c] ?? 0) * perS),
    ];
  });
}

/**
 * The per-second series as CSV (RFC 4180, `\n` line ends, a header row of `seriesColumns`), one
 * row per closed bucket; an empty latency cell means no ok request counted in that second. Pure.
 */
export function seriesCsv(buckets: readonly SeriesBucket[], bucketMs: number): string {
  const causes = causesOf(buckets);
  const lines = [seriesColumns(causes).join(',')];
  for (const row of seriesRows(buckets, bucketMs, causes)) lines.push(row.map((v) => (v === null ? '' : csvNumber(v))).join(','));
  return lines.join('\n') + '\n';
}

/**
 * The run's figures at this moment as rows with units: the counters at the bottom of the app
 * (requests, failures by cause, latency of ok requests after the warm-up, proxy CPU as Istio
 * states it, see `vcpuPer1000`) and the trace hash. Latency rows only when measured
 * (`runLatencyMeasured`, by `series`' counts or a mean above 0), never the zeros of an empty
 * histogram. Pure.
 */
export function figureRows(t: FigureTotals, series: SeriesCounts = NO_SERIES): FigureRow[] {
  const rows: FigureRow[] = [
    { figure: 'sim_time', value: t.simTime / 1000, unit: 's' },
    { figure: 'sent', value: t.sent, unit: 'req' },
    { figure: 'ok', value: t.ok, unit: 'req' },
    { figure: 'failed', value: t.failed, unit: 'req' },
    { figure: 'failed_share', value: t.sent > 0 ? (100 * t.failed) / t.sent : 0, unit: '%' },
    ...Object.keys(t.failures)
      .sort()
      .map((c) => ({ figure: `failed_${c}`, value: t.failures[c], unit: 'req' })),
    { figure: 'in_flight', value: t.inFlight, unit: 'req' },
    { figure: 'requests_per_s', value: t.simTime > 0 ? ((t.ok + t.failed) * 1000) / t.simTime : 0, unit: 'req/s' },
  ];
  if (runLatencyMeasured(t.mean, series, t.simTime)) {
    rows.push(
      { figure: 'latency_mean', value: t.mean, unit: 'ms' },
      { figure: 'latency_p50', value: t.p50, unit: 'ms' },
      { figure: 'latency_p90', value: t.p90, unit: 'ms' },
      { figure: 'latency_p99', value: t.p99, unit: 'ms' },
    );
  }
  if (t.proxies > 0) {
    rows.push(
      { figure: 'proxies', value: t.proxies, unit: 'sidecars' },
      { figure: 'proxy_cpu_per_1000_rps_per_proxy', value: vcpuPer1000(t.proxyCpuMs, t.proxyPasses), unit: 'vCPU' },
      { figure: 'proxy_cpu_total', value: t.simTime > 0 ? t.proxyCpuMs / t.simTime : 0, unit: 'vCPU' },
    );
  }
  rows.push({ figure: 'events', value: t.events, unit: 'events' }, { figure: 'trace_hash', value: t.traceHash, unit: '' });
  return rows;
}

/** The figures as CSV: `figure,value,unit`, one row per figure (`figureRows`). Pure. */
export function figuresCsv(t: FigureTotals, series: SeriesCounts = NO_SERIES): string {
  return ['figure,value,unit', ...figureRows(t, series).map((r) => [r.figure, r.value, r.unit].map(csvField).join(','))].join('\n') + '\n';
}

/** What a run's JSON export holds: which run, its figures, and its series with the column names. */
export interface RunExport {
  format: 'meshsim-run/1';
  scenario: string;
  title: string;
  seed: number;
  /** Simulated time of the export, s. */
  simTimeS: number;
  traceHash: string;
  /** The link that reopens this run at this moment, when it has one. */
  link: string | null;
  figures: FigureRow[];
  series: { bucketS: number; columns: string[]; rows: (number | null)[][] };
}

/** The run as plain data for `JSON.stringify` (the same rows and columns as the CSVs). Pure. */
export function runExport(meta: { scenario: string; title: string; seed: number; link: string | null }, t: FigureTotals, buckets: readonly SeriesBucket[], bucketMs: number): RunExport {
  const causes = causesOf(buckets);
  return {
    format: 'meshsim-run/1',
    ...meta,
    simTimeS: t.simTime / 1000,
    traceHash: t.traceHash,
    figures: figureRows(t, { buckets, bucketMs }),
    series: { bucketS: bucketMs / 1000, columns: seriesColumns(causes), rows: seriesRows(buckets, bucketMs, causes) },
  };
}
