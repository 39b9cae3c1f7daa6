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
 * B - A with its sign and unit: "+2.64 ms", "-0.40 ms", "+0.351 vCPU" (vCPU to three decimals, as
 * the CLI prints the figures; ms to two), "±0 ms" when equal at that precision; null without one.
 */
export function differenceText(r: Pick<DiffRow, 'unit'>, d: number | null): string | null {
  if (d === null || !Number.isFinite(d)) return null;
  const digits = r.unit === 'vCPU' ? 3 : 2;
  const text = Math.abs(d).toFixed(digits);
  if (Number(text) === 0) return `±0 ${r.unit}`;
  return `${d > 0 ? '+' : '-'}${text} ${r.unit}`;
}
