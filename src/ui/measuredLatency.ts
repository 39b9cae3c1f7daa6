// Whether a latency figure was measured at all, decided from how many requests it is over, never
// from its value. Latencies count only ok requests sent after the scenario's warm-up
// (World.latency, EdgeStats.latency; README, The CLI), while ok counts include the warm-up: an
// empty histogram reads 0 for every quantile, which is no measurement, not a zero latency.
import type { EdgeInspect, SeriesBucket } from '../workers/protocol';
import { formatCount } from './format';
import { formatMs } from './inspector/waterfall';

/** What the app prints in place of a latency no request measured. */
export const NOT_MEASURED = '—';

/** A warm-up as people read it: "5 s", "0.5 s". Pure. */
export function warmupText(warmupMs: number): string {
  return `${+(warmupMs / 1000).toFixed(1)} s`;
}

/** Buckets array -> the end (simulated ms) of its first bucket holding a measured latency; Infinity when none does. */
const firstEnds = new WeakMap<readonly SeriesBucket[], number>();

/**
 * The end of the first closed bucket of the series (SeriesBucket, a second wide in every shipped
 * scenario) that measured a latency, simulated ms; Infinity when none has. Remembered per buckets
 * array, which the series stores replace rather than change. Pure.
 */
export function firstMeasuredEnd(buckets: readonly SeriesBucket[], bucketMs: number): number {
  const known = firstEnds.get(buckets);
  if (known !== undefined) return known;
  const first = buckets.find((b) => b.latencyCount > 0);
  const end = first ? first.t + bucketMs : Infinity;
  firstEnds.set(buckets, end);
  return end;
}

/**
 * Whether the run's latency figures (Frame.counters p50, p90, p99, mean, or a summary's
 * latencyMs: World.latency) hold a measurement at `simTimeMs`. The frame carries no count of its
 * own, so this reads two proofs of a count above 0: a `mean` above 0 (an empty histogram's mean
 * is 0 by definition, Histogram.mean), or a closed bucket of the series ending at or before that
 * moment that measured a latency (`SeriesBucket.latencyCount`; it covers requests that all took
 * 0 ms). Neither can say yes for an empty histogram, so a 0 here is never printed as a latency;
 * buckets of a later moment still held after a seek back do not count. Pure.
 */
export function runLatencyMeasured(mean: number, series: { buckets: readonly SeriesBucket[]; bucketMs: number }, simTimeMs: number): boolean {
  return mean > 0 || firstMeasuredEnd(series.buckets, series.bucketMs) <= simTimeMs;
}

/** A link's latency as the inspector prints it: the three quantiles, or why there are none, and what they are over. */
export interface EdgeLatencyText {
  measured: boolean;
  /** "1.2 ms / 3.4 ms / 8.0 ms", or a few words saying why there is no figure. */
  text: string;
  /** In full: over how many calls, or why none was measured. */
  title: string;
}

/**
 * A link's p50 / p90 / p99 for the inspector, decided by `latencyCount` (the ok calls sent after
 * the warm-up that the hop's histogram holds), not by the ok count or the values: calls that all
 * fell in the warm-up give "not measured yet", never "0 µs". Pure.
 */
export function edgeLatencyText(edge: Pick<EdgeInspect, 'ok' | 'latencyCount' | 'latencyMs' | 'simTime'>, warmupMs: number): EdgeLatencyText {
  const l = edge.latencyMs;
  if (edge.latencyCount > 0 && l) {
    return {
      measured: true,
      text: `${formatMs(l.p50)} / ${formatMs(l.p90)} / ${formatMs(l.p99)}`,
      title: `over ${formatCount(edge.latencyCount)} ok calls${warmupMs > 0 ? ` sent after the warm-up (${warmupText(warmupMs)})` : ''}, retries included`,
    };
  }
  const w = warmupText(warmupMs);
  if (warmupMs > 0 && edge.simTime < warmupMs) {
    return {
      measured: false,
      text: `${NOT_MEASURED} warming up (${w})`,
      title: `No latency yet: it counts ok calls sent after the scenario's warm-up, its first ${w} (${formatCount(edge.ok)} ok so far are left out)`,
    };
  }
  if (edge.ok === 0) return { measured: false, text: `${NOT_MEASURED} no ok call yet`, title: 'No latency yet: no call on this link has ended ok' };
  return {
    measured: false,
    text: `${NOT_MEASURED} none measured yet`,
    title: `No latency yet: no call sent after the warm-up (${w}) has ended ok on this link (${formatCount(edge.ok)} ok in the warm-up are left out)`,
  };
}
