import { parseDurationArg } from './durationArg';
import { parseSeed } from '../scenario/seed';
import { noteUnknown, takeUnknownValues, unknownOptionMessage, type UnknownOption } from './unknownOptions';
import { repeatedOptions } from './onceOptions';
import { editDistance, nearestName } from '../scenario/nearMiss';

/** The commands `npm run sim --` takes as its first word (src/cli/main.ts; the bin's SUBCOMMANDS). */
const COMMANDS = ['run', 'compare', 'sweep', 'import', 'lint'] as const;

/**
 * The command a first word is a typo of ("rnu", "comapre", "sweeep"), or undefined: a bare word
 * (no dot, no slash, so not a file path; a shipped scenario's name was made a path before this)
 * one edit from a command of 4 letters or fewer, two from a longer one. Pure.
 */
export function commandTypo(word: string): string | undefined {
  if (!/^[a-z]+$/i.test(word) || (COMMANDS as readonly string[]).includes(word)) return undefined;
  return COMMANDS.find((c) => editDistance(word.toLowerCase(), c) <= (c.length <= 4 ? 1 : 2));
}

/**
 * The problem with a first word that is no command, when it is a bare word (no dot, no slash:
 * not written as a path) that names no file here (`exists`) and no shipped scenario (those were
 * made paths before this), or null. `npm run sim -- frobnicate` said "frobnicate: no such
 * file", as if a file had been meant. A typo of a command is left to parseArgs ("did you mean
 * run?"); a near scenario name is offered. Pure but for `exists`.
 */
export function unknownCommand(argv: readonly string[], exists: (path: string) => boolean, scenarios: readonly string[]): string | null {
  const [word] = argv;
  if (word === undefined || !/^[A-Za-z][\w-]*$/.test(word) || word === 'help' || (COMMANDS as readonly string[]).includes(word)) return null;
  if (commandTypo(word) !== undefined || exists(word)) return null;
  const near = nearestName(word, scenarios);
  return `${word}: unknown command (commands: ${COMMANDS.join(', ')}, help), and no file or shipped scenario has that name${near ? `; did you mean ${near}?` : ''} (a scenario is given by its path, scenarios/hello-mesh.json, or a shipped one's name, hello-mesh)`;
}

export interface CliArgs {
  /** `compare A B` runs two scenarios; absent for a single run. */
  command?: 'compare';
  files: string[];
  seed?: number;
  durationMs?: number;
  json: boolean;
  help: boolean;
  /** `--traces FILE`: write the kept spans there as OTLP/JSON. */
  traces?: string;
  /** `--csv FILE`: write the per-second series there, the app's CSV columns (src/ui/export/tables.ts). */
  csv?: string;
  /**
   * `compare --client NAME`: the figures of that client's requests (the app's "figures for", `scope=` in a compare
   * link); `run FILE --client NAME`: also that client's requests and their latency over the run or the window
   * (clientWindow.ts, the app's latency chart for that client). Whether the files have such a client is checked
   * once they are read (main.ts).
   */
  client?: string;
  /**
   * `run --from T --to T`: also print the figures over that window of simulated time, ms (src/cli/window.ts);
   * either alone reads from the start or to the end. Checked against the run's duration once the file is read.
   */
  fromMs?: number;
  toMs?: number;
}

/** A client's name as `--client` takes it: the rule of a compare link's `scope=` (src/ui/compare/link.ts). */
const CLIENT_NAME = /^[A-Za-z0-9._-]{1,63}$/;

/** Parses argv (after the script name). Returns problems instead of throwing. */
export function parseArgs(argv: readonly string[]): { ok: true; args: CliArgs } | { ok: false; problems: string[] } {
  const args: CliArgs = { files: [], json: false, help: false };
  const problems: string[] = [];
  const afterUnknown: UnknownOption[] = [];
  let start = 0;
  if (argv[0] === 'compare') {
    args.command = 'compare';
    start = 1;
  } else if (argv[0] === 'run') {
    // `run FILE` says what a bare `FILE` does.
    start = 1;
  }
  problems.push(...repeatedOptions(argv.slice(start), ['--seed', '--duration', '--traces', '--csv', '--client', '--from', '--to']));
  for (let i = start; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) problems.push(`${a}: needs a value`);
      return v;
    };
    const flag = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flag === '--json') args.json = true;
    else if (flag === '--traces') {
      const v = value();
      if (v !== undefined) {
        if (v === '' || v.startsWith('-')) problems.push(`--traces: expected a file to write the spans to, e.g. --traces out.json, got "${v}"`);
        else args.traces = v;
      }
    }
    else if (flag === '--csv') {
      const v = value();
      if (v !== undefined) {
        if (v === '' || v.startsWith('-')) problems.push(`--csv: expected a file to write the per-second series to, e.g. --csv out.csv, got "${v}"`);
        else args.csv = v;
      }
    }
    else if (flag === '--client') {
      const v = value();
      if (v !== undefined) {
        // The rule of a compare link's `scope=` (src/ui/compare/link.ts), so what one takes the other does.
        if (!CLIENT_NAME.test(v)) problems.push(`--client: expected a client's name (letters, digits, '.', '_' or '-'), e.g. --client shoppers, got "${v}"`);
        else args.client = v;
      }
    }
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--seed') {
      const v = value();
      if (v !== undefined) {
        // The same rule as a file's `seed`.
        const r = parseSeed(v);
        if (!r.ok) problems.push(`--seed: ${r.message}`);
        else args.seed = r.seed;
      }
    } else if (flag === '--duration') {
      const v = value();
      if (v !== undefined) {
        // A bare number is ambiguous on a command line (30 what?): ask for a unit (durationArg.ts,
        // as the sweep's --duration and --set do).
        const d = parseDurationArg(v);
        if (!d.ok) problems.push(`--duration: ${d.message}`);
        else if (d.ms <= 0) problems.push('--duration: must be greater than zero');
        else args.durationMs = d.ms;
      }
    } else if (flag === '--from' || flag === '--to') {
      const v = value();
      if (v !== undefined) {
        // A time into the run, written as --duration is (durationArg.ts): 11s, 1500ms, 0.
        const d = parseDurationArg(v);
        if (!d.ok) problems.push(`${flag}: ${d.message}`);
        else if (flag === '--from') args.fromMs = d.ms;
        else args.toMs = d.ms;
      }
    } else if (a.startsWith('-')) {
      problems.push(unknownOptionMessage(a, ['--seed', '--duration', '--json', '--traces', '--csv', '--client', '--from', '--to', '--help'], 'try --help'));
      noteUnknown(afterUnknown, argv, i, problems);
    } else args.files.push(a);
  }
  // "--speed 10" is one mistake, not also a second scenario file "10".
  takeUnknownValues(afterUnknown, args.files, args.command === 'compare' ? 2 : 1, problems);
  if (args.help) return problems.length ? { ok: false, problems } : { ok: true, args };
  if (args.command === 'compare') {
    if (args.traces !== undefined) problems.push('--traces: writes the spans of one run; compare runs two (run each on its own with --traces)');
    if (args.csv !== undefined) problems.push('--csv: writes the series of one run; compare runs two (run each on its own with --csv)');
    if (args.files.length !== 2) problems.push(`compare: give two scenario files, e.g. compare scenarios/gateway-only.json scenarios/mesh-only.json (got ${args.files.length})`);
  } else if (start === 0 && argv.length > 0 && args.files[0] === argv[0] && commandTypo(argv[0]) !== undefined) {
    // "rnu FILE" is a command mistyped, not two files.
    problems.push(`${argv[0]}: not a command; did you mean ${commandTypo(argv[0])}? (commands: ${COMMANDS.join(', ')}; or give a scenario file first)`);
  } else if (args.files.length === 0) problems.push('FILE: give a scenario file, e.g. scenarios/hello-mesh.json');
  else if (args.files.length > 1) problems.push(`FILE: expected one scenario file, got ${args.files.length} (to run two side by side: compare A B)`);
  return problems.length ? { ok: false, problems } : { ok: true, args };
}

/** Each command's usage, printed by `<command> --help` (and `help <command>`). */
export const USAGE = `usage: npm run sim -- [run] FILE [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json] [--traces FILE] [--csv FILE]
       npm run sim -- compare A B [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json]
       npm run sim -- sweep FILE --seeds N [--set path=v1,v2,...]...
       npm run sim -- import FILES_OR_DIRS... [--workload FILE] [-o OUT.yaml]
       npm run sim -- lint FILES_OR_DIRS... [--workload FILE] [--json] [--fail-on error|warning|info|never]
       npm run sim -- replay LINK [--to-end] [--json]

Runs a scenario headless and prints its figures; compare runs two with the same seed and
prints their figures side by side with B/A (and B-A for latency and CPU); sweep runs
replications over a grid of scenario fields and reports 95% confidence intervals; import writes
a scenario from Kubernetes and Istio manifests; lint checks a mesh's config; replay runs what an
app's share link holds.
Each command's --help prints its own flags, their units and defaults, and an example:
  npm run sim -- run --help      npm run sim -- compare --help      npm run sim -- sweep --help
  npm run sim -- import --help   npm run sim -- lint --help         npm run sim -- replay --help
Example:
  npm run sim -- scenarios/hello-mesh.json --seed 42 --duration 30s
Exit codes: 0 ran, 1 lint found a finding at --fail-on or worse, or a sweep's run was stopped by
the engine, 2 bad input (each problem printed as path: message).`;

/** Flags that run and compare share, as both usages list them. */
const SEED_HELP = (whose: string) => `  --seed N        random seed, a whole number within ±(2^53 − 1) (default: ${whose})`;
const DURATION_HELP = (whose: string) => `  --duration T    simulated time to run, with its unit: 500ms, 30s, 2m or 1h, at most 8760h; a bare
                  number is refused as ambiguous (default: ${whose})`;

export const RUN_USAGE = `usage: npm run sim -- run FILE [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json] [--traces FILE] [--csv FILE]
       npm run sim -- FILE ...   (the same: run is the command when none is given)

Runs one scenario headless from start to end and prints its figures: requests sent, ok,
failed by cause and in flight, latency (mean, p50, p90, p99), retries, and each service's figures.
  FILE            a scenario file (JSON, or YAML when named .yaml/.yml), or the name of a
                  shipped scenario (hello-mesh, retry-storm, ...: the files of scenarios/)
${SEED_HELP("the scenario's seed")}
${DURATION_HELP("the scenario's duration")}
  --from T        also print the figures over a window of simulated time, whole seconds, from
                  T (default: 0 s): the user requests that ended in it, the latency of the ok
                  ones (mean, p50, p90, p99) and, per service, the attempts made for them (a story
                  step's "attempts at payments per user request", e.g. retry-storm --from 11s
                  --to 24s) and the attempts sent in it
  --to T          the window's end (default: the run's end)
  --client NAME   also print that client's requests that ended (in the window, or the whole
                  run) and the latency of its ok ones, as the app's latency chart shows for that
                  client (one second: --from 12s --to 13s reads the chart's point at 12 s)
  --json          print exactly one JSON object on stdout, and nothing else (with a window:
                  its figures under "window"; with --client, that client's under "client")
  --traces FILE   write spans of one request in 100 and of the last 100 failed ones to FILE
                  as OpenTelemetry OTLP/JSON (Jaeger and other OTLP viewers open it)
  --csv FILE      write the run's per-second series to FILE as CSV, the columns of the app's
                  Export menu (t_start_s, sent_req_per_s, latency_p99_ms, ...), then per
                  service tries_sent_<service> and tries_of_ended_<service> (attempts; the
                  column names kept)
Examples:
  npm run sim -- run hello-mesh
  npm run sim -- run scenarios/retry-storm.json --seed 42 --duration 30s --json
  npm run sim -- run retry-storm --from 11s --to 24s
  npm run sim -- run gateway-and-mesh --client shoppers
Exit codes: 0 ran, 2 bad input (each problem printed as path: message).`;

export const COMPARE_USAGE = `usage: npm run sim -- compare A B [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json]

Runs two scenarios with the same seed and prints their figures side by side with the ratio B/A
(and the difference B-A for latency and CPU, as Istio quotes a sidecar's cost: +2.65 ms at p90):
sent, ok, failed and in-flight shares, latency p50, p90, p99 and mean, events, retries, failures
by cause, and the attempts (retries included) each service both runs have received.
  A, B            two scenario files (JSON, or YAML when named .yaml/.yml), or names of shipped
                  scenarios (hello-mesh, retry-storm, ...)
${SEED_HELP("A's seed, for both runs")}
${DURATION_HELP("each scenario's own duration")}
  --from T        also print both runs' figures over one window of simulated time, whole seconds,
                  from T (default: 0 s): the user requests that ended in it, their failed share,
                  the latency of the ok ones (with B-A), and per service the attempts at it per
                  user request (a story step's figure, as run --from/--to gives it), with B/A; e.g.
                  retry-storm retry-storm-fixed --from 11s --to 24s
  --to T          the window's end (default: the shorter run's end; past either run's end is refused)
  --client NAME   the figures of that client's requests only, as the app's "figures for" (scope=
                  in a compare link): sent, ok, failed, latency, failures by cause and the hops on
                  its path; the rest count every client's (default: every client's)
  --json          print exactly one JSON object on stdout: {a, b, ratios, figures, client}, and
                  with a window "window": {fromMs, toMs, window, rows, a, b}; a ratio is null
                  where A's figure is zero
  (--traces and --csv write one run's files: run each scenario on its own with them.)
Example:
  npm run sim -- compare retry-storm retry-storm-fixed --seed 7 --duration 30s
Exit codes: 0 ran, 2 bad input (each problem printed as path: message).`;

/** The usage `npm run sim -- ARGV... --help` prints: compare's, run's, or the general one (a bare FILE). Pure. */
export function usageFor(argv: readonly string[]): string {
  return argv[0] === 'compare' ? COMPARE_USAGE : argv[0] === 'run' ? RUN_USAGE : USAGE;
}
