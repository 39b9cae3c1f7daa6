// Branching on a fault just injected (new user, session 33, item 8): a person injects HTTP errors
// on inventory at 10 s and presses b. A run is its recipe, so the branch that answers "what did
// that fault do?" is the same recipe without the fault (A) beside the recipe with it (B): both
// run the very same events up to the injection, and differ by it alone. Pure.
import type { LiveAction } from '../../workers/protocol';
import type { Recipe } from '../recipe/types';
import { packScenario, MAX_DATA_BYTES } from '../recipe/url';
import { DATA_SIDE, encodeCompareLink } from './link';
import { faultLabel } from './injectedFaults';

type Inject = Extract<LiveAction, { kind: 'inject' }>;

/** The recipe's last action when it is an injection (the person's latest act on the run), else null. Pure. */
export function lastInjected(actions: readonly LiveAction[]): Inject | null {
  const last = actions[actions.length - 1];
  return last !== undefined && last.kind === 'inject' ? last : null;
}

/**
 * How a branch's link names the recipe's scenario for both sides: a shipped one by name, an
 * opened file's packed for the link's fragment (`#data=`, both sides DATA_SIDE), or why not (it
 * packs to more than MAX_DATA_BYTES, the most a link may carry). Shared by branchLink
 * (changes/branch.ts) and faultBranchLink. Pure.
 */
export function branchScenario(recipe: Recipe): { ok: true; id: string; data?: string } | { ok: false; reason: string } {
  if (recipe.scenario.kind === 'builtin') return { ok: true, id: recipe.scenario.id };
  const packed = packScenario(recipe);
  if (packed === null) return { ok: false, reason: `this scenario packs to more than ${MAX_DATA_BYTES / 1024} KB, the most a link may carry, and the compare view opens a branch by link; cut the scenario down, or branch a shipped one` };
  return { ok: true, id: DATA_SIDE, data: packed };
}

/**
 * The compare link of a branch on the recipe's last injected fault, opened at `atMs` (the moment
 * on screen, simulated ms): A is the recipe without that injection, B the recipe as it is, so the
 * two differ by the fault alone (it is last, so no clear or later action is renumbered). A shipped
 * scenario goes by name, an opened file's packed in the fragment as branchLink packs it (refused
 * past MAX_DATA_BYTES). Null when the last action is not an injection. Pure.
 */
export function faultBranchLink(recipe: Recipe, atMs: number, speedId: string): { ok: true; search: string } | { ok: false; reason: string } | null {
  if (!lastInjected(recipe.actions)) return null;
  const side = branchScenario(recipe);
  if (!side.ok) return side;
  const { id, data } = side;
  const without = recipe.actions.slice(0, -1);
  return { ok: true, search: encodeCompareLink({ a: { id, actions: without }, b: { id, actions: recipe.actions }, seed: recipe.seed, tMs: atMs, speedId, data }) };
}

/**
 * The pane labels of a fault branch: when both run one scenario (`same`) and B is A's actions
 * plus one injection after them all, A is "without <fault>" and B "with <fault> at <time>"
 * ("with HTTP errors on inventory at 10.0 s"); else null. Pure.
 */
export function faultBranchLabels(same: boolean, a: readonly LiveAction[], b: readonly LiveAction[]): [string, string] | null {
  if (!same || b.length !== a.length + 1) return null;
  const last = lastInjected(b);
  if (!last) return null;
  // The actions A shares with B are compared by what they do and when, not by event counts,
  // which a run pins afresh (liveActions.ts RunPoint).
  const plain = (x: LiveAction) => JSON.stringify({ ...x, ev: undefined });
  if (a.some((x, i) => plain(x) !== plain(b[i]))) return null;
  const what = faultLabel(last.fault);
  return [`without ${what}`, `with ${what} at ${(last.ms / 1000).toFixed(1)} s`];
}
