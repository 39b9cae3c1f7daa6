// The run on one line: where the narrative's steps fall, when faults start and end, and where
// the simulation is now. A click runs the simulation to that time (back in time: again from 0).
import { formatSimTime } from '../format';
import { stepAt } from '../narrative/steps';
import { useAppStore, useController } from '../state/useAppStore';

const NO_STEPS: never[] = [];

export function Timeline() {
  const controller = useController();
  const duration = useAppStore((s) => s.info?.durationMs ?? 0);
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const faults = useAppStore((s) => s.faults);
  const simTime = useAppStore((s) => s.stats.simTime);
  if (duration <= 0) return <div className="timeline" />;
  const at = (ms: number) => `${(100 * Math.min(duration, Math.max(0, ms))) / duration}%`;
  const current = stepAt(steps, simTime);
  return (
    <div className="timeline" aria-label="Timeline">
      <span className="timeline-label">timeline</span>
      <div
        className="timeline-track"
        data-testid="timeline"
        role="slider"
        aria-label="Simulated time; click to run to a time"
        aria-valuemin={0}
        aria-valuemax={duration}
        aria-valuenow={Math.round(simTime)}
        tabIndex={-1}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          void controller.seek(((e.clientX - r.left) / r.width) * duration);
        }}
      >
        <div className="timeline-done" style={{ width: at(simTime) }} />
        {faults.map((f) => (
          <div
            key={f.id}
            className={`timeline-fault${f.pending ? ' timeline-fault-pending' : ''}`}
            style={{ left: at(f.startMs), width: f.pending ? undefined : `calc(${at((f.endMs ?? simTime) - f.startMs)} + 3px)` }}
            title={`${f.type} ${f.target}`}
          />
        ))}
        {steps.map((s, i) => (
          <button
            key={i}
            type="button"
            className={`timeline-step${i === current ? ' current' : i < current ? ' past' : ''}${crowded(steps, i, duration) ? ' timeline-step-raised' : ''}`}
            style={{ left: at(s.at) }}
            title={`${i + 1}. ${s.title} (${formatSimTime(s.at)})`}
            onClick={(e) => {
              e.stopPropagation();
              void controller.seek(s.at);
            }}
          >
            {i + 1}
          </button>
        ))}
        <div className="timeline-head" style={{ left: at(simTime) }} />
      </div>
    </div>
  );
}

/** A step closer than 3% of the run to the one before it is raised, so both circles show. Pure. */
function crowded(steps: readonly { at: number }[], i: number, duration: number): boolean {
  let raised = false;
  for (let k = 1; k <= i; k++) raised = steps[k].at - steps[k - 1].at < duration * 0.03 ? !raised : false;
  return raised;
}
