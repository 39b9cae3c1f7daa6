// The compare view's fault form: one fault injected into both runs at one moment.
import { useMemo, useState, type FormEvent } from 'react';
import { formatMoment } from '../format';
import { FAULT_TYPES, buildFault, faultFormProblems, faultTypeSpec, targetOptions, type Option } from '../faults/faultForm';
import { DurationInput } from '../faults/DurationInput';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';

/** One form for both panes: the targets are the names of either topology, marked when only one has them. */
export function CompareFaults({ controller, s }: { controller: CompareController; s: CompareState }) {
  const [A, B] = controller.panes;
  const [type, setType] = useState(FAULT_TYPES[0].type);
  const spec = faultTypeSpec(type);
  const options = useMemo(() => {
    const a = targetOptions(spec.target, A.info.topology);
    const b = targetOptions(spec.target, B.info.topology);
    const all: Option[] = [...a, ...b.filter((o) => !a.some((x) => x.value === o.value))];
    return all.map((o) => {
      const inA = a.some((x) => x.value === o.value);
      const inB = b.some((x) => x.value === o.value);
      return { ...o, label: inA && inB ? o.label : `${o.label} (only in ${inA ? 'A' : 'B'})` };
    });
  }, [spec.target, A, B]);
  const [target, setTarget] = useState('');
  const [duration, setDuration] = useState('');
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<string[]>([]);
  const chosen = options.some((o) => o.value === target) ? target : (options[0]?.value ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const params: Record<string, string> = {};
    for (const p of spec.params) if (p.kind === 'node') params[p.key] = options.find((o) => o.value !== chosen)?.value ?? '';
    const values = { type, target: chosen, params, duration };
    // The form's own checks first (a bare number is milliseconds; "for" more than 0).
    const found = faultFormProblems(values).map((p) => `${p.path}: ${p.message}`);
    setLocal(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await controller.injectFault(buildFault(values));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="compare-faults" aria-label="Faults in both runs">
      <h2 className="section-title">Inject into both</h2>
      <form className="compare-fault-form" onSubmit={(e) => void submit(e)}>
        <select data-testid="compare-fault-type" value={type} onChange={(e) => setType(e.target.value)} aria-label="Fault">
          {FAULT_TYPES.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </select>
        <select data-testid="compare-fault-target" value={chosen} onChange={(e) => setTarget(e.target.value)} aria-label="Target">
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {!spec.oneShot && <DurationInput testId="compare-fault-for" value={duration} onChange={setDuration} placeholder="for (e.g. 10s)" ariaLabel="For how long" size={9} />}
        <button type="submit" className="button button-small" data-testid="compare-inject" disabled={busy || s.status === 'loading' || s.status === 'failed'}>
          Inject
        </button>
      </form>
      {(local.length > 0 || s.injectProblems.length > 0) && (
        <ul className="problems" data-testid="inject-problems" role="alert">
          {(local.length > 0 ? local : s.injectProblems).map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <ul className="compare-fault-list" data-testid="compare-faults">
        {s.faults.map((f) => (
          <li key={f.n} data-testid="compare-fault" data-hit={f.hit.map((h, i) => (h ? 'AB'[i] : '')).join('')}>
            <strong>{f.label}</strong> at {formatMoment(f.atMs)} · {f.hit[0] && f.hit[1] ? 'in both' : f.hit[0] ? 'in A only' : 'in B only'}
            {f.notes.map((n, i) => (
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
