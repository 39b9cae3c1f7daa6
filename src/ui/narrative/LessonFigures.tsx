// The story column's list of the lesson's figures (NarrativePanel.tsx shows it under the steps),
// each measured at the moment on screen, and what the person's own faults and changes touch.
import { useStore } from 'zustand';
import { seriesStore } from '../charts/seriesStore';
import { useAppStore } from '../state/useAppStore';
import { KeepUnits } from './KeepUnits';
import { measureLessonFigure } from './lessonMeasure';
import { actionsTouching, figureSpan, isEditedShipped, lessonCaveat } from './yourActions';
import { aheadWords } from './steps';

const NO_STEPS: never[] = [];

/** Every lesson figure of the scenario, measured so far: the lesson checked on screen at any moment. */
export function LessonFigures() {
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const { buckets, bucketMs } = useStore(seriesStore);
  const stats = useAppStore((s) => s.stats);
  const duration = useAppStore((s) => s.info?.durationMs ?? 0);
  const warmup = useAppStore((s) => s.info?.warmupMs ?? 0);
  const actions = useAppStore((s) => s.recipe?.actions) ?? [];
  const edited = useAppStore((s) => isEditedShipped(s.recipe, s.info?.name, s.entries));
  const figures = steps.flatMap((s, i) => (s.figure ? [{ step: i, figure: s.figure, at: s.at }] : []));
  if (figures.length === 0) return null;
  // The person's actions said under the list are those that can touch some figure's window; when
  // only some figures are touched, those are marked with *.
  const touched = figures.map(({ figure }) => new Set(actionsTouching(actions, stats.simTime, figureSpan(figure, duration))));
  const touching = actions.filter((a) => touched.some((t) => t.has(a)));
  const yours = lessonCaveat(edited, touching, stats.simTime, undefined, true);
  const mark = !edited && touched.some((t) => t.size === 0);
  return (
    <>
      <ul className="lesson-figures" data-testid="lesson-figures" aria-label="The lesson's figures, measured">
        {figures.map(({ step, figure, at }, i) => {
          const m = measureLessonFigure(figure, buckets, bucketMs, stats, duration, warmup);
          const starred = mark && touched[i].size > 0;
          const ahead = aheadWords(step, at, stats.simTime);
          return (
            <li key={step} data-testid="lesson-figures-item" data-touched={touched[i].size > 0 || undefined} data-ahead={ahead !== null || undefined} title={`Step ${step + 1}; ${m.over}`}>
              <span className="lesson-figures-label">
                <KeepUnits text={figure.label} />
              </span>{' '}
              <strong>{m.text}</strong>
              {/* What a whole-run share divides by ("of 2,508 ended"), beside the counters' shares of sent (trial N17, 9). */}
              {m.of && <span className="lesson-figures-of" data-testid="lesson-figures-of"> {m.of}</span>}
              {starred && <span title="your own fault or change acts in this figure's window">*</span>}
              {figure.expect && (
                <span className="lesson-figures-expect">
                  {' '}
                  (lesson: <KeepUnits text={figure.expect} />)
                </span>
              )}
              {ahead !== null && (
                <span className="lesson-figures-ahead" data-testid="lesson-figures-ahead">
                  {' '}
                  · {ahead}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {yours !== null && (
        <p className="lesson-figure-yours" data-testid="lesson-figures-yours">
          {mark ? '* ' : ''}
          {edited ? yours : `${yours}: the lessons are for the scenario as written`}
        </p>
      )}
    </>
  );
}
