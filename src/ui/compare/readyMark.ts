// The compare view's "done" mark (trial T1, 8: a compare link's moment gave no clear "done" while both sides
// sought, and the header's clock had no data-value as the single view's has): the moment both panes stand at, with
// the figures table of that moment, for the run status to carry (CompareHeader.tsx, data-ready). Pure.
import type { CompareState } from './compareStore';

/**
 * The simulated ms both runs stand at and the figures table shows, or null while anything is on its way: the pair
 * opening or stopped, playing, a seek running, Pause or Step still bringing the pane behind up to the other, or the
 * figures not yet of the clock's moment. Panes whose runs end at different times stand at their ends: the clock (the
 * later end, pairRun.ts) is the moment then.
 */
export function pairReadyAt(s: Pick<CompareState, 'status' | 'seekingTo' | 'settling' | 'figures' | 'figuresAt' | 'simTime'>): number | null {
  if (s.status !== 'ready' && s.status !== 'paused' && s.status !== 'done') return null;
  if (s.seekingTo !== null || s.settling !== null || s.figures === null) return null;
  return s.figuresAt === s.simTime ? s.simTime : null;
}
