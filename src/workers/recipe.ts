// The recipe's live part checked against the scenario: faults and config changes given while the
// run plays (or replayed from a link) are validated as entries of the scenario file would be, and
// listed with the scenario's own. Plain functions: none changes the world or the actions.
import { changeTarget, faultAmount, faultTarget, type World } from '../models';
import { countOf, formatDuration, shortTimeoutNotes, validateScenario, type Problem, type Scenario } from '../scenario';
import { pointBefore, type LiveAction } from './liveActions';
import type { FaultStatus } from './protocol';
import { expiryRefusals } from './faultRefusals';

/** A config change of the run as listed for the UI (SimHost.changes). */
export interface ChangeStatus {
  id: number;
  type: string;
  target: string;
  /** When its rollout began, or is to begin (simulated ms). */
  atMs: number;
  /** Proxies the rollout reaches, and those it has reached so far; 0 before it begins. */
  proxies: number;
  applied: number;
  /** When every proxy had it (simulated ms); null until then. */
  allAtMs: number | null;
  /** Not begun yet. */
  pending: boolean;
}

/** When a fault's duration (`for`) runs out if it starts at `startMs`; null without one. Pure. */
function plannedEnd(f: object, startMs: number): number | null {
  const d = (f as { for?: number }).for;
  return d === undefined ? null : startMs + d;
}

/**
 * Validates one entry of the scenario's `list` given live, as the scenario as written
 * (`rawScenario`) with that entry alone in the list: the scenario so read, or problems with the
 * entry's path `list.0` named `name` (`fault.type: ...`); problems elsewhere (none expected) as
 * they are. Pure.
 */
function validateEntry(rawScenario: Record<string, unknown>, list: 'faults' | 'changes', name: 'fault' | 'change', input: unknown): { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: [{ path: name, message: 'must be an object with a type' }] };
  const r = validateScenario({ ...rawScenario, [list]: [input] });
  if (r.ok) return r;
  const prefix = `${list}.0`;
  const mine = r.problems.filter((p) => p.path.startsWith(prefix));
  return { ok: false, problems: (mine.length ? mine : r.problems).map((p) => ({ path: p.path.startsWith(prefix) ? name + p.path.slice(prefix.length) : p.path, message: p.message })) };
}

/**
 * Checks a fault given live against the scenario as written (`rawScenario`), `at` counting from
 * `now` (ms) in a run of `durationMs`; the fault to add (with `at` made absolute), or problems as
 * `fault.field: message`. Pure.
 */
export function checkFault(rawScenario: Record<string, unknown>, durationMs: number, input: unknown, now: number): { ok: true; fault: Scenario['faults'][number] } | { ok: false; problems: Problem[] } {
  const r = validateEntry(rawScenario, 'faults', 'fault', input);
  if (!r.ok) return r;
  const f = r.scenario.faults[0];
  // `at` counts from now here: the start must still fall inside the run.
  if (now + f.at >= durationMs) {
    return { ok: false, problems: [{ path: 'fault.at', message: `starts at ${formatDuration(now + f.at)}, when the run is over (duration ${formatDuration(durationMs)})` }] };
  }
  return { ok: true, fault: { ...f, at: now + f.at } };
}

/**
 * A live change checked against the scenario as written (`rawScenario`), `at` counting from `now`
 * (ms) in a run of `durationMs`; made absolute, with notes that do not refuse it (a timeout shorter
 * than the callee's mean service time: shortTimeoutNotes), or problems as `change.field: message`. Pure.
 */
export function checkChange(rawScenario: Record<string, unknown>, durationMs: number, input: unknown, now: number): { ok: true; change: Scenario['changes'][number]; notes: Problem[] } | { ok: false; problems: Problem[] } {
  const r = validateEntry(rawScenario, 'changes', 'change', input);
  if (!r.ok) return r;
  const offset = r.scenario.changes[0].at;
  // `at` counts from now here: the change must still fall inside the run.
  if (now + offset >= durationMs) return { ok: false, problems: [{ path: 'change.at', message: `is at ${formatDuration(now + offset)}, when the run is over (duration ${formatDuration(durationMs)})` }] };
  // Taken, with a note where its timeout is shorter than the work it waits for (lint's MS012, read statically).
  return { ok: true, change: { ...r.scenario.changes[0], at: now + offset }, notes: shortTimeoutNotes(r.scenario, r.scenario.changes[0], 'change', input) };
}

/**
 * Checks live actions (from a link) for a run of `durationMs` whose scenario has
 * `scenarioFaults` faults: a point out of order, a clear of a fault that will not exist, or a
 * fault or change the scenario refuses is dropped and named as `faults.N...: message` (N its
 * place in `list`). Returns the actions kept, in order, and those problems. Pure.
 */
export function checkActions(rawScenario: Record<string, unknown>, durationMs: number, scenarioFaults: number, list: readonly LiveAction[]): { kept: LiveAction[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const kept: LiveAction[] = [];
  let faults = scenarioFaults;
  list.forEach((a, i) => {
    const last = kept[kept.length - 1];
    if (a.ms > durationMs) return void problems.push({ path: `faults.${i}`, message: `is at ${formatDuration(a.ms)}, after the run ends (duration ${formatDuration(durationMs)})` });
    if (last && pointBefore(a, last)) return void problems.push({ path: `faults.${i}`, message: `comes before the one before it (${a.ms} ms, event ${a.ev}; it was at ${last.ms} ms, event ${last.ev}): actions must be in run order` });
    if (a.kind === 'clear') {
      if (a.id >= faults) return void problems.push({ path: `faults.${i}`, message: `clears fault ${a.id}, but the run has only ${countOf(faults, 'fault')} by then` });
    } else if (a.kind === 'change') {
      const r = checkChange(rawScenario, durationMs, a.change, a.ms);
      if (!r.ok) return void problems.push(...r.problems.map((p) => ({ path: `faults.${i}.${p.path}`, message: p.message })));
    } else {
      const r = checkFault(rawScenario, durationMs, a.fault, a.ms);
      if (!r.ok) return void problems.push(...r.problems.map((p) => ({ path: `faults.${i}.${p.path}`, message: p.message })));
      faults++;
    }
    kept.push(a);
  });
  return { kept, problems };
}

/** The fault types whose effect the model counts (models/faults/faultMarks.ts): FaultStatus.effect. */
const MARKED = new Set(['http-abort', 'kill-replica', 'kill-service']);

/**
 * Every fault of the run in `w`: from the scenario and injected, started or pending, then the
 * injections among `actions` from `nextAction` on (the recipe's, not reached yet after a seek
 * back) as pending, each with its owner: 'scenario' for the first `own` (the scenario's
 * `faults`, numbered first), 'yours' for the rest. Reads only.
 */
export function faultStatuses(w: World, rawScenario: Record<string, unknown>, actions: readonly LiveAction[], nextAction: number, own: number): FaultStatus[] {
  // The scenario's own faults are numbered first, then the injections replayed (liveActions.ts).
  const list: FaultStatus[] = w.faults.faults.map((f, id) => {
    const h = [...w.faults.history].reverse().find((x) => x.fault === id);
    const startMs = h?.startMs ?? f.at;
    const s: FaultStatus = { id, type: f.type, target: faultTarget(f), amount: faultAmount(f), startMs, endMs: h?.endMs ?? null, untilMs: plannedEnd(f, startMs), pending: !h, owner: id < own ? 'scenario' : 'yours' };
    // An expiry that has started: its own first refused handshake (faultRefusals.ts).
    if (f.type === 'expire-certificates' && h) s.refusals = expiryRefusals(w, f, startMs);
    // What an http-abort or a kill did (faultMarks.ts): a copy, as the list crosses to the app.
    if (h && MARKED.has(f.type)) s.effect = { ...(w.faults.marks.effects[id] ?? { failed: 0, retried: 0, ended: 0 }) };
    if (f.type === 'expire-certificates' && f.mesh !== undefined) s.mesh = f.mesh;
    return s;
  });
  // Injections of the recipe the run has not reached yet (after a seek back) are to come.
  let id = list.length;
  for (let i = nextAction; i < actions.length; i++) {
    const a = actions[i];
    if (a.kind !== 'inject') continue;
    const r = checkFault(rawScenario, w.duration, a.fault, a.ms);
    if (!r.ok) continue;
    const f = r.fault;
    list.push({ id: id++, type: f.type, target: faultTarget(f), amount: faultAmount(f), startMs: f.at, endMs: null, untilMs: plannedEnd(f, f.at), pending: true, owner: 'yours', ...(f.type === 'expire-certificates' && f.mesh !== undefined ? { mesh: f.mesh } : {}) });
  }
  return list;
}

/** Config changes of the run in `w`: the scenario's and live ones, made or to come, with how far each spread. Reads only. */
export function changeStatuses(w: World): ChangeStatus[] {
  const cc = w.configChanges;
  return cc.changes.map((c, id) => {
    const r = cc.rollouts.find((x) => x.change === id);
    return { id, type: c.type, target: changeTarget(c), atMs: r?.atMs ?? c.at, proxies: r?.proxies ?? 0, applied: r?.applied ?? 0, allAtMs: r?.allAtMs ?? null, pending: !r };
  });
}
