// The rest of a fault target's note (session 45, U1; trial N14, 1): the "why?" behind its short note, and the button
// that puts the note's lever (a config change that shows the fault's effect) in the Config change form. A lazy chunk
// of FaultFields: only an expire-certificates target has either.
import { fillChangeForm } from '../changes/changeFill';
import type { Option } from './faultForm';
import { expiryWhy } from './expiryWhy';
import './faultNoteMore.css';

/** The lever's words on its button, from the change (expiryLever's policy on a service). Pure. */
export function leverLabel(change: Record<string, unknown>): string {
  const policy = (change.policy ?? {}) as Record<string, unknown>;
  const field = Object.keys(policy)[0];
  return field ? `Fill in: ${field} ${String(policy[field])} on ${String(change.service ?? change.gateway ?? '')}` : 'Fill in the change';
}

/**
 * `option.why` behind a "why?" disclosure, and, when `withLever` (the single view, where the Config change form is)
 * and the option has one, a button filling that form with `option.lever`; the person then presses Apply.
 */
export default function FaultNoteMore({ option, withLever, testId }: { option: Option; withLever: boolean; testId: string }) {
  return (
    <>
      {option.why && (
        <details className="fault-note-why" data-testid={`${testId}-why`}>
          <summary>why?</summary>
          <p>{expiryWhy(option)}</p>
        </details>
      )}
      {withLever && option.lever && (
        <button type="button" className="button button-small button-quiet button-wrap fault-note-lever" data-testid={`${testId}-lever`} title={`Puts ${JSON.stringify(option.lever)} in the Config change form below; press Apply there to make it`} onClick={() => fillChangeForm(option.lever!)}>
          {leverLabel(option.lever)}
        </button>
      )}
    </>
  );
}
