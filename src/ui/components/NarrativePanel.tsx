// The scenario's story, step by step: the current step follows simulated time; "next" runs the
// simulation to the next step's time, "back" runs it again from zero to the previous one.
import { useState } from 'react';
import { formatSimTime } from '../format';
import { stepAt } from '../narrative/steps';
import { RunStatus } from '../state/store';
import { useAppStore, useController } from '../state/useAppStore';

const NO_STEPS: never[] = [];

export function NarrativePanel() {
  const controller = useController();
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const lesson = useAppStore((s) => s.info?.lesson ?? '');
  const index = useAppStore((s) => stepAt(s.info?.narrative ?? NO_STEPS, s.stats.simTime));
  const blocked = useAppStore((s) => s.status === RunStatus.loading || s.status === RunStatus.crashed);
  const [seeking, setSeeking] = useState(false);
  if (steps.length === 0 && !lesson) return null;

  const go = async (i: number) => {
    setSeeking(true);
    try {
      await controller.seek(steps[i].at);
    } finally {
      setSeeking(false);
    }
  };
  const shown = Math.max(0, index);
  const step = steps[shown];
  const prev = index - 1;
  const next = index + 1;
  return (
    <section className="narrative" aria-label="Narrative" data-testid="narrative">
      {step && (
        <>
          <div className="narrative-head">
            <h2 className="section-title">
              <span data-testid="narrative-step">
                {index < 0 ? `starts at ${formatSimTime(step.at)}` : `step ${index + 1} of ${steps.length}`}
              </span>
              <span className="narrative-at"> · {formatSimTime(step.at).replace(/\.0+ s$/, ' s')}</span>
            </h2>
            <div className="narrative-nav">
              <button
                type="button"
                className="button button-quiet button-small"
                data-testid="narrative-prev"
                disabled={blocked || seeking || prev < 0}
                title={prev >= 0 ? `Run again from 0 to ${formatSimTime(steps[prev].at)}; faults injected by hand are dropped (p, PageUp, ←)` : undefined}
                onClick={() => void go(prev)}
              >
                ‹ back
              </button>
              <button
                type="button"
                className="button button-small button-next"
                data-testid="narrative-next"
                disabled={blocked || seeking || next >= steps.length}
                title={next < steps.length ? `Run the simulation to ${formatSimTime(steps[next].at)} (n, PageDown, →)` : undefined}
                onClick={() => void go(next)}
              >
                next ›
              </button>
            </div>
          </div>
          <h3 className="narrative-title" data-testid="narrative-title">
            {step.title}
          </h3>
          <p className="narrative-text" data-testid="narrative-text">
            {step.text}
          </p>
          <ol className="narrative-dots" aria-hidden="true">
            {steps.map((_, i) => (
              <li key={i} className={i === index ? 'current' : i < index ? 'past' : ''} />
            ))}
          </ol>
        </>
      )}
      {lesson && (
        <p className="lesson" data-testid="lesson">
          <span className="lesson-label">Lesson</span> {lesson}
        </p>
      )}
    </section>
  );
}
