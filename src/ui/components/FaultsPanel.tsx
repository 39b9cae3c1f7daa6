// The faults of a run: a small form that injects one while the run plays, with the worker's
// problems listed as `path: message`, and the list of faults with a clear button each.
import { useEffect, useMemo, useState } from 'react';
import type { FaultStatus, ScenarioInfo } from '../../workers/protocol';
import { FAULT_TYPES, buildFault, faultFormProblems, faultTypeSpec, replicaOptions, targetOptions, type Option } from '../faults/faultForm';
import { DURATION_RULE, DurationInput } from '../faults/DurationInput';
import { faultListOrder, faultState } from './faultState';
import type { Problem } from '../state/store';
import { useAppStore, useController } from '../state/useAppStore';
import { useStore } from 'zustand';
import { inspectorStore } from '../inspector/inspectorStore';
import { faultsFor, selectionName } from '../faults/faultsFor';
import type { FaultFormValues } from '../faults/faultForm';

/** Values a "faults from the picture" button put in the form; `n` tells two clicks apart. */
type Preset = { values: FaultFormValues; n: number } | null;

export function FaultsPanel() {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const name = useAppStore((s) => s.info?.name ?? '');
  const [preset, setPreset] = useState<Preset>(null);
  if (!topology) return null;
  return (
    <section className="faults" aria-label="Faults">
      <h2 className="section-title">Faults</h2>
      <ForSelection topology={topology} onPick={(values) => setPreset((p) => ({ values, n: (p?.n ?? 0) + 1 }))} />
      <FaultForm key={name} topology={topology} preset={preset} />
      <FaultList />
      <ClearInjected />
    </section>
  );
}

/**
 * "Clear injected faults": takes every fault injected by hand out of the run's recipe and runs
 * it again to the current time without them. A fault cleared by its own button stays in the
 * recipe (cleared at its time), so seeking back replays it as it happened.
 */
function ClearInjected() {
  const controller = useController();
  const injected = useAppStore((s) => s.recipe?.actions.reduce((n, a) => n + (a.kind === 'inject' ? 1 : 0), 0) ?? 0);
  if (injected === 0) return null;
  return (
    <div className="form-row form-row-end">
      <button
        type="button"
        className="button button-quiet button-small"
        data-testid="clear-injected"
        title="Remove the faults you injected from this run (they replay on every seek and in its link) and run it again to now without them"
        onClick={() => void controller.clearInjected()}
      >
        Clear injected faults ({injected})
      </button>
    </div>
  );
}

function Select({ testId, label, value, options, onChange }: { testId?: string; label: string; value: string; options: Option[]; onChange(v: string): void }) {
  return (
    <label className="form-field">
      <span className="form-label">{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Faults from the picture: the node or link selected in the topology (the inspector's target)
 * with the catalog's faults that act on it; a click fills the form with one, target and all.
 */
function ForSelection({ topology, onPick }: { topology: ScenarioInfo['topology']; onPick(values: FaultFormValues): void }) {
  const target = useStore(inspectorStore, (s) => (s.open && s.target && s.target.kind !== 'request' ? s.target : null));
  if (!target) return <p className="form-note fault-pick-hint">Select a node or link (Inspect, then click it) for the faults that apply to it.</p>;
  const name = selectionName(target, topology);
  const offers = faultsFor(target, topology);
  if (name === null) return null;
  return (
    <div className="fault-pick" data-testid="fault-suggestions" data-target={name}>
      <span className="form-label">
        for <strong>{name}</strong>:
      </span>
      {offers.length === 0 && <span className="form-note"> no fault of the catalog acts on it alone</span>}
      {offers.map((o) => (
        <button
          key={`${o.values.type}|${o.values.target}|${o.label}`}
          type="button"
          className="button button-quiet button-small"
          data-testid="fault-suggestion"
          data-fault-type={o.values.type}
          onClick={() => onPick(o.values)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

function FaultForm({ topology, preset }: { topology: ScenarioInfo['topology']; preset: Preset }) {
  const controller = useController();
  const [type, setType] = useState(FAULT_TYPES[0].type);
  const spec = faultTypeSpec(type);
  const targets = useMemo(() => targetOptions(spec.target, topology), [spec.target, topology]);
  const [target, setTarget] = useState('');
  const [params, setParams] = useState<Record<string, string>>({});
  const [duration, setDuration] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  // A target that this fault type cannot take falls back to its first choice.
  const shownTarget = targets.some((o) => o.value === target) ? target : (targets[0]?.value ?? '');
  useEffect(() => setProblems([]), [type]);
  // A fault picked from the selection: its type, target and fields, ready to inject.
  useEffect(() => {
    if (!preset) return;
    setType(preset.values.type);
    setTarget(preset.values.target);
    setParams(preset.values.params);
    setDuration(preset.values.duration);
  }, [preset]);

  const inject = async () => {
    setBusy(true);
    const values = { type, target: shownTarget, params: shownParams(spec.params, params, topology, shownTarget), duration };
    const local = faultFormProblems(values);
    const found = local.length > 0 ? local : await controller.injectFault(buildFault(values));
    setBusy(false);
    setProblems(found);
  };

  return (
    <form
      className="fault-form"
      onSubmit={(e) => {
        e.preventDefault();
        void inject();
      }}
    >
      <Select testId="fault-type" label="inject" value={type} options={FAULT_TYPES.map((t) => ({ value: t.type, label: t.label }))} onChange={setType} />
      <div className="form-row">
        <Select testId="fault-target" label={spec.target === 'node' ? 'cut off' : 'on'} value={shownTarget} options={targets} onChange={setTarget} />
        {spec.params.map((p) => {
          const value = params[p.key] ?? defaults([p], topology, shownTarget)[p.key];
          const set = (v: string) => setParams((ps) => ({ ...ps, [p.key]: v }));
          if (p.kind === 'replica') {
            const replicas = replicaOptions(shownTarget, topology, p.every);
            return <Select key={p.key} label={p.label} value={replicas.some((o) => o.value === value) ? value : replicas[0].value} options={replicas} onChange={set} />;
          }
          if (p.kind === 'node') {
            const others = targetOptions('node', topology).filter((o) => o.value !== shownTarget);
            return <Select key={p.key} label={p.label} value={others.some((o) => o.value === value) ? value : (others[0]?.value ?? '')} options={others} onChange={set} />;
          }
          return (
            <label key={p.key} className="form-field form-field-small">
              <span className="form-label">{p.label}</span>
              {p.kind === 'duration' ? (
                <DurationInput value={value} placeholder={p.hint} onChange={set} testId={`fault-${p.key}`} />
              ) : (
                <input type="text" inputMode={p.kind === 'number' ? 'decimal' : 'text'} value={value} placeholder={p.hint} onChange={(e) => set(e.target.value)} />
              )}
            </label>
          );
        })}
      </div>
      <div className="form-row form-row-end">
        {!spec.oneShot && (
          <label className="form-field">
            <span className="form-label" title={`How long: ${DURATION_RULE}; empty lasts until cleared`}>for (e.g. 10s)</span>
            <DurationInput testId="fault-duration" value={duration} placeholder="until cleared" onChange={setDuration} />
          </label>
        )}
        <button type="submit" className="button button-inject" data-testid="fault-inject" disabled={busy || targets.length === 0}>
          + Inject
        </button>
      </div>
      {targets.length === 0 && <p className="form-note">No {spec.target} in this scenario.</p>}
      {problems.length > 0 && (
        <ul className="problems" data-testid="fault-problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path || '(fault)'}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

/** Default values of a fault type's extra fields; a partition's other side is the first other node. */
function defaults(params: ReturnType<typeof faultTypeSpec>['params'], topology: ScenarioInfo['topology'], target: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) out[p.key] = p.kind === 'node' ? (topology.nodes.find((n) => n.name !== target)?.name ?? '') : p.default;
  return out;
}

/** The extra fields as the form shows them: typed values, or defaults where a value no longer fits the target. */
function shownParams(
  specs: ReturnType<typeof faultTypeSpec>['params'],
  typed: Record<string, string>,
  topology: ScenarioInfo['topology'],
  target: string,
): Record<string, string> {
  const out = defaults(specs, topology, target);
  for (const p of specs) {
    const v = typed[p.key];
    if (v === undefined) continue;
    if (p.kind === 'replica' && !replicaOptions(target, topology, p.every).some((o) => o.value === v)) continue;
    if (p.kind === 'node' && (v === target || !topology.nodes.some((n) => n.name === v))) continue;
    out[p.key] = v;
  }
  return out;
}

function FaultList() {
  const controller = useController();
  const faults = useAppStore((s) => s.faults);
  const cleared = useAppStore((s) => s.clearedFaults);
  if (faults.length === 0) return <p className="form-note" data-testid="fault-list">No faults yet.</p>;
  const state = (f: FaultStatus) => faultState(f, cleared.includes(f.id));
  // One order, however and whenever the faults came (faultListOrder); each says where it is.
  return (
    <ul className="fault-list" data-testid="fault-list">
      {faultListOrder(faults).map((f) => {
        const s = state(f);
        const live = s.key === 'active' || s.key === 'pending';
        return (
          <li key={f.id} className={`fault fault-${s.key}`} data-testid="fault-item" data-fault-type={f.type}>
            <span className="fault-what">
              <span className="fault-type">{f.type}</span> <span className="fault-target">{f.target}</span>
              {f.amount && <span className="fault-amount"> {f.amount}</span>}
            </span>
            <span className="fault-when">{s.text}</span>
            {live && (
              <button type="button" className="button button-quiet button-small" data-testid="fault-clear" onClick={() => void controller.clearFault(f.id)}>
                clear
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
