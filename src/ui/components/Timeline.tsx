// The run on one line: where the narrative's steps fall, when faults start and end, and where
// the simulation is now. A click or a drag runs the simulation to that time, continuously while
// dragging (back in time: again from 0, the injected faults replayed); the step and fault
// markers stay buttons that seek to their time.
import { useRef, useState, type PointerEvent } from 'react';
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
  const seekingTo = useAppStore((s) => s.seekingTo);
  const dragging = useRef(false);
  const [scrubbing, setScrubbing] = useState(false);
  if (duration <= 0) return <div className="timeline" />;
  const timeAt = (e: PointerEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return (Math.min(1, Math.max(0, (e.clientX - r.left) / r.width))) * duration;
  };
  const endDrag = () => {
    dragging.current = false;
    setScrubbing(false);
  };
  const at = (ms: number) => `${(100 * Math.min(duration, Math.max(0, ms))) / duration}%`;
  const current = stepAt(steps, simTime);
  return (
    <div className="timeline" aria-label="Timeline">
      <span className="timeline-label">timeline</span>
      <div
        className={`timeline-track${scrubbing ? ' scrubbing' : ''}`}
        data-testid="timeline"
        role="slider"
        aria-label="Simulated time; click or drag to run to a time (Shift+← / Shift+→: 1 s)"
        aria-valuemin={0}
        aria-valuemax={duration}
        aria-valuenow={Math.round(simTime)}
        aria-valuetext={formatSimTime(simTime)}
        tabIndex={-1}
        onPointerDown={(e) => {
          // A marker keeps its own click.
          if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          dragging.current = true;
          setScrubbing(true);
          void controller.seek(timeAt(e));
        }}
        onPointerMove={(e) => {
          if (dragging.current) void controller.seek(timeAt(e));
        }}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onLostPointerCapture={endDrag}
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
        {/* The bars let drags through; a small handle at each fault's start seeks there. */}
        {faults.map((f) => (
          <button
            key={f.id}
            type="button"
            className="timeline-fault-handle"
            data-testid="timeline-fault"
            style={{ left: at(f.startMs) }}
            title={`${f.type} ${f.target} (${formatSimTime(f.startMs)}): click to go there`}
            aria-label={`${f.type} ${f.target} at ${formatSimTime(f.startMs)}`}
            onClick={(e) => {
              e.stopPropagation();
              void controller.seek(f.startMs);
            }}
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
        {seekingTo !== null && <div className="timeline-seeking" data-testid="timeline-seeking" style={{ left: at(seekingTo) }} />}
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
