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

/**
 * The header clock's line while both panes seek (trial T1, 8: a compare link's moment gave no clear "done"): the pane
 * further from its goal and how far it got, "seeking A to 30 s · 40%" (the single view's clock says "seeking to 30 s ·
 * 40%", seekLine.ts); B's once A stands there; null once both do. `reached`, `ends`: A's and B's simulated time and run
 * length, ms (a run ending sooner seeks to its end); `targetMs` the seek's target. The share is floored and at most 99%
 * until the pane stands there, as seekLine's. `lines` is the same words on two short lines for the header's clock
 * ("seeking A to" over "30.0 s · 40%", as the status pill's "seeking to" over "30.0 s"). Pure.
 */
export function pairSeekLine(reached: readonly [number, number], targetMs: number, ends: readonly [number, number]): { text: string; lines: [string, string] } | null {
  const p = [0, 1].map((i) => paneSeekProgress(reached[i], targetMs, ends[i], { side: i === 0 ? 'B' : 'A', there: true }));
  if (p[0].there && p[1].there) return null;
  const i = p[0].there ? 1 : p[1].there ? 0 : p[1].fraction < p[0].fraction ? 1 : 0;
  const goal = Math.min(Math.max(0, targetMs), ends[i] > 0 ? ends[i] : Infinity);
  const lines: [string, string] = [`seeking ${i === 0 ? 'A' : 'B'} to`, `${formatMoment(goal)} · ${Math.floor(Math.min(0.99, p[i].fraction) * 100)}%`];
  return { text: lines.join(' '), lines };
}
