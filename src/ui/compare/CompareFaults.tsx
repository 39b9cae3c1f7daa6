// The compare view's fault form: one fault injected into both runs at one moment, with the
// single view's fields (FaultFields.tsx), its targets the names of either topology.
import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { formatMoment } from '../format';
import { buildFault, faultFieldLabel, faultFormProblems, fieldChoices, targetOptions, type Option, type TargetKind } from '../faults/faultForm';
import { FaultFields, useFaultFields } from '../faults/FaultFields';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';

/** The compare view's test ids of the fault fields. */
const FIELD_IDS = { type: 'compare-fault-type', target: 'compare-fault-target', duration: 'compare-fault-for', param: 'compare-fault-' };

/** One form for both panes: the targets are the names of either topology, marked when only one has them. */
export function CompareFaults({ controller, s }: { controller: CompareController; s: CompareState }) {
  const [A, B] = controller.panes;
  const targetsOf = useCallback(
    (kind: TargetKind): Option[] => {
      const a = targetOptions(kind, A.info.topology);
      const b = targetOptions(kind, B.info.topology);
      const all: Option[] = [...a, ...b.filter((o) => !a.some((x) => x.value === o.value))];
      return all.map((o) => {
        const inA = a.some((x) => x.value === o.value);
        const inB = b.some((x) => x.value === o.value);
        return { ...o, label: inA && inB ? o.label : `${o.label} (only in ${inA ? 'A' : 'B'})` };
      });
    },
    [A, B],
  );
  const choices = useMemo(() => fieldChoices([A.info.topology, B.info.topology]), [A, B]);
  const f = useFaultFields(targetsOf, choices);
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string[]>([]);
  const form = useRef<HTMLFormElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The form's own checks first (a bare number is milliseconds; "for" more than 0).
    const found = faultFormProblems(f.values).map((p) => `${faultFieldLabel(f.values.type, p.path)}: ${p.message}`);
    setLocal(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await controller.injectFault(buildFault(f.values));
    } finally {
      setBusy(false);
    }
    // Injected into a pane or both: the keys are the pair's again (Space plays, Shift+→ seeks), as
    // in the single view's form since 61e8cdb. After Enter in a field the focus stayed there, so
    // Space typed into "for" and Shift+→ moved its caret. Left on the page (not on + Inject, which
    // Enter would press again); the values stay for the next fault. Not when refused (its problems
    // are listed, the field kept to mend), nor when the person has moved on to another control.
    if (controller.store.getState().injectProblems.length > 0) return;
    const at = document.activeElement;
    if (at instanceof HTMLElement && form.current?.contains(at)) at.blur();
  };
  return (
    <section className="compare-faults" aria-label="Faults in both runs">
      <h2 className="section-title">Inject into both</h2>
      <form ref={form} className="fault-form compare-fault-form" onSubmit={(e) => void submit(e)}>
        <FaultFields f={f} ids={FIELD_IDS}>
          <button type="submit" className="button button-inject" data-testid="compare-inject" disabled={busy || f.targets.length === 0 || s.status === 'loading' || s.status === 'failed'}>
            + Inject
          </button>
        </FaultFields>
      </form>
      {(local.length > 0 || s.injectProblems.length > 0) && (
        <ul className="problems" data-testid="inject-problems" role="alert">
          {(local.length > 0 ? local : s.injectProblems).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <ul className="compare-fault-list" data-testid="compare-faults">
        {s.faults.map((x) => (
          <li key={x.n} data-testid="compare-fault" data-hit={x.hit.map((h, i) => (h ? 'AB'[i] : '')).join('')}>
            <strong>{x.label}</strong> at {formatMoment(x.atMs)} · {x.hit[0] && x.hit[1] ? 'in both' : x.hit[0] ? 'in A only' : 'in B only'}
            {x.notes.map((n, i) => (
              <div key={i} className="compare-fault-note">
                {n}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
