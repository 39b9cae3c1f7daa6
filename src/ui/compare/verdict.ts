// The compare view's verdict line: the figures table's head rows in one line, for a window where
// the table is below the fold (trial T1, 6: at 1024x768 the answer, failed 22.1% vs 0.0%, needed a scroll).
// Where both stories measure the failed share over one window, the line leads with that window's
// figures and names it, the whole run's after, labelled (trial T2, 4: pane A's story read 33.4% over
// 21 s – 58 s beside a line reading "failed 22% vs 0.0%" over the whole run, and a teacher could not
// tell which to quote).
// With a client in scope, or clients only one run has, the line says whose requests each figure
// counts, as the table does (trial T3, 1: "failed 21.6% vs 0.0%" counted shoppers beside panes
// counting all four of B's clients), and a p99 quoted beside failed shares far apart says which
// failed requests it leaves out (trial T3, 2).
import { alikeDigits, pointsText } from '../../workers/compareDifference';
import { okOnlyWords } from '../../workers/okSets';
import type { RunSummary } from '../../workers/protocol';
import { clientSets, formatDiffValue, type DiffRow } from './diff';
import { formatNumber } from '../format';
import type { StoryWindowRow } from './storyWindows';

/** The rows the line gives, in order: the failed share, p99 latency, attempts per user request (keys of compareRows.ts). */
const VERDICT_KEYS = ['failed', 'p99', 'tries'] as const;

/** What the line calls each row: shorter than the table's labels, one line at 1024 px. */
// The attempts say what they count and over which window where they stand (trial T5, 5: 'attempts
// per request 20.6 vs 4.9' beside a step figure of 27.0 over the last second read as a contradiction).
const SHORT: Record<(typeof VERDICT_KEYS)[number], string> = { failed: 'failed', p99: 'p99', tries: 'attempts per user request, all hops, whole run' };

/**
 * Attempts per user request on the line: one decimal, as the step figures and the Ownership card
 * ("3.989" stood beside "27.0": trial T5, 6), two where one decimal would make two different
 * values read alike. Pure.
 */
export function triesText(a: number | null, b: number | null): [string, string] {
  const one = (v: number | null, d: number) => (v === null || !Number.isFinite(v) ? '—' : formatNumber(v, d));
  const d = alikeDigits(a, b);
  return [one(a, d), one(b, d)];
}

/** A share on the line: one decimal on both sides, as its B - A in points ("22.1% vs 0.0%", not "22% vs 0.0%"). */
const shareText = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`);

/** Whose requests the line's figures count, and how the runs' clients differ: what verdictParts needs beyond the rows. */
export interface VerdictScope {
  /** The client the figures are for (scopeInUse), or null for every client's. */
  scope: string | null;
  /** clientsShort's words when the runs' clients differ, else null. */
  clients: string | null;
}

/**
 * "B has 3 clients A has not", "A has 1 client B has not", or both ("A has 1 client B has not, B
 * has 2 A has not"): the table's clientsLine in short, for the verdict line at 1024 px. Null when
 * both runs have the same clients. Pure.
 */
export function clientsShort(a: RunSummary, b: RunSummary): string | null {
  const { onlyA, onlyB } = clientSets(a, b);
  const n = (k: number) => (k === 1 ? '1 client' : `${k} clients`);
  if (onlyA.length > 0 && onlyB.length > 0) return `A has ${n(onlyA.length)} B has not, B has ${onlyB.length} A has not`;
  if (onlyA.length > 0) return `A has ${n(onlyA.length)} B has not`;
  if (onlyB.length > 0) return `B has ${n(onlyB.length)} A has not`;
  return null;
}

/**
 * "failed 22.1% vs 0.0% (-22.1 pts) · p99 of ok requests 183 ms vs 189 ms (A's 22.1% failed are
 * left out, not like for like ‡) · attempts per user request, all hops, whole run 4.0 vs 3.0": A's
 * value before B's, as the table's columns,
 * each formatted as the table formats it but a share with one decimal on both sides and its B - A
 * in points. The p99 says whose failed requests it leaves out when the failed shares are more than
 * 5 points apart (okOnlyWords; ‡ is the table's note). `window`: the stories' window row to lead
 * with (storyVerdictWindow); the failed share then reads "failed 33.4% vs 0.0% (-33.4 pts) over
 * the stories' 21 s – 58 s · whole run 22.1% vs 0.0% (-22.1 pts)". `who`: with a client in scope,
 * the line opens with the clients' difference (who.clients), names the client before its figures
 * ("shoppers: failed 21.6% vs 0.0% …"), and puts "every client:" before the window's and the
 * whole run's rows (DiffRow.allClients), the window's after the client's figures; with none in
 * scope and the clients differing, "every client:" before the first figure. A row missing from
 * `rows`, or with neither value, is left out; an empty array when none is there. Pure.
 */
export function verdictParts(rows: readonly DiffRow[], window: StoryWindowRow | null = null, who: VerdictScope = { scope: null, clients: null }): string[] {
  const { scope } = who;
  const figures: string[] = [];
  const windowPart = () => {
    if (!window) return null;
    const points = pointsText(window.a.value, window.b.value);
    const soFar = window.a.complete && window.b.complete ? '' : ', so far';
    return `${scope !== null ? 'every client: ' : ''}failed ${shareText(window.a.value)} vs ${shareText(window.b.value)}${points ? ` (${points})` : ''} over the stories' ${window.window}${soFar}`;
  };
  if (scope === null && window) figures.push(windowPart()!);
  const failed = rows.find((x) => x.key === 'failed');
  const leftOut = okOnlyWords(failed?.a ?? null, failed?.b ?? null);
  let scoped = false;
  for (const key of VERDICT_KEYS) {
    const r = rows.find((x) => x.key === key);
    if (!r || (r.a === null && r.b === null)) continue;
    const points = r.format === 'share' ? pointsText(r.a, r.b) : null;
    const tries = key === 'tries' ? triesText(r.a, r.b) : null;
    const value = (v: number | null) => (tries ? tries[v === r.a ? 0 : 1] : r.format === 'share' ? shareText(v) : formatDiffValue(r, v));
    let name: string = key === 'failed' && window && scope === null ? 'whole run' : SHORT[key];
    if (key === 'p99' && leftOut) name = 'p99 of ok requests';
    if (scope !== null && !r.allClients && !scoped) {
      name = `${scope}: ${name}`;
      scoped = true;
    }
    if (scope !== null && r.allClients) {
      const w = windowPart();
      if (w && !figures.includes(w)) figures.push(w);
      name = `every client: ${name}`;
    }
    figures.push(`${name} ${value(r.a)} vs ${value(r.b)}${points ? ` (${points})` : ''}${key === 'p99' && leftOut ? ` (${leftOut}, not like for like ‡)` : ''}`);
  }
  const w = scope !== null ? windowPart() : null;
  if (w && !figures.includes(w)) figures.push(w);
  if (figures.length > 0 && scope === null && who.clients) figures[0] = `every client: ${figures[0]}`;
  return figures.length > 0 && who.clients ? [who.clients, ...figures] : figures;
}

/**
 * The stories' window the verdict line leads with: the first of `rows` (storyWindowRows) measuring
 * the failed share of all user requests (no service, client or link named) with a number on both
 * sides, so not before the window's first second; null when there is none. Pure.
 */
export function storyVerdictWindow(rows: readonly StoryWindowRow[]): StoryWindowRow | null {
  return rows.find((r) => r.measure === 'failed-share' && r.ofAll && Number.isFinite(r.a.value) && Number.isFinite(r.b.value)) ?? null;
}
