// Questions a narrative step asks before it runs (issue 12 item 4): which one is open for picks,
// which is answered, and the picks people made. Pure functions and a React-free store.
import { createStore } from 'zustand/vanilla';
import type { NarrativeStep } from './steps';

/** A step's question as the panel shows it: still ahead (open for a pick) or revealed. Plain data. */
export interface ShownQuestion {
  /** The step that asks it, by index. */
  step: number;
  /** `ahead`: the run has not reached the step's `at`, so choices can be picked; `revealed`: it has. */
  state: 'ahead' | 'revealed';
}

/**
 * The questions to show when the current step is `index` (stepAt: -1 before the first): the
 * latest question whose step has run, revealed (it stays on screen through the steps after it, so
 * its figure can be watched filling in), and the next step's, open for picks, since the run has
 * not reached it yet. A question is asked "before the step runs": while the step before it is on
 * screen. Pure.
 */
export function questionsAt(steps: readonly NarrativeStep[], index: number): ShownQuestion[] {
  const out: ShownQuestion[] = [];
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    if (steps[i].question) {
      out.push({ step: i, state: 'revealed' });
      break;
    }
  }
  const next = index + 1;
  if (next < steps.length && steps[next].question) out.push({ step: next, state: 'ahead' });
  return out;
}

/** The step whose question keys 1-4 pick for at `index` (the one still ahead), or -1. Pure. */
export function pickableStep(steps: readonly NarrativeStep[], index: number): number {
  return questionsAt(steps, index).find((q) => q.state === 'ahead')?.step ?? -1;
}

/** What a pick says once revealed: right, wrong, or not picked. Pure. */
export function verdict(picked: number | undefined, answer: number): 'right' | 'wrong' | 'none' {
  if (picked === undefined) return 'none';
  return picked === answer ? 'right' : 'wrong';
}

/** Picks by scenario name, then step index: kept while the scenario is open, across seeks. */
export interface PickState {
  scenario: string;
  picks: Record<number, number>;
}

/**
 * The picks people made. A pick can change until its step runs; after that it stays (seeking
 * back re-opens the question with the pick kept, so a room can try again). Opening another
 * scenario starts afresh (openedScenario): open retry-storm, pick, open mesh-only, then
 * retry-storm again, and its questions show unpicked.
 */
export const pickStore = createStore<PickState>(() => ({ scenario: '', picks: {} }));

/**
 * The scenario named `scenario` is now the one open (the opener calls this as it takes over the
 * run): picks made in any other are forgotten, so going back to a scenario later shows its
 * questions fresh, not with a pick from an earlier visit (they were kept until a pick was made in
 * another scenario). The same scenario opened again (edited, say) keeps its picks, as a seek does.
 * Mutates the pick store.
 */
export function openedScenario(scenario: string): void {
  if (pickStore.getState().scenario !== scenario) pickStore.setState({ scenario, picks: {} });
}

/** Records choice `choice` for step `step` of `scenario`; mutates the pick store. */
export function pick(scenario: string, step: number, choice: number): void {
  const s = pickStore.getState();
  const picks = s.scenario === scenario ? { ...s.picks } : {};
  picks[step] = choice;
  pickStore.setState({ scenario, picks });
}

/** The pick for step `step` of `scenario`, if any. */
export function pickOf(s: PickState, scenario: string, step: number): number | undefined {
  return s.scenario === scenario ? s.picks[step] : undefined;
}
