// On a fault's own line in the Faults list: what it did so far, live as the run plays, and a press that lists the
// kept requests it touched (session 54, A1; trial T4, 3). Counts from the model (FaultStatus.effect, faultMarks.ts).
import { formatCount } from '../format';
import { followOnly } from '../inspector/inspectorStore';
import type { FaultStatus } from '../../workers/protocol';
import { effectParts, effectSentence, faultOnlyValue } from './faultEffect';
import './faultEffect.css';

/** The fault's counts ("412 503s answered · 380 retried by a caller · 32 user requests failed") and "show only its requests". */
export function FaultEffectLine({ fault }: { fault: FaultStatus }) {
  const parts = effectParts(fault);
  if (parts === null) return null;
  return (
    <span className="fault-effect" data-testid="fault-effect" title={effectSentence(fault)}>
      <span className="fault-effect-counts">
        {parts.map((p, i) => (
          <span key={p.key} className={`fault-effect-part fault-effect-${p.key}`} data-testid={`fault-effect-${p.key}`} data-count={p.n}>
            {i > 0 && ' · '}
            <strong>{formatCount(p.n)}</strong> {p.words}
          </span>
        ))}
      </span>
      <button
        type="button"
        className="button button-quiet button-small fault-effect-only"
        data-testid="fault-show-only"
        disabled={parts[0].n === 0}
        title="List only the kept requests a try of which this fault failed (the inspector's request list), whatever their fate"
        onClick={() => void followOnly(faultOnlyValue(fault.id))}
      >
        show only its requests
      </button>
    </span>
  );
}
