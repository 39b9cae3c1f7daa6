import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { RunSummary } from '../../models';

/**
 * The figures a sweep reads from each run, and the order they are reported in. Latencies are
 * of ok requests sent after the warmup (RunSummary.latencyMs), null when none ended ok.
 */
export const METRICS = ['p50Ms', 'p90Ms', 'p99Ms', 'meanMs', 'errorShare', 'attemptsPerRequest', 'proxyCpuVcpu'] as const;
export type Metric = (typeof METRICS)[number];

/** How each metric is labelled in tables and charts, with its unit. */
export const METRIC_LABELS: Record<Metric, string> = {
  p50Ms: 'latency p50 (ms)',
  p90Ms: 'latency p90 (ms)',
  p99Ms: 'latency p99 (ms)',
  meanMs: 'latency mean (ms)',
  errorShare: 'error share (%)',
  attemptsPerRequest: 'attempts per request',
  proxyCpuVcpu: 'proxy CPU (vCPU)',
};

/**
 * What a metric's value is multiplied by where a person reads it (the table, the HTML report):
 * the error share, a 0..1 share in the JSON and CSV, reads as a percentage, as the app and
 * `compare` say it.
 */
export const METRIC_DISPLAY_SCALE: Record<Metric, number> = {
  p50Ms: 1,
  p90Ms: 1,
  p99Ms: 1,
  meanMs: 1,
  errorShare: 100,
  attemptsPerRequest: 1,
  proxyCpuVcpu: 1,
};

/**
 * The values each metric can take, [least, most]: a share is 0..1, latencies and CPU are never
 * negative, and a request makes one try at least. An interval is cut to them (confidenceInterval).
 */
export const METRIC_RANGE: Record<Metric, readonly [number, number]> = {
  p50Ms: [0, Infinity],
  p90Ms: [0, Infinity],
  p99Ms: [0, Infinity],
  meanMs: [0, Infinity],
  errorShare: [0, 1],
  attemptsPerRequest: [1, Infinity],
  proxyCpuVcpu: [0, Infinity],
};

/** One run's metrics; null where the run has no such figure (no ok request, no sidecar). */
export type RunMetrics = Record<Metric, number | null>;

/**
 * Reads a run's metrics from its summary:
 * - latencies: the summary's p50, p90, p99 and mean of ok requests (ms);
 * - errorShare: failed / (ok + failed), the requests that ended (in-flight ones left out);
 * - attemptsPerRequest: tries on every hop, first tries and retries, per call on those hops
 *   (sum of edges' requests + retries over sum of their requests): 1 with no retries, as
 *   Envoy's `upstream_rq_total` / downstream requests would read at each router;
 * - proxyCpuVcpu: all sidecars' CPU time (RunSummary.proxies) over the simulated time, i.e. how
 *   many vCPU the sidecars kept busy on average (the model's 0.35 vCPU per 1000 req/s per proxy
 *   is Istio's published figure; src/models/proxy/calibration.ts).
 */
export function runMetrics(s: RunSummary): RunMetrics {
  const ok = s.requests.ok > 0;
  const ended = s.requests.ok + s.requests.failed;
  let calls = 0;
  let retries = 0;
  for (const e of Object.values(s.edges)) {
    calls += e.requests;
    retries += e.retries;
  }
  const proxies = Object.values(s.proxies);
  const cpuMs = proxies.reduce((t, p) => t + p.cpuMs, 0);
  return {
    p50Ms: ok ? s.latencyMs.p50 : null,
    p90Ms: ok ? s.latencyMs.p90 : null,
    p99Ms: ok ? s.latencyMs.p99 : null,
    meanMs: ok ? s.latencyMs.mean : null,
    errorShare: ended > 0 ? s.requests.failed / ended : null,
    attemptsPerRequest: calls > 0 ? (calls + retries) / calls : null,
    proxyCpuVcpu: proxies.length > 0 && s.simulatedMs > 0 ? cpuMs / s.simulatedMs : null,
  };
}

/** A sample's mean and its two-sided confidence interval; `lo`/`hi` null below two values. */
export interface Interval {
  /** Values the interval is built from (runs with the figure). */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n - 1 in the denominator); null below two values. */
  sd: number | null;
  lo: number | null;
  hi: number | null;
}

/**
 * The mean of `values` and its Student-t confidence interval at `level` (0.95 by default):
 * mean ± t(1 - (1 - level) / 2, n - 1) · sd / √n, the interval for the mean of independent
 * replications (Law, Simulation Modeling and Analysis, §9.4.1). The t quantile is
 * @stdlib/stats-base-dists-t-quantile's. The interval is cut to `range`, the values the figure can
 * take (METRIC_RANGE): the t interval is symmetric, and with few runs or a figure near its bound it
 * reaches past it (an error share of 99.96% ± 0.17 read up to 100.13%). Pure.
 */
export function confidenceInterval(values: readonly number[], level = 0.95, range: readonly [number, number] = [-Infinity, Infinity]): Interval {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, lo: null, hi: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: null, lo: null, hi: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, lo: Math.max(range[0], mean - half), hi: Math.min(range[1], mean + half) };
}
