// "Branch: what if, from here" (issue 12.3): the compare view with the run as it is on the left
// and, on the right, the same recipe plus a config change made at this very point. Pure.
import type { LiveAction, RunPoint } from '../../workers/protocol';
import { pointBefore } from '../../workers/liveActions';
import { encodeCompareLink } from '../compare/link';
import type { Recipe } from '../recipe/types';

/**
 * The compare link of a branch at `point` (simulated ms and events processed), or a reason there
 * is none: A is `recipe`, B the same with `change` inserted after every action at or before the
 * point, so both run the very same events up to it (the change made at its point adds no event
 * there: ConfigChanges.addLive). The link names shipped scenarios only.
 */
export function branchLink(recipe: Recipe, change: Record<string, unknown>, point: RunPoint, speedId: string): { ok: true; search: string } | { ok: false; reason: string } {
  if (recipe.scenario.kind !== 'builtin') return { ok: false, reason: "a branch opens the compare view by link, and an opened file's run has no name to link to; use a shipped scenario" };
  const id = recipe.scenario.id;
  const at = recipe.actions.findIndex((a) => pointBefore(point, a));
  const cut = at < 0 ? recipe.actions.length : at;
  const mine: LiveAction = { kind: 'change', ms: point.ms, ev: point.ev, change };
  const b = [...recipe.actions.slice(0, cut), mine, ...recipe.actions.slice(cut)];
  return { ok: true, search: encodeCompareLink({ a: { id, actions: recipe.actions }, b: { id, actions: b }, seed: recipe.seed, tMs: point.ms, speedId }) };
}
