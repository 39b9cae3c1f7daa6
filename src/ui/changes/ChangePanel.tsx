// "Apply a change now" (issue 12.2) and "Branch: what if, from here" (issue 12.3): a config change
// picked in a small form, made in this run (it joins the recipe like a live fault), or made only
// in a copy of the run opened beside it in the compare view (button or key `b`). The form's rules without React
// (types, targets, the change it describes, its words) are changeForm.ts's.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { inspectorStore } from '../inspector/inspectorStore';
import { useAppStore, useServices } from '../state/useAppStore';
import type { Problem } from '../state/store';
import { branchLink } from './branch';
import { faultBranchLink, lastInjected } from '../compare/faultBranch';
import { injectsSettled } from '../compare/pendingInjects';
import { detailsRows, formatDetails } from './details';
import { Counter } from '../../workers/protocol';
import { DEFAULT_POLICIES, KINDS, alternativeForm, appliedNote, buildChange, chosenTarget, filledDetails, formTargets, recipeReady, rolloutLine, type RouteNow } from './changeForm';
import './changes.css';

import { changeForNode, type ChangeType } from './selection';
import { useShownOptions } from '../components/shownOptions';
import { reachWorker, sourceOf } from './reachClient';
import { useFormReach } from './useFormReach';
import { changeFillStore } from './changeFill';
import { defaultQuestion, settleGate, targetPending } from './formSettled';

/** Said under the form while a branch's compare link loads (N19, item 2: nothing said that a branch reloads the page). */
const OPENING_BRANCH = 'Opening the branch: the page reloads into the compare view, side A and side B at this moment…';

/**
 * The change form: type, target and the rest as JSON (the fields of a scenario's `changes`
 * entry, README "Config changes"). Problems are listed as `change.field: message`.
 */
export function ChangePanel() {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const name = useAppStore((s) => s.info?.name ?? '');
  const { store, controller, frames } = useServices();
  const [type, setType] = useState<ChangeType>('policy');
  const [target, setTarget] = useState('');
  const [details, setDetails] = useState(KINDS.policy.details);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [note, setNote] = useState('');
  /** What the change just made may not do as meant (SimHost.applyChange's notes: a timeout shorter than the answers it waits for). */
  const [cautions, setCautions] = useState<Problem[]>([]);
  const branchRef = useRef<(fromKey?: boolean) => Promise<void>>(async () => {});
  const made = useAppStore((s) => s.recipe?.actions.filter((a) => a.kind === 'change').length ?? 0);
  const rollouts = useAppStore((s) => s.stats.rollouts);
  const scenarioRef = useAppStore((s) => s.recipe?.scenario);
  const actions = useAppStore((s) => s.recipe?.actions);
  // The service the form starts on: the first whose default change acts somewhere (retry-storm's web is
  // overridden by gateway api's own retries, so it starts on orders).
  const [preferred, setPreferred] = useState<{ target: string; policy: object } | null>(null);
  // The question (formSettled.ts defaultQuestion) the reach worker last answered with `preferred`.
  const [answered, setAnswered] = useState<string | null>(null);
  // The chosen gateway's route 0 policy as the file writes it: the gateway-route form starts from it (N9's finding 7).
  const [routeNow, setRouteNow] = useState<RouteNow | null>(null);
  const autoDetails = useRef(KINDS['gateway-route'].details);
  // The details box, so that a text the form fills in by itself waits while a person is in it (filledDetails).
  const detailsBox = useRef<HTMLTextAreaElement>(null);
  const inDetails = () => detailsBox.current !== null && document.activeElement === detailsBox.current;

  // A node picked in the picture (Inspect, then a click) fills the form's type and target.
  const picked = useStore(inspectorStore, (s) => (s.open && s.target?.kind === 'node' ? s.target.id : null));
  const [fromSelection, setFromSelection] = useState<string | null>(null);
  useEffect(() => {
    const node = picked === null ? undefined : topology?.nodes.find((n) => n.id === picked);
    const fit = node ? changeForNode(node, type) : null;
    if (!fit) return;
    if (fit.type !== type) {
      setType(fit.type);
      setDetails(KINDS[fit.type].details);
    }
    setTarget(fit.target);
    setFromSelection(fit.target);
    setProblems([]);
    // NOTE: on a new pick only; the type chosen by hand afterwards stays.
  }, [picked, topology]);

  const kind = KINDS[type];
  const targets = formTargets(topology, type);
  const chosen = chosenTarget(targets, target, preferred?.target ?? null);
  const policyTargets = type === 'policy' ? targets.join('|') : '';
  const shownTargets = useShownOptions(targets, String, chosen, true);
  // Until the worker says where the form starts, the service select waits (and Apply and Branch with it: formSettled.ts).
  const asked = defaultQuestion(scenarioRef, policyTargets);
  const choosing = targetPending(asked, answered, targets, target);
  useEffect(() => {
    if (!scenarioRef || !policyTargets) return;
    let live = true;
    void reachWorker()
      .actingDefault(sourceOf(scenarioRef), policyTargets.split('|'), DEFAULT_POLICIES)
      .catch(() => null)
      .then((pick) => {
        if (!live) return;
        setAnswered(asked);
        if (!pick) return;
        setPreferred(pick);
        // The details follow, unless the person wrote their own or is in the box (filledDetails): asked
        // when the box is drawn again, as a person may step into it between the answer and that render.
        setDetails((d) => filledDetails(d, formatDetails({ policy: pick.policy }), [KINDS.policy.details], inDetails()));
      });
    return () => void (live = false);
    // NOTE: once per scenario and target list; the person's own pick (`target`) wins over it.
  }, [scenarioRef, policyTargets]);
  useEffect(() => {
    if (type !== 'gateway-route' || !scenarioRef || !chosen) return;
    let live = true;
    void reachWorker()
      .routePolicy(sourceOf(scenarioRef), chosen, 0)
      .then((policy) => {
        if (!live) return;
        setRouteNow({ gateway: chosen, policy: policy ?? {} });
        if (policy === null) return;
        // The details follow the route as it stands, unless the person wrote their own.
        const next = formatDetails({ route: 0, policy });
        // NOTE: the box as last filled, read now: the updater runs at render, after the line below
        // (it read this answer's own text, so one gateway's route read first stayed: N11, 9).
        const auto = autoDetails.current;
        // Not while the person is in the box (filledDetails); what it holds then is theirs.
        setDetails((d) => filledDetails(d, next, [KINDS['gateway-route'].details, auto], inDetails()));
        autoDetails.current = next;
      })
      // Not read (the reach worker failed): the box is the person's again, as it stands.
      .catch(() => live && setRouteNow({ gateway: chosen, policy: {} }));
    return () => void (live = false);
  }, [type, chosen, scenarioRef]);
  // Until the chosen gateway's route is read, the box waits for it (trial N11, 9: read at once it
  // held the kind's default or the previous gateway's route, so the same clicks gave two boxes).
  const routePending = type === 'gateway-route' && !!scenarioRef && !!chosen && routeNow?.gateway !== chosen;
  const formKey = `${type}|${chosen}|${details}`;
  // The form as last drawn, for an Apply or a Branch that waited for it to stand still (settleGate).
  const formNow = useRef({ pending: false, formKey, build: () => buildChange(type, details, chosen, routeNow) });
  formNow.current = { pending: choosing || routePending, formKey, build: () => buildChange(type, details, chosen, routeNow) };
  const [gate] = useState(() => settleGate(() => formNow.current.pending));
  useEffect(() => gate.check());
  // What Apply or b found is about the form as it was: an edit leaves it to the check below.
  const firstKey = useRef(formKey);
  useEffect(() => {
    if (firstKey.current === formKey) return;
    firstKey.current = formKey;
    setProblems([]);
  }, [formKey]);
  const { reach, refused, setRefused } = useFormReach(formKey, scenarioRef, actions, () => buildChange(type, details, chosen, routeNow));

  /** Puts the change that would act in the form (the same fields on the caller's own route). */
  const takeAlternative = (alt: Record<string, unknown>) => {
    const f = alternativeForm(alt);
    setType(f.type);
    setTarget(f.target);
    setDetails(f.details);
    setProblems([]);
    setNote('');
    setCautions([]);
  };

  // A change another panel put in (the expiry note's lever, changeFill.ts): in the form, its Apply focused (and so in
  // view); the person presses it, so the change joins the recipe as one typed by hand does.
  const fill = useStore(changeFillStore);
  const applyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!fill.change) return;
    takeAlternative(fill.change);
    applyButton.current?.focus();
    // NOTE: once per request (fill.n), not when the form's own state changes.
  }, [fill.n]); // eslint-disable-line react-hooks/exhaustive-deps

  const apply = async () => {
    await gate.wait();
    const b = formNow.current.build();
    if (!b.ok) return setProblems(b.problems);
    const { problems: p, notes } = await controller.applyChange(b.change);
    setProblems(p);
    setCautions(notes);
    setNote(p.length ? '' : appliedNote(type, frames.latest?.simTime ?? store.getState().stats.simTime));
  };

  const branch = async (fromKey = false) => {
    // Key b right after injecting a fault (the recipe's last action): the branch is the run
    // without that fault beside the run with it, differing by it alone (new user, session 33: B
    // was the form's untouched default, which changed nothing, and every figure read 1.00x). The
    // button under the form always branches on the form's change.
    // An Inject pressed a moment before is waited for: the fault then is the recipe's last action.
    if (fromKey) await injectsSettled();
    // A b pressed while the scenario still opens waits for it (it was dropped without a word: a person who pressed b
    // at once after opening a link saw nothing happen; branch.spec at 1024x768 once in CI, session 36).
    await recipeReady(store);
    const latest = store.getState().recipe;
    if (fromKey && latest && lastInjected(latest.actions)) {
      await controller.seekDone();
      const s = store.getState();
      const fb = s.recipe && faultBranchLink(s.recipe, frames.latest?.simTime ?? s.stats.simTime, s.speedId);
      if (fb && !fb.ok) return setProblems([{ path: 'branch', message: fb.reason }]);
      if (fb) return void (setNote(OPENING_BRANCH), location.assign(`${location.pathname}${fb.search}`));
    }
    // The change as the form shows it once it stands still: not the first service while the form
    // still waits to move to the one whose default acts (N19's item 1: B went to web, the form said orders).
    await gate.wait();
    const b = formNow.current.build();
    if (!b.ok) return setProblems(b.problems);
    // A seek under way (a link's t=, a click on the timeline) lands first: the branch is at the
    // moment asked for, not where the clock was on its way (at 4-7 s of a link to 12 s).
    await controller.seekDone();
    // B would run without a change the run refuses: no branch; the form says why (checked here
    // too, for a b pressed before the form's own check ran).
    const s = store.getState();
    if (!s.recipe) return;
    const bad = await reachWorker().changeProblems(sourceOf(s.recipe.scenario), b.change);
    if (bad.length) return setRefused({ key: formNow.current.formKey, problems: bad });
    // The point on screen: the latest frame's time and events (the store's counters may lag it).
    const f = frames.latest;
    const point = f ? { ms: f.simTime, ev: f.counters[Counter.events] } : { ms: s.stats.simTime, ev: s.stats.events };
    const r = branchLink(s.recipe, b.change, point, s.speedId);
    if (!r.ok) return setProblems([{ path: 'branch', message: r.reason }]);
    setNote(OPENING_BRANCH);
    location.assign(`${location.pathname}${r.search}`);
  };
  branchRef.current = branch;

  // Key `b` branches from here, whatever was clicked last, except while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'b' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      e.preventDefault();
      void branchRef.current(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shown = problems.length ? problems : refused?.key === formKey ? refused.problems : [];
  if (!topology) return null;
  return (
    <section className="changes" aria-label="Config changes" data-testid="change-panel" key={name}>
      <h2 className="section-title">Config change</h2>
      <label className="change-row">
        <span>Change</span>
        <select
          data-testid="change-type"
          value={type}
          onChange={(e) => {
            const t = e.target.value as ChangeType;
            setType(t);
            setDetails(KINDS[t].details);
            setRouteNow(null);
            setProblems([]);
          }}
        >
          {(Object.keys(KINDS) as ChangeType[]).map((k) => (
            <option key={k} value={k} title={KINDS[k].title}>
              {KINDS[k].label}
            </option>
          ))}
        </select>
      </label>
      <label className="change-row">
        <span>{kind.field}</span>
        <select
          data-testid="change-target"
          value={chosen}
          onChange={(e) => setTarget(e.target.value)}
          disabled={choosing}
          aria-busy={choosing}
          data-pending={choosing || undefined}
          title={choosing ? 'finding the service whose change would act…' : fromSelection === chosen ? `${chosen}, picked in the picture` : undefined}
        >
          {shownTargets.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="change-row change-details">
        <span>details (JSON)</span>
        <textarea ref={detailsBox} data-testid="change-details" rows={detailsRows(details)} spellCheck={false} value={details} readOnly={routePending} aria-busy={routePending} data-pending={routePending || undefined} onChange={(e) => setDetails(e.target.value)} />
      </label>
      <div className="change-buttons">
        <button ref={applyButton} type="button" className="button button-small button-wrap" data-testid="change-apply" onClick={() => void apply()}>
          Apply a change now
        </button>
        <button type="button" className="button button-small button-quiet button-wrap" data-testid="branch" title="Branch: open the compare view with this run on the left and, on the right, the same run with this change made now (key b; right after injecting a fault, b branches on that fault: the run without it beside the run with it)" onClick={() => void branch()}>
          Branch (b)
        </button>
      </div>
      {reach && shown.length === 0 && (
        <div className={`change-reach${reach.madeAtMs !== undefined ? ' change-reach-made' : ''}`} role="status" data-testid="change-reach" data-reach={reach.madeAtMs !== undefined ? 'made' : reach.reach}>
          {reach.madeAtMs !== undefined ? (
            <p>
              {/* Not "in force": made at a moment, a change reaches each proxy when its control plane pushes it (the list below counts them). */}
              <strong>Already made. </strong>
              The run made this change at {(reach.madeAtMs / 1000).toFixed(1)} s
              {reach.reach === 'all' ? ', and it acts on every path it aims at.' : reach.reach === 'none' ? ', but it altered no request: ' : ', and it acts on some paths only: '}
              {reach.warning}
              {reach.owner ? ` ${reach.owner}` : ''} Applying it again would change nothing.
            </p>
          ) : (
          <p>
            <strong>{reach.reach === 'none' ? 'No effect. ' : reach.reach === 'all' ? 'Reach. ' : 'Only partly. '}</strong>
            {reach.warning}
            {reach.owner ? ` ${reach.owner}` : ''}
            {reach.reach === 'none' ? ' You may still branch, to show the no-op.' : ''}
          </p>
          )}
          {reach.alternative && (
            <button type="button" className="button button-small button-wrap" data-testid="change-alternative" title={JSON.stringify(reach.alternative)} onClick={() => takeAlternative(reach.alternative!)}>
              Change {reach.alternativeLabel} instead
            </button>
          )}
        </div>
      )}
      {shown.length > 0 && (
        <ul className="change-problems" data-testid="change-problems">
          {shown.map((p, i) => (
            <li key={i}>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {note && shown.length === 0 && <p className="change-note">{note}</p>}
      {note && shown.length === 0 && cautions.length > 0 && (
        <ul className="change-cautions" role="status" data-testid="change-cautions">
          {cautions.map((c, i) => (
            <li key={i}>
              <strong>Check: </strong>
              {c.path}: {c.message}
            </li>
          ))}
        </ul>
      )}
      {(made > 0 || (rollouts?.length ?? 0) > 0) && (
        <ul className="change-list" data-testid="change-list">
          {(rollouts ?? []).map((r) => (
            <li key={r.change} data-testid="change-item">
              {rolloutLine(r)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
