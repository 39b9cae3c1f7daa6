import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { RunSummary } from '../../models';
import { DEFAULT_METRICS, metricDef, RUN_METRICS } from './metrics';

/**
 * The figures a sweep reports when no --metric is given, in that order (metrics.ts has every
 * metric a --metric can name). Latencies are of ok requests sent after the warmup, null when none ended ok.
 */
export const METRICS = DEFAULT_METRICS;
/** A metric's name: one of METRICS, another run-wide one (gatewayCpuVcpu), or `gateway:`, `edge:`, `service:` ones (metrics.ts). */
export type Metric = string;

/** How each run-wide metric is labelled in tables and charts, with its unit. */
export const METRIC_LABELS: Record<string, string> = Object.fromEntries(Object.entries(RUN_METRICS).map(([k, d]) => [k, d.label]));

/** What each run-wide metric is multiplied by where a person reads it: the error share, 0..1 in JSON and CSV, reads as a %. */
export const METRIC_DISPLAY_SCALE: Record<string, number> = Object.fromEntries(Object.entries(RUN_METRICS).map(([k, d]) => [k, d.scale]));

/**
 * The values each run-wide metric can take, [least, most]: a share is 0..1, latencies and CPU are
 * never negative, and a request makes one try at least. An interval is cut to them (confidenceInterval).
 */
export const METRIC_RANGE: Record<string, readonly [number, number]> = Object.fromEntries(Object.entries(RUN_METRICS).map(([k, d]) => [k, d.range]));

/** One run's metrics by name; null where the run has no such figure (no ok request, no sidecar, no such edge used). */
export type RunMetrics = Record<string, number | null>;

/**
 * Reads a run's metrics from its summary: `names` (METRICS by default), each as metrics.ts
 * defines it (RUN_METRICS for the run-wide ones: latencies, error share, attempts per call over
 * every hop, sidecars' and gateways' CPU in vCPU; per gateway, edge and service ones by
 * `kind:part.field`). Names must have passed metricProblem; another throws.
 */
export function runMetrics(s: RunSummary, names: readonly string[] = METRICS): RunMetrics {
  const out: RunMetrics = {};
  for (const n of names) out[n] = metricDef(n).read(s);
  return out;
}

/** A sample's mean and its two-sided confidence interval; `lo`/`hi` null below two values. */
export interface Interval {
  /**
   * The bounds the range cut (the t interval reached past the figure's least or most value): present
   * only then, so a report says 'lower bound clamped at 0' rather than showing ± a width it lacks.
   */
  clamped?: ('lo' | 'hi')[];
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
  const out: Interval = { n, mean, sd, lo: Math.max(range[0], mean - half), hi: Math.min(range[1], mean + half) };
  const clamped = [...(mean - half < range[0] ? (['lo'] as const) : []), ...(mean + half > range[1] ? (['hi'] as const) : [])];
  if (clamped.length) out.clamped = clamped;
  return out;
}
