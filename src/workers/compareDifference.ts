// B - A beside B / A for latency and CPU (trial N16, 6): Istio publishes a sidecar's cost as a
// difference ("+2.65 ms at p90"), and the compare table gave the ratio only ("1.79x"). One text
// for the app's compare table and `npm run sim -- compare`, so the two read alike. Pure.
import type { DiffRow } from './compareRows';

/** Whether a compare row gets its difference: the latency rows (ms) and the CPU rows (vCPU). */
export function hasDifference(r: Pick<DiffRow, 'section' | 'unit'>): boolean {
  return r.section === 'latency' || r.unit === 'vCPU';
}

/** B - A in the row's unit, or null when either is missing (no difference to give). */
export function differenceOf(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : b - a;
}

/**
 * B - A with its sign and unit: "+2.64 ms", "-0.40 ms", "-16.3 ms", "-506 ms", "+1.25 s",
 * "+0.351 vCPU" (vCPU to three decimals, as the CLI prints the figures), "±0 ms" when equal at that
 * precision; null without one. A difference in ms keeps as many decimals as a latency of its size
 * shows (formatLatency: none from 100 ms, one from 10 ms, seconds with two from 1,000 ms) and two
 * under 10 ms, where a sidecar's cost lies and Istio quotes it so: "-506.00 ms" stood beside
 * "1.05 s" and "546 ms" (trial T5, 6).
 */
export function differenceText(r: Pick<DiffRow, 'unit'>, d: number | null): string | null {
  if (d === null || !Number.isFinite(d)) return null;
  const a = Math.abs(d);
  const [v, digits, unit] = r.unit === 'vCPU' ? [a, 3, r.unit] : r.unit === 'ms' && a >= 999.5 ? [a / 1000, 2, 's'] : [a, r.unit !== 'ms' ? 2 : a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2, r.unit];
  const text = v.toFixed(digits);
  if (Number(text) === 0) return `±0 ${r.unit}`;
  return `${d > 0 ? '+' : '-'}${text} ${unit}`;
}

/**
 * B - A of two shares (fractions, 0.336 for 33.6%) in percentage points, one decimal, with its sign:
 * "-33.6 pts", "+2.0 pts", "±0 pts" when equal at that precision; null when either is missing or
 * not a number. Shares read as a difference, not a ratio: 33.6% against 0% read "B/A 0.00x" (trial
 * N17, 5), which says nothing a class can use; a rate or a latency keeps its ratio.
 */
export function pointsText(a: number | null, b: number | null): string | null {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  const d = (b - a) * 100;
  const text = Math.abs(d).toFixed(1);
  if (Number(text) === 0) return '±0 pts';
  return `${d > 0 ? '+' : '-'}${text} pts`;
}

/** Whether two shares are apart enough to mark in a table: a point or more (a ratio's mark is 10%). */
export function pointsApart(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b) && Math.abs(b - a) >= 0.01;
}

/**
 * Decimals for two figures shown side by side with their ratio: `d`, or one more where `d` would
 * make two different values read alike ("1.0 / 1.0 / 0.96x" in the CLI's window: the ratio showed
 * a difference the values hid; trial T5, 6), so the ratio can be read from the values. Missing or
 * non-finite values take `d`. Pure.
 */
export function alikeDigits(a: number | null, b: number | null, d = 1): number {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || a === b) return d;
  return a.toFixed(d) === b.toFixed(d) ? d + 1 : d;
}
