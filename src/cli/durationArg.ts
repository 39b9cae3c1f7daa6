import { durationPaths } from '../scenario/common';
import { DURATION_UNIT_HOW, parseDuration } from '../scenario/duration';
import { scenarioSchema } from '../scenario/schema';

/**
 * Durations typed on a command line: `--duration` (run, compare, sweep) and a `--set` of a
 * duration field (sweep). They take a number with its unit (`30s`, `500ms`). A bare number, which
 * a scenario file reads as milliseconds, is refused here, where `--duration 30` or
 * `--set warmup=30` could as well mean seconds; 0, the same in every unit, needs none.
 */

/** Why a bare number `text` (as typed) is refused: one wording for --duration and --set. */
export function unitlessMessage(text: string): string {
  const shown = text.length > 24 ? `"${text.slice(0, 10)}…${text.slice(-6)}" (${text.length} characters)` : `"${text}"`;
  const eg = text.length > 24 ? '30s or 500ms' : `${text}s or ${text}ms`;
  return `${shown} needs a unit, e.g. ${eg} (a bare number is milliseconds in a scenario file, but on the command line it is ambiguous)`;
}

/** A command line's duration, in ms: a number with its unit; a bare number other than 0 is refused (unitlessMessage). */
export function parseDurationArg(text: string): { ok: true; ms: number } | { ok: false; message: string } {
  if (/^\s*\d+(\.\d+)?\s*$/.test(text) && Number(text) !== 0) return { ok: false, message: unitlessMessage(text.trim()) };
  return parseDuration(/^\s*[\d.]+\s*$/.test(text) ? Number(text) : text, DURATION_UNIT_HOW);
}

let paths: string[][] | undefined;

/** Whether `path` (a scenario index path: `services.2.policy.timeout`) is a duration field, or a distribution's bare duration. */
function isDurationPath(path: readonly string[]): boolean {
  // The scenario's duration fields, read off its schema (`*`: any index or key).
  paths ??= durationPaths(scenarioSchema);
  return paths.some((p) => p.length === path.length && p.every((k, i) => k === '*' || k === path[i]));
}

/**
 * The bare numbers other than 0 a `--set` value puts in duration fields, as `[where inside the
 * value ('' for the value itself), the number]`: `--set warmup=2` gives `['', 2]`,
 * `--set services.web.serviceTime={"type":"exponential","mean":2}` gives `['mean', 2]`.
 * `indexPath` is the --set's resolved path. Pure.
 */
export function bareDurations(indexPath: readonly string[], value: unknown): [string, number][] {
  const out: [string, number][] = [];
  const walk = (v: unknown, at: string[]) => {
    if (typeof v === 'number') {
      if (v !== 0 && isDurationPath([...indexPath, ...at])) out.push([at.join('.'), v]);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, String(i)]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(value, []);
  return out;
}
