// The rest of a fault target's note (session 45, U1; trial N14, 1): the "why?" behind its short note, and the button
// that puts the note's lever (a config change that shows the fault's effect) in the Config change form. A lazy chunk
// of FaultFields: only an expire-certificates target has either.
import { fillChangeForm } from '../changes/changeFill';
import type { Option } from './faultForm';
import { useState } from 'react';
import { useServices } from '../state/useAppStore';
import { expiryWhy, leverAppliedWords, leverApplyLabel } from './expiryWhy';
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
      {withLever && option.lever && <ApplyLever change={option.lever} testId={testId} />}
    </>
  );
}

/**
 * The lever made in one click (trial T2, item 2): the change applied now through the controller, as the Config change
 * form's Apply does (it joins the recipe: a share link, a seek back and a branch keep it), and what came of it. With
 * `hidden` (the Faults list's line once the run makes the change, or needs it no more) the button is left out; what
 * a press said stays.
 */
export function ApplyLever({ change, testId, hidden = false }: { change: Record<string, unknown>; testId: string; hidden?: boolean }) {
  const { controller } = useServices();
  const [said, setSaid] = useState<string | null>(null);
  return (
    <>
      {!hidden && <button
        type="button"
        className="button button-small button-quiet button-wrap fault-note-lever"
        data-testid={`${testId}-apply`}
        title={`Makes ${JSON.stringify(change)} now, in this run: the callee's proxies close each connection that long after it opened (Envoy's max_connection_duration), so callers shake hands again and an expired certificate is refused`}
        onClick={() => void controller.applyChange(change).then((r) => setSaid(leverAppliedWords(r.problems)))}
      >
        {leverApplyLabel(change)}
      </button>}
      {said !== null && (
        <p className="fault-note-applied" role="status" data-testid={`${testId}-applied`}>
          {said}
        </p>
      )}
    </>
  );
}
