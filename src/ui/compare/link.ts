// A compare view's link: `?compare=a,b` names the two shipped scenarios (A left, B right), and
// the single view's `seed=`, `t=` and `speed=` mean the same here; `faults=` holds A's live
// faults and `faultsB=` B's (each pane's recipe pins its own event counts, so they differ).
// A run of an opened file has no name: its side is written `@data`, and the scenario goes packed
// in the fragment (`#data=`, as the single view's link carries a file); a second opened file, B's
// when A runs another one (two files chosen together in Open file…, trial N11, 4), is `@dataB`,
// packed as `dataB=` beside it. A share link adds `cols=`, the columns a row of each pane's
// picture (`cols=4` for both, `cols=4,3` when they differ; not the runs': never in a recipe).
// Untrusted input like any link: every problem comes back as `param: message`. Pure.
import type { LiveAction } from '../../workers/protocol';
import { decodeActions, decodeLink, formatT, linkParams, MAX_LINK_COLS, packActions, parseLinkTime, scenarioMeant, scenarioNear, type LinkContext } from '../recipe/url';
import type { ScenarioRef } from '../recipe/types';
import type { LinkProblem } from '../state/store';
import { windowSecs, type PairWindow } from './windowSpan';

/** The parameters a compare link may hold. */
export const COMPARE_PARAMS = ['compare', 'seed', 'faults', 'faultsB', 't', 'speed', 'scope', 'from', 'to', 'data', 'dataB', 'cols'] as const;

/**
 * The name a compare link gives a side whose scenario is the one packed in its `data` fragment
 * (an opened file's). Not a scenario name: those are letters, digits, `.`, `_` and `-`.
 */
export const DATA_SIDE = '@data';

/** The name of a side whose scenario is a second opened file, packed in the link's `dataB` fragment (see DATA_SIDE). */
export const DATA_SIDE_B = '@dataB';

/** What a compare link asks for, after checks. */
export interface CompareLink {
  /** A's and B's scenario names (DATA_SIDE for the packed one); null when the link names no usable pair. */
  pair: [string, string] | null;
  /** With no usable pair, the first of the two names that is a shipped scenario (for "Single view"), else null. */
  knownSide: string | null;
  /** A's and B's scenarios (a packed one inline), with `pair`. */
  scenarios: [ScenarioRef, ScenarioRef] | null;
  /** The seed both run with, or null for A's own. */
  seed: number | null;
  actionsA: LiveAction[];
  actionsB: LiveAction[];
  /** The moment, simulated ms (0 when not given). */
  tMs: number;
  speedId: string | null;
  /** The client whose requests the figures are for (`scope=shoppers`), or null for every client's. */
  scope: string | null;
  /** Whether the link said whose requests (`scope=` a client or SCOPE_ALL); without it a pair opens on its lesson's client (pairs.ts lessonClient). */
  scopeGiven: boolean;
  /** The figures' window (`from=11s&to=24s`, as `compare --from/--to`), or null; checked against the runs once they open. */
  window: PairWindow | null;
  /** A's and B's pictures' columns a row (`cols=`, topology/linkArrangement.ts), each null when not given. */
  cols: PaneCols;
  problems: LinkProblem[];
}

/** Each pane's picture's columns a row (A's, B's; topology/linkArrangement.ts linkColumns), null for none (group tiles, not given). */
export type PaneCols = readonly [number | null, number | null];

/** One pane's part of a link: its live actions. The scenario and seed are the pair's. */
export interface ComparePaneState {
  /** A shipped scenario's name, or DATA_SIDE / DATA_SIDE_B for the scenario packed in the link's `data` / `dataB`. */
  id: string;
  actions: readonly LiveAction[];
}

/** True when a page's query and fragment ask for the compare view. Pure. */
export function isCompareLink(search: string): boolean {
  return linkParams(search).has('compare');
}

/**
 * True when this page asks for the compare view (`?compare=a,b`); fixed for the page's life
 * (entering or leaving it loads a page). Here, not in CompareRoot, so App can tell without loading
 * the compare view's code. Reads `location`.
 */
export function isComparePage(): boolean {
  return typeof location !== 'undefined' && isCompareLink(location.search + location.hash);
}

/**
 * Reads a compare link (`location.search + location.hash`). Each bad parameter is reported at
 * its name and left out; an unknown scenario name in `compare` is named with the list of
 * scenarios, and then no pair opens (the view says so and offers the ready-made ones). Never
 * throws. Pure.
 */
export function decodeCompareLink(search: string, ctx: LinkContext): CompareLink {
  const q = linkParams(search);
  const problems: LinkProblem[] = [];
  const bad = (path: string, message: string) => void problems.push({ path, message });
  const out: CompareLink = { pair: null, knownSide: null, scenarios: null, seed: null, actionsA: [], actionsB: [], tMs: 0, speedId: null, scope: null, scopeGiven: false, window: null, cols: [null, null], problems };
  for (const key of new Set(q.keys())) {
    if (!(COMPARE_PARAMS as readonly string[]).includes(key)) bad(key.length > 40 ? `${key.slice(0, 40)}…` : key, `is not a compare link parameter (they are: ${COMPARE_PARAMS.join(', ')}); left out`);
  }
  // The single view's reader checks seed, t, speed and faults the same way; the rest is ours.
  const shared = new URLSearchParams();
  for (const k of ['seed', 't', 'speed', 'faults', 'data'] as const) for (const v of q.getAll(k)) shared.append(k, v);
  const single = decodeLink(`?${shared.toString()}`, ctx);
  problems.push(...single.problems.map((p) => ({ ...p, message: p.message.replace(/; none were injected$/, '; none were injected in A').replace(/; opened \S+ instead$/, '') })));
  const packed = single.scenario?.kind === 'inline' ? single.scenario : null;
  // B's own file, checked as `data` is (its size, its packing), each problem said at `dataB`.
  const dataB = q.get('dataB');
  let packedB: ScenarioRef | null = null;
  if (dataB !== null) {
    if (q.getAll('dataB').length > 1) bad('dataB', 'is given more than once; the first is used');
    const b = decodeLink(`?${new URLSearchParams({ data: dataB }).toString()}`, ctx);
    problems.push(...b.problems.filter((p) => p.path === 'data').map((p) => ({ path: 'dataB', message: p.message.replace(/; opened \S+ instead$/, '') })));
    packedB = b.scenario?.kind === 'inline' ? b.scenario : null;
  }
  out.seed = single.seed;
  out.tMs = single.tMs;
  out.speedId = single.speedId;
  out.actionsA = single.actions;
  // The figures' client scope: a client's name as a scenario gives it; which clients a run has is known once it opens.
  const scope = q.get('scope');
  if (scope !== null) out.scopeGiven = true;
  if (scope === SCOPE_ALL) {
    // Every client's, said: a pair with a lesson's client does not open on it.
  } else if (scope !== null) {
    if (/^[A-Za-z0-9._-]{1,63}$/.test(scope)) out.scope = scope;
    else bad('scope', `must name a client (letters, digits, '.', '_' or '-'), got ${shown(scope)}; showing all clients`);
  }
  out.window = decodeWindow(q.get('from'), q.get('to'), bad);
  const cols = q.get('cols');
  if (cols !== null) out.cols = decodeCols(cols, bad);
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
  const sides = names.map((n, i) => ({ n: n.trim(), side: i === 0 ? 'A' : 'B' }));
  let usable = true;
  for (const { n, side } of sides) {
    if (n === DATA_SIDE) {
      if (packed) continue;
      usable = false;
      if (q.get('data') === null) bad('compare', `${side} is ${DATA_SIDE}, the scenario packed in the link's data, but the link has no data (was it cut short?)`);
    } else if (n === DATA_SIDE_B) {
      if (packedB) continue;
      usable = false;
      if (dataB === null) bad('compare', `${side} is ${DATA_SIDE_B}, the scenario packed in the link's dataB, but the link has no dataB (was it cut short?)`);
    } else if (!ctx.scenarioIds.includes(n)) {
      usable = false;
      bad('compare', `unknown scenario ${shown(n)} for ${side}${scenarioMeant(n, ctx.scenarioIds)} (scenarios: ${ctx.scenarioIds.join(', ')}); pick a pair below`);
    }
  }
  if (!usable) {
    // A name or two a letter off: the link with them corrected, one click away, as the single view offers (trial T4, 8).
    const meant = sides.map(({ n }) => (ctx.scenarioIds.includes(n) ? n : scenarioNear(n, ctx.scenarioIds)));
    if (meant.every((n): n is string => n !== undefined)) {
      const meantLink = { id: `${meant[0]} vs ${meant[1]}`, href: linkWithPair(search, meant[0], meant[1]) };
      for (const p of problems) if (p.path === 'compare' && p.message.startsWith('unknown scenario')) p.meantLink = meantLink;
    }
    out.knownSide = sides.find(({ n }) => ctx.scenarioIds.includes(n))?.n ?? null;
    return out;
  }
  out.pair = [sides[0].n, sides[1].n];
  const ref = (n: string): ScenarioRef => (n === DATA_SIDE && packed ? packed : n === DATA_SIDE_B && packedB ? packedB : { kind: 'builtin', id: n });
  out.scenarios = [ref(sides[0].n), ref(sides[1].n)];
  return out;
}

/**
 * `scope=all`: every client's figures, chosen where the pair would open on its lesson's client
 * (lessonClient). A client named "all" cannot be put in scope by a link.
 */
export const SCOPE_ALL = 'all';

/**
 * `search` (a compare link's query and fragment) with its pair set to `a,b`, every other part as
 * it was: the link a typo's did-you-mean opens. Pure.
 */
export function linkWithPair(search: string, a: string, b: string): string {
  const hashAt = search.indexOf('#');
  const q = new URLSearchParams(hashAt < 0 ? search : search.slice(0, hashAt));
  q.set('compare', `${a},${b}`);
  return `?${q.toString().replace(/(^|&)compare=([^&]*)%2C/, '$1compare=$2,')}${hashAt < 0 ? '' : search.slice(hashAt)}`;
}

/**
 * The query string (with its `?`) of a compare view: the pair, the seed when one was given, each
 * pane's live actions, the moment (short where `tBeforeMs` allows, as the single view's), the speed, the figures' client and window, and `#data=` with `data` (packed by the caller:
 * url.ts packScenario) when a side is DATA_SIDE, `&dataB=` with `dataB` when one is DATA_SIDE_B.
 * With `cols` (a share link) the panes' columns a row go last in the query: `cols=4` when both
 * have 4, `cols=4,3` when they differ, `cols=4,` or `cols=,3` when one pane has none. Pure.
 */
export function encodeCompareLink(s: { a: ComparePaneState; b: ComparePaneState; seed: number | null; tMs: number; tBeforeMs?: number; speedId: string; scope?: string | null; window?: PairWindow | null; data?: string; dataB?: string; cols?: PaneCols }): string {
  const q = [`compare=${encodeURIComponent(s.a.id)},${encodeURIComponent(s.b.id)}`];
  if (s.seed !== null) q.push(`seed=${s.seed}`);
  if (s.a.actions.length > 0) q.push(`faults=${packActions(s.a.actions)}`);
  if (s.b.actions.length > 0) q.push(`faultsB=${packActions(s.b.actions)}`);
  // Rounded (formatT) only below `tBeforeMs`, the first next event or action of either pane.
  if (s.tMs > 0) q.push(`t=${formatT(s.tMs, s.tBeforeMs ?? s.tMs)}`);
  q.push(`speed=${encodeURIComponent(s.speedId)}`);
  if (s.scope) q.push(`scope=${encodeURIComponent(s.scope)}`);
  // The figures' window as the CLI's `--from 11s --to 24s`; no `to` is the shorter run's end.
  if (s.window) q.push(`from=${formatT(s.window.fromMs)}`, ...(s.window.toMs !== null ? [`to=${formatT(s.window.toMs)}`] : []));
  const [ca, cb] = s.cols ?? [null, null];
  if (ca !== null || cb !== null) q.push(`cols=${ca === cb ? ca : `${ca ?? ''},${cb ?? ''}`}`);
  // NOTE: in the fragment, as the single view's link does: browsers never send it to a server.
  const fragment = [...(s.data !== undefined ? [`data=${s.data}`] : []), ...(s.dataB !== undefined ? [`dataB=${s.dataB}`] : [])];
  return `?${q.join('&')}${fragment.length ? `#${fragment.join('&')}` : ''}`;
}

/**
 * A link's figures window (`from`, `to`: times as `t` takes them, 11s or 11000), or null when it has
 * none or a bad one (said at its parameter: not a time, off the whole second, `from` not before `to`).
 * `to` alone counts from 0; `from` alone runs to the shorter run's end. Whether it lies inside the
 * runs is known once they open (pairOpening.ts). Pure.
 */
function decodeWindow(from: string | null, to: string | null, bad: (path: string, message: string) => void): PairWindow | null {
  if (from === null && to === null) return null;
  const read = (v: string | null, key: 'from' | 'to'): number | null | undefined => {
    if (v === null) return null;
    const r = parseLinkTime(v);
    if (!r.ok) return void bad(key, `${r.message}; no window is shown`);
    if (r.ms % 1000 !== 0) return void bad(key, `${windowSecs(r.ms)} is not a whole second (the series counts requests second by second); no window is shown`);
    return r.ms;
  };
  const f = read(from, 'from');
  const t = read(to, 'to');
  if (f === undefined || t === undefined) return null;
  if (t !== null && (f ?? 0) >= t) {
    bad('from', `${windowSecs(f ?? 0)} must be before to (${windowSecs(t)}); no window is shown`);
    return null;
  }
  return { fromMs: f ?? 0, toMs: t };
}

/**
 * A link's `cols` (one count for both panes, or A's and B's split by a comma, either side empty
 * for none): each a whole number from 1 to MAX_LINK_COLS, else said at `cols` and that pane left
 * to arrange its picture for the window. Pure.
 */
function decodeCols(raw: string, bad: (path: string, message: string) => void): PaneCols {
  const parts = raw.split(',');
  if (parts.length > 2) {
    bad('cols', `${shown(raw)} is not the columns a row of the two pictures (cols=4, or cols=4,3 for A and B); each picture is arranged for this window`);
    return [null, null];
  }
  const read = (part: string, side: string): number | null => {
    if (parts.length === 2 && part.trim() === '') return null;
    const n = /^\d{1,3}$/.test(part.trim()) ? Number(part.trim()) : Number.NaN;
    if (n >= 1 && n <= MAX_LINK_COLS) return n;
    bad('cols', `${shown(part)} is not a number of columns a row${side} (a whole number from 1 to ${MAX_LINK_COLS}); the picture is arranged for this window`);
    return null;
  };
  if (parts.length === 1) {
    const n = read(parts[0], '');
    return [n, n];
  }
  return [read(parts[0], ' for A'), read(parts[1], ' for B')];
}

/** A value from a link, quoted and cut short for a message (rendered as text). */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 28)}…${text.slice(-28)}` : text);
}
