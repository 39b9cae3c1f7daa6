// The compare view's verdict line: the figures table's head rows in one line, for a window where
// the table is below the fold (trial T1, 6: at 1024x768 the answer, failed 22.1% vs 0.0%, needed a scroll).
import { pointsText } from '../../workers/compareDifference';
import { formatDiffValue, type DiffRow } from './diff';

/** The rows the line gives, in order: the failed share, p99 latency, attempts per user request (keys of compareRows.ts). */
const VERDICT_KEYS = ['failed', 'p99', 'tries'] as const;

/** What the line calls each row: shorter than the table's labels, one line at 1024 px. */
const SHORT: Record<(typeof VERDICT_KEYS)[number], string> = { failed: 'failed', p99: 'p99', tries: 'attempts per request' };

/**
 * "failed 22.1% vs 0.0% (-22.1 pts) · p99 183 ms vs 189 ms · attempts per request 3.992 vs 2.998":
 * A's value before B's, as the table's columns, each formatted as the table formats it; a share
 * with its B - A in points. A row missing from `rows`, or with neither value, is left out; an
 * empty array when none is there. Pure.
 */
export function verdictParts(rows: readonly DiffRow[]): string[] {
  const parts: string[] = [];
  for (const key of VERDICT_KEYS) {
    const r = rows.find((x) => x.key === key);
    if (!r || (r.a === null && r.b === null)) continue;
    const points = r.format === 'share' ? pointsText(r.a, r.b) : null;
    parts.push(`${SHORT[key]} ${formatDiffValue(r, r.a)} vs ${formatDiffValue(r, r.b)}${points ? ` (${points})` : ''}`);
  }
  return parts;
}
