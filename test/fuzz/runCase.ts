import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from '../../src/cli/args';
import { loadScenarioFile } from '../../src/cli/load';
import { main } from '../../src/cli/main';
import { formatSummary } from '../../src/cli/table';
import { World, summarize } from '../../src/models';
import { MAX_REQUESTS, expectedRequests } from '../../src/scenario';
import { RunStoppedError } from '../../src/sim-engine';
import type { FuzzInput } from './generate';

/** Budgets of one case: a run that needs more is stopped and reported as a failure. */
export interface Budget {
  /** Simulation events (the stall guard's million fits; a small valid case needs far fewer). */
  events: number;
  /**
   * CPU time in ms (this process's, so other work on a shared machine does not count) for
   * building and running the world; wall time may be WALL_FACTOR times more.
   */
  cpuMs: number;
}

/**
 * Events a request may cost, for judging a run stopped at its budget: a meshed hop makes
 * about 22 (README, Benchmarks), and a request seldom crosses more than two.
 */
const EVENTS_PER_REQUEST = 50;

/** CPU time in ms a file may take to be read and checked, on top of the run's budget. */
const LOAD_MS = 4_000;

export const DEFAULT_BUDGET: Budget = { events: 3_000_000, cpuMs: 6_000 };

/** Wall time over CPU time a case may take, for a machine shared with other work. */
const WALL_FACTOR = 4;

/** How one case ended, as the CLI would end it. */
export interface Outcome {
  /** 0 ran, 2 bad input; null when the case failed before an exit code. */
  code: 0 | 2 | null;
  /** What is wrong; empty when the case passed. */
  failures: string[];
  /** What the CLI printed on stderr (for code 2), and how far the run got. */
  stderr: string;
  events: number;
  wallMs: number;
  /** The run was stopped at its budget, as the scenario is valid and heavier than the budget. */
  long?: boolean;
}

/** A stack trace looks like "    at fn (file:line:col)" lines, or an "Error:" header. */
const STACK = /^\s+at \S|^\w*Error:|invariant violated/m;
/**
 * Words a message to a person should never carry: `undefined`, an object printed raw, an
 * infinity sign, or NaN and Infinity where the input had neither (a number that went wrong in
 * the code rather than one the person wrote; "got Infinity" echoes an overflowing value).
 */
function checkMessages(text: string, failures: string[], input = ''): void {
  if (STACK.test(text)) failures.push(`stack trace or invariant in output: ${firstLines(text)}`);
  const garbled = [/\bundefined\b/, /\[object Object\]/, /∞/, /\bNaN\b/, /(?<!got )\bInfinity\b/].find((re) => re.test(text) && !re.test(input));
  if (garbled) failures.push(`garbled message (${garbled.source} not in the input): ${firstLines(text)}`);
}

function firstLines(text: string): string {
  const t = text.split('\n').slice(0, 3).join(' | ');
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e);
}

/** Calls the CLI's main() in-process, capturing what it writes. */
export function runMain(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    const code = main(argv);
    return { code, stdout, stderr };
  } catch (e) {
    // An exception out of main() is what `npm run sim` would print as a crash (exit 1).
    return { code: 1, stdout, stderr: `${stderr}${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/**
 * Runs one input through the CLI's code path: its argument parser, its loader, then the world
 * in wall-time slices (`runFor`) under the budget, as `runScenario` would run it, the summary
 * and the table. Cases that end within the budget run once more through main() itself, whose
 * exit code and output must agree. Conservation (sent = ok + failed + inFlight, failures
 * summing to failed) is checked on every run that ends.
 */
export function runCase(input: FuzzInput, dir: string, budget: Budget = DEFAULT_BUDGET): Outcome {
  const failures: string[] = [];
  const file = join(dir, input.fileName);
  writeFileSync(file, input.content);
  const argv = [file, ...input.argv];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpu = () => {
    const u = process.cpuUsage(cpu0);
    return (u.user + u.system) / 1000;
  };
  const limit = budget.cpuMs + LOAD_MS;
  const text = `${typeof input.content === 'string' ? input.content : ''} ${input.argv.join(' ')}`;
  const outcome = (code: Outcome['code'], stderr: string, events = 0): Outcome => {
    checkMessages(stderr, failures, text);
    const wall = performance.now() - t0;
    if (cpu() > limit || wall > WALL_FACTOR * limit) {
      failures.push(`took ${(cpu() / 1000).toFixed(1)} s of CPU, ${(wall / 1000).toFixed(1)} s of wall time to end (${code === 2 ? 'refused' : 'ran'}); the budget is ${(limit / 1000).toFixed(0)} s of CPU`);
    }
    return { code, failures, stderr, events, wallMs: wall };
  };

  const parsed = parseArgs(argv);
  if (!parsed.ok) return compareWithMain(argv, outcome(2, parsed.problems.join('\n')), failures, text);
  const { args } = parsed;
  let loaded: ReturnType<typeof loadScenarioFile>;
  try {
    loaded = loadScenarioFile(file, args.durationMs);
  } catch (e) {
    failures.push(`loading threw ${errorText(e)}`);
    return outcome(null, '');
  }
  if (!loaded.ok) return compareWithMain(argv, outcome(2, loaded.lines.join('\n')), failures, text);

  const s = args.durationMs !== undefined ? { ...loaded.scenario, duration: args.durationMs } : loaded.scenario;
  let world: World;
  try {
    world = new World(s, args.seed ?? s.seed);
  } catch (e) {
    failures.push(`building the world threw ${errorText(e)}`);
    return outcome(null, '');
  }
  // Slices of CPU time: the engine's runFor takes any clock.
  const clock = cpu;
  try {
    for (;;) {
      if (world.runFor(50, world.duration, clock)) break;
      const wall = performance.now() - t0;
      if (world.sim.events > budget.events || cpu() > budget.cpuMs || wall > WALL_FACTOR * budget.cpuMs) {
        checkConservation(world, failures);
        // A valid scenario may be heavy (up to MAX_REQUESTS): past the budget it is only a
        // failure when its estimated work fits the budget, i.e. the run is slower than it should be.
        const estimate = expectedRequests(s, s.duration);
        if (estimate > budget.events / EVENTS_PER_REQUEST && estimate <= MAX_REQUESTS) return { ...outcome(0, '', world.sim.events), long: true };
        failures.push(
          `no end within the budget: ${world.sim.events.toLocaleString('en-US')} events, ${Math.round(wall)} ms of wall time, ` +
            `at ${world.sim.now.toFixed(3)} of ${s.duration} simulated ms (${world.sent} sent, about ${Math.round(estimate)} expected in all)`,
        );
        return outcome(null, '', world.sim.events);
      }
    }
  } catch (e) {
    if (e instanceof RunStoppedError) return compareWithMain(argv, outcome(2, `${file}: ${e.message}`, world.sim.events), failures, text);
    failures.push(`the run threw ${errorText(e)} at ${world.sim.now} ms`);
    return outcome(null, '', world.sim.events);
  }
  checkConservation(world, failures);
  try {
    const summary = summarize(world, 0);
    const json = JSON.parse(JSON.stringify(summary)) as typeof summary;
    const r = json.requests;
    if (r.sent !== r.ok + r.failed + r.inFlight) failures.push(`--json breaks conservation: ${JSON.stringify(r)}`);
    const sum = Object.values(json.failures).reduce((a, b) => a + b, 0);
    if (sum !== r.failed) failures.push(`--json failures sum to ${sum}, not failed = ${r.failed}`);
    const table: string[] = [];
    checkMessages(formatSummary(summary), table, text);
    failures.push(...table.map((f) => `the table: ${f}`));
  } catch (e) {
    failures.push(`summary or table threw ${errorText(e)}`);
  }
  const o = outcome(0, '', world.sim.events);
  // Running it again through main() costs as much again: only for the small runs.
  return world.sim.events <= MAIN_EVENTS ? compareWithMain(argv, o, failures, text) : o;
}

/** Cases that took longer than this (wall ms) are not run a second time through main(). */
const MAIN_WALL_MS = 2_000;

/** Runs up to this many events are run a second time through main(). */
const MAIN_EVENTS = 300_000;

function checkConservation(world: World, failures: string[]): void {
  if (world.sent !== world.ok + world.failed + world.inFlight || world.inFlight < 0) failures.push(`conservation broken: sent ${world.sent}, ok ${world.ok}, failed ${world.failed}, inFlight ${world.inFlight}`);
  const sum = world.failures.total;
  if (sum !== world.failed) failures.push(`failures sum to ${sum}, not failed = ${world.failed}`);
}

/** The case ended within budget: main() itself must end the same way, without a stack trace. */
function compareWithMain(argv: string[], o: Outcome, failures: string[], input = ''): Outcome {
  // Running a case again through main() costs as much again: not for the slow ones.
  if (o.wallMs > MAIN_WALL_MS) return o;
  const m = runMain(argv);
  if (m.code !== o.code) failures.push(`main() exited ${m.code}, the code path ${o.code}: ${firstLines(m.stderr)}`);
  if (m.code !== 0 && m.code !== 2) failures.push(`main() exited ${m.code}`);
  checkMessages(m.stderr, failures, input);
  if (m.code === 0 && argv.includes('--json')) {
    try {
      const j = JSON.parse(m.stdout) as { requests: { sent: number; ok: number; failed: number; inFlight: number } };
      if (j.requests.sent !== j.requests.ok + j.requests.failed + j.requests.inFlight) failures.push('main() --json breaks conservation');
    } catch {
      failures.push(`main() --json printed no single JSON object: ${firstLines(m.stdout)}`);
    }
  }
  return { ...o, failures };
}
