// While the pair opens: which pane is opening, its stage, size and seconds, and a Cancel, as the
// single view shows a file opening (RunNotices' OpenProgress). A pane stalled at t = 0 otherwise
// held the view with no way out for up to the worker's 60 s start budget.
import { OpeningNotice } from '../components/RunNotices';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';

/** The compare view's notice while its pair opens: which pane, its stage, and a Cancel that stops both workers. */
export function CompareOpening({ controller, s }: { controller: CompareController; s: CompareState }) {
  const opening = s.opening;
  if (!opening) return null;
  return (
    <OpeningNotice
      title={
        <>
          Opening {opening.side} · <span className="opening-name">{opening.label}</span>
          {opening.side === 'A' ? <span className="muted"> (then B)</span> : <span className="muted"> (A is open)</span>}
        </>
      }
      opening={opening}
      testId="compare-opening"
      className="compare-opening"
      onCancel={() => controller.cancelOpening()}
    />
  );
}
