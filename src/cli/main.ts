import { usageError } from './usageError';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { endQuietlyOnClosedPipe } from './closedPipe';
import { saturationHints } from './saturationHint';
import { pathToFileURL } from 'node:url';
import { RunStoppedError } from '../sim-engine';
import { stopLine } from './stopLine';
import { runScenario, type RunSummary, type World } from '../models';
import type { Scenario } from '../scenario';
import type { SeriesBucket } from '../workers/series';
import { parseArgs, unknownCommand, usageFor, USAGE, type CliArgs } from './args';
import { helpFor } from './help';
import { usageAs, type Invocation } from './invocation';
import { BIN_USAGE } from './binUsage';
import { compareRuns, formatComparison, unknownClient } from './compare';
import { loadScenarioFile } from './load';
import { formatSummary } from './table';
import { latencyCounts, type LatencyCounts } from './latencyCounts';
import { jsonSummary } from './jsonSummary';
import { CLI_TRACE_OPTIONS, checkTracesPath, writeTraces } from './traces';
import { checkOutputPath, overwritesInput, writeCsv } from './csv';
import { formatWindow, runWithWindow, windowFigures, windowProblem, type WindowFigures } from './window';
import { compareWindow, compareWindowJson, formatCompareWindow } from './compareWindow';
import { clientWindow, formatClientWindow, unknownRunClient } from './clientWindow';
import { sweepMain } from './sweep';
import { importMain } from './import';
import { lintMain } from './lint';
import { replayMain } from './replay';
import { resolveScenarioNames, shippedScenarioNames } from './scenarioName';
import { typedInFolder } from './npmCwd';
import { changeNotes, changeWarnings, type ChangeNote } from '../models/lint/changeNotes';

/** Exit code for bad input: the scenario or the arguments, never a crash. */
const BAD_INPUT = 2;

/**
 * Runs the CLI on `argv` (after the script name), writing to stdout and stderr; returns the exit
 * code. `how` is how it was started (`npm run sim --`, or the `meshsim` bin: src/cli/dispatch.ts),
 * so each usage it prints names the command as it was typed.
 */
export function main(argv: string[], how: Invocation = 'npm'): number {
  // `import` reads manifests, not a scenario: its own arguments (src/cli/import.ts).
  if (argv[0] === 'import') return importMain(argv.slice(1), how);
  // `help COMMAND` prints that command's usage, as `COMMAND --help` does.
  if (argv[0] === 'help') return helpFor(argv.slice(1), process, how);
  const unknown = unknownCommand(argv, existsSync, shippedScenarioNames());
  if (unknown) {
    process.stderr.write(usageError(how === 'bin' ? BIN_USAGE : USAGE, [unknown]));
    return BAD_INPUT;
  }
  const parsed = parseArgs(argv);
  // Each command's own usage: compare's for compare, run's for run.
  const usage = usageAs(usageFor(argv), how);
  if (!parsed.ok) {
    process.stderr.write(usageError(usage, parsed.problems));
    return BAD_INPUT;
  }
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  // Every file is read and checked before anything runs, so all problems show at once.
  const loaded = args.files.map((f) => loadScenarioFile(f, args.durationMs));
  const bad = loaded.flatMap((l) => (l.ok ? [] : l.lines));
  if (bad.length) {
    process.stderr.write([...new Set(bad)].join('\n') + '\n');
    return BAD_INPUT;
  }
  for (const l of loaded) if (l.ok) for (const w of l.warnings) process.stderr.write(w + '\n');
  const scenarios = loaded.map((l) => (l as { scenario: Scenario }).scenario);
  // A timed policy change that no request will feel (a caller's route overrides it, say) is said
  // before the run, and its line in the summary says so too (changeNotes.ts).
  const notes = scenarios.map((s) => changeNotes(s));
  scenarios.forEach((s, i) => {
    for (const w of changeWarnings(args.files[i], s, notes[i])) process.stderr.write(w + '\n');
  });
  // A file that cannot be written is bad input, said before the run rather than after it.
  const badPaths = [
    args.traces === undefined ? null : checkTracesPath(args.traces) ?? overwritesInput('--traces', args.traces, args.files),
    args.csv === undefined ? null : checkOutputPath('--csv', args.csv, 'series.csv') ?? overwritesInput('--csv', args.csv, args.files),
  ].filter((p) => p !== null);
  if (badPaths.length) {
    process.stderr.write(badPaths.join('\n') + '\n');
    return BAD_INPUT;
  }
  const windowed = args.fromMs !== undefined || args.toMs !== undefined;
  const span = { fromMs: args.fromMs ?? 0, toMs: args.toMs };
  if (args.command === 'compare') {
    // The same seed for both: A's unless --seed says otherwise.
    const seed = args.seed ?? scenarios[0].seed;
    // A client neither file has is bad input, said before two runs are made for nothing.
    const noClient = args.client === undefined ? null : unknownClient(args.client, scenarios[0].clients.map((c) => c.name), scenarios[1].clients.map((c) => c.name));
    if (noClient !== null) return void process.stderr.write(noClient + '\n'), BAD_INPUT;
    // One window for both (compareWindow.ts): each run must reach its end, said before either runs.
    const windowBad = windowed ? (scenarios.map((s) => windowProblem(span, args.durationMs ?? s.duration)).find((p) => p !== null) ?? null) : null;
    if (windowBad !== null) return void process.stderr.write(windowBad + '\n'), BAD_INPUT;
    const both = { fromMs: span.fromMs, toMs: args.toMs ?? Math.min(...scenarios.map((s) => args.durationMs ?? s.duration)) };
    const [a, b] = scenarios.map((s, i) => run(s, { ...args, seed }, args.files[i]));
    if (!a || !b) return BAD_INPUT;
    const c = compareRuns(jsonSummary(a.summary, a.counts, notes[0]), jsonSummary(b.summary, b.counts, notes[1]), args.client ?? null);
    const figures = (r: NonNullable<typeof a>) => windowFigures(r.series!.buckets, r.series!.bucketMs, both, r.summary.simulatedMs);
    const cw = windowed ? compareWindow(figures(a), figures(b)) : null;
    process.stdout.write((args.json ? JSON.stringify({ ...c, ...(cw ? { window: compareWindowJson(cw) } : {}) }) : formatComparison(c) + (cw ? '\n\n' + formatCompareWindow(cw) : '')) + '\n');
    return 0;
  }
  // A window the run cannot read (past its end, not on a whole second) is bad input, said before the run.
  const badWindow = windowed ? windowProblem(span, args.durationMs ?? scenarios[0].duration) : null;
  if (badWindow !== null) return void process.stderr.write(badWindow + '\n'), BAD_INPUT;
  const noClient = args.client === undefined ? null : unknownRunClient(args.client, args.files[0], scenarios[0].clients.map((c) => c.name));
  if (noClient !== null) return void process.stderr.write(noClient + '\n'), BAD_INPUT;
  const r = run(scenarios[0], args, args.files[0]);
  if (!r) return BAD_INPUT;
  const w = windowed && r.series ? windowFigures(r.series.buckets, r.series.bucketMs, span, r.summary.simulatedMs) : null;
  const c = args.client !== undefined && r.series ? clientWindow(r.series.buckets, r.series.bucketMs, args.client, span, r.summary.simulatedMs) : null;
  // A service whose workers ran out (its calls' waits counted: Little's law) is said under the summary.
  const hints = args.json ? [] : saturationHints(scenarios[0], r.summary);
  const json = () => JSON.stringify({ ...jsonSummary(r.summary, r.counts, notes[0]), ...(w ? { window: windowJson(w) } : {}), ...(c ? { client: c } : {}) });
  const text = () => formatSummary(r.summary, r.counts, notes[0]) + (w ? '\n\n' + formatWindow(w) : '') + (c ? '\n\n' + formatClientWindow(c) : '');
  process.stdout.write((args.json ? json() : text()) + '\n' + (hints.length ? '\n' + hints.join('\n') + '\n' : ''));
  return 0;
}

/** A window's figures in `--json`: NaN (no request ended in it) as null. */
function windowJson(w: WindowFigures) {
  return { ...w, services: w.services.map((x) => ({ ...x, perRequest: Number.isFinite(x.perRequest) ? x.perRequest : null })) };
}

/** Runs one scenario; null (with the reason on stderr) when it could not run to its end: bad input, not a crash. */
function run(s: Scenario, args: Pick<CliArgs, 'seed' | 'durationMs' | 'traces' | 'csv' | 'fromMs' | 'toMs' | 'client'>, file: string): { summary: RunSummary; counts: LatencyCounts; series?: { buckets: SeriesBucket[]; bucketMs: number } } | null {
  try {
    const options = { seed: args.seed, durationMs: args.durationMs, wallClock: () => performance.now(), traces: args.traces === undefined ? undefined : CLI_TRACE_OPTIONS, client: args.client };
    // The series is recorded only when asked for (a CSV, a window or a client): a plain run keeps the engine's observer unset.
    const withSeries = args.csv !== undefined || args.fromMs !== undefined || args.toMs !== undefined || args.client !== undefined;
    const r: { world: World; summary: RunSummary; csv?: string; buckets?: SeriesBucket[]; bucketMs?: number } = withSeries ? runWithWindow(s, options) : runScenario(s, options);
    if (args.csv !== undefined && r.csv !== undefined) {
      const problem = writeCsv(args.csv, r.csv);
      if (problem !== null) {
        process.stderr.write(problem + '\n');
        return null;
      }
    }
    if (args.traces !== undefined) {
      const problem = writeTraces(r.world, args.traces);
      if (problem !== null) {
        process.stderr.write(problem + '\n');
        return null;
      }
    }
    return { summary: r.summary, counts: latencyCounts(r.world), series: r.buckets && r.bucketMs ? { buckets: r.buckets, bucketMs: r.bucketMs } : undefined };
  } catch (e) {
    if (!(e instanceof RunStoppedError)) throw e;
    // As the app does: at the field of the busiest actor the stall guard names, by name (stopLine.ts).
    process.stderr.write(`${file}: ${stopLine(s, e)}\n`);
    return null;
  }
}

/**
 * The `npm run sim` command on `argv` (after the script name): `sweep` and `lint` (asynchronous:
 * worker threads, folders) or a run, compare or import (`main`). Shipped scenarios may be named
 * without their path. Resolves to the exit code.
 */
export async function runCli(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  // A shipped scenario may be named without its path (`npm run sim -- run hello-mesh`), as with
  // the meshsim bin (dispatch.ts); import reads manifests, not scenarios.
  if (argv[0] !== 'import') argv = resolveScenarioNames(argv);
  // `sweep` runs jobs on worker threads, so it is asynchronous: its own entry (src/cli/sweep).
  if (argv[0] === 'sweep') return sweepMain(argv.slice(1));
  // `lint` may simulate and reads folders: its own entry (src/cli/lint).
  if (argv[0] === 'lint') return lintMain(argv.slice(1));
  // `replay` reads a share link, not a file: its own entry (src/cli/replay.ts).
  if (argv[0] === 'replay') return replayMain(argv.slice(1));
  return main(argv);
}

// Run as a script (npm run sim), not when a test imports main() nor inside a bundle (the built
// bin dist-cli/meshsim.js, or the tests' test/cli/simEntry.ts, whose bundle is argv[1] too).
if (process.argv[1] !== undefined && import.meta.url.endsWith('.ts') && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Paths on the command line are the typed folder's, not the project root npm runs scripts in.
  const typed = typedInFolder(process.env, process.cwd());
  if (typed !== null) process.chdir(typed);
  void runCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
