// The URL holds the run: `?scenario=mesh-only` (or `data=`, a scenario packed in full), `seed=`,
// `faults=` (the live actions, packed), `t=` (the moment) and `speed=`; a share link adds `cols=`,
// the columns a row of the sender's picture (not the run's: never in the recipe). A link is untrusted
// input: every parameter is checked, sizes are capped, problems come back as `param: message`,
// and nothing in it is ever run or rendered as HTML. Pure functions.
import { parseDuration } from '../../scenario/duration';
import { nearestName } from '../../scenario/nearMiss';
import { seedProblem } from '../../scenario/seed';
import { RATE_STEP_MS } from '../../workers/edgeWindow';
import type { LiveAction } from '../../workers/protocol';
import { formatClock, formatSimTime } from '../format';
import type { LinkProblem } from '../state/store';
import { formatBytes, pack, packedBytes, unpack } from './codec';
import type { LinkState, Recipe, ScenarioRef } from './types';

/**
 * Most bytes a packed scenario may take in a link. 256 KB packs a scenario of a few MB (the
 * shipped ones pack to 1-3 KB, Istio's full load test to about 30 KB); Chromium keeps URLs up
 * to 2 MB, and a link longer than this is no longer one a person can paste.
 */
export const MAX_DATA_BYTES = 256 * 1024;
/** Most bytes a link's scenario may unpack to: deflate packs at most about 1000:1, so this bounds a small link's cost. */
export const MAX_DATA_TEXT_BYTES = 16 * 1024 * 1024;
/** Most bytes the packed live actions may take, and unpack to. */
export const MAX_FAULTS_BYTES = 64 * 1024;
export const MAX_FAULTS_TEXT_BYTES = 1024 * 1024;
/** Most live actions a link may carry: each is replayed by validating it against the scenario. */
export const MAX_ACTIONS = 1000;

/** The parameters a link may hold. */
export const LINK_PARAMS = ['scenario', 'data', 'seed', 'faults', 't', 'speed', 'layout', 'cols'] as const;
/** Most bytes the packed node positions may take, and unpack to; most positions a link may hold. */
export const MAX_LAYOUT_BYTES = 64 * 1024;
export const MAX_LAYOUT_TEXT_BYTES = 1024 * 1024;
export const MAX_LAYOUT_NODES = 5000;
/** Most columns a row a link's `cols=` may ask for (no shipped drawing has 30 columns). */
export const MAX_LINK_COLS = 99;
/** Farthest a position may be from the drawing's origin, design units (as a scenario's `layout`). */
const MAX_COORDINATE = 1_000_000;

const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** What a link asks for, after checks; `scenario` null means the default one. */
export interface DecodedLink {
  scenario: ScenarioRef | null;
  seed: number | null;
  actions: LiveAction[];
  /** The moment, simulated ms (0 when not given). */
  tMs: number;
  /** The speed's id, or null when not given. */
  speedId: string | null;
  /** Nodes dragged by hand (`layout=`), by name; names are checked against the topology once it opens. */
  layout: Record<string, { x: number; y: number }>;
  /** The sender's picture's columns a row (`cols=`, linkArrangement.ts), or null when not given. */
  cols: number | null;
  problems: LinkProblem[];
}

/** What decoding needs to know of the app. */
export interface LinkContext {
  /** Names of the shipped scenarios. */
  scenarioIds: readonly string[];
  defaultId: string;
  speedIds: readonly string[];
}

/**
 * A link's parameters: its query and its fragment together (`?scenario=x#data=...`), as the
 * app writes a scenario's data into the fragment. Pure.
 */
export function linkParams(link: string): URLSearchParams {
  const hashAt = link.indexOf('#');
  const q = new URLSearchParams(hashAt < 0 ? link : link.slice(0, hashAt));
  if (hashAt >= 0) for (const [k, v] of new URLSearchParams(link.slice(hashAt + 1))) q.append(k, v);
  return q;
}

/**
 * What a link's unknown scenario name was likely meant to be, as '; did you mean retry-storm?'
 * (empty when none is near): the name with a file's extension or other capitals
 * ("retry-storm.json", "Retry-Storm"), else one a letter or two off ("retry-strom"; nearestName,
 * the rule a scenario file's unknown names follow). Pure.
 */
export function scenarioMeant(name: string, ids: readonly string[]): string {
  const near = scenarioNear(name, ids);
  return near === undefined ? '' : `; did you mean ${near}?`;
}

/** The shipped scenario a link's unknown name was likely meant to be (scenarioMeant's rule), or undefined. Pure. */
export function scenarioNear(name: string, ids: readonly string[]): string | undefined {
  const plain = name.toLowerCase().replace(/\.(json|ya?ml)$/, '');
  return ids.find((id) => id === plain) ?? nearestName(plain, ids);
}

/**
 * The same link with its `scenario` named `id` and everything else as it was (`?scenario=x&t=30s#…`
 * -> `?scenario=id&t=30s#…`), for the notice's "open retry-storm with the rest of this link": the
 * moment, faults and seed were left out with the unknown name, since they were meant for it. Pure.
 */
export function linkWithScenario(search: string, id: string): string {
  const hashAt = search.indexOf('#');
  const query = hashAt < 0 ? search : search.slice(0, hashAt);
  const q = new URLSearchParams(query);
  q.set('scenario', id);
  return `?${q.toString()}${hashAt < 0 ? '' : search.slice(hashAt)}`;
}


/**
 * Reads a link's query and fragment (`location.search + location.hash`). Each bad parameter gets a problem at its name and is
 * left out (an unknown scenario opens the default one); the rest is used. Never throws. Pure.
 */
export function decodeLink(search: string, ctx: LinkContext): DecodedLink {
  const q = linkParams(search);
  const problems: LinkProblem[] = [];
  const out: DecodedLink = { scenario: null, seed: null, actions: [], tMs: 0, speedId: null, layout: {}, cols: null, problems };
  const bad = (path: string, message: string) => void problems.push({ path, message });
  for (const key of new Set(q.keys())) {
    if (!(LINK_PARAMS as readonly string[]).includes(key)) bad(key.length > 40 ? `${key.slice(0, 40)}…` : key, `is not a link parameter (they are: ${LINK_PARAMS.join(', ')}); left out`);
    else if (q.getAll(key).length > 1) bad(key, 'is given more than once; the first is used');
  }
  const name = q.get('scenario');
  const data = q.get('data');
  if (name !== null && data !== null) bad('data', 'a link holds either a scenario name or a scenario\'s data, not both; the name is used');
  if (name !== null) {
    if (!NAME.test(name)) bad('scenario', `${shown(name)} is not a scenario name (letters, digits, . _ -); opened ${ctx.defaultId} instead`);
    else if (!ctx.scenarioIds.includes(name)) {
      // What opened comes first, before the names (T4's trial, 8: 'opened hello-mesh instead' came last, after 24
      // names, and the page behind the did-you-mean was hello-mesh unsaid); the list only when no name is near.
      const near = scenarioNear(name, ctx.scenarioIds);
      const rest = near === undefined ? ` (scenarios: ${ctx.scenarioIds.join(', ')})` : scenarioMeant(name, ctx.scenarioIds);
      bad('scenario', `unknown scenario ${shown(name)}, so ${ctx.defaultId} opened instead${rest}`);
      if (near !== undefined) problems[problems.length - 1].meantLink = { id: near, href: linkWithScenario(search, near) };
    }
    else out.scenario = { kind: 'builtin', id: name };
  } else if (data !== null) {
    const bytes = packedBytes(data);
    if (bytes > MAX_DATA_BYTES) bad('data', `the scenario in it is ${formatBytes(bytes)} compressed, more than ${formatBytes(MAX_DATA_BYTES)}; opened ${ctx.defaultId} instead`);
    else {
      const r = unpack(data, MAX_DATA_TEXT_BYTES);
      if (!r.ok) bad('data', `${r.message}; opened ${ctx.defaultId} instead`);
      else out.scenario = { kind: 'inline', text: r.text };
    }
  }
  const seed = q.get('seed');
  if (seed !== null) {
    const n = /^-?\d{1,20}$/.test(seed.trim()) ? Number(seed.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n)) bad('seed', `${seedProblem(shown(seed))}; the scenario's seed is used`);
    else out.seed = n;
  }
  const t = q.get('t');
  if (t !== null) {
    const r = parseLinkTime(t);
    if (!r.ok) bad('t', `${r.message}; the run starts at 0`);
    else out.tMs = r.ms;
  }
  const speed = q.get('speed');
  if (speed !== null) {
    if (!ctx.speedIds.includes(speed)) bad('speed', `unknown speed ${shown(speed)} (speeds: ${ctx.speedIds.join(', ')})`);
    else out.speedId = speed;
  }
  const faults = q.get('faults');
  if (faults !== null) out.actions = decodeActions(faults, bad);
  const layout = q.get('layout');
  if (layout !== null) out.layout = decodeLayout(layout, bad);
  const cols = q.get('cols');
  if (cols !== null) {
    const n = /^\d{1,3}$/.test(cols.trim()) ? Number(cols.trim()) : Number.NaN;
    if (!(n >= 1 && n <= MAX_LINK_COLS)) bad('cols', `${shown(cols)} is not a number of columns a row (a whole number from 1 to ${MAX_LINK_COLS}); the picture is arranged for this window`);
    else out.cols = n;
  }
  return out;
}

/** The node positions a `layout=` parameter holds; bad entries are reported and left out. */
function decodeLayout(param: string, bad: (path: string, message: string) => void): Record<string, { x: number; y: number }> {
  const out: Record<string, { x: number; y: number }> = {};
  const bytes = packedBytes(param);
  if (bytes > MAX_LAYOUT_BYTES) return bad('layout', `the node positions in it are ${formatBytes(bytes)} compressed, more than ${formatBytes(MAX_LAYOUT_BYTES)}; the scenario's own layout is used`), out;
  const r = unpack(param, MAX_LAYOUT_TEXT_BYTES);
  if (!r.ok) return bad('layout', `${r.message}; the scenario's own layout is used`), out;
  let v: unknown;
  try {
    v = JSON.parse(r.text);
  } catch {
    return bad('layout', "is not a list of node positions this app wrote (not JSON); the scenario's own layout is used"), out;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return bad('layout', "is not an object of node positions; the scenario's own layout is used"), out;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > MAX_LAYOUT_NODES) return bad('layout', `holds ${entries.length} node positions, more than ${MAX_LAYOUT_NODES}; the scenario's own layout is used`), out;
  for (const [name, p] of entries) {
    const at = `layout.${name.length > 60 ? `${name.slice(0, 60)}…` : name}`;
    const xy = Array.isArray(p) ? p : null;
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_COORDINATE;
    if (!xy || xy.length !== 2 || !ok(xy[0]) || !ok(xy[1])) bad(at, `must be [x, y], numbers from -${MAX_COORDINATE} to ${MAX_COORDINATE} (design units); left out`);
    else out[name] = { x: xy[0], y: xy[1] };
  }
  return out;
}

/**
 * The live actions a `faults=` parameter holds (or the compare view's `faultsB=`); bad entries
 * are reported to `bad` at `faults.N...` and left out. Never throws. Pure but for `bad`.
 */
export function decodeActions(param: string, bad: (path: string, message: string) => void): LiveAction[] {
  const bytes = packedBytes(param);
  if (bytes > MAX_FAULTS_BYTES) return bad('faults', `the faults in it are ${formatBytes(bytes)} compressed, more than ${formatBytes(MAX_FAULTS_BYTES)}; none were injected`), [];
  const r = unpack(param, MAX_FAULTS_TEXT_BYTES);
  if (!r.ok) return bad('faults', `${r.message}; none were injected`), [];
  let list: unknown;
  try {
    list = JSON.parse(r.text);
  } catch {
    return bad('faults', 'is not a list this app wrote (not JSON); none were injected'), [];
  }
  if (!Array.isArray(list)) return bad('faults', 'is not a list of faults; none were injected'), [];
  if (list.length > MAX_ACTIONS) return bad('faults', `holds ${list.length} faults and clears, more than ${MAX_ACTIONS}; none were injected`), [];
  const out: LiveAction[] = [];
  list.forEach((e: unknown, i) => {
    const at = `faults.${i}`;
    if (!Array.isArray(e) || e.length !== 3) return bad(at, 'must be [time ms, event count, fault or fault number]; left out');
    const [ms, ev, what] = e as unknown[];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return bad(`${at}.0`, `the time must be a number of ms, 0 or more, got ${shown(JSON.stringify(ms) ?? String(ms))}; left out`);
    if (typeof ev !== 'number' || !Number.isSafeInteger(ev) || ev < -1) return bad(`${at}.1`, `the event count must be a whole number, 0 or more (or -1: not known), got ${shown(JSON.stringify(ev) ?? String(ev))}; left out`);
    if (typeof what === 'number') {
      if (!Number.isSafeInteger(what) || what < 0) return bad(`${at}.2`, `a fault number must be a whole number, 0 or more, got ${what}; left out`);
      out.push({ kind: 'clear', ms, ev, id: what });
    } else if (isChangeEntry(what)) {
      out.push({ kind: 'change', ms, ev, change: what.change });
    } else if (what !== null && typeof what === 'object' && !Array.isArray(what)) {
      out.push({ kind: 'inject', ms, ev, fault: what as Record<string, unknown> });
    } else bad(`${at}.2`, 'must be a fault (an object) or the number of a fault to clear; left out');
  });
  return out;
}

/**
 * The query string (with its `?`) for a run: the scenario by name, or packed in full as `data`
 * (`packed` gives it ready packed, since packing a large scenario takes a while; null when it is
 * over MAX_DATA_BYTES and must be left out), the seed when not the scenario's, the live actions,
 * the moment and the speed, and last the picture's columns a row when given (a share link's). Pure.
 */
export function encodeLink(link: LinkState, packed?: string | null): string {
  const q: string[] = [];
  const { recipe } = link;
  // NOTE: a scenario's data goes in the fragment, which browsers never send: servers refuse
  // long request lines (vite preview answers 431 past about 16 KB, many hosts past 8 KB), and
  // a fragment keeps a person's scenario out of server logs too.
  let fragment = '';
  if (recipe.scenario.kind === 'builtin') q.push(`scenario=${encodeURIComponent(recipe.scenario.id)}`);
  else {
    const data = packed === undefined ? pack(recipe.scenario.text) : packed;
    if (data !== null) fragment = `#data=${data}`;
  }
  if (recipe.seed !== null) q.push(`seed=${recipe.seed}`);
  if (recipe.actions.length > 0) q.push(`faults=${packActions(recipe.actions)}`);
  if (recipe.layout && Object.keys(recipe.layout).length > 0) q.push(`layout=${pack(JSON.stringify(Object.fromEntries(Object.entries(recipe.layout).map(([n, p]) => [n, [p.x, p.y]]))))}`);
  if (link.tMs > 0) q.push(`t=${formatT(link.tMs, momentBound(link.tMs, link.tBeforeMs, recipe.actions))}`);
  q.push(`speed=${encodeURIComponent(link.speedId)}`);
  if (link.cols !== undefined) q.push(`cols=${link.cols}`);
  return `?${q.join('&')}${fragment}`;
}

/** The live actions packed as `[ms, ev, fault | id]` entries. Pure. */
export function packActions(actions: readonly LiveAction[]): string {
  return pack(JSON.stringify(actions.map((a) => [a.ms, a.ev, a.kind === 'inject' ? a.fault : a.kind === 'change' ? { change: a.change } : a.id])));
}

/** A live config change as a link writes it: `{"change": {...}}` (a fault has a `type` at its top). */
function isChangeEntry(what: unknown): what is { change: Record<string, unknown> } {
  if (what === null || typeof what !== 'object' || Array.isArray(what)) return false;
  const keys = Object.keys(what);
  const c = (what as { change?: unknown }).change;
  return keys.length === 1 && keys[0] === 'change' && c !== null && typeof c === 'object' && !Array.isArray(c);
}

/** Most decimals of a ms a link's `t` is written with when shortened (a microsecond), and the most it may be rounded up by. */
const T_DIGITS = 3;

/**
 * A moment as a link writes it: whole seconds as `90s`, else ms with at most three decimals
 * (`12345.678ms`), which reads back as the very number written, so a link reopens the very same
 * moment, its clock reading what the paused page read. Float noise of playing (13999.000000000005
 * ms, 866.6666666666 ms) is written as the shortest time at most a microsecond later
 * (`13999.001ms`, `866.667ms`) that is still before `beforeMs`, the run's next event or action
 * after `ms`: a seek to `t` runs every event at or before `t`, so such a `t` runs the same events.
 * Never rounded down, nor up onto a half or whole ms (so never onto a clock's next figure, nor the
 * link labels' next tenth of a second). Without `beforeMs`, or when no such time fits (an event
 * within the microsecond; noise just under a whole ms), `ms` exactly. Old links, which rounded up
 * as far as the next event allowed (`219ms` for a run paused at 218.4 ms, whose clock then read
 * 0.219 s), or to the nanosecond (`13999.000001ms`), read as before. Pure.
 */
export function formatT(ms: number, beforeMs = ms): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  const text = String(ms);
  // Written exactly in a microsecond's decimals or fewer: nothing shorter is as close.
  if (/^\d+(\.\d{1,3})?$/.test(text)) return `${text}ms`;
  const up = (scale: number) => {
    const c = Math.ceil(ms * scale) / scale;
    // Float division can land a hair under `ms`: one unit more is still the shortest at this scale.
    return c >= ms ? c : (Math.ceil(ms * scale) + 1) / scale;
  };
  const most = ms + 10 ** -T_DIGITS;
  for (let d = 0; d <= T_DIGITS; d++) {
    const c = up(10 ** d);
    if (c < beforeMs && c <= most && landsWithin(ms, c)) return `${c.toFixed(d)}ms`;
  }
  return /e/i.test(text) ? `${ms.toFixed(6)}ms` : `${text}ms`;
}

/**
 * A link's `t`: a number with a unit (us, ms, s, m or h, as a scenario file's durations) or a
 * bare number, which is milliseconds. Text that is neither is told both ways: the scenario
 * file's words ('use a number with a unit') read as if `t=90` were refused. Pure.
 */
export function parseLinkTime(t: string): { ok: true; ms: number } | { ok: false; message: string } {
  const bare = /^\s*\d+(\.\d+)?\s*$/.test(t);
  const r = parseDuration(bare ? Number(t) : t);
  if (r.ok || !r.message.includes(' is not a duration')) return r;
  return { ok: false, message: `${shown(t)} is not a time: write a number with a unit, us, ms, s, m or h (90s, 12345.678ms), or a bare number, which is milliseconds (12345.678)` };
}

/**
 * Whether `c`, less than a microsecond after `ms`, reads as the same moment. Every figure a time
 * is shown with turns over on a whole or half ms, so only there need the clock (cut down) and the
 * moment (rounded: 0.2185 s reads 0.219 s where 0.21849999999 s read 0.218 s) be checked; noise
 * just under a whole ms (866.9999999999 ms) already reads 0.867 s. Never onto a multiple of
 * RATE_STEP_MS: a run that reached it has read the link labels' next tenth. Pure.
 */
function landsWithin(ms: number, c: number): boolean {
  if ((c * 2) % 1 !== 0) return true;
  return c % RATE_STEP_MS !== 0 && formatClock(c) === formatClock(ms) && formatSimTime(c) === formatSimTime(ms);
}

/**
 * The bound `formatT` may round a link's moment up to: the run's next event (`nextEventMs`)
 * or the recipe's next action after `tMs`, whichever is first. Pure.
 */
export function momentBound(tMs: number, nextEventMs: number | undefined, actions: readonly LiveAction[]): number {
  let bound = nextEventMs === undefined || Number.isNaN(nextEventMs) ? tMs : nextEventMs;
  for (const a of actions) if (a.ms > tMs && a.ms < bound) bound = a.ms;
  return bound;
}

/** The packed scenario of a recipe, or null when it is too large for a link. Pure. */
export function packScenario(recipe: Recipe): string | null {
  if (recipe.scenario.kind !== 'inline') return null;
  const data = pack(recipe.scenario.text);
  return packedBytes(data) > MAX_DATA_BYTES ? null : data;
}

/** A value from a link, quoted and cut short for a message (the message is rendered as text). */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 28)}…${text.slice(-28)}` : text);
}
