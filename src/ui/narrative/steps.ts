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
