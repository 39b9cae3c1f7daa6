// Chart geometry as pure functions of the series: scales, paths and ticks. Drawing them into an
// SVG is drawCharts.ts; nothing here touches the DOM, so tests read the numbers directly.
import { area, line, scaleLinear, stack, type ScaleLinear } from 'd3';
import type { SeriesBucket } from '../../workers/protocol';
import { latencyPoint, type LatencyQuantile } from './latencyPoint';

export interface Size {
  width: number;
  height: number;
}

/** Room for the axes, px. */
export const MARGIN = { top: 14, right: 10, bottom: 18, left: 44 } as const;

/** The time axis: the whole run, ms, across the plot area. Pure. */
export function timeScale(durationMs: number, size: Size): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([0, Math.max(1, durationMs)])
    .range([MARGIN.left, Math.max(MARGIN.left + 1, size.width - MARGIN.right)]);
}

/** The simulated time (ms) under pixel `x` of a chart, clamped to the run. Pure. */
export function timeAt(x: number, durationMs: number, size: Size): number {
  const ms = timeScale(durationMs, size).invert(x);
  return Math.max(0, Math.min(durationMs, Math.round(ms)));
}

/** A y axis from 0 to the largest value (at least `floor`), nice-rounded, plot area in px. Pure. */
export function valueScale(max: number, size: Size, floor = 1): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([0, Math.max(floor, max)])
    .nice(4)
    .range([size.height - MARGIN.bottom, MARGIN.top]);
}

/** Least room between two value-axis labels' middles, px: an 11 px label and a little air. */
export const VALUE_TICK_GAP_PX = 16;

/**
 * The value axis's labelled ticks: d3's three-or-so nice ticks of `y`, every k-th of them (from
 * 0) when they would stand closer than VALUE_TICK_GAP_PX on screen. At 1024x768 the charts
 * drawer gives each chart 60 px of plot, and retry-storm's throughput axis (0 to 80 req/s) drew
 * 0, 20, 40, 60 and 80 15 px apart, each label touching the next; it reads 0, 40, 80 there. Pure.
 */
export function valueTicks(y: ScaleLinear<number, number>): number[] {
  const ticks = y.ticks(3);
  if (ticks.length < 2) return ticks;
  const gap = Math.abs(y(ticks[1]) - y(ticks[0]));
  const every = Math.max(1, Math.ceil(VALUE_TICK_GAP_PX / Math.max(gap, 1e-9)));
  return ticks.filter((_, i) => i % every === 0);
}

/** A named line: its key, the SVG path, and the last value (for the legend). */
export interface Series {
  key: string;
  path: string;
  last: number;
}

export interface ChartGeometry {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  series: Series[];
  /** What the y axis counts, for the axis title. */
  unit: string;
}

const mid = (b: SeriesBucket, bucketMs: number) => b.t + bucketMs / 2;

/**
 * The SVG path of one series over `buckets`, broken where `value` is null. A run of two or more
 * buckets is a line through their middles; a bucket alone between gaps (one second with ok
 * requests amid an outage) is a level tick across its own span, since a line through one point
 * draws nothing (retry-storm's 844 ms p99 at 25-26 s, the second its compare pair first differs,
 * was invisible). Pure.
 */
export function gappedPath(buckets: readonly SeriesBucket[], bucketMs: number, x: (ms: number) => number, y: (v: number) => number, value: (b: SeriesBucket) => number | null): string {
  const gen = line<SeriesBucket>()
    .x((b) => x(mid(b, bucketMs)))
    .y((b) => y(value(b)!));
  const parts: string[] = [];
  let run: SeriesBucket[] = [];
  const flush = () => {
    if (run.length === 1) {
      const b = run[0];
      parts.push(`M${x(b.t)},${y(value(b)!)}H${x(b.t + bucketMs)}`);
    } else if (run.length > 1) parts.push(gen(run) ?? '');
    run = [];
  };
  for (const b of buckets) {
    if (value(b) === null) flush();
    else run.push(b);
  }
  flush();
  return parts.join('');
}

function lines(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size, keys: readonly string[], value: (b: SeriesBucket, key: string) => number | null, unit: string, floor: number): ChartGeometry {
  const x = timeScale(durationMs, size);
  let max = 0;
  for (const b of buckets) for (const k of keys) max = Math.max(max, value(b, k) ?? 0);
  const y = valueScale(max, size, floor);
  const series = keys.map((key) => {
    const last = [...buckets].reverse().find((b) => value(b, key) !== null);
    return { key, path: gappedPath(buckets, bucketMs, x, y, (b) => value(b, key)), last: last ? value(last, key)! : 0 };
  });
  return { x, y, series, unit };
}

/** Latency p50, p90 and p99 per bucket, ms, of every client's ok requests or `client`'s (a bucket with none leaves a gap). Pure. */
export function latencyGeometry(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size, client: string | null = null): ChartGeometry {
  return lines(buckets, bucketMs, durationMs, size, ['p50', 'p90', 'p99'], (b, k) => latencyPoint(b, client, k as LatencyQuantile), 'ms', 1);
}

/** Requests ended ok and failed per second. Pure. */
export function throughputGeometry(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size): ChartGeometry {
  const perSecond = 1000 / bucketMs;
  return lines(buckets, bucketMs, durationMs, size, ['ok', 'failed'], (b, k) => (k === 'ok' ? b.ok : b.failed) * perSecond, 'req/s', 1);
}

export interface StackGeometry {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** One area per cause, bottom first, with its total over the buckets shown. */
  layers: { cause: string; path: string; total: number }[];
}

/** Failures per second stacked by cause (causes in order of their first appearance). Pure. */
export function failuresGeometry(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size): StackGeometry {
  const x = timeScale(durationMs, size);
  const causes: string[] = [];
  for (const b of buckets) for (const c of Object.keys(b.causes)) if (!causes.includes(c)) causes.push(c);
  const perSecond = 1000 / bucketMs;
  const rows = buckets.map((b) => Object.fromEntries(causes.map((c) => [c, (b.causes[c] ?? 0) * perSecond])) as Record<string, number>);
  const stacked = stack<Record<string, number>>().keys(causes)(rows);
  let max = 0;
  for (const layer of stacked) for (const p of layer) max = Math.max(max, p[1]);
  const y = valueScale(max, size, 1);
  const gen = area<[number, number]>()
    .x((_, i) => x(mid(buckets[i], bucketMs)))
    .y0((p) => y(p[0]))
    .y1((p) => y(p[1]));
  const layers = stacked.map((layer, i) => ({
    cause: causes[i],
    path: gen(layer.map((p) => [p[0], p[1]] as [number, number])) ?? '',
    total: buckets.reduce((t, b) => t + (b.causes[causes[i]] ?? 0), 0),
  }));
  return { x, y, layers };
}
