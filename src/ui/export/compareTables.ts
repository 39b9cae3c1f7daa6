// The compare view's exports as tables and plain data: both runs' figures with B/A (the
// `metrics-diff` table), both runs' per-second series in one CSV with a `run` column (the CLI's
// `--csv` columns otherwise), and both as JSON. Pure: no DOM.
import type { SeriesBucket } from '../../workers/series';
import type { DiffRow } from '../compare/diff';
import { causesOf, csvField, csvNumber, runExport, seriesColumns, seriesRows, type FigureTotals, type RunExport } from './tables';

/** One side of a compare export: what the pane ran and where it stands. */
export interface CompareSide {
  /** "A · retry-storm", "B · with timeout 5ms on payments at 15.0 s": as the view names it. */
  label: string;
  /** The scenario's name (its file name without `.json`, or the opened file's). */
  scenario: string;
  title: string;
  stats: FigureTotals;
  buckets: readonly SeriesBucket[];
  bucketMs: number;
}

/**
 * The figures table as CSV: `figure,unit,a_<A's name>,b_<B's name>,b_over_a`, one row per
 * `metrics-diff` row (its key, e.g. `p99`, `cause:timeout`, `svc:payments`), an empty cell where
 * the figure does not exist in a run or there is no ratio. The sides' names go in the header
 * (`a_retry-storm`) rather than in comment lines, which plain CSV readers would take for data. `requests_of`: whose
 * requests the row counts, `client` (the table's "figures for", as `npm run sim -- compare A B --client NAME`) on
 * the rows that split by client, else "all clients". Pure.
 */
export function compareFiguresCsv(rows: readonly DiffRow[], names: readonly [string, string], client: string | null = null): string {
  const cell = (v: number | null) => (v === null ? '' : csvNumber(v));
  const head = ['figure', 'unit', `a_${names[0]}`, `b_${names[1]}`, 'b_over_a', 'requests_of'].map(csvField).join(',');
  return [head, ...rows.map((r) => [csvField(r.key), csvField(r.unit), cell(r.a), cell(r.b), cell(r.ratio), csvField(requestsOf(r, client))].join(','))].join('\n') + '\n';
}

/** Whose requests a row counts: the client in scope's, unless the row is the whole run's (`allClients`); else "all clients". Pure. */
const requestsOf = (r: DiffRow, client: string | null) => (client !== null && !r.allClients ? client : 'all clients');

/**
 * Both runs' per-second series in one CSV: a `run` column (A or B) before the CLI's `--csv`
 * columns, with the failure causes of either run (a cause one run never had reads 0 there); A's
 * rows, then B's. Pure.
 */
export function compareSeriesCsv(sides: readonly [CompareSide, CompareSide]): string {
  const causes = [...new Set(sides.flatMap((s) => causesOf(s.buckets)))].sort();
  const lines = [['run', ...seriesColumns(causes)].join(',')];
  sides.forEach((s, i) => {
    for (const row of seriesRows(s.buckets, s.bucketMs, causes)) lines.push(['AB'[i], ...row.map((v) => (v === null ? '' : csvNumber(v)))].join(','));
  });
  return lines.join('\n') + '\n';
}

/** What the compare view's JSON export holds: the pair, its link, both runs (each as a single run's export) and the figures table. */
export interface CompareExport {
  format: 'meshsim-compare/1';
  seed: number;
  /** The shared clock, s. */
  simTimeS: number;
  link: string | null;
  /** The client the table's figures were for (scope= in the link, `--client` in the CLI), null for every client's. */
  client: string | null;
  runs: [RunExport & { label: string }, RunExport & { label: string }];
  /** The figures table; `requestsOf` as compareFiguresCsv's `requests_of` column. */
  diff: { figure: string; label: string; unit: string; a: number | null; b: number | null; bOverA: number | null; requestsOf: string }[];
}

/** Both runs as plain data for `JSON.stringify`. Pure. */
export function compareExport(sides: readonly [CompareSide, CompareSide], rows: readonly DiffRow[], meta: { seed: number; simTimeMs: number; link: string | null; client?: string | null }): CompareExport {
  const client = meta.client ?? null;
  const run = (s: CompareSide) => ({ label: s.label, ...runExport({ scenario: s.scenario, title: s.title, seed: meta.seed, link: meta.link }, s.stats, s.buckets, s.bucketMs) });
  return {
    format: 'meshsim-compare/1',
    seed: meta.seed,
    simTimeS: meta.simTimeMs / 1000,
    link: meta.link,
    client,
    runs: [run(sides[0]), run(sides[1])],
    diff: rows.map((r) => ({ figure: r.key, label: r.label, unit: r.unit, a: r.a, b: r.b, bOverA: r.ratio, requestsOf: requestsOf(r, client) })),
  };
}
