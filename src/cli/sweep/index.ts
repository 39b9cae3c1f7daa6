import { usageError } from '../usageError';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { availableParallelism, loadavg } from 'node:os';
import { sweepTimingLine } from './cpuLine';
import { sweepAbout } from './about';
import { Piscina } from 'piscina';
import { checkOutputPath, overwritesInput } from '../csv';
import { shippedScenarioName } from '../scenarioName';
import { parseSweepArgs, SWEEP_USAGE, type SweepArgs } from './args';
import { usageAs, type Invocation } from '../invocation';
import { formatValue, gridPoints } from './grid';
import { reportHtml } from './html';
import { identicalLines } from './identical';
import { jobFileProblems } from './jobFile';
import { stopOnSignals } from './interrupt';
import { planSweep } from './plan';
import { metricProblem } from './metrics';
import { windowDefaults, windowMetricProblem } from './window';
import { windowProblem } from '../window';
import { scenarioMetricNames } from './metricNames';
import { Progress } from './progress';
import { buildReport, formatReport, TABLE_WIDTH, jobAt, jobCount, pointLabel, reportCsv, type SweepReport, type SweepRun, type SweepSpec } from './report';
import type { JobOutput, JobTask } from './worker';

export { parseSweepArgs, SWEEP_USAGE } from './args';
export { confidenceInterval, runMetrics, METRICS, type Metric, type RunMetrics, type Interval } from './stats';
export { buildReport, type SweepReport, type SweepRun, type SweepSpec, type PointSummary } from './report';

/** Exit code for bad input: the arguments, the scenario at some point of the grid, or a job file. */
const BAD_INPUT = 2;

/** Where a sweep writes: stdout for reports, stderr for progress and problems (tests pass their own). */
export interface SweepIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
}

/**
 * Runs `npm run sim -- sweep ...` or `meshsim sweep ...` (`how`; the words after `sweep`); resolves to the exit code. Every
 * check (options, paths, every point's scenario, output files) is made before the first job.
 */
export async function sweepMain(argv: readonly string[], io: SweepIo = { stdout: process.stdout, stderr: process.stderr }, how: Invocation = 'npm'): Promise<number> {
  const usage = usageAs(SWEEP_USAGE, how);
  // A reader that stops early (| head) ends the output, not in a stack trace.
  if (io.stdout === process.stdout)
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  const parsed = parseSweepArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(usageError(usage, parsed.problems));
    return BAD_INPUT;
  }
  const { args } = parsed;
  if (args.help) {
    io.stdout.write(usage + '\n');
    return 0;
  }
  // The files it reads: the scenario, or the job outputs it merges (an --out over one would lose it).
  const inputs = args.merge ?? (args.file === undefined ? [] : [args.file]);
  const outputs = [
    args.csv === undefined ? null : checkOutputPath('--csv', args.csv, 'sweep.csv') ?? overwritesInput('--csv', args.csv, inputs),
    args.html === undefined ? null : checkOutputPath('--html', args.html, 'sweep.html') ?? overwritesInput('--html', args.html, inputs),
    args.out === undefined ? null : checkOutputPath('--out', args.out, 'job-0.json') ?? overwritesInput('--out', args.out, inputs),
  ].filter((p) => p !== null);
  if (outputs.length) {
    io.stderr.write(outputs.join('\n') + '\n');
    return BAD_INPUT;
  }
  if (args.merge) {
    const merged = mergeJobFiles(args.merge);
    if (!merged.ok) {
      io.stderr.write(merged.lines.join('\n') + '\n');
      return BAD_INPUT;
    }
    for (const w of merged.warnings) io.stderr.write(w + '\n');
    return writeReport(merged.report, args, io);
  }
  const file = args.file!;
  const plan = planSweep(file, args.axes, args.durationMs);
  if (!plan.ok) {
    io.stderr.write(plan.lines.join('\n') + '\n');
    return BAD_INPUT;
  }
  // A shipped scenario named bare (retry-storm) stays so in the report and the printed jobs: its path is this machine's.
  // Every --metric names a figure some point's scenario has, said before any job as a bad --set is.
  const windowed = args.fromMs !== undefined || args.toMs !== undefined;
  const names = scenarioMetricNames(plan.scenarios);
  const unknown = (args.metrics ?? []).map((m) => metricProblem(m, names) ?? windowMetricProblem(m, windowed)).filter((p) => p !== null);
  if (unknown.length) {
    io.stderr.write(unknown.join('\n') + '\n');
    return BAD_INPUT;
  }
  // --from/--to: a window every point's run reaches (windowProblem, as run's), said before any job.
  const ends = plan.scenarios.map((sc) => args.durationMs ?? sc.duration);
  const span = { fromMs: args.fromMs ?? 0, toMs: args.toMs };
  const badWindow = windowed ? (ends.map((end) => windowProblem(span, end)).find((p) => p !== null) ?? null) : null;
  if (badWindow !== null) {
    io.stderr.write(badWindow + '\n');
    return BAD_INPUT;
  }
  const window = windowed ? { fromMs: span.fromMs, toMs: args.toMs ?? Math.min(...ends) } : undefined;
  const metrics = args.metrics ?? (windowed ? windowDefaults(names.service) : undefined);
  const spec: SweepSpec = { file: shippedScenarioName(file) ?? file, scenario: plan.scenarios[0].name, grid: args.axes, seeds: args.seeds, seedBase: args.seedBase, durationMs: args.durationMs ?? null, ...(metrics ? { metrics } : {}), about: sweepAbout(plan.scenarios[0], args.axes.map((a) => a.path), args.durationMs ?? plan.scenarios[0].duration), ...(window ? { window } : {}) };
  const total = jobCount(spec);
  if (args.job !== undefined && args.job >= total) {
    io.stderr.write(`--job: ${args.job} is past the last job (this sweep has ${total}: 0 to ${total - 1})\n`);
    return BAD_INPUT;
  }
  if (args.printJobs !== undefined) {
    // Each job refuses to run when DIR is missing ('--out: cannot write ...'), so a sweep printed
    // for a folder not made yet failed in every job. DIR may be a shared folder of the machines
    // that run them, so a missing one is said, not refused; a file there is refused.
    const dir = statSync(args.printJobs, { throwIfNoEntry: false });
    if (dir && !dir.isDirectory()) {
      io.stderr.write(`--print-jobs: ${args.printJobs} is a file, not a folder (each job writes ${args.printJobs}/job-K.json)\n`);
      return BAD_INPUT;
    }
    if (!dir) io.stderr.write(`warning: --print-jobs: the folder ${args.printJobs} does not exist here; each job writes ${args.printJobs}/job-K.json and stops without it, so create it where the jobs run (mkdir -p ${shellWord(args.printJobs)})\n`);
    io.stdout.write(Array.from({ length: total }, (_, j) => jobCommand(args, spec.file, j, how) + '\n').join(''));
    return 0;
  }
  const jobs = args.job !== undefined ? [args.job] : Array.from({ length: total }, (_, j) => j);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const done = await runJobs(spec, plan.scenarios, jobs, args.jobs, io);
  const wall = (performance.now() - t0) / 1000;
  // Process-wide, the worker threads included (cpuLine.ts): how many cores the pool really had, on a shared machine.
  const cpuUsed = process.cpuUsage(cpu0);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
  if (!done.ok) {
    io.stderr.write(done.lines.join('\n') + '\n');
    return 1;
  }
  // NOTE: wall time goes to stderr only, so a report (and --merge's) is the same bytes on every machine.
  const threads = Math.min(args.jobs, jobs.length);
  if (jobs.length > 1) io.stderr.write(sweepTimingLine({ runs: jobs.length, threads, wallS: wall, cpuS: cpu, cores: availableParallelism(), loadAverage: loadavg()[0] }) + '\n');
  return writeReport(buildReport(spec, done.runs), args, io);
}

/**
 * Runs the given jobs on a pool of `threads` worker threads (piscina), with progress on stderr.
 * A single job (each command of --print-jobs: --job K) runs in this thread instead: a worker
 * thread's start and its load of the worker's bundle took 0.6-0.8 s of CPU, several times an 8 s
 * run of mm1 (about 0.1 s), for every job of a sweep spread over machines. The same runJob either way.
 */
async function runJobs(spec: SweepSpec, scenarios: readonly import('../../scenario').Scenario[], jobs: readonly number[], threads: number, io: SweepIo): Promise<{ ok: true; runs: SweepRun[] } | { ok: false; lines: string[] }> {
  const n = Math.min(threads, jobs.length);
  let run: (task: JobTask) => Promise<JobOutput | { stopped: string }>;
  let close: () => Promise<void>;
  let bundle: string | undefined;
  if (jobs.length === 1) {
    const { runJob } = await import('./worker');
    run = async (task) => runJob(task);
    close = async () => {};
  } else {
    const { bundle: file, ...module } = await workerModule();
    bundle = file;
    const pool = new Piscina<JobTask, JobOutput | { stopped: string }>({ ...module, minThreads: n, maxThreads: n, idleTimeout: 1000 });
    run = (task) => pool.run(task);
    close = async () => {
      await pool.destroy();
      if (bundle !== undefined) rmSync(bundle, { force: true });
    };
  }
  const progress = new Progress(jobs.length, io.stderr, () => performance.now());
  const stopped: string[] = [];
  const off = stopOnSignals((signal) => `${io.stderr.isTTY ? '\n' : ''}sweep: stopped by ${signal} after ${progress.count} of ${jobs.length} jobs; nothing reported`, () => void (bundle !== undefined && rmSync(bundle, { force: true })), io.stderr);
  try {
    const runs = await Promise.all(
      jobs.map(async (job): Promise<SweepRun | null> => {
        const { point, seed } = jobAt(spec, job);
        const out = await run({ scenario: scenarios[point], seed, durationMs: spec.durationMs ?? undefined, metrics: spec.metrics, window: spec.window });
        progress.tick();
        if ('stopped' in out) {
          stopped.push(`job ${job} (${pointLabel(spec, point)}, seed ${seed}): ${out.stopped}`);
          return null;
        }
        return { job, point, seed, ...out };
      }),
    );
    if (stopped.length) return { ok: false, lines: [`${spec.file}: ${stopped.length} run${stopped.length > 1 ? 's' : ''} stopped by the engine:`, ...stopped.sort()] };
    return { ok: true, runs: runs.filter((r): r is SweepRun => r !== null) };
  } finally {
    off();
    await close();
  }
}

/**
 * The module piscina's threads load. Run from source (tsx), each thread would load worker.ts's
 * ~100 TypeScript files through tsx's loader hooks, which Node runs on one thread for all: two
 * workers then wait on each other (measured: 2 runs of mm1 took 2.4-2.8 s on 2 threads against
 * 0.9-2.0 s on 1, the CPU 0.4 cores busy). So the worker is bundled (esbuild, as bench/bundle.ts
 * does) into plain JavaScript the threads load without hooks. Bundled once a process and kept in
 * memory (a test file runs a dozen sweeps in one process; each build took 0.5-1 s of the esbuild
 * service's CPU on a loaded machine); written to a file of its own for each sweep, which removes
 * it when its threads are done (`bundle`).
 */
async function workerModule(): Promise<{ filename: string; execArgv?: string[]; bundle?: string }> {
  // The built bin (dist-cli/meshsim.js, scripts/build-cli.ts) has its worker built beside it.
  if (!import.meta.url.endsWith('.ts')) return { filename: new URL('./sweep-worker.js', import.meta.url).href };
  if (workerCode === null) {
    // esbuild is a devDependency: loaded only when running from source, never by the installed bin.
    const { buildSync } = await import('esbuild');
    // yaml and @stdlib ship CommonJS for Node, which an ES bundle cannot require: Node loads them itself.
    const out = buildSync({ entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning', external: ['yaml', '@stdlib/*'] });
    workerCode = out.outputFiles[0].contents;
  }
  // A file per sweep and process: sweeps run side by side (tests, GNU parallel) never load a half-written one.
  // Beside node_modules, so the bundle's imports of yaml and @stdlib resolve.
  const outfile = join(fileURLToPath(new URL('../../../node_modules/.cache/meshsim-sweep/', import.meta.url)), `worker-${process.pid}-${++workerFiles}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, workerCode);
  return { filename: pathToFileURL(outfile).href, execArgv: [], bundle: outfile };
}

/** The worker bundled from source (workerModule), once a process; null until a sweep needs it. */
let workerCode: Uint8Array | null = null;
/** Worker files this process has written (each sweep's own name). */
let workerFiles = 0;

/** Prints the report (table or --json) and writes --out, --csv and --html; the exit code. */
function writeReport(report: SweepReport, args: SweepArgs, io: SweepIo): number {
  const json = JSON.stringify(report);
  const writes: [string, string, string][] = [];
  if (args.out !== undefined) writes.push(['--out', args.out, json + '\n']);
  if (args.csv !== undefined) writes.push(['--csv', args.csv, reportCsv(report)]);
  if (args.html !== undefined) writes.push(['--html', args.html, reportHtml(report)]);
  for (const [flag, file, text] of writes) {
    try {
      writeFileSync(file, text);
    } catch (e) {
      io.stderr.write(`${flag}: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      return BAD_INPUT;
    }
  }
  if (args.json) io.stdout.write(json + '\n');
  // A job that writes its result (--job K --out F, as --print-jobs lists) prints nothing more.
  // Under the table: points whose runs were the same runs (trial T5, 9), which no interval shows.
  else if (args.job === undefined || args.out === undefined) io.stdout.write([formatReport(report, tableWidth(io.stdout)), ...identicalLines(report)].join('\n') + '\n');
  return 0;
}

/**
 * The width the table is folded to: a terminal's own, kept to 80..120 columns (a wider one would
 * make lines too long to read across); TABLE_WIDTH off a terminal, so a file or pipe gets the same bytes anywhere.
 */
export function tableWidth(out: { isTTY?: boolean; columns?: number }): number {
  return out.isTTY && typeof out.columns === 'number' && out.columns > 0 ? Math.min(120, Math.max(80, out.columns)) : TABLE_WIDTH;
}

/** A word for a POSIX shell: as is when plain, else in single quotes. */
function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that runs job `job` alone and writes its result to DIR/job-K.json: the same file,
 * grid, seeds and duration, so its output carries the whole sweep's spec and --merge can check it.
 * Started as the sweep was (`how`): `npm run -s sim --` in a clone, `npx meshsim` where the package
 * is installed (a project that installed it has no `sim` script, so every job failed).
 */
function jobCommand(args: SweepArgs, file: string, job: number, how: Invocation): string {
  const words = [...(how === 'bin' ? ['npx', 'meshsim'] : ['npm', 'run', '-s', 'sim', '--']), 'sweep', file, '--seeds', String(args.seeds)];
  if (args.seedBase !== 1) words.push('--seed-base', String(args.seedBase));
  for (const a of args.axes) words.push('--set', `${a.path}=${a.values.map(formatValue).join(',')}`);
  if (args.durationText !== undefined) words.push('--duration', args.durationText);
  if (args.fromText !== undefined) words.push('--from', args.fromText);
  if (args.toText !== undefined) words.push('--to', args.toText);
  for (const m of args.metrics ?? []) words.push('--metric', m);
  words.push('--jobs', '1', '--job', String(job), '--out', `${args.printJobs}/job-${job}.json`);
  return words.map(shellWord).join(' ');
}

/** Reads job outputs (--out files) of one sweep and merges their runs; problems as lines. */
export function mergeJobFiles(files: readonly string[]): { ok: true; report: SweepReport; warnings: string[] } | { ok: false; lines: string[] } {
  const lines: string[] = [];
  let spec: SweepSpec | null = null;
  let first = '';
  const byJob = new Map<number, { run: SweepRun; file: string }>();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? `a folder: give the job outputs in it, e.g. --merge ${join(f, '*.json')}` : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot read (${code ?? String(e)})`;
      lines.push(`--merge ${f}: ${why}`);
      continue;
    }
    let r: unknown;
    try {
      r = JSON.parse(text);
    } catch (e) {
      lines.push(`--merge ${f}: ${notJson(text, (e as Error).message)}`);
      continue;
    }
    const problems = jobFileProblems(r);
    if (problems.length) {
      lines.push(...problems.map((p) => `--merge ${f}: ${p}`));
      continue;
    }
    const report = r as SweepReport;
    if (spec === null) {
      spec = report.sweep;
      first = f;
    } else if (JSON.stringify(report.sweep.window ?? null) !== JSON.stringify(spec.window ?? null)) {
      // Figures over different windows are different figures: never one interval (brief T3 1).
      lines.push(`--merge ${f}: measured over ${windowWords(report.sweep.window)}, but ${first} over ${windowWords(spec.window)}; a report reads one window: merge the jobs of one --from/--to`);
      continue;
    } else if (JSON.stringify(report.sweep) !== JSON.stringify(spec)) {
      lines.push(`--merge ${f}: from another sweep than ${first} (${differs(spec, report.sweep)})`);
      continue;
    }
    for (const run of report.runs) {
      const had = byJob.get(run.job);
      if (had && had.run.traceHash !== run.traceHash) lines.push(`--merge ${f}: job ${run.job} ran differently in ${had.file} (trace ${had.run.traceHash}, here ${run.traceHash}): not the same engine or scenario`);
      byJob.set(run.job, { run, file: f });
    }
  }
  if (lines.length || spec === null) return { ok: false, lines: lines.length ? lines : ['--merge: no job outputs read'] };
  const total = jobCount(spec);
  const missing = Array.from({ length: total }, (_, j) => j).filter((j) => !byJob.has(j));
  const warnings = missing.length ? [`warning: --merge: ${missing.length} of ${total} jobs missing (${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}); their points report the runs they have`] : [];
  return { ok: true, report: buildReport(spec, [...byJob.values()].map((v) => v.run)), warnings };
}

/**
 * Why a job output is not JSON, from JSON.parse's message: a file that breaks off at its end
 * (a job killed mid-write, a full disk, a copy not finished) is said to be cut short.
 */
function notJson(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  const end = message.includes('end of JSON input') || (at !== null && Number(at[1]) >= text.trimEnd().length - 1);
  const why = text.trim() === '' ? 'it is empty' : end ? `it ends at byte ${Buffer.byteLength(text)} before the JSON does: cut short, or still being written?` : message.replace(/\s+/g, ' ');
  return `not JSON (${why}; a job output is what sweep --out writes)`;
}

/** A sweep's window in words: "11 s – 24 s of each run", or "the whole run". */
function windowWords(w: SweepSpec['window']): string {
  return w ? `${w.fromMs / 1000} s – ${w.toMs / 1000} s of each run` : 'the whole run';
}

/** Which spec fields differ, for a message. */
function differs(a: SweepSpec, b: SweepSpec): string {
  const keys = (Object.keys(a) as (keyof SweepSpec)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return keys.map((k) => `${k} ${JSON.stringify(a[k])} vs ${JSON.stringify(b[k])}`).join('; ');
}

/** Grid points of a spec: re-exported for the HTML report and tests. */
export const pointsOf = (spec: SweepSpec) => gridPoints(spec.grid);
