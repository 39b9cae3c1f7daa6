// A compare view's link: `?compare=a,b` names the two shipped scenarios (A left, B right), and
// the single view's `seed=`, `t=` and `speed=` mean the same here; `faults=` holds A's live
// faults and `faultsB=` B's (each pane's recipe pins its own event counts, so they differ).
// Untrusted input like any link: every problem comes back as `param: message`. Pure.
import type { LiveAction } from '../../workers/protocol';
import { decodeActions, decodeLink, formatT, linkParams, packActions, type LinkContext } from '../recipe/url';
import type { Problem } from '../state/store';

/** The parameters a compare link may hold. */
export const COMPARE_PARAMS = ['compare', 'seed', 'faults', 'faultsB', 't', 'speed'] as const;

/** What a compare link asks for, after checks. */
export interface CompareLink {
  /** A's and B's scenario names; null when the link names no usable pair. */
  pair: [string, string] | null;
  /** The seed both run with, or null for A's own. */
  seed: number | null;
  actionsA: LiveAction[];
  actionsB: LiveAction[];
  /** The moment, simulated ms (0 when not given). */
  tMs: number;
  speedId: string | null;
  problems: Problem[];
}

/** One pane's part of a link: its live actions. The scenario and seed are the pair's. */
export interface ComparePaneState {
  id: string;
  actions: readonly LiveAction[];
}

/** True when a page's query and fragment ask for the compare view. Pure. */
export function isCompareLink(search: string): boolean {
  return linkParams(search).has('compare');
}

/**
 * Reads a compare link (`location.search + location.hash`). Each bad parameter is reported at
 * its name and left out; an unknown scenario name in `compare` is named with the list of
 * scenarios, and then no pair opens (the view says so and offers the ready-made ones). Never
 * throws. Pure.
 */
export function decodeCompareLink(search: string, ctx: LinkContext): CompareLink {
  const q = linkParams(search);
  const problems: Problem[] = [];
  const bad = (path: string, message: string) => void problems.push({ path, message });
  const out: CompareLink = { pair: null, seed: null, actionsA: [], actionsB: [], tMs: 0, speedId: null, problems };
  for (const key of new Set(q.keys())) {
    if (!(COMPARE_PARAMS as readonly string[]).includes(key)) bad(key.length > 40 ? `${key.slice(0, 40)}…` : key, `is not a compare link parameter (they are: ${COMPARE_PARAMS.join(', ')}); left out`);
  }
  // The single view's reader checks seed, t, speed and faults the same way; the rest is ours.
  const shared = new URLSearchParams();
  for (const k of ['seed', 't', 'speed', 'faults'] as const) for (const v of q.getAll(k)) shared.append(k, v);
  const single = decodeLink(`?${shared.toString()}`, ctx);
  problems.push(...single.problems.map((p) => ({ ...p, message: p.message.replace(/; none were injected$/, '; none were injected in A') })));
  out.seed = single.seed;
  out.tMs = single.tMs;
  out.speedId = single.speedId;
  out.actionsA = single.actions;
  const faultsB = q.get('faultsB');
  if (faultsB !== null) {
    if (q.getAll('faultsB').length > 1) bad('faultsB', 'is given more than once; the first is used');
    out.actionsB = decodeActions(faultsB, (path, message) => bad(path.replace(/^faults/, 'faultsB'), message.replace(/; none were injected$/, '; none were injected in B')));
  }
  const raw = q.get('compare') ?? '';
  if (q.getAll('compare').length > 1) bad('compare', 'is given more than once; the first is used');
  const names = raw.split(',');
  if (names.length !== 2 || names.some((n) => n.trim() === '')) {
    bad('compare', `must name two scenarios, A and B, as compare=a,b (scenarios: ${ctx.scenarioIds.join(', ')}), got ${shown(raw)}`);
    return out;
  }
  const unknown = names.map((n, i) => ({ n: n.trim(), side: i === 0 ? 'A' : 'B' })).filter(({ n }) => !ctx.scenarioIds.includes(n));
  for (const { n, side } of unknown) bad('compare', `unknown scenario ${shown(n)} for ${side} (scenarios: ${ctx.scenarioIds.join(', ')}); pick a pair below`);
  if (unknown.length === 0) out.pair = [names[0].trim(), names[1].trim()];
  return out;
}

/**
 * The query string (with its `?`) of a compare view: the pair, the seed when one was given, each
 * pane's live actions, the moment and the speed. Pure.
 */
export function encodeCompareLink(s: { a: ComparePaneState; b: ComparePaneState; seed: number | null; tMs: number; speedId: string }): string {
  const q = [`compare=${encodeURIComponent(s.a.id)},${encodeURIComponent(s.b.id)}`];
  if (s.seed !== null) q.push(`seed=${s.seed}`);
  if (s.a.actions.length > 0) q.push(`faults=${packActions(s.a.actions)}`);
  if (s.b.actions.length > 0) q.push(`faultsB=${packActions(s.b.actions)}`);
  if (s.tMs > 0) q.push(`t=${formatT(s.tMs)}`);
  q.push(`speed=${encodeURIComponent(s.speedId)}`);
  return `?${q.join('&')}`;
}

/** A value from a link, quoted and cut short for a message (rendered as text). */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 28)}…${text.slice(-28)}` : text);
}
