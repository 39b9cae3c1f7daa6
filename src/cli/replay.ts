// `npm run sim -- replay LINK`: the run a share link holds (its scenario, seed, the faults and changes a person made live
// at their points, and its moment), replayed headless, with the figures `run` prints and the trace hash the app showed at
// that moment. Session 37's trial N6 (F11): a run with injected faults could be shared as a link but not handed to the
// CLI; the faults had to be written into a file by hand to get the same trace hash. The run is the app's own: the worker's
// SimHost (src/workers), which replays each live action at its exact point (its time and count of events).
import { usageError } from './usageError';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { formatDuration } from '../scenario';
import { decodeLink } from '../ui/recipe/url';
import type { ScenarioRef } from '../ui/recipe/types';
import { isCompareLink } from '../ui/compare/link';
import type { RunSummary } from '../models';
import type { LiveAction } from '../workers/protocol';
import { SPEEDS } from '../ui/sim/speeds';
import { SimHost } from '../workers/SimHost';
import { runStopOf } from '../workers/protocol';
import { namedProblems } from '../ui/editor/lines';
import { join } from 'node:path';
import { resolveScenarioName, shippedScenarioDirs, shippedScenarioNames } from './scenarioName';
import { formatSummary } from './table';
import { jsonSummary } from './jsonSummary';
import { latencyCounts, type LatencyCounts } from './latencyCounts';
import { replayCompare } from './replayCompare';
import { usageAs, type Invocation } from './invocation';

/** Exit code for bad input: the link or the arguments, never a crash. */
const BAD_INPUT = 2;

export const REPLAY_USAGE = `usage: npm run sim -- replay LINK [--to-end] [--json]

Replays the run a share link holds, as the app plays it: its scenario (a shipped one by name, or the
scenario packed in the link), its seed, the faults and config changes made live at their points, to
its moment (t=), and prints the figures run prints there and the trace hash the app showed.
A compare view's link (?compare=A,B, and Branch's) replays both sides, each with its own live
faults, and prints them side by side as compare does, each with the trace hash its pane showed.
  LINK       the link the app's Share button gives (the whole address, or just its ?... part);
             quote it in the shell: it holds & and #
  --to-end   run on to the scenario's end after the link's moment (default: stop at the moment);
             a link without t= is a run at 0 s, where nothing has run: replay it with --to-end
  --json     print exactly one JSON object on stdout, and nothing else
Examples:
  npm run sim -- replay 'http://localhost:5173/?scenario=retry-storm&t=25s'
  npm run sim -- replay 'http://localhost:5173/?compare=retry-storm,retry-storm-fixed&t=20s'
Exit codes: 0 ran, 2 bad input (each problem with the link printed as param: message).`;

/**
 * `replay`'s words: one LINK, and the flags --to-end and --json; every problem as `what: message`. Pure.
 */
export function parseReplayArgs(argv: readonly string[]): { ok: true; link: string; toEnd: boolean; json: boolean } | { ok: false; problems: string[] } {
  const words = argv.filter((a) => !a.startsWith('--'));
  const flags = argv.filter((a) => a.startsWith('--'));
  const problems = [
    ...flags.filter((f) => f !== '--json' && f !== '--to-end').map((f) => `${f}: unknown option (replay takes --to-end and --json)`),
    ...(words.length === 0 ? ["LINK: give the link the app's Share button made"] : words.length > 1 ? [`LINK: give one link, got ${words.length} words (quote the link: it holds & and #)`] : []),
  ];
  return problems.length ? { ok: false, problems } : { ok: true, link: words[0], toEnd: flags.includes('--to-end'), json: flags.includes('--json') };
}

/**
 * Runs `replay` on `argv` (the words after `replay`), writing to stdout and stderr; returns the exit code: 0 ran, 2
 * bad input (an unknown flag, no link, any problem the app would report for the link, a scenario it refuses).
 */
export function replayMain(argv: readonly string[], how: Invocation = 'npm'): number {
  const usage = usageAs(REPLAY_USAGE, how);
  if (argv.includes('--help')) return void process.stdout.write(usage + '\n'), 0;
  const parsed = parseReplayArgs(argv);
  if (!parsed.ok) return void process.stderr.write(usageError(usage, parsed.problems)), BAD_INPUT;
  const { link, toEnd, json } = parsed;
  const query = link.includes('?') ? link.slice(link.indexOf('?')) : link.startsWith('#') || link.includes('=') ? link : '';
  if (query === '') return void process.stderr.write(`LINK: ${JSON.stringify(link.length > 60 ? `${link.slice(0, 57)}…` : link)} holds no run (no ?scenario=… or #data=…)\n`), BAD_INPUT;
  // The shipped scenarios beside the CLI (a clone's scenarios/, the package's); else the working folder's scenarios/
  // (a bundle of the CLI run from a clone, as its tests do).
  const dirs = [...shippedScenarioDirs(), `${join(process.cwd(), 'scenarios')}/`];
  const ctx = { scenarioIds: shippedScenarioNames(dirs), defaultId: 'hello-mesh', speedIds: SPEEDS.map((s) => s.id) };
  // A compare or Branch link (`?compare=A,B&faultsB=…`): both sides, as the compare view shows them (replayCompare.ts).
  if (isCompareLink(query)) return replayCompare(query, { toEnd, json, dirs, ctx });
  const decoded = decodeLink(query, ctx);
  // The app opens the rest of a link with a bad part; a replay that must give the app's figures refuses it.
  const bad = decoded.problems.filter(replayRefuses);
  if (bad.length) return void process.stderr.write(refusal(bad)), BAD_INPUT;
  if (!toEnd && decoded.tMs === 0) return void process.stderr.write(NO_MOMENT), BAD_INPUT;
  const ref = decoded.scenario ?? { kind: 'builtin' as const, id: 'hello-mesh' };
  const t0 = performance.now();
  const r = replayRun(ref, decoded.seed, decoded.actions, toEnd ? Number.POSITIVE_INFINITY : decoded.tMs, dirs);
  if (!r.ok) return void process.stderr.write(r.lines.join('\n') + '\n'), BAD_INPUT;
  const { summary: s, counts, atMs: until, durationMs: end } = r;
  const summary = { ...s, wallMs: performance.now() - t0 };
  if (!toEnd && decoded.tMs > end) process.stderr.write(pastTheEnd(decoded.tMs, end, "the run's end"));
  if (json) process.stdout.write(JSON.stringify({ ...jsonSummary(summary, counts, []), atMs: until, actions: decoded.actions.length }) + '\n');
  else {
    const at = until === end ? `to its end (${formatDuration(end)})` : `to the link's moment, ${formatDuration(until)} of ${formatDuration(end)}`;
    process.stdout.write(`replayed ${r.name} ${at}${liveText(decoded.actions.length)}\n${formatSummary(summary, counts, [])}\n`);
  }
  return 0;
}

/**
 * stderr for a link with no moment (no `t=`, or t=0) replayed without --to-end: the app opens such a link at 0 s, where
 * nothing has run, so a replay would print all-zero figures (trial N8, finding 5). Said instead, and exit 2.
 */
export const NO_MOMENT = 't: the link has no moment (t=); nothing has run at 0 s: give --to-end, or a link with t=\n';

/**
 * stderr for a link's moment past the end (`tMs` > `endMs`, simulated ms; `end` names whose end, "the run's end" or
 * "both runs' end"): "t: 9999 s is past the run's end (40 s); replayed to the end", as the app says it opened at the
 * end (src/ui/sim/runLink.ts pastTheEnd). Pure.
 */
export function pastTheEnd(tMs: number, endMs: number, end: string): string {
  const s = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;
  return `t: ${s(tMs)} is past ${end} (${s(endMs)}); replayed to the end\n`;
}

/** ', with 2 live actions replayed at their points' (empty for none): what a replay's first line says of them. Pure. */
export function liveText(n: number): string {
  return n ? `, with ${n === 1 ? '1 live action replayed at its point' : `${n} live actions replayed at their points`}` : '';
}

/** Whether a replay refuses a link with this problem: every one but speed and layout, which change no figure. Pure. */
export function replayRefuses(p: { path: string }): boolean {
  return p.path !== 'speed' && p.path !== 'layout' && !p.path.startsWith('layout.');
}

/**
 * What the app does instead of a link's bad part (`; opened hello-mesh instead`, `; left out`, `; the run starts at 0`),
 * which the CLI does not do: it replays nothing. Matched at a message's end.
 */
const APP_FALLBACK = /; (opened \S+ instead|left out|the run starts at 0|the scenario's seed is used|none were injected(?: in [AB])?|the first is used|pick a pair below)$/;

/** The same said first, right after an unknown scenario's name (`unknown scenario "x", so hello-mesh opened instead; ...`). */
const APP_FALLBACK_FIRST = /, so \S+ opened instead(?=;| \(|$)/;

/**
 * stderr for a link a replay refuses: each problem as `param: message` without the app's fallback (APP_FALLBACK, APP_FALLBACK_FIRST), then
 * one line saying nothing was replayed. Pure.
 */
export function refusal(problems: readonly { path: string; message: string }[]): string {
  const lines = problems.map((p) => `${p.path}: ${p.message.replace(APP_FALLBACK, '').replace(APP_FALLBACK_FIRST, '')}`);
  const n = problems.length;
  return `${lines.join('\n')}\nnothing replayed (the app would open what it could of this link; a replay gives its figures only for the whole link): fix the ${n === 1 ? 'problem' : `${n} problems`} above\n`;
}

/** One run replayed: its figures at the moment reached, or why it could not run (`name: path: message` lines). */
export type ReplayedRun =
  | { ok: true; name: string; summary: RunSummary; counts: LatencyCounts; atMs: number; durationMs: number; seed: number }
  | { ok: false; lines: string[] };

/**
 * Replays one run as the app's worker plays it (SimHost): `ref`'s scenario (a shipped one by name from `dirs`, or the
 * text a link packs), `seed` (null: the scenario's own), the live `actions` at their points, to `untilMs` (simulated ms;
 * past the scenario's end, or Infinity, runs to its end). A scenario or an action the app refuses, or a run the engine
 * stops (a stalled clock), comes back as lines to print, never a throw. Reads the shipped scenario's file.
 */
export function replayRun(ref: ScenarioRef, seed: number | null, actions: readonly LiveAction[], untilMs: number, dirs: readonly string[]): ReplayedRun {
  const path = ref.kind === 'builtin' ? resolveScenarioName(ref.id, dirs) : ref.fileName;
  const text = ref.kind === 'builtin' ? readFileSync(resolveScenarioName(ref.id, dirs), 'utf8') : ref.text;
  const host = new SimHost(() => performance.now());
  const loaded = host.load(text, seed ?? undefined, path);
  const name = ref.kind === 'builtin' ? ref.id : 'the scenario in the link';
  // Each item by its name (`services.payments.replicas`), as the app lists a link's problems.
  if (!loaded.ok) return { ok: false, lines: [`${name}: ${namedProblems(text, loaded.problems).map((p) => `${p.path || '(scenario)'}: ${p.message}`).join('\n')}`] };
  const refused = host.setActions([...actions]);
  if (refused.length) return { ok: false, lines: refused.map((p) => `${p.path}: ${p.message}`) };
  const durationMs = loaded.info.durationMs;
  const atMs = Math.min(untilMs, durationMs);
  try {
    host.seekTo(atMs, Number.POSITIVE_INFINITY);
  } catch (e) {
    // The engine stopped the run (a stalled clock): said at its field and time, as the app says it.
    const stop = runStopOf(e);
    if (!stop) throw e;
    const [problem] = namedProblems(text, [stop.problem]);
    return { ok: false, lines: [`${name}: ${problem.path ? `${problem.path}: ` : ''}${problem.message} (at ${formatDuration(stop.atMs)})`] };
  }
  const summary = host.summary();
  return { ok: true, name, summary, counts: latencyCounts(host.requireWorld()), atMs, durationMs, seed: summary.seed };
}
