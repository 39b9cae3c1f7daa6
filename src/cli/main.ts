import { performance } from 'node:perf_hooks';
import { runScenario, type RunSummary } from '../models';
import type { Scenario } from '../scenario';
import { parseArgs, USAGE, type CliArgs } from './args';
import { compareRuns, formatComparison } from './compare';
import { loadScenarioFile } from './load';
import { formatSummary } from './table';

/** Exit code for bad input: the scenario or the arguments, never a crash. */
const BAD_INPUT = 2;

function main(argv: string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(parsed.problems.join('\n') + '\n\n' + USAGE + '\n');
    return BAD_INPUT;
  }
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(USAGE + '\n');
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
  if (args.command === 'compare') {
    // The same seed for both: A's unless --seed says otherwise.
    const seed = args.seed ?? scenarios[0].seed;
    const [a, b] = scenarios.map((s) => run(s, { ...args, seed }));
    const c = compareRuns(a, b);
    process.stdout.write((args.json ? JSON.stringify(c) : formatComparison(c)) + '\n');
    return 0;
  }
  const summary = run(scenarios[0], args);
  process.stdout.write((args.json ? JSON.stringify(summary) : formatSummary(summary)) + '\n');
  return 0;
}

function run(s: Scenario, args: Pick<CliArgs, 'seed' | 'durationMs'>): RunSummary {
  return runScenario(s, { seed: args.seed, durationMs: args.durationMs, wallClock: () => performance.now() }).summary;
}

process.exitCode = main(process.argv.slice(2));
