// What Run in the editor carries over from the run on screen (trial N10, 7c): from a link at 30 s
// with a fault, Edit -> Run went to 0 s with the fault gone. A run is its recipe (scenario, seed,
// live actions) and a moment, so the edited run's recipe is the edited text, the same seed and
// each live action the edited file still accepts, replayed at its time, then a seek to the
// moment: the path a share link takes (runLink.ts). Pure; runs in the editor's worker.
import { changeTarget, faultTarget } from '../../models';
import { parseScenarioText, readScenarioText, scenarioFormat, type Problem, type Scenario } from '../../scenario';
import { checkChange, checkFault } from '../../workers/recipe';
import { UNPINNED, type LiveAction } from '../../workers/liveActions';
import { faultName } from '../faults/faultName';
import { formatClock } from '../format';

/** One live action of the run as a person reads it, and why it was dropped. */
export interface CarriedNote {
  /** The action in words: "your fault at 10.0 s (HTTP errors on catalog)", "your change at 5.00 s (policy on frontend)", "your clear at 12.0 s of your fault at 10.0 s". */
  what: string;
  /** Why it was dropped (absent for one kept): "the edited file has catalog at 2 replicas". */
  why?: string;
}

/** What Run carries (carryRecipe). */
export interface Carry {
  /** The actions to replay on the edited scenario, in run order, unpinned (their event counts were another scenario's). */
  actions: LiveAction[];
  kept: CarriedNote[];
  dropped: CarriedNote[];
  /** The moment to seek to, simulated ms: the run's, or the edited run's end when it ends sooner. */
  tMs: number;
  /** The run's moment as given, simulated ms. */
  runMs: number;
  /** The edited run's duration, ms. */
  durationMs: number;
  /** True when the run's moment was past the edited run's end (tMs is then that end). */
  momentCut: boolean;
}

/** The scenario `text` read (raw, as SimHost keeps it) and validated; null when it is not a valid scenario. */
function readBoth(text: string, fileName: string | undefined): { raw: Record<string, unknown>; scenario: Scenario } | null {
  const format = scenarioFormat(fileName, text);
  const parsed = parseScenarioText(text, format);
  const read = readScenarioText(text, format);
  if (!parsed.ok || !read.ok || !read.data || typeof read.data !== 'object') return null;
  return { raw: read.data as Record<string, unknown>, scenario: parsed.scenario };
}

/**
 * A refusal of the edited file in words: a replica past the service's count ('"catalog" has
 * replicas 0 to 1, not 2', references.ts) as "the edited file has catalog at 2 replicas"; any
 * other as "the edited file refuses it (fault.service: unknown service …)". Pure.
 */
export function refusalInWords(problems: readonly Problem[]): string {
  const p = problems[0];
  if (!p) return 'the edited file refuses it';
  const replicas = /^"(.+)" has replicas 0 to (\d+), not \d+$/.exec(p.message);
  if (replicas) return `the edited file has ${replicas[1]} at ${Number(replicas[2]) + 1} replica${replicas[2] === '0' ? '' : 's'}`;
  return `the edited file refuses it (${p.path}: ${p.message})`;
}

/**
 * What Run in the editor keeps of the run on screen. `before` is the text of the scenario running
 * now (`beforeName` its file name, for JSON or YAML), `after` the edited text; `actions` the
 * recipe's live actions and `tMs` the run's moment (simulated ms).
 *
 * The rule, each action in run order, checked at its own time as a link's replay checks it
 * (workers/recipe.ts checkFault, checkChange; SimHost.setActions):
 * - an injected fault or a config change is kept when the edited file accepts it at its time
 *   (its target still exists: a service, a replica below the count, a route; its start inside the
 *   edited run), else dropped with the file's reason;
 * - a clear names a fault by number (the file's faults first, then the injections: liveActions.ts),
 *   so it is renumbered: a clear of an injection follows it (dropped with it), a clear of the
 *   file's own fault is kept only when the edited file has the same fault at the same place;
 * - an action after the edited run's end is dropped.
 * Kept actions are unpinned (`ev` UNPINNED): their event counts were of the other scenario.
 * The moment is kept, cut to the edited run's end when it ends sooner.
 *
 * Returns null when either text is not a valid scenario (Run is off then). Never throws.
 */
export function carryRecipe(before: string, beforeName: string | undefined, after: string, afterName: string | undefined, actions: readonly LiveAction[], tMs: number): Carry | null {
  const was = readBoth(before, beforeName);
  const now = readBoth(after, afterName);
  if (!was || !now) return null;
  const durationMs = now.scenario.duration;
  const fileFaultsBefore = was.scenario.faults.length;
  const fileFaultsAfter = now.scenario.faults.length;
  const out: Carry = { actions: [], kept: [], dropped: [], tMs: Math.min(Math.max(0, tMs), durationMs), runMs: tMs, durationMs, momentCut: tMs > durationMs };
  // Injections by their order in the run before: their new number (null when dropped) and time.
  const injected: { id: number | null; ms: number }[] = [];
  let nextId = fileFaultsAfter;
  for (const a of actions) {
    const at = ` at ${formatClock(a.ms)}`;
    const drop = (what: string, why: string) => out.dropped.push({ what, why });
    const keep = (what: string, action: LiveAction) => {
      out.kept.push({ what });
      out.actions.push({ ...action, ev: UNPINNED });
    };
    if (a.kind === 'inject') {
      const old = checkFault(was.raw, was.scenario.duration, a.fault, a.ms);
      const what = `your fault${at}${old.ok ? ` (${faultName(old.fault.type)} on ${faultTarget(old.fault)})` : ''}`;
      const r = a.ms > durationMs ? null : checkFault(now.raw, durationMs, a.fault, a.ms);
      if (!r) {
        injected.push({ id: null, ms: a.ms });
        drop(what, `the edited run ends at ${formatClock(durationMs)}`);
      } else if (!r.ok) {
        injected.push({ id: null, ms: a.ms });
        drop(what, r.problems.some((p) => p.path === 'fault.at') ? `it would start after the edited run ends (${formatClock(durationMs)})` : refusalInWords(r.problems));
      } else {
        injected.push({ id: nextId++, ms: a.ms });
        keep(what, a);
      }
    } else if (a.kind === 'change') {
      const old = checkChange(was.raw, was.scenario.duration, a.change, a.ms);
      const what = `your change${at}${old.ok ? ` (${old.change.type} on ${changeTarget(old.change)})` : ''}`;
      const r = a.ms > durationMs ? null : checkChange(now.raw, durationMs, a.change, a.ms);
      if (!r) drop(what, `the edited run ends at ${formatClock(durationMs)}`);
      else if (!r.ok) drop(what, r.problems.some((p) => p.path === 'change.at') ? `it would come after the edited run ends (${formatClock(durationMs)})` : refusalInWords(r.problems));
      else keep(what, a);
    } else if (a.id < fileFaultsBefore) {
      // The file's own fault: the same one at the same place in the edited file, or it is gone.
      const f = was.scenario.faults[a.id];
      const what = `your clear${at} of the scenario's ${faultName(f.type)} on ${faultTarget(f)}`;
      const same = a.id < fileFaultsAfter && JSON.stringify(now.scenario.faults[a.id]) === JSON.stringify(f);
      if (a.ms > durationMs) drop(what, `the edited run ends at ${formatClock(durationMs)}`);
      else if (!same) drop(what, "the edited file's faults are not the same: that fault is changed or gone");
      else keep(what, a);
    } else {
      // A clear of an injection: it follows that injection, renumbered, or goes with it.
      const of = injected[a.id - fileFaultsBefore];
      const id = of?.id ?? null;
      const what = `your clear${at} of your fault${of ? ` at ${formatClock(of.ms)}` : ''}`;
      if (id === null) drop(what, 'the fault it clears was dropped');
      else if (a.ms > durationMs) drop(what, `the edited run ends at ${formatClock(durationMs)}`);
      else keep(what, { ...a, id });
    }
  }
  return out;
}
