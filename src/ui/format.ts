// Number formatting for everything the UI shows: one place, so every figure reads the same way.
// Pure functions, no locale surprises on a projector: en-US grouping (1,234.5), whatever the
// browser's language, so a screenshot or a share link reads the same in every room. The digits
// themselves (formatNumber, formatCount) live in workers/numberText.ts, for the worker's figures too.
import { formatNumber } from '../workers/numberText';

export { countOf, formatCount, formatNumber } from '../workers/numberText';

/**
 * A rate or other figure that is read at a glance: one decimal under 10, none from 10 on
 * ("4.5", "1,234"), with separators. Pure.
 */
export function formatRate(n: number): string {
  return formatNumber(n, Math.abs(n) >= 10 ? 0 : 1);
}

/**
 * A rate in the fewest characters, for a title with little room: as formatRate under 1,000
 * ("21", "4.5"), then thousands with a "k" ("7.0k" for 7,028, one decimal under 10k; "12k"),
 * millions with an "M". Rounds half up; a negative or non-finite n gets formatRate's text. Pure.
 */
export function formatRateShort(n: number): string {
  const a = Math.abs(n);
  if (!Number.isFinite(n) || a < 999.5) return formatRate(n);
  const [v, unit] = a < 999_500 ? [n / 1000, 'k'] : [n / 1_000_000, 'M'];
  return `${formatNumber(v, Math.abs(v) >= 9.95 ? 0 : 1)}${unit}`;
}

/** A share as a percentage: one decimal under 10%, none from 10% on ("3.5%", "27%"). Pure. */
export function formatPercent(share: number): string {
  return `${formatNumber(100 * share, Math.abs(share) >= 0.1 ? 0 : 1)}%`;
}

/**
 * Simulated time in seconds, e.g. "12.4 s" or "3,600.0 s". More decimals while the number is
 * small, so time visibly moves at slow speeds.
 */
export function formatSimTime(ms: number): string {
  const s = ms / 1000;
  const digits = s < 1 ? 3 : s < 10 ? 2 : 1;
  return `${formatNumber(s, digits)} s`;
}

/**
 * Text for a place that wraps (a table's column head, a legend): a number keeps its unit on its
 * line ("15.0 s", "5ms" already is), a no-break space in place of the space between them, so a
 * head squeezed by its table never leaves a lone "s" on a line of its own. Only for the screen:
 * exported text keeps plain spaces. Pure.
 */
export function keepUnits(text: string): string {
  return text.replace(/(\d) (?=(?:ms|s|µs|us|m|h|%|×|req\/s|vCPU)(?![\w/]))/g, '$1\u00a0');
}

/**
 * The running clock (formatSimTime's digits), cut down to its last digit as a clock reads, never
 * rounded up to a time not yet reached: 29,950 ms is "29.9 s", the end of the link labels' window
 * then (the last second to the tenth, edgeWindow.ts), where rounding read "30.0 s" over them
 * (session 20). For the time a run stands at; a moment that was (a fault's end) keeps formatSimTime.
 * Pure.
 */
export function formatClock(ms: number): string {
  const digits = ms < 1000 ? 3 : ms < 10_000 ? 2 : 1;
  // In whole units of the last digit shown (1, 10 or 100 ms); the nudge keeps 4,350 / 10 = 434.99… at 435.
  const unit = 10 ** (3 - digits);
  return `${formatNumber((Math.floor(ms / unit + 1e-9) * unit) / 1000, digits)} s`;
}

/**
 * A moment on the timeline (a step, a fault, a second's edge, where a branch was made) in seconds
 * with one decimal, "0.0 s", "25.0 s", "1,234.5 s", or as many more (at most three, ms) as it
 * needs to be read exactly: "9.85 s", "4.165 s". A branch made where the clock read 9.85 s was
 * labelled "at 9.8 s" beside panes reading 9.85 s. Unlike formatSimTime (the running clock, with
 * more decimals while small so it visibly moves), a whole tenth reads the same at every size. Pure.
 */
export function formatMoment(ms: number): string {
  const s = ms / 1000;
  const digits = [1, 2].find((d) => Math.abs(Math.round(s * 10 ** d) - s * 10 ** d) < 1e-6) ?? 3;
  return `${formatNumber(s, digits)} s`;
}

/** A latency in ms, e.g. "60.0 ms" or "1.24 s"; an em dash when there is no data yet. */
export function formatLatency(ms: number, hasData: boolean): string {
  if (!hasData || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${formatNumber(ms / 1000, 2)} s`;
  if (ms >= 100) return `${formatNumber(ms, 0)} ms`;
  return `${formatNumber(ms, 1)} ms`;
}

/** Share as a percentage with one decimal, "0.0%" for an empty total. */
export function formatShare(part: number, total: number): string {
  return total > 0 ? `${formatNumber((100 * part) / total, 1)}%` : '0.0%';
}

/** A name's possessive in English: "retail's", "payments'" (a name ending in s takes the apostrophe alone). Pure. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}
