// Which points of a sweep the seeds cannot tell from the point before them (trial N15, 2): the
// HTML marks them with a ≈ above the point, the text table after the cell. One rule for both.
import type { SweepReport } from './report';

/** What the table says of ≈, once, under it. */
export const OVERLAP_NOTE = "≈: this point's 95% interval overlaps that of the point before it (the previous value of the first swept path, the other paths alike): these seeds cannot tell the two apart";

/**
 * Per point of `r` (grid order), whether metric `m`'s 95% interval overlaps that of the point
 * before it on its line: the previous point with a figure, along the first swept path, whose other
 * paths have the same values (the HTML chart's line, html.ts). A point or its predecessor without an
 * interval (one run, or no run with the figure) is never marked. Pure.
 */
export function overlapsBefore(r: SweepReport, m: string): boolean[] {
  const grid = r.sweep.grid;
  const last = new Map<string, { lo: number | null; hi: number | null }>();
  return r.points.map((p) => {
    const c = p.metrics[m];
    if (!c || c.mean === null) return false;
    const key = grid.slice(1).map((a) => JSON.stringify(p.set[a.path])).join('\0');
    const prev = last.get(key);
    last.set(key, c);
    return prev !== undefined && prev.lo !== null && prev.hi !== null && c.lo !== null && c.hi !== null && c.lo <= prev.hi && prev.lo <= c.hi;
  });
}

/** What the table says of ≠, once, under it (trial N18, 6: every point read ≈ though 0 and 3 retries were apart). */
export const APART_NOTE = "≠: this point's 95% interval does not overlap that of the first point on its line (the baseline, the first value of the first swept path): these seeds tell it from the baseline, even where no single step is large enough to";

/**
 * Per point of `r` (grid order), whether metric `m`'s 95% interval lies apart from that of the first
 * point on its line (the baseline: the first point with a figure along the first swept path, the
 * other paths alike, as overlapsBefore's line). The baseline itself, and a point or baseline
 * without an interval, are never marked. Pure.
 */
export function apartFromFirst(r: SweepReport, m: string): boolean[] {
  const grid = r.sweep.grid;
  const first = new Map<string, { lo: number | null; hi: number | null }>();
  return r.points.map((p) => {
    const c = p.metrics[m];
    if (!c || c.mean === null) return false;
    const key = grid.slice(1).map((a) => JSON.stringify(p.set[a.path])).join('\0');
    const base = first.get(key);
    if (base === undefined) {
      first.set(key, c);
      return false;
    }
    return base.lo !== null && base.hi !== null && c.lo !== null && c.hi !== null && (c.lo > base.hi || base.lo > c.hi);
  });
}

/** Whether any cell of the report carries a ≠ (so the table says what it means). */
export function anyApart(r: SweepReport, names: readonly string[]): boolean {
  return names.some((m) => apartFromFirst(r, m).some(Boolean));
}

/** Whether any cell of the report carries a ≈ (so the table says what it means). */
export function anyOverlap(r: SweepReport, names: readonly string[]): boolean {
  return names.some((m) => overlapsBefore(r, m).some(Boolean));
}

