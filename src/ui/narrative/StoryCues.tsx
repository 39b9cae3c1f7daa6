// The cues at the story column's foot (NarrativePanel.tsx): the question asked, or the answer to
// it, lies below the column's view, and a click scrolls the column to it.
import type { RefObject } from 'react';
import { stepAt } from './steps';
import { pickableStep } from './questions';
import { useAppStore } from '../state/useAppStore';

const NO_STEPS: never[] = [];

/**
 * Scrolls the story column just far enough that `text` ends 2 px above its foot: scrollIntoView's
 * 'end' left it up to 0.72 px under the foot (a scrollTop is whole pixels), and the cue came back.
 */
export function showTextEnd(text: Element | null | undefined) {
  const column = text?.closest<HTMLElement>('.panel');
  if (!text || !column) return;
  column.scrollTop += Math.ceil(text.getBoundingClientRect().bottom - (column.getBoundingClientRect().top + column.clientTop + column.clientHeight)) + 2;
}

/**
 * The cue at the story column's foot while the answer to step `step`'s question (the verdict on
 * the room's pick and why) lies below its view, the step's head and text above it: it names a
 * short answer (24 characters or fewer: the cue stays one or two lines), and a click scrolls the column to the explanation's end (N6's trial, F1).
 */
export function AnswerCue({ section, step }: { section: RefObject<HTMLElement | null>; step: number }) {
  const answer = useAppStore((s) => {
    const q = s.info?.narrative[step]?.question;
    return q ? q.choices[q.answer] : '';
  });
  return (
    <div className="question-cue-anchor">
      <button
        type="button"
        className="question-cue"
        data-testid="answer-cue"
        onClick={() => showTextEnd(section.current?.querySelector(`[data-testid="question"][data-step="${step}"] [data-testid="question-reveal"]`))}
      >
        {answer.length > 24 ? '↓ The answer and why below' : `↓ The answer, “${answer}”, and why below`}
      </button>
    </div>
  );
}

/**
 * The cue at the story column's foot while the question asked lies below its view: a click
 * scrolls the column so the whole question shows (its prompt and every choice).
 */
export function QuestionCue({ section }: { section: RefObject<HTMLElement | null> }) {
  const count = useAppStore((s) => {
    const steps = s.info?.narrative ?? NO_STEPS;
    const step = pickableStep(steps, stepAt(steps, s.stats.simTime));
    return step >= 0 ? (steps[step].question?.choices.length ?? 0) : 0;
  });
  return (
    <div className="question-cue-anchor">
      <button
        type="button"
        className="question-cue"
        data-testid="question-cue"
        onClick={() => section.current?.querySelector('[data-testid="question"][data-state="ahead"]')?.scrollIntoView({ block: 'end', behavior: 'instant' })}
      >
        ↓ Question below: pick {count > 1 ? `1–${count}` : 'an answer'}
      </button>
    </div>
  );
}
