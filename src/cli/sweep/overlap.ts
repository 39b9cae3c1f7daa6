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
  return alongLines(r, m, (c, before) => before !== undefined && share(c, before) === true);
}

/** What the table says of ≠, once, under it (trial N18, 6: every point read ≈ though 0 and 3 retries were apart). */
export const APART_NOTE = "≠: this point's 95% interval does not overlap that of the first point on its line (the baseline, the first value of the first swept path): these seeds tell it from the baseline, even where no single step along the line is large enough for them to tell apart";

/**
 * Per point of `r` (grid order), whether metric `m`'s 95% interval lies apart from that of the first
 * point on its line (the baseline: the first point with a figure along the first swept path, the
 * other paths alike, as overlapsBefore's line). The baseline itself, and a point or baseline
 * without an interval, are never marked. Pure.
 */
export function apartFromFirst(r: SweepReport, m: string): boolean[] {
  return alongLines(r, m, (c, _before, first) => first !== undefined && share(c, first) === false);
}

/** A figure's 95% interval; an end is null without one (one run, or no run with the figure). */
type Interval = { lo: number | null; hi: number | null };

/** Whether two intervals share a point; null when either lacks an end. */
function share(a: Interval, b: Interval): boolean | null {
  if (a.lo === null || a.hi === null || b.lo === null || b.hi === null) return null;
  return a.lo <= b.hi && b.lo <= a.hi;
}

/**
 * Walks `r`'s points in grid order along their lines (the first swept path, the other paths alike)
 * and asks `judge` of each point with a figure, given its line's point before it and first point
 * (undefined for the first); a point without a figure is false and is no line's point. Pure.
 */
function alongLines(r: SweepReport, m: string, judge: (c: Interval, before: Interval | undefined, first: Interval | undefined) => boolean): boolean[] {
  const grid = r.sweep.grid;
  const before = new Map<string, Interval>();
  const first = new Map<string, Interval>();
  return r.points.map((p) => {
    const c = p.metrics[m];
    if (!c || c.mean === null) return false;
    const key = grid.slice(1).map((a) => JSON.stringify(p.set[a.path])).join('\0');
    const out = judge(c, before.get(key), first.get(key));
    before.set(key, c);
    if (!first.has(key)) first.set(key, c);
    return out;
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

