import { readFileSync } from 'node:fs';
import { formatDuration, formatProblems, parseScenarioText, type Scenario } from '../scenario';

/** A scenario file read and validated, or what is wrong with it as lines for stderr. */
export type Loaded = { ok: true; scenario: Scenario } | { ok: false; lines: string[] };

/**
 * Reads and validates a scenario file. A `durationMs` override is checked against the file's
 * warmup: a run no longer than its warmup would report every latency as zero.
 */
export function loadScenarioFile(file: string, durationMs?: number): Loaded {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : `cannot read (${code ?? String(e)})`;
    return { ok: false, lines: [`${file}: ${why}`] };
  }
  const result = parseScenarioText(text);
  if (!result.ok) {
    const n = result.problems.length;
    return { ok: false, lines: [`${file}: ${n} problem${n > 1 ? 's' : ''}`, formatProblems(result.problems)] };
  }
  if (durationMs !== undefined && durationMs <= result.scenario.warmup) {
    return { ok: false, lines: [`--duration: must be longer than the scenario's warmup (${formatDuration(result.scenario.warmup)})`] };
  }
  return { ok: true, scenario: result.scenario };
}
