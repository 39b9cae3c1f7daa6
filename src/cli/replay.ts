// `npm run sim -- replay LINK`: the run a share link holds (its scenario, seed, the faults and changes a person made live
// at their points, and its moment), replayed headless, with the figures `run` prints and the trace hash the app showed at
// that moment. Session 37's trial N6 (F11): a run with injected faults could be shared as a link but not handed to the
// CLI; the faults had to be written into a file by hand to get the same trace hash. The run is the app's own: the worker's
// SimHost (src/workers), which replays each live action at its exact point (its time and count of events).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { formatDuration } from '../scenario';
import { decodeLink } from '../ui/recipe/url';
import { SPEEDS } from '../ui/sim/speeds';
import { SimHost } from '../workers/SimHost';
import { runStopOf } from '../workers/protocol';
import { join } from 'node:path';
import { resolveScenarioName, shippedScenarioDirs, shippedScenarioNames } from './scenarioName';
import { formatSummary } from './table';
import { jsonSummary } from './jsonSummary';
import { latencyCounts } from './latencyCounts';
import { usageAs, type Invocation } from './invocation';

/** Exit code for bad input: the link or the arguments, never a crash. */
const BAD_INPUT = 2;

export const REPLAY_USAGE = `usage: npm run sim -- replay LINK [--to-end] [--json]

Replays the run a share link holds, as the app plays it: its scenario (a shipped one by name, or the
scenario packed in the link), its seed, the faults and config changes made live at their points, to
its moment (t=), and prints the figures run prints there and the trace hash the app showed.
  LINK       the link the app's Share button gives (the whole address, or just its ?... part);
             quote it in the shell: it holds & and #
  --to-end   run on to the scenario's end after the link's moment (default: stop at the moment)
  --json     print exactly one JSON object on stdout, and nothing else
Example:
  npm run sim -- replay 'http://localhost:5173/?scenario=retry-storm&t=25s'
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
  if (!parsed.ok) return void process.stderr.write(`${parsed.problems.join('\n')}\n\n${usage}\n`), BAD_INPUT;
  const { link, toEnd, json } = parsed;
  const query = link.includes('?') ? link.slice(link.indexOf('?')) : link.startsWith('#') || link.includes('=') ? link : '';
  if (query === '') return void process.stderr.write(`LINK: ${JSON.stringify(link.length > 60 ? `${link.slice(0, 57)}…` : link)} holds no run (no ?scenario=… or #data=…)\n`), BAD_INPUT;
  // The shipped scenarios beside the CLI (a clone's scenarios/, the package's); else the working folder's scenarios/
  // (a bundle of the CLI run from a clone, as its tests do).
  const dirs = [...shippedScenarioDirs(), `${join(process.cwd(), 'scenarios')}/`];
  const ids = shippedScenarioNames(dirs);
  const decoded = decodeLink(query, { scenarioIds: ids, defaultId: 'hello-mesh', speedIds: SPEEDS.map((s) => s.id) });
  // The app opens the rest of a link with a bad part; a replay that must give the app's figures refuses it.
  const bad = decoded.problems.filter((p) => p.path !== 'speed' && p.path !== 'layout' && !p.path.startsWith('layout.'));
  if (bad.length) return void process.stderr.write(bad.map((p) => `${p.path}: ${p.message}`).join('\n') + '\n'), BAD_INPUT;
  const ref = decoded.scenario ?? { kind: 'builtin' as const, id: 'hello-mesh' };
  const text = ref.kind === 'builtin' ? readFileSync(resolveScenarioName(ref.id, dirs), 'utf8') : ref.text;
  const fileName = ref.kind === 'builtin' ? resolveScenarioName(ref.id, dirs) : ref.fileName;
  const host = new SimHost(() => performance.now());
  const t0 = performance.now();
  const loaded = host.load(text, decoded.seed ?? undefined, fileName);
  const name = ref.kind === 'builtin' ? ref.id : 'the scenario in the link';
  if (!loaded.ok) return void process.stderr.write(`${name}: ${loaded.problems.map((p) => `${p.path || '(scenario)'}: ${p.message}`).join('\n')}\n`), BAD_INPUT;
  const refused = host.setActions(decoded.actions);
  if (refused.length) return void process.stderr.write(refused.map((p) => `${p.path}: ${p.message}`).join('\n') + '\n'), BAD_INPUT;
  const end = loaded.info.durationMs;
  const until = toEnd ? end : Math.min(decoded.tMs, end);
  try {
    host.seekTo(until, Number.POSITIVE_INFINITY);
  } catch (e) {
    // The engine stopped the run (a stalled clock): said at its field and time, as the app says it.
    const stop = runStopOf(e);
    if (!stop) throw e;
    return void process.stderr.write(`${name}: ${stop.problem.path ? `${stop.problem.path}: ` : ''}${stop.problem.message} (at ${formatDuration(stop.atMs)})\n`), BAD_INPUT;
  }
  const summary = { ...host.summary(), wallMs: performance.now() - t0 };
  const counts = latencyCounts(host.requireWorld());
  if (json) process.stdout.write(JSON.stringify({ ...jsonSummary(summary, counts, []), atMs: until, actions: decoded.actions.length }) + '\n');
  else {
    const at = until === end ? `to its end (${formatDuration(end)})` : `to the link's moment, ${formatDuration(until)} of ${formatDuration(end)}`;
    const live = decoded.actions.length ? `, with ${decoded.actions.length} live action${decoded.actions.length === 1 ? '' : 's'} replayed at their points` : '';
    process.stdout.write(`replayed ${name} ${at}${live}\n${formatSummary(summary, counts, [])}\n`);
  }
  return 0;
}
