// "Branch: what if, from here" (issue 12.3): the compare view with the run as it is on the left
// and, on the right, the same recipe plus a config change made at this very point. Pure.
import type { LiveAction, RunPoint } from '../../workers/protocol';
import { pointBefore } from '../../workers/liveActions';
import { encodeCompareLink } from '../compare/link';
import { branchScenario } from '../compare/faultBranch';
import { formatT, packActions } from '../recipe/url';
import type { Recipe } from '../recipe/types';

/**
 * The compare link of a branch at `point` (simulated ms and events processed), or a reason there
 * is none: A is `recipe`, B the same with `change` inserted after every action at or before the
 * point, so both run the very same events up to it (the change made at its point adds no event
 * there: ConfigChanges.addLive). A shipped scenario goes by name; an opened file's goes packed in
 * the link's fragment (`#data=`, as the single view's link carries it), both sides DATA_SIDE,
 * unless it packs to more than MAX_DATA_BYTES (256 KB, the most a link may carry: url.ts).
 */
export function branchLink(recipe: Recipe, change: Record<string, unknown>, point: RunPoint, speedId: string): { ok: true; search: string } | { ok: false; reason: string } {
  const side = branchScenario(recipe);
  if (!side.ok) return side;
  const { id, data } = side;
  const at = recipe.actions.findIndex((a) => pointBefore(point, a));
  const cut = at < 0 ? recipe.actions.length : at;
  const mine: LiveAction = { kind: 'change', ms: point.ms, ev: point.ev, change };
  const b = [...recipe.actions.slice(0, cut), mine, ...recipe.actions.slice(cut)];
  return { ok: true, search: encodeCompareLink({ a: { id, actions: recipe.actions }, b: { id, actions: b }, seed: recipe.seed, tMs: point.ms, speedId, data }) };
}

/**
 * The query and fragment of the same compare link with B's `action` replaced by `change`, the
 * moment at the branch point (`t=`): what "the change that would act" opens. Pure.
 */
export function withBChange(search: string, hash: string, actions: readonly LiveAction[], action: LiveAction, change: Record<string, unknown>): string {
  const q = new URLSearchParams(search);
  q.set('faultsB', packActions(actions.map((x) => (x === action ? { ...action, change } : x))));
  q.set('t', formatT(action.ms));
  return `?${q.toString()}${hash}`;
}
