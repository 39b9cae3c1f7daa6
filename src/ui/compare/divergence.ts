// When do two runs first differ in a way a person can see? Issue 12 names two signs: the first
// failure in one run but not the other, and p99 latency more than 10% apart. Both are read
// from the per-second series (src/workers/series.ts), which is deterministic for a scenario
// and seed, so the mark lands on the same second however fast the runs were played or seeked.
import type { SeriesBucket } from '../../workers/protocol';
import { formatLatency } from '../format';

/** How far apart two p99s may be before they count as visibly different: 10% (issue 12). */
export const P99_APART = 0.1;

/** The moment two runs first differ, and what differed, in words for the timeline's tooltip. Plain data. */
export interface Divergence {
  /** Start of the bucket (simulated ms) in which they first differ. */
  ms: number;
  kind: 'first-failure' | 'p99';
  text: string;
}

/** A bucket edge as a person reads it: "25 s", "2.5 s". */
const seconds = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;

const causesText = (c: Record<string, number>) =>
  Object.entries(c)
    .sort((x, y) => y[1] - x[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/**
 * The first bucket, in time order over the buckets both runs have closed, where (a) one run has
 * had a failed request so far and the other none, or (b) both have ok requests in the bucket
 * and their p99s are more than P99_APART apart (the larger over the smaller). A failure that
 * starts in both in one bucket is not a difference. `names` are A's and B's names for the text.
 * Null while they have not differed. Pure.
 */
export function firstDivergence(a: readonly SeriesBucket[], b: readonly SeriesBucket[], bucketMs: number, names: readonly [string, string]): Divergence | null {
  let failedA = 0;
  let failedB = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const window = `${seconds(x.t)} – ${seconds(x.t + bucketMs)}`;
    const beforeA = failedA;
    const beforeB = failedB;
    failedA += x.failed;
    failedB += y.failed;
    if (beforeA === 0 && beforeB === 0 && (failedA === 0) !== (failedB === 0)) {
      const [who, other, bucket] = failedA > 0 ? [names[0], names[1], x] : [names[1], names[0], y];
      return { ms: x.t, kind: 'first-failure', text: `${window}: first failures in ${who} (${bucket.failed}: ${causesText(bucket.causes)}), none in ${other} yet` };
    }
    if (x.latencyCount > 0 && y.latencyCount > 0) {
      const lo = Math.min(x.p99, y.p99);
      const hi = Math.max(x.p99, y.p99);
      if (lo > 0 ? hi / lo > 1 + P99_APART : hi > 0) {
        return { ms: x.t, kind: 'p99', text: `${window}: p99 ${formatLatency(x.p99, true)} in ${names[0]}, ${formatLatency(y.p99, true)} in ${names[1]} (${(y.p99 / x.p99).toFixed(2)}x, more than ${P99_APART * 100}% apart)` };
      }
    }
  }
  return null;
}
