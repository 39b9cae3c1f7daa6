// A p99 of ok requests beside failures (trial T3 of session 52, 2): with 0 retries 1.5% of
// requests failed at their per-try timeout and dropped out of the p99, which then read 288 ms
// against 344 ms with retries, "retries make p99 worse". The table and the HTML mark such p99
// cells with ‡ and say, per point, what share of the ended requests is not in it.
import type { SweepReport } from './report';
import { formatValue, gridPoints } from './grid';
import { shortPaths } from './cells';

/** The mark after a p99 cell that leaves out a larger failed share than another point's. */
export const OK_ONLY_MARK = '‡';

/** The latency figures the mark is put on: the p99 of ok requests (the one a review quotes). */
export const OK_ONLY_METRICS: readonly string[] = ['p99Ms'];

/**
 * A point's failed share: what fails of the user requests that ended, leaving out of its p99 what
 * fails. Less than this apart from the least point's share (0.1% of ended, a tenth of the slowest
 * 1% a p99 is read from) moves a p99 too little to mark.
 */
export const OK_ONLY_MIN_GAP = 0.001;

/**
 * Each point's failed share of ended requests, 0..1: the errorShare metric's mean where the sweep
 * reports it (over its window with --from/--to), else the mean of its runs' failed / (ok + failed)
 * for a whole-run sweep; null where unknown (a window without errorShare, no run ended a request). Pure.
 */
export function failedShares(r: SweepReport): (number | null)[] {
  return r.points.map((p, i) => {
    const e = p.metrics.errorShare;
    if (e) return e.mean;
    if (r.sweep.window) return null;
    const shares = r.runs.filter((run) => run.point === i && run.ok + run.failed > 0).map((run) => run.failed / (run.ok + run.failed));
    return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
  });
}

/**
 * Per point, whether its p99 of ok requests leaves out a failed share at least OK_ONLY_MIN_GAP
 * above the least point's, so comparing p99s across points favours the point that fails more. All
 * false when the shares are alike or unknown. Pure.
 */
export function okOnlyMarks(r: SweepReport): boolean[] {
  const shares = failedShares(r);
  const known = shares.filter((s): s is number => s !== null);
  if (known.length < 2) return shares.map(() => false);
  const least = Math.min(...known);
  return shares.map((s) => s !== null && s - least >= OK_ONLY_MIN_GAP);
}

/**
 * The legend line for the ‡ marks, or null when no cell has one: "‡ p99 of ok requests; N% of
 * ended failed and are not in it (attempts=0 perTryTimeout=100ms: 0.17%, ...)", the swept paths by
 * their short names (cells.ts shortPaths). Pure.
 */
export function okOnlyNote(r: SweepReport, names: readonly string[]): string | null {
  if (!names.some((n) => OK_ONLY_METRICS.includes(n))) return null;
  const marks = okOnlyMarks(r);
  if (!marks.some(Boolean)) return null;
  const shares = failedShares(r);
  const points = gridPoints(r.sweep.grid);
  const least = Math.min(...shares.filter((s): s is number => s !== null));
  const pct = (s: number) => `${Number((100 * s).toPrecision(2))}%`;
  const short = shortPaths(r.sweep.grid.map((a) => a.path));
  const at = (i: number) => short.map((s, a) => `${s}=${formatValue(points[i][a])}`).join(' ');
  const listed = marks.flatMap((m, i) => (m ? [`${at(i)}: ${pct(shares[i]!)}`] : []));
  return `${OK_ONLY_MARK} p99 of ok requests; N% of ended failed and are not in it (${listed.join(', ')}; the others about ${pct(least)}): a failed request leaves the p99, so the point that fails more can read faster`;
}
