// A lesson figure measured live from the per-second series and the counters.
import { useStore } from 'zustand';
import { seriesStore, type SeriesState } from '../charts/seriesStore';
import { useAppStore } from '../state/useAppStore';
import { measureLessonFigure } from './lessonMeasure';
import { KeepUnits } from './KeepUnits';
import type { LessonFigure } from '../../scenario';
import { figureSpan, isEditedShipped, lessonCaveat, type Span } from './yourActions';

/**
 * A step's (or a question's) lesson figure, measured live from the per-second series and the
 * counters: what this run shows (over the figure's window when it has one), then the number the
 * lesson states, as one sentence from the value on ("16.9% of the requests ended so far;
 * lesson: 17%": MeasuredFigure.note, worded where the figure is measured; laid out here).
 * `series`: the run's per-second series when it is not the single view's (`seriesStore`): a
 * compare pane passes its own, so each pane's figure is measured from its own run; the counters,
 * the duration and the caveat are the AppContext's run's either way.
 */
export function LessonFigureView({ figure, testId = 'lesson-figure', series }: { figure: LessonFigure; testId?: string; series?: Pick<SeriesState, 'buckets' | 'bucketMs'> }) {
  const single = useStore(seriesStore);
  const { buckets, bucketMs } = series ?? single;
  const stats = useAppStore((s) => s.stats);
  const duration = useAppStore((s) => s.info?.durationMs ?? 0);
  const warmup = useAppStore((s) => s.info?.warmupMs ?? 0);
  const m = measureLessonFigure(figure, buckets, bucketMs, stats, duration, warmup);
  const yours = useLessonCaveat(figureSpan(figure, duration));
  return (
    <div className={`lesson-figure${m.complete ? ' lesson-figure-complete' : ''}`} data-testid={testId}>
      <span className="lesson-figure-label">
        <KeepUnits text={figure.label} />
      </span>
      <span className="lesson-figure-value" data-testid={`${testId}-value`}>
        {m.text}
      </span>
      <span className="lesson-figure-note" title={m.note}>
        <KeepUnits text={m.note} />
      </span>
      {yours !== null && (
        <span className="lesson-figure-yours" data-testid={`${testId}-yours`} title="The lesson's number is for the scenario as shipped; your edits and your own live faults and changes that act in its window move this run's.">
          {yours}
        </span>
      )}
    </div>
  );
}

/**
 * The caveat beside a lesson's number for the run on screen (lessonCaveat): the scenario edited
 * from a shipped one, the person's live actions that can touch `window` (absent: the whole run)
 * by now; `many` words it for the list of every figure. Null when none applies.
 */
export function useLessonCaveat(window?: Span, many = false): string | null {
  const edited = useAppStore((s) => isEditedShipped(s.recipe, s.info?.name, s.entries));
  const actions = useAppStore((s) => s.recipe?.actions);
  const now = useAppStore((s) => s.stats.simTime);
  return lessonCaveat(edited, actions ?? [], now, window, many);
}
