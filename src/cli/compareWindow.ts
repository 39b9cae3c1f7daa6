// `compare A B --from T --to T` (brief T3 2): both runs' figures over one window of simulated time,
// measured as `run --from/--to` measures them (window.ts windowFigures: a story step's way), side by
// side with B/A. Each row carries the story figure's `measure` (and `service`), so the app's compare
// view, which gets the same window, names its rows as these do.
import { formatDuration } from '../scenario';
import { alikeDigits, differenceOf, differenceText } from '../workers/compareDifference';
import type { WindowFigures } from './window';
import { table } from './table';

/** Simulated ms as a story step's window reads it: "11 s" (workers/figures.ts). */
const secs = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;

/** One figure over the window on both sides. Plain data. */
export interface CompareWindowRow {
  /** The story figure's measure this row is (scenario/figure.ts), or 'ended' for the count the shares are of. */
  measure: 'ended' | 'failed-share' | 'latency-p50' | 'latency-p90' | 'latency-p99' | 'latency-mean' | 'attempts-per-request';
  /** The service of an `attempts-per-request` row. */
  service?: string;
  /** The row's words, as a story step's figure says them: "attempts at payments per user request". */
  label: string;
  /** Each side's value (a share 0..1); null where the side has none (no request ended, no such service). */
  a: number | null;
  b: number | null;
  /** B / A; null where either is null or A is 0. */
  ratio: number | null;
  /** B - A, ms, on the latency rows only (as the whole-run table gives it: compareDifference.ts); null where either is null. */
  difference?: number | null;
}

/** Both runs over [fromMs, toMs): the rows, and each side's figures as `run --from/--to --json` gives them. */
export interface CompareWindow {
  fromMs: number;
  toMs: number;
  /** "11 s – 24 s", as the app's "over 11 s – 24 s". */
  window: string;
  rows: CompareWindowRow[];
  a: WindowFigures;
  b: WindowFigures;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * The rows of `a` and `b` (windowFigures of the same window): user requests ended, their failed
 * share, the latency of the ok ones (p50, p90, p99, mean, with B - A beside B/A as the whole-run
 * table gives it; no rows when neither side measured any), then per service either side has its attempts per user request (a story step's
 * `attempts-per-request`), in A's order then B's. Pure.
 */
export function compareWindow(a: WindowFigures, b: WindowFigures): CompareWindow {
  const row = (measure: CompareWindowRow['measure'], label: string, va: number | null, vb: number | null, service?: string): CompareWindowRow => ({
    measure,
    ...(service !== undefined ? { service } : {}),
    label,
    a: va,
    b: vb,
    ratio: va === null || vb === null || va === 0 ? null : vb / va,
  });
  const share = (f: WindowFigures) => (f.ended > 0 ? f.failed / f.ended : null);
  const rows = [row('ended', 'user requests ended', a.ended, b.ended), row('failed-share', 'failed, % of ended', share(a), share(b))];
  // No latency rows where neither side measured any (every request in the window failed: retry-storm's outage).
  if (a.latencyMs !== null || b.latencyMs !== null) {
    for (const q of ['p50', 'p90', 'p99', 'mean'] as const) {
      const [va, vb] = [a, b].map((f) => f.latencyMs?.[q] ?? null);
      rows.push({ ...row(`latency-${q}`, `latency ${q} of the ok ones`, va, vb), difference: differenceOf(va, vb) });
    }
  }
  const names = [...new Set([...a.services, ...b.services].map((s) => s.service))];
  for (const name of names) {
    const of = (f: WindowFigures) => {
      const s = f.services.find((x) => x.service === name);
      return s === undefined ? null : finite(s.perRequest);
    };
    rows.push(row('attempts-per-request', `attempts at ${name} per user request`, of(a), of(b), name));
  }
  return { fromMs: a.fromMs, toMs: a.toMs, window: `${secs(a.fromMs)} – ${secs(a.toMs)}`, rows, a, b };
}

/**
 * The window's lines under compare's table: a head naming the window and how its requests are
 * counted, then a row per figure with A, B and B/A (and B - A on latency rows, as the whole-run
 * table): counts whole, a share in % to one decimal, latency as the summary prints it, attempts to
 * one decimal as a story step shows them (two where one would make A and B read alike beside a
 * ratio that differs: alikeDigits), "-" where a side has none. Pure.
 */
export function formatCompareWindow(c: CompareWindow): string {
  const cell = (r: CompareWindowRow, v: number | null) =>
    v === null ? '-' : r.measure === 'ended' ? v.toLocaleString('en-US') : r.measure === 'failed-share' ? `${(100 * v).toFixed(1)}%` : r.measure.startsWith('latency-') ? formatDuration(v) : v.toFixed(alikeDigits(r.a, r.b));
  const rows = [['over ' + c.window, 'A', 'B', 'B/A, B-A']];
  for (const r of c.rows) {
    const ratio = r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`;
    const d = r.difference === undefined ? null : differenceText({ unit: 'ms' }, r.difference);
    rows.push([r.label, cell(r, r.a), cell(r, r.b), d === null ? ratio : `${ratio}  ${d}`]);
  }
  return [`window ${c.window}, the same on both sides: user requests that ended in it, the latency of the ok ones (sent after the warm-up), and the attempts made for them however long before (a story step's "attempts at SERVICE per user request")`, ...table(rows)].map((l) => l.trimEnd()).join('\n');
}

/** The window in compare's `--json`: the rows, and each side's figures with NaN (none ended) as null. */
export function compareWindowJson(c: CompareWindow) {
  const side = (w: WindowFigures) => ({ ...w, services: w.services.map((x) => ({ ...x, perRequest: finite(x.perRequest) })) });
  return { ...c, a: side(c.a), b: side(c.b) };
}
