// The compare view's verdict line: the figures table's head rows in one line, for a window where
// the table is below the fold (trial T1, 6: at 1024x768 the answer, failed 22.1% vs 0.0%, needed a scroll).
// Where both stories measure the failed share over one window, the line leads with that window's
// figures and names it, the whole run's after, labelled (trial T2, 4: pane A's story read 33.4% over
// 21 s – 58 s beside a line reading "failed 22% vs 0.0%" over the whole run, and a teacher could not
// tell which to quote).
import { pointsText } from '../../workers/compareDifference';
import { formatDiffValue, type DiffRow } from './diff';
import type { StoryWindowRow } from './storyWindows';

/** The rows the line gives, in order: the failed share, p99 latency, attempts per user request (keys of compareRows.ts). */
const VERDICT_KEYS = ['failed', 'p99', 'tries'] as const;

/** What the line calls each row: shorter than the table's labels, one line at 1024 px. */
const SHORT: Record<(typeof VERDICT_KEYS)[number], string> = { failed: 'failed', p99: 'p99', tries: 'attempts per request' };

/** A share on the line: one decimal on both sides, as its B - A in points ("22.1% vs 0.0%", not "22% vs 0.0%"). */
const shareText = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`);

/**
 * "failed 22.1% vs 0.0% (-22.1 pts) · p99 183 ms vs 189 ms · attempts per request 3.992 vs 2.998":
 * A's value before B's, as the table's columns, each formatted as the table formats it but a share
 * with one decimal on both sides and its B - A in points. `window`: the stories' window row to lead
 * with (storyVerdictWindow); the failed share then reads "failed 33.4% vs 0.0% (-33.4 pts) over the
 * stories' 21 s – 58 s · whole run 22.1% vs 0.0% (-22.1 pts)". A row missing from `rows`, or with
 * neither value, is left out; an empty array when none is there. Pure.
 */
export function verdictParts(rows: readonly DiffRow[], window: StoryWindowRow | null = null): string[] {
  const parts: string[] = [];
  if (window) {
    const points = pointsText(window.a.value, window.b.value);
    const soFar = window.a.complete && window.b.complete ? '' : ', so far';
    parts.push(`failed ${shareText(window.a.value)} vs ${shareText(window.b.value)}${points ? ` (${points})` : ''} over the stories' ${window.window}${soFar}`);
  }
  for (const key of VERDICT_KEYS) {
    const r = rows.find((x) => x.key === key);
    if (!r || (r.a === null && r.b === null)) continue;
    const points = r.format === 'share' ? pointsText(r.a, r.b) : null;
    const value = (v: number | null) => (r.format === 'share' ? shareText(v) : formatDiffValue(r, v));
    const name = key === 'failed' && window ? 'whole run' : SHORT[key];
    parts.push(`${name} ${value(r.a)} vs ${value(r.b)}${points ? ` (${points})` : ''}`);
  }
  return parts;
}

/**
 * The stories' window the verdict line leads with: the first of `rows` (storyWindowRows) measuring
 * the failed share of all user requests (no service, client or link named) with a number on both
 * sides, so not before the window's first second; null when there is none. Pure.
 */
export function storyVerdictWindow(rows: readonly StoryWindowRow[]): StoryWindowRow | null {
  return rows.find((r) => r.measure === 'failed-share' && r.ofAll && Number.isFinite(r.a.value) && Number.isFinite(r.b.value)) ?? null;
}
