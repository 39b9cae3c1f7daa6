// Where a story move lands in presenter mode: at the step's moment, or, when the step's figure is
// measured over a window that has no closed second yet at that moment, played on into it. N6's
// trial (F3): `next ›` landed on the step's moment, before its figure's window, so at 12 of the 24
// figure-bearing steps the room read "—" ("from 21 s (starts in 1 s)"), mesh-only's "Retried, then
// ejected" among them.
import { seriesStore } from '../charts/seriesStore';
import { formatClock } from '../format';
import type { NarrativeStep } from './steps';

/** Closed buckets of the figure's window a landing waits for: two, so the first number stands on two seconds. */
const BUCKETS_IN = 2;

/**
 * The simulated time, ms, a story move to step `i` of `steps` seeks to in presenter mode, given
 * the series' bucket width `bucketMs` (series.ts bucketWidth, 1,000 ms for runs up to its cap)
 * and the run's `durationMs`. The step's `at`, unless its figure (or the figure of the question
 * it answers) is measured over a window whose first two buckets are not yet closed at `at`: then
 * `from` + 2 buckets, where the figure has its first value, kept before the window's end, the
 * next step's moment (so the move still lands on step `i`) and the run's end; when that leaves
 * not one closed bucket of the window, `at` (the figure then says when it starts). Deterministic: the same steps
 * give the same time. An `i` outside the steps gives 0. Pure.
 */
export function stepLanding(steps: readonly NarrativeStep[], i: number, bucketMs: number, durationMs: number): number {
  const step = steps[i];
  if (!step) return 0;
  const at = step.at;
  const windows = [step.figure, step.question?.figure].filter((f) => f !== undefined && f.from !== undefined);
  if (windows.length === 0) return at;
  const from = Math.min(...windows.map((f) => f!.from!));
  const want = from + BUCKETS_IN * bucketMs;
  if (want <= at) return at;
  const to = Math.min(...windows.map((f) => f!.to ?? Infinity));
  const next = steps[i + 1]?.at ?? Infinity;
  // The end of a closed bucket at the latest: a bucket ends before the window, next step or run does.
  const land = Math.min(want, to, next - 1, durationMs);
  // Not one closed bucket of the window by then: the moment itself, the figure saying when it starts.
  return land > at && land >= from + bucketMs ? land : at;
}

/**
 * Where a story move (next/back, n/p) to step `i` seeks, ms, in the app's state `s`: stepLanding in
 * presenter mode (the bucket width read from the series store, 1,000 ms before its first frame),
 * the step's own moment otherwise (the single view keeps the timeline's marker and the clock in
 * step, and has Play beside the figure). 0 without a scenario. Reads the series store.
 */
export function storyMoveTo(s: { presenter: boolean; info: { narrative: readonly NarrativeStep[]; durationMs: number } | null }, i: number): number {
  const steps = s.info?.narrative ?? [];
  if (!s.info || !steps[i]) return 0;
  return s.presenter ? stepLanding(steps, i, seriesStore.getState().bucketMs || 1000, s.info.durationMs) : steps[i].at;
}

/**
 * The word under step `i` when a presenter's story move played on past its moment (stepLanding
 * later than the step's `at`) and the clock stands at that landing (within the bucket after it):
 * "played on to 23 s so the figure has its first seconds" (trial N10, finding 6: `n` landed at
 * 23 s for a 20 s step, the clock not where the step and its marker said, with no word why).
 * Null otherwise, or for an `i` outside the steps. Pure.
 */
export function landingNote(steps: readonly NarrativeStep[], i: number, nowMs: number, bucketMs: number, durationMs: number): string | null {
  const step = steps[i];
  if (!step) return null;
  const land = stepLanding(steps, i, bucketMs, durationMs);
  if (land <= step.at || nowMs < land - 1 || nowMs >= land + bucketMs) return null;
  return `played on to ${formatClock(land).replace(/\.0+ s$/, ' s')} so the figure has its first seconds`;
}
