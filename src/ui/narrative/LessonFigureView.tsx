// A lesson figure measured live from the per-second series and the counters.
import { useStore } from 'zustand';
import { seriesStore } from '../charts/seriesStore';
import { useAppStore } from '../state/useAppStore';
import { measureLessonFigure } from './lessonMeasure';
import { KeepUnits } from './KeepUnits';
import type { LessonFigure } from '../../scenario';
import { yourActionsNote } from './yourActions';

/**
 * A step's (or a question's) lesson figure, measured live from the per-second series and the
 * counters: what this run shows (over the figure's window when it has one), then the number the
 * lesson states, as one sentence from the value on ("16.9% of the requests ended so far;
 * lesson: 17%": MeasuredFigure.note, worded where the figure is measured; laid out here).
 */
export function LessonFigureView({ figure, testId = 'lesson-figure' }: { figure: LessonFigure; testId?: string }) {
  const { buckets, bucketMs } = useStore(seriesStore);
  const stats = useAppStore((s) => s.stats);
  const duration = useAppStore((s) => s.info?.durationMs ?? 0);
  const warmup = useAppStore((s) => s.info?.warmupMs ?? 0);
  const m = measureLessonFigure(figure, buckets, bucketMs, stats, duration, warmup);
  const actions = useAppStore((s) => s.recipe?.actions);
  const yours = actions ? yourActionsNote(actions, stats.simTime) : null;
  return (
    <div className={`lesson-figure${m.complete ? ' lesson-figure-complete' : ''}`} data-testid={testId}>
      <span className="lesson-figure-label">
        <KeepUnits text={figure.label} />
      </span>
      <span className="lesson-figure-value" data-testid={`${testId}-value`}>
        {m.text}
      </span>
      <span className="lesson-figure-note">
        <KeepUnits text={m.note} />
      </span>
      {yours !== null && (
        <span className="lesson-figure-yours" data-testid={`${testId}-yours`} title="The lesson's number is for the scenario as written; your own live faults and changes move this run's.">
          {yours}
        </span>
      )}
    </div>
  );
}
