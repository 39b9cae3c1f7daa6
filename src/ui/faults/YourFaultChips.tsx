// Beside the failed figure's causes: the person's own faults that failed something, marked "yours" (session 54, A1;
// trial T4, 3: the chip read only "tls-plaintext-rejected 214 +1", the scenario's own, while the attendee's 503s on
// orders were there, retried by storefront's sidecar). Each a button, as a cause chip: it lists the fault's requests.
import { formatCount } from '../format';
import { followOnly } from '../inspector/inspectorStore';
import { useAppStore } from '../state/useAppStore';
import { effectSentence, faultOnlyLabel, faultOnlyValue } from './faultEffect';
import { faultOwner } from './faultOwner';
import type { FaultStatus } from '../../workers/protocol';
import './faultEffect.css';

/** The person's faults that failed a try (effect counted, faultMarks.ts), by the list's order. */
function useMine(): FaultStatus[] {
  const faults = useAppStore((s) => s.faults);
  return faults.filter((f) => faultOwner(f) === 'yours' && (f.effect?.failed ?? 0) > 0);
}

/** What the chips say, for the causes' fitting (causesFit.ts lays them out again when it changes). */
export function useYourChipsKey(): string {
  return useMine()
    .map((f) => `${f.id}:${f.effect!.ended}:${f.effect!.retried}`)
    .join(' ');
}

/**
 * "yours 32" per injected fault whose effect is counted and that failed a try, 32 the user requests it failed (the
 * tries a caller's sidecar retried in its title: at 1024x768 "(33 retried)" squeezed "yours" to nothing): items of the
 * causes' list (li.cause, so the fitting counts them), first.
 */
export function YourFaultChips() {
  const mine = useMine();
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((f) => (
        <li key={f.id} className="cause cause-yours-item">
        <button
          key={f.id}
          type="button"
          className="cause-button cause-yours"
          data-testid="failure-yours"
          data-fault-id={f.id}
          data-count={f.effect!.ended}
          title={`${faultOnlyLabel(f, f.id)}: ${effectSentence(f)} Press to list its requests.`}
          onClick={() => void followOnly(faultOnlyValue(f.id))}
        >
          <span className="cause-name">yours</span> <span className="cause-count">{formatCount(f.effect!.ended)}</span>
        </button>
        </li>
      ))}
    </>
  );
}
