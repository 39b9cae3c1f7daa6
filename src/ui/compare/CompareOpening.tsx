// While the pair opens: which pane is opening, its stage, size and seconds, and a Cancel, as the
// single view shows a file opening (RunNotices' OpenProgress). A pane stalled at t = 0 otherwise
// held the view with no way out for up to the worker's 60 s start budget.
import { useEffect, useState } from 'react';
import { formatBytes } from '../components/RunNotices';
import { OPEN_STAGES } from '../components/openStages';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';

export function CompareOpening({ controller, s }: { controller: CompareController; s: CompareState }) {
  const opening = s.opening;
  const [, setNow] = useState(0);
  // The seconds tick on their own: a pane's events at t = 0 can take a while.
  useEffect(() => {
    if (!opening) return;
    const id = window.setInterval(() => setNow(performance.now()), 500);
    return () => window.clearInterval(id);
  }, [opening]);
  if (!opening) return null;
  const i = Math.max(0, OPEN_STAGES.findIndex((x) => x.stage === opening.stage));
  const seconds = Math.floor((performance.now() - opening.startedAt) / 1000);
  return (
    <section className="notice opening compare-opening" role="status" aria-live="polite" data-testid="compare-opening">
      <h2>
        Opening {opening.side} · <span className="opening-name">{opening.label}</span>
        {opening.side === 'A' ? <span className="muted"> (then B)</span> : <span className="muted"> (A is open)</span>}
      </h2>
      <p className="opening-stage" data-testid="compare-opening-stage">
        {OPEN_STAGES[i].text}… <span className="muted">
          step {i + 1} of {OPEN_STAGES.length} · {formatBytes(opening.bytes)}
          {seconds > 0 ? ` · ${seconds} s` : ''}
        </span>
      </p>
      <div className="stage-bar" aria-hidden="true">
        <div className="stage-bar-fill" style={{ width: `${((i + 0.5) / OPEN_STAGES.length) * 100}%` }} />
      </div>
      <button type="button" className="button button-quiet" data-testid="cancel-open" onClick={() => controller.cancelOpening()}>
        Cancel
      </button>
    </section>
  );
}
