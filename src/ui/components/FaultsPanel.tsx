// The faults of a run: a small form that injects one while the run plays, with the worker's
// problems listed as `path: message`, and the list of faults with a clear button each.
import { trackInject } from '../compare/pendingInjects';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FaultStatus, ScenarioInfo } from '../../workers/protocol';
import { buildFault, faultFieldLabel, faultFormProblems, fieldChoices, targetOptions, withCheckedRest, type TargetKind } from '../faults/faultForm';
import { FaultFields, useFaultFields } from '../faults/FaultFields';
import { faultListOrder, faultState } from './faultState';
import type { Problem } from '../state/store';
import { useAppStore, useController } from '../state/useAppStore';
import { useStore } from 'zustand';
import { inspectorStore } from '../inspector/inspectorStore';
import { faultsFor, selectionName } from '../faults/faultsFor';
import { faultFamily, faultName, faultWhere } from '../faults/faultName';
import { faultOwner } from '../faults/faultOwner';
import { FaultEffectLine } from '../faults/FaultEffectLine';
import '../faults/faultOwner.css';
import type { FaultFormValues } from '../faults/faultForm';

/** An expiry's story line (trial N14, 1): a lazy chunk, shown under an expire-certificates fault once it starts. */
const ExpiryRefusals = lazy(() => import('./expiryParts').then((m) => ({ default: m.ExpiryRefusals })));

/** Values a "faults from the picture" button put in the form; `n` tells two clicks apart. */
type Preset = { values: FaultFormValues; n: number } | null;

/**
 * A fault injected from the form: the ids the list held when + Inject was pressed, so the new
 * fault is the one listed later with an id not among them; `n` tells two injections apart.
 */
interface Reveal {
  n: number;
  before: ReadonlySet<number>;
}

export function FaultsPanel() {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const name = useAppStore((s) => s.info?.name ?? '');
  const [preset, setPreset] = useState<Preset>(null);
  /** The last fault injected from the form, to bring into the column's view once it is listed. */
  const [reveal, setReveal] = useState<Reveal | null>(null);
  if (!topology) return null;
  return (
    <section className="faults" aria-label="Faults">
      <h2 className="section-title">Faults</h2>
      <ForSelection topology={topology} onPick={(values) => setPreset((p) => ({ values, n: (p?.n ?? 0) + 1 }))} />
      <FaultForm key={name} topology={topology} preset={preset} onInjected={(before) => setReveal((r) => ({ n: (r?.n ?? 0) + 1, before }))} />
      <FaultList reveal={reveal} />
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
        Clear your faults ({injected})
      </button>
    </div>
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
          className="button button-quiet button-small button-wrap"
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

function FaultForm({ topology, preset, onInjected }: { topology: ScenarioInfo['topology']; preset: Preset; onInjected: (before: ReadonlySet<number>) => void }) {
  const controller = useController();
  const targetsOf = useCallback((kind: TargetKind) => targetOptions(kind, topology), [topology]);
  const choices = useMemo(() => fieldChoices([topology]), [topology]);
  const f = useFaultFields(targetsOf, choices, preset);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const listed = useAppStore((s) => s.faults);
  useEffect(() => setProblems([]), [f.type]);
  // The problems go under the form, at the column's foot below the story: brought into the
  // column's view on each press (a new list each time, the same words again included), or at
  // 1600x1000 hello-mesh's message sat below the column and + Inject seemed to do nothing.
  const said = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (problems.length > 0) said.current?.scrollIntoView({ block: 'nearest' });
  }, [problems]);
  const form = useRef<HTMLFormElement>(null);

  const inject = async () => {
    setBusy(true);
    const before = new Set(listed.map((x) => x.id));
    const local = faultFormProblems(f.values);
    // With problems of its own the form injects nothing, but has the worker check the rest: all are listed at once.
    const found = local.length > 0 ? withCheckedRest(local, await controller.checkFault(buildFault(f.values))) : await trackInject(controller.injectFault(buildFault(f.values)));
    setBusy(false);
    setProblems(found);
    if (found.length === 0) {
      onInjected(before);
      // Injected: the keys are the run's again (Space plays, Shift+→ seeks). After Enter in a field
      // the focus stayed there, so the shortcuts did nothing and Space typed into "for" ("10s ",
      // N4's trial 5). Left on the page (not a button, which Enter would press again); the values
      // stay for the next fault. Not when the person has moved on to another control meanwhile.
      const at = document.activeElement;
      if (at instanceof HTMLElement && form.current?.contains(at)) at.blur();
    }
  };

  return (
    <form
      ref={form}
      className="fault-form"
      onSubmit={(e) => {
        e.preventDefault();
        void inject();
      }}
    >
      <FaultFields f={f} ids={FIELD_IDS} withLever>
        <button type="submit" className="button button-inject" data-testid="fault-inject" disabled={busy || f.targets.length === 0}>
          + Inject
        </button>
      </FaultFields>
      {f.targets.length === 0 && <p className="form-note">No {f.spec.target} in this scenario.</p>}
      {problems.length > 0 && (
        <ul ref={said} className="problems" data-testid="fault-problems" role="alert">
          {problems.map((p, i) => (
            <li key={i}>
              {/* Each field by its label, as the editor's Add form names it ("for", "times slower"). */}
              <strong>{p.path ? faultFieldLabel(f.values.type, p.path) : '(fault)'}</strong>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

/** The single view's test ids of the fault fields. */
const FIELD_IDS = { type: 'fault-type', target: 'fault-target', duration: 'fault-duration', param: 'fault-' };

/**
 * The run's faults. `reveal` is the last fault injected from the form: once it is listed, its
 * item (that one only, once) is brought into the column's view. Under hello-mesh's description
 * the list sat below the column at 1600x1000 and 1024x768, so a newcomer pressing + Inject saw
 * the form unchanged (README's first run, step 4; helper N, session 25). The list used to scroll
 * itself into view on every later change of the faults' count too (a seek, Clear injected faults,
 * a link's faults), pulling the column away from what the person was reading (session 26).
 */
function FaultList({ reveal }: { reveal: Reveal | null }) {
  const controller = useController();
  const faults = useAppStore((s) => s.faults);
  const listed = useAppStore((s) => s.faultsListed);
  const cleared = useAppStore((s) => s.clearedFaults);
  const list = useRef<HTMLUListElement>(null);
  const shown = useRef(0);
  useEffect(() => {
    if (!reveal || shown.current === reveal.n) return;
    const added = faults.filter((f) => !reveal.before.has(f.id));
    if (added.length === 0) return;
    shown.current = reveal.n;
    const id = Math.max(...added.map((f) => f.id));
    list.current?.querySelector(`[data-fault-id="${id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [reveal, faults]);
  // Until the run's faults are known, the words' room held and nothing said: "No faults yet." showed for a frame after
  // 'ready' before a scenario's own faults came from the worker (faultlistwait.spec).
  if (!listed)
    return (
      <p className="form-note" data-testid="fault-list" data-listed="false" aria-busy="true" style={{ visibility: 'hidden' }}>
        No faults yet.
      </p>
    );
  if (faults.length === 0) return <p className="form-note" data-testid="fault-list">No faults yet.</p>;
  const state = (f: FaultStatus) => faultState(f, cleared.includes(f.id));
  // One order, however and whenever the faults came (faultListOrder); each says where it is, and
  // its edge has its lane's colour (faultFamily), dashed while it waits as the lane ahead of the run.
  return (
    <ul ref={list} className="fault-list" data-testid="fault-list">
      {faultListOrder(faults).map((f) => {
        const s = state(f);
        const live = s.key === 'active' || s.key === 'pending';
        // Whose it is, in words (trial N10, 7b): the file's fault had a clear button beside 'Clear injected faults (1)', which counted only the person's.
        const owner = faultOwner(f);
        return (
          <li key={f.id} className={`fault fault-${s.key}`} data-testid="fault-item" data-fault-type={f.type} data-fault-family={faultFamily(f.type)} data-fault-id={f.id} data-owner={owner}>
            <span className="fault-what">
              <span className="fault-type">{faultName(f.type)}</span> <span className="fault-target">{faultWhere(f.type, f.target)}</span>
              {f.amount && <span className="fault-amount"> {f.amount}</span>}
            </span>
            <span className="fault-when-row">
              <span className="fault-owner" data-testid="fault-owner">
                {owner === 'scenario' ? "the scenario's" : 'yours'}
              </span>
              <span className="fault-when">{s.text}</span>
            </span>
            {f.type === 'expire-certificates' && !f.pending && (
              <Suspense fallback={null}>
                <ExpiryRefusals refusals={f.refusals} fault={f} />
              </Suspense>
            )}
            {f.effect && <FaultEffectLine fault={f} />}
            {live && (
              <button
                type="button"
                className="button button-quiet button-small"
                data-testid="fault-clear"
                title={owner === 'scenario' ? "Clear the scenario's own fault in this run (the file keeps it; the clear replays on a seek and in the link)" : 'Clear your fault (it stays in the run until now; Clear your faults removes it)'}
                onClick={() => void controller.clearFault(f.id)}
              >
                clear
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
