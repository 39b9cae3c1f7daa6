import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { formatDuration, formatProblems, parseScenarioText } from '../scenario';
import { runScenario } from '../models';
import { parseArgs, USAGE } from './args';
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
  if (args.files.length > 1) {
    process.stderr.write(`FILE: expected one scenario file, got ${args.files.length}\n`);
    return BAD_INPUT;
  }
  const file = args.files[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : `cannot read (${code ?? String(e)})`;
    process.stderr.write(`${file}: ${why}\n`);
    return BAD_INPUT;
  }
  const result = parseScenarioText(text);
  if (!result.ok) {
    process.stderr.write(`${file}: ${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}\n${formatProblems(result.problems)}\n`);
    return BAD_INPUT;
  }
  // The file's own duration was checked against its warmup; an override must be too, or
  // every latency figure would come out as zero.
  if (args.durationMs !== undefined && args.durationMs <= result.scenario.warmup) {
    process.stderr.write(`--duration: must be longer than the scenario's warmup (${formatDuration(result.scenario.warmup)})\n`);
    return BAD_INPUT;
  }
  const { summary } = runScenario(result.scenario, { seed: args.seed, durationMs: args.durationMs, wallClock: () => performance.now() });
  process.stdout.write((args.json ? JSON.stringify(summary) : formatSummary(summary)) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
