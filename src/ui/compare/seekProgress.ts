// What each pane of the compare view says while a seek runs: how far its run has got towards the
// target, as "seeking 23.0 / 50.0 s" and a bar (trial N15, 7: a compare seek to a late moment sat
// silent for up to 23 s at load 20, the header saying only "seeking to 60.0 s"). Pure.
import { formatClock, formatMoment } from '../format';

/** One pane's progress towards a seek's target. */
export interface PaneSeekProgress {
  /** How far along, 0..1: simulated time reached over the pane's own target (the target, or its run's end if sooner). */
  fraction: number;
  /** "seeking 23.0 / 50.0 s", or "at 50 s: waiting for B" once this pane stands there and the other does not. */
  text: string;
  /** This pane stands at its target (or its run's end). */
  there: boolean;
}

/**
 * A pane's progress: `reachedMs` its simulated time now, `targetMs` the seek's target, `endMs` its
 * run's duration (a pane whose run ends sooner stops there), `other` the other pane's side letter
 * and whether it is there too. Times in simulated ms; a negative or non-finite time counts as 0,
 * a reached time past the target counts as there.
 */
export function paneSeekProgress(reachedMs: number, targetMs: number, endMs: number, other: { side: 'A' | 'B'; there: boolean }): PaneSeekProgress {
  const clean = (ms: number) => (Number.isFinite(ms) && ms > 0 ? ms : 0);
  const goal = Math.min(clean(targetMs), clean(endMs) || Infinity);
  const reached = Math.min(clean(reachedMs), goal);
  const there = reached >= goal;
  const fraction = goal === 0 ? 1 : reached / goal;
  if (!there) return { fraction, text: `seeking ${formatClock(reached).replace(/ s$/, '')} / ${formatMoment(goal)}`, there };
  const at = goal < clean(targetMs) ? `at its end, ${formatMoment(goal)}` : `at ${formatMoment(goal)}`;
  return { fraction, text: other.there ? at : `${at}: waiting for ${other.side}`, there };
}
