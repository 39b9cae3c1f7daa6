// The fault form's fields, one set for the single view's faults panel and the compare view's
// "Inject into both": the fault type, its target, the type's own fields (a replica, a share of
// requests and a status, a delay, a factor, a skew, a partition's other side) and how long it
// lasts. Each form keeps its own button and its own way of sending the fault; the fields and their
// values are this file's, so a field added to the catalog (faultForm.ts) shows in both.
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DURATION_UNIT_RULE, DurationInput } from './DurationInput';
import { useShownOptions } from '../components/shownOptions';
import { FAULT_TYPES, faultTypeSpec, shownParams, type FaultFormValues, type FaultTypeSpec, type FieldChoices, type Option, type TargetKind } from './faultForm';

/** The fields' values and setters (useFaultFields). */
export interface FaultFieldsState {
  type: string;
  spec: FaultTypeSpec;
  /** The current type's targets, and the one shown (the first when the one picked does not fit). */
  targets: Option[];
  target: string;
  /** The type's own fields as shown: typed values, defaults elsewhere. */
  params: Record<string, string>;
  duration: string;
  choices: FieldChoices;
  setType(type: string): void;
  setTarget(target: string): void;
  setParam(key: string, value: string): void;
  setDuration(duration: string): void;
  /** The values to build the fault from (buildFault, faultFormProblems): what the fields show. */
  values: FaultFormValues;
}

/**
 * The fields' state. `targetsOf` lists a target kind's choices (the compare view marks those only
 * one run has); `preset`, when it changes, fills every field (a fault picked from the picture).
 */
export function useFaultFields(targetsOf: (kind: TargetKind) => Option[], choices: FieldChoices, preset?: { values: FaultFormValues } | null): FaultFieldsState {
  const [type, setType] = useState(FAULT_TYPES[0].type);
  const spec = faultTypeSpec(type);
  const targets = useMemo(() => targetsOf(spec.target), [targetsOf, spec.target]);
  const [picked, setTarget] = useState('');
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [duration, setDuration] = useState('');
  useEffect(() => {
    if (!preset) return;
    setType(preset.values.type);
    setTarget(preset.values.target);
    setTyped(preset.values.params);
    setDuration(preset.values.duration);
  }, [preset]);
  // A target that this fault type cannot take falls back to its first choice.
  const target = targets.some((o) => o.value === picked) ? picked : (targets[0]?.value ?? '');
  const params = shownParams(spec.params, typed, choices, target);
  return {
    type,
    spec,
    targets,
    target,
    params,
    duration,
    choices,
    setType,
    setTarget,
    setParam: (key, value) => setTyped((ps) => ({ ...ps, [key]: value })),
    setDuration,
    values: { type, target, params, duration },
  };
}

/** Test ids of the fields: the type and target selects, the "for" field, and a prefix for the type's own duration fields (`${prefix}delay`). */
export interface FaultFieldIds {
  type: string;
  target: string;
  duration: string;
  param: string;
}

function Select({ testId, label, value, options, onChange }: { testId?: string; label: string; value: string; options: Option[]; onChange(v: string): void }) {
  const shown = useShownOptions(options, optionValue, value);
  return (
    <label className="form-field">
      <span className="form-label">{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const optionValue = (o: Option) => o.value;

/** A target's "why?" and lever under its note: a lazy chunk (an expiry's only). */
const FaultNoteMore = lazy(() => import('../components/expiryParts').then((m) => ({ default: m.FaultNoteMore })));

/**
 * The fields, labelled; `children` (the form's button) go at the end of the "for" row. `withLever`: a target's note
 * offers its lever (Option.lever) as a button filling the Config change form, where there is one (the single view).
 */
export function FaultFields({ f, ids, withLever = false, children }: { f: FaultFieldsState; ids: FaultFieldIds; withLever?: boolean; children?: ReactNode }) {
  const { spec, target, params, choices } = f;
  const picked = f.targets.find((o) => o.value === target);
  return (
    <>
      <Select testId={ids.type} label="inject" value={f.type} options={FAULT_TYPES.map((t) => ({ value: t.type, label: t.label }))} onChange={f.setType} />
      <div className="form-row">
        <Select testId={ids.target} label={spec.target === 'node' ? 'cut off' : 'on'} value={target} options={f.targets} onChange={f.setTarget} />
        {spec.params.map((p) => {
          const value = params[p.key];
          const set = (v: string) => f.setParam(p.key, v);
          if (p.kind === 'replica') return <Select key={p.key} testId={`${ids.param}${p.key}`} label={p.label} value={value} options={choices.replicas(target, p.every)} onChange={set} />;
          if (p.kind === 'node') return <Select key={p.key} testId={`${ids.param}${p.key}`} label={p.label} value={value} options={choices.others(target)} onChange={set} />;
          return (
            <label key={p.key} className="form-field form-field-small">
              <span className="form-label">{p.label}</span>
              {p.kind === 'duration' ? (
                <DurationInput value={value} placeholder={p.hint} onChange={set} testId={`${ids.param}${p.key}`} />
              ) : (
                <input type="text" inputMode={p.kind === 'number' ? 'decimal' : 'text'} aria-label={p.label} data-testid={`${ids.param}${p.key}`} value={value} placeholder={p.hint} onChange={(e) => set(e.target.value)} />
              )}
            </label>
          );
        })}
      </div>
      {picked?.note && (
        <div className="form-note fault-target-note" data-testid={`${ids.target}-note`}>
          <span data-testid={`${ids.target}-note-short`}>{picked.note}</span>
          {(picked.why || picked.lever) && (
            <div className="fault-note-more">
              <Suspense fallback={null}>
                <FaultNoteMore option={picked} withLever={withLever} testId={`${ids.target}-note`} />
              </Suspense>
            </div>
          )}
        </div>
      )}
      <div className="form-row form-row-end">
        {!spec.oneShot && (
          <label className="form-field">
            <span className="form-label" title={`How long: ${DURATION_UNIT_RULE}; empty lasts until cleared`}>for (e.g. 10s)</span>
            <DurationInput testId={ids.duration} value={f.duration} placeholder="until cleared" onChange={f.setDuration} unitRequired />
          </label>
        )}
        {children}
      </div>
    </>
  );
}
