import { readFileSync } from 'node:fs';
import { scenarioReadProblem } from './scenarioName';
import { problemsWithLines } from '../ui/editor/lines';
import { MAX_REQUESTS, expectedRequests, formatDuration, formatOfFile, formatProblems, notAScenario, notAScenarioInCli, parseScenarioText, readScenarioText, shortTimeoutNotes, type Scenario } from '../scenario';

/** A scenario file read and validated, or what is wrong with it as lines for stderr. */
export type Loaded = { ok: true; scenario: Scenario; warnings: string[] } | { ok: false; lines: string[] };

/**
 * Reads and validates a scenario file. A `durationMs` override takes the place of the file's
 * duration in every check against the end of the run: it must be longer than the warmup (a
 * run within its warmup would report every latency as zero), it bounds the requests sent, and
 * a fault that starts after it is a warning (the file is fine; this run is short), not an error.
 */
export function loadScenarioFile(file: string, durationMs?: number): Loaded {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, lines: [`${file}: ${scenarioReadProblem(file, e)}`] };
  }
  // A manifest or a share link in a scenario's place: where it goes instead (notAScenario.ts).
  const other = notAScenario(text);
  if (other) return { ok: false, lines: [`${file}: ${notAScenarioInCli(other, file)}`] };
  // With an override, the checks against the end of the run are made below, with it.
  const result = parseScenarioText(text, formatOfFile(file), { durationMs });
  if (!result.ok) {
    const n = result.problems.length;
    // Each at the line the app's editor and Open file… name (`line 15: services.checkout.mesh: ...`, each item by its name), in reading order.
    return { ok: false, lines: [`${file}: ${n} problem${n > 1 ? 's' : ''}`, formatProblems(problemsWithLines(text, result.problems))] };
  }
  const s = result.scenario;
  const bad = checkDurationOverride(s, file, durationMs);
  if (bad !== null) return { ok: false, lines: [bad] };
  const warnings: string[] = [];
  // A change whose timeout is shorter than the work it waits for (a bare 5 is 5 ms): said, not refused.
  const raw = s.changes.length ? readScenarioText(text, formatOfFile(file)) : null;
  const written = raw?.ok ? (raw.data as { changes?: unknown[] }).changes : undefined;
  s.changes.forEach((c, i) => {
    for (const n of shortTimeoutNotes(s, c, `changes.${i}`, written?.[i])) warnings.push(`warning: ${file}: ${n.path}: ${n.message}`);
  });
  if (durationMs !== undefined) {
    s.faults.forEach((f, i) => {
      if (f.at >= durationMs) warnings.push(`warning: ${file}: faults.${i} (${f.type}) starts at ${formatDuration(f.at)}, after this ${formatDuration(durationMs)} run ends`);
    });
  }
  return { ok: true, scenario: s, warnings };
}

/**
 * What is wrong with running a validated scenario for `durationMs` (the CLI's --duration) in
 * place of its own duration, as a `--duration: message` line, or null: the run must be longer
 * than the warmup, and must not send more than MAX_REQUESTS requests.
 */
export function checkDurationOverride(s: Scenario, file: string, durationMs: number | undefined): string | null {
  if (durationMs === undefined) return null;
  if (durationMs <= s.warmup) return `--duration: must be longer than ${file}'s warmup (${formatDuration(s.warmup)})`;
  const many = tooManyRequests(s, file, durationMs);
  if (many === null) return null;
  // Past the bound in a second already: the rates are at fault, not the length of the run.
  const perSecond = tooManyRequests(s, file, 1000);
  return perSecond === null ? `--duration: ${many}; give a shorter --duration` : `${perSecond}; lower the clients' rates or users`;
}

/**
 * How many requests a run of `s` for `durationMs` would send, said as `file would send about N
 * requests in D, more than MAX_REQUESTS (a run of many minutes)`, when that is over MAX_REQUESTS;
 * null otherwise. Open loops at their rates, closed loops as users × duration / (mean think +
 * least response) (expectedRequests). Pure.
 */
export function tooManyRequests(s: Scenario, file: string, durationMs: number): string | null {
  const total = expectedRequests(s, durationMs);
  if (total <= MAX_REQUESTS) return null;
  const d = formatDuration(durationMs);
  return `${file} would send ${Number.isFinite(total) ? `about ${Math.round(total).toLocaleString('en-US')} requests in ${d}, more than` : `more requests in ${d} than a number can hold, past`} ${MAX_REQUESTS.toLocaleString('en-US')} (a run of many minutes)`;
}
