import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseDurationArg } from '../durationArg';
import { parseSeed } from '../../scenario/seed';
import { parseSet, type Axis } from './grid';
import { noteUnknown, takeUnknownValues, unknownOptionMessage, type UnknownOption } from '../unknownOptions';
import { repeatedOptions } from '../onceOptions';
import { metricForms, RUN_METRICS } from './metrics';

/** The run-wide metric names, and the per-part forms (an edge's quoted), for the usage. */
const RUN_METRIC_NAMES = `${Object.keys(RUN_METRICS).join(', ')} (attemptsPerRequest: attemptsPerCall's old name, still read)`;
const PART_METRIC_FORMS = metricForms()
  .filter((f) => f.includes(':'))
  .map((f) => (f.startsWith('edge:') ? `'${f}'\n                      (quoted: the shell reads > as a redirect; FROM->TO as run --json names edges)` : f))
  .join('\n                    ');

/** Most replications a point takes: a study of more is split (--print-jobs) rather than held in one process. */
export const MAX_SEEDS = 100_000;
/** Most jobs one sweep lists, points × seeds; each result is kept in memory until the report. */
export const MAX_JOBS = 1_000_000;

/** `npm run sim -- sweep ...`'s options. */
export interface SweepArgs {
  /** The scenario file (absent with --merge). */
  file?: string;
  seeds: number;
  seedBase: number;
  axes: Axis[];
  /** Worker threads; one per core by default (os.availableParallelism). */
  jobs: number;
  json: boolean;
  csv?: string;
  html?: string;
  durationMs?: number;
  /** --duration as typed, repeated in --print-jobs commands. */
  durationText?: string;
  /** --from/--to: every metric over that window of simulated time, ms (sweep/window.ts); as typed for --print-jobs. */
  fromMs?: number;
  toMs?: number;
  fromText?: string;
  toText?: string;
  /** --print-jobs DIR: print one command per job writing DIR/job-K.json, run nothing. */
  printJobs?: string;
  /** --job K: run only job K (0-based) of the grid. */
  job?: number;
  /** --out FILE: write the --json report to FILE. */
  out?: string;
  /** --merge F...: build the report from these job outputs instead of running. */
  merge?: string[];
  /** --metric NAME, repeatable: the figures to report, in order (metrics.ts); absent: the default ones. Checked against the scenario by sweepMain. */
  metrics?: string[];
  help: boolean;
}

/** Parses the words after `sweep`. Problems come back as `option: message` lines, never thrown. */
export function parseSweepArgs(argv: readonly string[]): { ok: true; args: SweepArgs } | { ok: false; problems: string[] } {
  const args: SweepArgs = { seeds: 0, seedBase: 1, axes: [], jobs: availableParallelism(), json: false, help: false };
  const problems: string[] = [];
  const positional: string[] = [];
  const afterUnknown: UnknownOption[] = [];
  let merging = false;
  let seedsGiven = false;
  problems.push(...repeatedOptions(argv, ['--seeds', '--seed-base', '--duration', '--from', '--to', '--jobs', '--job', '--csv', '--html', '--out', '--print-jobs']));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const flag = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    const value = (): string | undefined => {
      const v = flag !== a ? a.slice(flag.length + 1) : argv[++i];
      if (v === undefined) problems.push(`${flag}: needs a value`);
      return v;
    };
    const file = (what: string, example: string): string | undefined => {
      const v = value();
      if (v === undefined) return undefined;
      if (v === '' || v.startsWith('-')) {
        problems.push(`${flag}: expected a file to write ${what} to, e.g. ${flag} ${example}, got "${v}"`);
        return undefined;
      }
      return v;
    };
    const whole = (min: number, max: number, what: string): number | undefined => {
      const v = value();
      if (v === undefined) return undefined;
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        problems.push(`${flag}: expected ${what}, a whole number from ${min} to ${max.toLocaleString('en-US')}, got "${v}"`);
        return undefined;
      }
      return n;
    };
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--json') args.json = true;
    else if (flag === '--merge') merging = true;
    else if (flag === '--seeds') {
      const n = whole(1, MAX_SEEDS, 'the replications per point');
      if (n !== undefined) args.seeds = n;
      seedsGiven = true;
    } else if (flag === '--seed-base') {
      const v = value();
      if (v !== undefined) {
        const r = parseSeed(v);
        if (!r.ok) problems.push(`--seed-base: ${r.message}`);
        else args.seedBase = r.seed;
      }
    } else if (flag === '--jobs') {
      const n = whole(1, 1024, 'the worker threads to run jobs on');
      if (n !== undefined) args.jobs = n;
    } else if (flag === '--job') {
      const n = whole(0, MAX_JOBS - 1, 'the index of the one job to run (0 for the first)');
      if (n !== undefined) args.job = n;
    } else if (flag === '--set') {
      const v = value();
      if (v !== undefined) {
        const r = parseSet(v);
        if (!r.ok) problems.push(r.problem);
        else if (args.axes.some((x) => x.path === r.axis.path)) problems.push(`--set ${r.axis.path}: set twice (give all its values in one --set, separated by commas)`);
        else args.axes.push(r.axis);
      }
    } else if (flag === '--metric') {
      const v = value();
      if (v !== undefined) {
        if (v === '' || v.startsWith('-')) problems.push(`--metric: expected a figure to report, e.g. --metric gateway:egress.cpu or --metric 'edge:web->db.tries', got "${v}"`);
        else if (!args.metrics?.includes(v)) (args.metrics ??= []).push(v);
      }
    } else if (flag === '--duration') {
      const v = value();
      if (v !== undefined) {
        const d = parseDurationArg(v);
        if (!d.ok) problems.push(`--duration: ${d.message}`);
        else if (d.ms <= 0) problems.push('--duration: must be greater than zero');
        else {
          args.durationMs = d.ms;
          args.durationText = v;
        }
      }
    } else if (flag === '--from' || flag === '--to') {
      const v = value();
      if (v !== undefined) {
        // A time into the run, written as --duration is (durationArg.ts), as run's --from/--to.
        const d = parseDurationArg(v);
        if (!d.ok) problems.push(`${flag}: ${d.message}`);
        else if (flag === '--from') [args.fromMs, args.fromText] = [d.ms, v];
        else [args.toMs, args.toText] = [d.ms, v];
      }
    } else if (flag === '--csv') args.csv = file('the per-point table', 'sweep.csv');
    else if (flag === '--html') args.html = file('the report', 'sweep.html');
    else if (flag === '--out') args.out = file('the JSON report', 'results/job-0.json');
    else if (flag === '--print-jobs') {
      const v = value();
      if (v !== undefined) {
        if (v === '' || v.startsWith('-')) problems.push(`--print-jobs: expected the folder the jobs write their results to, e.g. --print-jobs results, got "${v}"`);
        else args.printJobs = v.replace(/\/+$/, '') || '/';
      }
    } else if (a.startsWith('-')) {
      problems.push(unknownOptionMessage(a, ['--seeds', '--set', '--seed-base', '--duration', '--from', '--to', '--metric', '--jobs', '--json', '--csv', '--html', '--out', '--print-jobs', '--job', '--merge', '--help'], 'try sweep --help', 'unknown option for sweep'));
      noteUnknown(afterUnknown, argv, i, problems);
    } else positional.push(a);
  }
  // "--vary x=1,2" is one mistake, not also a second scenario file.
  if (!merging) takeUnknownValues(afterUnknown, positional, 1, problems);
  if (args.help) return problems.length ? { ok: false, problems } : { ok: true, args };
  if (merging) {
    if (positional.length === 0) problems.push('--merge: give the job outputs to merge, e.g. --merge results/*.json');
    const runOnly = [['--seeds', seedsGiven], ['--set', args.axes.length > 0], ['--duration', args.durationMs !== undefined], ['--job', args.job !== undefined], ['--print-jobs', args.printJobs !== undefined], ['--metric', args.metrics !== undefined], ['--from', args.fromMs !== undefined], ['--to', args.toMs !== undefined]] as const;
    for (const [name, given] of runOnly) if (given) problems.push(`${name}: --merge reads finished jobs, which carry their own grid, seeds, duration, window and metrics; leave ${name} out`);
    args.merge = positional;
  } else {
    if (positional.length === 0) problems.push('FILE: give a scenario file, e.g. sweep scenarios/mm1.json --seeds 5');
    else if (positional.length > 1) problems.push(`FILE: expected one scenario file, got ${positional.length} (${positional.join(', ')}); to merge job outputs: sweep --merge results/*.json`);
    else args.file = positional[0];
    if (!seedsGiven) problems.push('--seeds: give the replications per point, e.g. --seeds 10');
    if (args.printJobs !== undefined && args.job !== undefined) problems.push('--job: --print-jobs lists every job; leave --job out');
    // --print-jobs runs nothing, so a report asked for beside it was never written, without a word.
    if (args.printJobs !== undefined)
      for (const [flag, given] of [['--json', args.json], ['--csv', args.csv !== undefined], ['--html', args.html !== undefined], ['--out', args.out !== undefined]] as const)
        if (given) problems.push(`${flag}: --print-jobs runs nothing, so there is no report yet; once the jobs are done: sweep --merge ${args.printJobs}/*.json ${flag}${flag === '--json' ? '' : ' FILE'}`);
    if (seedsGiven && args.seeds > 0) problems.push(...sizeProblems(args));
    problems.push(...idleAxes(args));
  }
  problems.push(...sharedOutputs(args));
  return problems.length ? { ok: false, problems } : { ok: true, args };
}

/**
 * Axes that could not change a run, whose points all came out the same without a word: every
 * job runs its own seed (--seed-base ...), so `--set seed=1,2` set nothing; and --duration
 * replaces the file's duration, so `--duration 6s --set duration=7s,8s` ran 6 s at both points.
 */
function idleAxes(args: SweepArgs): string[] {
  const out: string[] = [];
  for (const a of args.axes) {
    if (a.path === 'seed') out.push('--set seed: each run takes its seed from the sweep (--seeds N runs seeds --seed-base to base + N − 1 at every point), so a seed axis would change nothing; give --seeds and --seed-base instead');
    if (a.path === 'duration' && args.durationMs !== undefined) out.push(`--set duration: --duration ${args.durationText} sets every run's duration, so this axis would change nothing; leave one of them out`);
  }
  return out;
}

/** Two outputs given one file: the later write replaced the earlier (--csv x --html x left only the HTML in x). */
function sharedOutputs(args: SweepArgs): string[] {
  const given: [string, string][] = [];
  for (const [flag, file] of [['--csv', args.csv], ['--html', args.html], ['--out', args.out]] as const) if (file !== undefined) given.push([flag, file]);
  const out: string[] = [];
  given.forEach(([flag, file], i) => {
    const first = given.findIndex(([, f]) => resolve(f) === resolve(file));
    if (first < i) out.push(`${flag}: ${file} is also ${given[first][0]}'s file; give each output its own`);
  });
  return out;
}

/**
 * A sweep too big to list (more than MAX_JOBS jobs: 100,000 seeds at 11 points began 1.1 million
 * jobs, the first done after 36 s), or whose last seed is past the seed's range (--seed-base
 * 2^53 − 1 with --seeds 2 ran seed 2^53, which the seed rule refuses everywhere else).
 */
function sizeProblems(args: SweepArgs): string[] {
  const out: string[] = [];
  const points = args.axes.reduce((n, a) => n * a.values.length, 1);
  const jobs = points * args.seeds;
  if (jobs > MAX_JOBS) out.push(`--seeds: ${args.seeds.toLocaleString('en-US')} seeds × ${points.toLocaleString('en-US')} points is ${jobs.toLocaleString('en-US')} jobs, more than the ${MAX_JOBS.toLocaleString('en-US')} one sweep lists; split the grid into several sweeps, or give fewer seeds`);
  // NOTE: base + seeds − 1 rounds back into range near 2^53 (2^53 − 1 + 2 − 1 is 2^53 − 1 in doubles); this difference is exact.
  if (args.seeds - 1 > Number.MAX_SAFE_INTEGER - args.seedBase) out.push(`--seed-base: the seeds run from ${args.seedBase} to base + ${args.seeds - 1}, past ${Number.MAX_SAFE_INTEGER} (2^53 − 1, the largest seed); give a base of at most ${Number.MAX_SAFE_INTEGER - args.seeds + 1}`);
  return out;
}

export const SWEEP_USAGE = `usage: npm run sim -- sweep FILE --seeds N [--set path=v1,v2,...]... [--seed-base B] [--duration T] [--from T] [--to T]
                           [--metric NAME]... [--jobs J] [--json] [--csv FILE] [--html FILE] [--out FILE]
                           [--print-jobs DIR | --job K]
       npm run sim -- sweep --merge results/*.json [--json] [--csv FILE] [--html FILE] [--out FILE]

Runs FILE at every point of a grid, N replications a point (seeds B, B+1, ..., B+N-1; the same
seeds at every point), on worker threads, and reports per point the mean and 95% confidence
interval (Student t, cut at what the figure can take: a share at 0..100%) of latency p50, p90,
p99 and mean, failed % of ended (errorShare), attempts per call (all hops) and proxy CPU, or of the --metric figures.
  --set path=v1,v2  a scenario field and its values, one grid axis; repeat for more axes (the
                    grid is every combination). Paths as the scenario's messages write them,
                    with a part's name in place of its index: services.payments.replicas=1,2,3,
                    services.payments.policy.retries.attempts=0,1,2, warmup=1s. A value is JSON
                    when it reads as JSON (3, true, {"type":"exponential","mean":"1ms"}), else text (5ms).
                    A duration takes its unit, as --duration does (warmup=2 is refused: 2s or 2ms?).
  --seeds N         replications per point, 1 to ${MAX_SEEDS.toLocaleString('en-US')} (2 or more for an interval)
  --seed-base B     the first seed (default 1)
  --metric NAME     a figure to report, in place of the default ones; repeat for more, in order:
                    ${RUN_METRIC_NAMES}
                    ${PART_METRIC_FORMS}
                    e.g. --metric errorShare --metric gateway:egress.cpu --metric 'edge:egress->partner.tries'
  --duration T      simulated time of every run, with its unit, e.g. 30s (default: the scenario's)
  --from T          read every figure over a window of each run, whole seconds, from T (default
                    0 s), as run --from/--to does: the latency of the ok requests that ended in it
                    (p50Ms, p90Ms, p99Ms, meanMs), how many ended (endedRequests), their errorShare,
                    and per service service:NAME.triesPerUserRequest (a story step's attempts at
                    NAME per user request); CPU is not measured over a window
  --to T            the window's end (default: the run's end)
  --jobs J          worker threads (default: one per core, here ${availableParallelism()})
  --json            print the report as one JSON object: the grid, per point the intervals, and
                    every run's figures and trace hash
  --csv FILE        write one row per point: the grid's values, runs, and each metric's mean, lo, hi, n
  --html FILE       write a self-contained report: a chart per metric against the first swept
                    field, with 95% bands (inline SVG, no script)
  --out FILE        write the --json report to FILE (what --merge reads)
  --print-jobs DIR  print one self-contained command per job (its output DIR/job-K.json) and
                    run nothing: for GNU parallel, a CI matrix or a Kubernetes Indexed Job
  --job K           run only job K (0-based; job = point × N + seed − B)
  --merge F...      build the report from job outputs (--out files) instead of running
Example:
  npm run sim -- sweep scenarios/retry-storm.json --seeds 5 --duration 30s --set services.payments.policy.retries.attempts=0,1,2
Exit codes: 0 ran, 1 a run was stopped by the engine (its scenario and seed are named),
2 bad input (each problem printed as path: message, before any job starts).`;
