// The stages of opening a scenario, in order, as a person reads them: the single view's opening
// progress (RunNotices) and the compare view's (CompareOpening) say them the same way.
import type { OpenStage } from '../state/store';

export const OPEN_STAGES: readonly { stage: OpenStage; text: string }[] = [
  { stage: 'reading', text: 'reading the file' },
  { stage: 'parsing', text: 'parsing' },
  { stage: 'validating', text: 'validating' },
  { stage: 'building', text: 'building the topology' },
  { stage: 'starting', text: 'starting the run' },
];

/** A stage's words ("starting the run"). Pure. */
export function openStageText(stage: OpenStage): string {
  return OPEN_STAGES.find((s) => s.stage === stage)?.text ?? stage;
}
