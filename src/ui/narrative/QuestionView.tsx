// A narrative step's question: its choices while the step is ahead (a click or keys 1-4 pick
// one), then the answer, the explanation and the figure that shows it once the step runs.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { formatClock } from '../format';
import { isTyping } from '../components/useShortcuts';
import { RunStatus } from '../state/store';
import { useAppStore, useServices } from '../state/useAppStore';
import { LessonFigureView } from './LessonFigureView';
import { KeepUnits } from './KeepUnits';
import { pick, pickOf, pickStore, pickableStep, verdict } from './questions';
import { stepAt } from './steps';
import { bringQuestionIn } from './questionInView';
import './narrative.css';

const KEYS = ['1', '2', '3', '4'];

/** The question of step `step`, open for a pick (`revealed` false) or answered. */
export function QuestionView({ step, revealed }: { step: number; revealed: boolean }) {
  const s = useAppStore((st) => st.info?.narrative[step]);
  const scenario = useAppStore((st) => st.info?.name ?? '');
  const picked = useStore(pickStore, (p) => pickOf(p, scenario, step));
  const q = s?.question;
  const presenter = useAppStore((st) => st.presenter);
  // Not while a seek runs (a link's t=13s passes step 1 on its way to step 3, whose column must open unscrolled).
  const still = useAppStore((st) => st.seekingTo === null && st.status !== RunStatus.loading);
  const box = useRef<HTMLElement>(null);
  // Asked (opened ahead of its step), it comes into the column's view once, and again a frame
  // later when the step's figure and fonts have settled; presenter mode stands its own column.
  const ahead = !!q && !revealed && !presenter && still;
  useEffect(() => {
    const el = box.current;
    if (!ahead || !el) return;
    bringQuestionIn(el);
    const later = requestAnimationFrame(() => bringQuestionIn(el));
    return () => cancelAnimationFrame(later);
  }, [ahead, step, scenario]);
  if (!s || !q) return null;
  const v = verdict(picked, q.answer);
  return (
    <section ref={box} className={`question question-${revealed ? 'revealed' : 'ahead'}`} data-testid="question" data-state={revealed ? 'revealed' : 'ahead'} data-step={step} aria-label={`Question of step ${step + 1}`}>
      {/* Ahead, one short line (its moment in the title): at 1280x720 the two-line kicker and four
          answers one under another left the last answers under the column's foot (N19's trial, 3). */}
      <p className="question-kicker" title={revealed ? undefined : `Step ${step + 1} runs at ${formatClock(s.at)}`}>
        {revealed ? `Answered at ${formatClock(s.at)}` : `Pick an answer before step ${step + 1}`}
      </p>
      <p className="question-prompt" data-testid="question-prompt">
        <KeepUnits text={q.prompt} />
      </p>
      {/* Short answers (retry-storm's 3, 7, 9, 27) two to a row while asked: 76 px less at 1366x768.
          Answered, one to a row: "27 ✓ answer" broke inside its half. */}
      <ol className={!revealed && q.choices.every((c) => c.length <= 12) ? 'question-choices question-choices-short' : 'question-choices'} role="radiogroup" aria-label="Choices">
        {q.choices.map((c, i) => {
          const classes = ['question-choice'];
          if (picked === i) classes.push('picked');
          if (revealed && i === q.answer) classes.push('answer');
          if (revealed && picked === i && i !== q.answer) classes.push('wrong');
          return (
            <li key={i}>
              <button
                type="button"
                role="radio"
                aria-checked={picked === i}
                className={classes.join(' ')}
                data-testid="question-choice"
                disabled={revealed}
                title={revealed ? undefined : `Pick this answer (key ${i + 1})`}
                onClick={() => pick(scenario, step, i)}
              >
                <kbd>{i + 1}</kbd>
                <span>{c}</span>
                {revealed && i === q.answer && <strong className="question-mark"> ✓ answer</strong>}
              </button>
            </li>
          );
        })}
      </ol>
      {revealed ? (
        <div className="question-reveal" data-testid="question-reveal">
          <p className={`question-verdict question-verdict-${v}`} data-testid="question-verdict">
            {v === 'right' ? 'Your pick was right.' : v === 'wrong' ? `Your pick, “${q.choices[picked!]}”, was not it: the answer is “${q.choices[q.answer]}”.` : `The answer is “${q.choices[q.answer]}”.`}
          </p>
          <p className="question-explain" data-testid="question-explain">
            <KeepUnits text={q.explain} />
          </p>
          {q.figure && <LessonFigureView figure={q.figure} testId="question-figure" />}
        </div>
      ) : (
        <p className="question-hint">{picked === undefined ? 'The answer shows when the run reaches this step (next ›).' : `Picked “${q.choices[picked]}”. The answer shows when the run reaches this step (next ›).`}</p>
      )}
    </section>
  );
}

/**
 * Keys 1-4 pick a choice of the question still ahead, whatever was clicked last, except while
 * typing in a field (as the app's other shortcuts).
 */
export function useQuestionKeys(): void {
  const { store } = useServices();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const k = KEYS.indexOf(e.key);
      if (k < 0) return;
      const s = store.getState();
      if (!s.info || s.status === RunStatus.loading || s.status === RunStatus.crashed) return;
      const steps = s.info.narrative;
      const step = pickableStep(steps, stepAt(steps, s.stats.simTime));
      const q = step >= 0 ? steps[step].question : undefined;
      if (!q || k >= q.choices.length) return;
      e.preventDefault();
      pick(s.info.name, step, k);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
