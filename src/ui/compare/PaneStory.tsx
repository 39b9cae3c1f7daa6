// A compare pane's own story: the step its run stands at, numbered in its own scenario's story,
// the step's lesson figure measured from this pane's series, and the step's text folded to a line.
import { useRef, useState } from 'react';
import { MoreToggle, useCutText } from '../components/MoreToggle';
import { formatClock } from '../format';
import { useAppStore } from '../state/useAppStore';
import type { SeriesState } from '../charts/seriesStore';
import { LessonFigureView } from '../narrative/LessonFigureView';
import { KeepUnits } from '../narrative/KeepUnits';
import { figureStepAt, stepAt } from '../narrative/steps';
import './paneStory.css';

const NO_STEPS: never[] = [];

/**
 * One pane's story, read inside the pane's AppContext (its own run): "Step 4 of 5 · The failure
 * reaches the user" by the pane's own clock and its own scenario's numbering (stepAt, as the
 * single view's story), the step's lesson figure (LessonFigureView over `series`, the pane's own
 * per-second series, so a branch shows one lesson with two numbers), and the step's text on one
 * line, with "more" to read it whole when the line cuts it (trial N10, finding 2: the compare view
 * showed a merged story's "Step 6 of 7" and no text or figure). A step without a figure keeps the
 * last one before it in sight, said as that step's (figureStepAt). Nothing for a scenario
 * without a story. `sharedStep`: the step of this story whose figure both panes show
 * (sharedFigureSteps, storyWindows.ts), said as "step 4’s figure, in both panes" when it is not
 * this step's own, so both panes answer one question, measured on each run: in presenter mode
 * (trial N17, 4) and out of it (session 53's T4 trial, 5: one row, one measure for both sides).
 */
export function PaneStory({ series, sharedStep }: { series: SeriesState; sharedStep?: number }) {
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const index = useAppStore((s) => stepAt(s.info?.narrative ?? NO_STEPS, s.stats.simTime));
  const [open, setOpen] = useState(false);
  const text = useRef<HTMLParagraphElement>(null);
  const step = steps[Math.max(0, index)];
  // Whether the folded line cuts the text (then "more" opens it).
  const cut = useCutText(text, [step?.text, open]);
  if (!step) return null;
  const fig = sharedStep !== undefined && steps[sharedStep]?.figure ? sharedStep : figureStepAt(steps, index);
  const shared = sharedStep !== undefined && fig === sharedStep;
  const head = index < 0 ? `starts at ${formatClock(step.at)}` : `Step ${index + 1} of ${steps.length}`;
  return (
    <div className="compare-story" data-testid="pane-story" data-step={index} data-open={open || undefined}>
      <p className="compare-story-head" title={`${head} · ${step.title} (${formatClock(step.at)})`}>
        <span className="compare-story-step" data-testid="pane-step">
          {head}
        </span>
        {' · '}
        <strong data-testid="pane-step-title">
          <KeepUnits text={step.title} />
        </strong>
      </p>
      {fig >= 0 && (
        <div className="compare-story-figure" data-figure-step={fig} data-shared={shared || undefined}>
          {fig !== index && (
            <span className="compare-story-from" data-testid="pane-figure-from">
              step {fig + 1}&rsquo;s figure
              {shared && ', in both panes'}
            </span>
          )}
          <LessonFigureView figure={steps[fig].figure!} series={series} testId="pane-figure" />
        </div>
      )}
      <div className="compare-story-line">
        <p className="compare-story-text" data-testid="pane-step-text" ref={text}>
          <KeepUnits text={step.text} />
        </p>
        <MoreToggle cut={cut} open={open} onToggle={setOpen} className="button button-quiet button-small compare-story-more" testId="pane-step-more" />
      </div>
    </div>
  );
}
