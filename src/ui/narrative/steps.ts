// Which step of a scenario's narrative is current at a simulated time. Pure.
import type { ScenarioInfo } from '../../workers/protocol';

export type NarrativeStep = ScenarioInfo['narrative'][number];

/** Index of the last step that has begun at `simTime` (ms), -1 before the first. Pure. */
export function stepAt(steps: readonly NarrativeStep[], simTime: number): number {
  let at = -1;
  for (let i = 0; i < steps.length; i++) if (steps[i].at <= simTime) at = i;
  return at;
}

/** What the topology highlights at `simTime`: the current step's nodes and edges. Pure. */
export function highlightAt(steps: readonly NarrativeStep[], simTime: number): readonly string[] {
  const i = stepAt(steps, simTime);
  return i >= 0 ? steps[i].highlight : [];
}

/**
 * The step whose lesson figure stands for step `index` where a step is shown with one figure (a
 * compare pane): `index` itself when it has a figure, else the latest step before it that has one
 * (gateway-only's step 5, "What would help", has none: its pane keeps step 4's failed share over
 * 21-58 s in sight, the number the step talks about). -1 when none has a figure by then, or
 * `index` is -1 (before the first step). Pure.
 */
export function figureStepAt(steps: readonly NarrativeStep[], index: number): number {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) if (steps[i].figure) return i;
  return -1;
}

/**
 * The words beside a figure of the list whose step is still to come at `nowMs` (the step's `atMs`
 * later): "step 3 (5 s) still to come", so an early reading ("14.1% of 64 ended" at 1 s against
 * control-plane-boundary's "about 25%", session 51's T2 trial, 9) is not taken for the lesson's.
 * Null once the step has begun. Pure.
 */
export function aheadWords(step: number, atMs: number, nowMs: number): string | null {
  return atMs > nowMs ? `step ${step + 1} (${+(atMs / 1000).toFixed(2)} s) still to come` : null;
}
