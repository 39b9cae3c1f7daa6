// The compare view's window (brief U3 1; session 46 left it): both runs' figures over one window of
// simulated time a person picks, as `npm run sim -- compare A B --from 11s --to 24s` prints them
// (src/cli/compareWindow.ts: its rows' words, its measures): user requests that ended in the window,
// the failed share of those, the latency of the ok ones (p50, p90, p99, mean; brief U4 2), and per
// service either run has, its attempts per user request (every service: the worker's series counts
// them all, brief U4 1). Each is measured from the pane's per-second series by measureFigure, the
// code a story step's figure uses, so retry-storm against its fix reads 27.0 against 2.9 at
// payments and 9.0 against 1.0 at orders over 11 s – 24 s as the CLI and each story step do. Kept in
// the link as `from=` / `to=`. Pure.
import { measureFigure, type MeasuredFigure, type RunTotals } from '../../workers/figures';
import type { LessonFigure } from '../../scenario/figure';
import type { SeriesBucket } from '../../workers/protocol';
import { formatDuration } from '../../scenario/duration';
import { differenceOf, differenceText } from '../../workers/compareDifference';
import { formatCount } from '../format';
import { windowSecs, type PairWindow } from './windowSpan';

export { windowSecs, type PairWindow } from './windowSpan';

/** A field of the window and what is wrong with it, for a person ("to: 50 s is past the shorter run's end (40 s)"). */
export interface WindowFieldProblem {
  field: 'from' | 'to';
  message: string;
}

/**
 * A window's end as typed in the picker, in seconds ("11", "11.5", "11s", "11 s"; empty is
 * `empty`), or what is wrong with it, said at `field`. Pure.
 */
export function parseWindowSeconds(text: string, field: 'from' | 'to', empty: number | null): { ok: true; ms: number | null } | { ok: false; problem: WindowFieldProblem } {
  const t = text.trim();
  if (t === '') return { ok: true, ms: empty };
  const m = /^(\d+(?:\.\d+)?)\s*s?$/.exec(t);
  if (!m) return { ok: false, problem: { field, message: `${JSON.stringify(t.length > 20 ? `${t.slice(0, 20)}…` : t)} is not a number of seconds from the runs' start: write 11 or 11s` } };
  return { ok: true, ms: Math.round(Number(m[1]) * 1000) };
}

/**
 * What is wrong with window `w` for runs of `durationsMs` whose series count buckets of `bucketMs`,
 * or null: both ends on a bucket's edge (a whole second; the series counts second by second, as a
 * story step's window does), `to` no later than the shorter run's end, `from` before `to`. The
 * CLI's rules (cli/window.ts windowProblem), said at the picker's fields. Pure.
 */
export function pairWindowProblem(w: PairWindow, durationsMs: readonly [number, number], bucketMs = 1000): WindowFieldProblem | null {
  const end = Math.min(durationsMs[0], durationsMs[1]);
  const to = w.toMs ?? end;
  const unit = bucketMs === 1000 ? 'a whole second' : `a multiple of ${windowSecs(bucketMs)}`;
  const why = bucketMs === 1000 ? 'the series counts requests second by second' : `the series counts requests in ${windowSecs(bucketMs)} buckets`;
  if (w.fromMs % bucketMs !== 0) return { field: 'from', message: `${windowSecs(w.fromMs)} is not ${unit} (${why})` };
  if (to % bucketMs !== 0) return { field: 'to', message: `${windowSecs(to)} is not ${unit} (${why})` };
  if (w.fromMs >= end) return { field: 'from', message: `${windowSecs(w.fromMs)} is not inside the runs: the shorter one ends at ${windowSecs(end)}` };
  if (to > end) return { field: 'to', message: `${windowSecs(to)} is past the shorter run's end (${windowSecs(end)})` };
  if (w.fromMs >= to) return { field: 'from', message: `${windowSecs(w.fromMs)} must be before to (${windowSecs(to)}${w.toMs === null ? ", the shorter run's end" : ''})` };
  return null;
}

/** One figure over the window on both sides, as a CLI compare window row (CompareWindowRow). Plain data. */
export interface PairWindowRow {
  measure: 'ended' | 'failed-share' | 'latency-p50' | 'latency-p90' | 'latency-p99' | 'latency-mean' | 'attempts-per-request';
  service?: string;
  /** The CLI's words: "user requests ended", "failed, % of ended", "attempts at payments per user request". */
  label: string;
  a: MeasuredFigure;
  b: MeasuredFigure;
  /** B / A; null where either is not a number or A is 0. */
  ratio: number | null;
  /** B - A on the latency rows, as the CLI's window prints it beside B/A ("+2.65 ms"); absent elsewhere, null where a side has none. */
  difference?: string | null;
}

/** Past this many services the rows keep the ones with the most attempts per user request (foldServices). */
export const WINDOW_SERVICES_SHOWN = 12;

/** The attempts rows a table shows and what it folds: `shown` in the CLI's order, `folded` those left out. Plain data. */
export interface FoldedServices {
  shown: PairWindowRow[];
  folded: { count: number; most: number | null };
}

/**
 * The attempts rows of `rows` to show: all of them up to WINDOW_SERVICES_SHOWN, else the
 * `WINDOW_SERVICES_SHOWN - 1` with the most attempts per user request on either side (ties in the
 * CLI's order), kept in the CLI's order, and of the rest their count and the most either side made
 * (null: none has a number), so a run of 1,000 services reads as a table, not a page. Pure.
 */
export function foldServices(rows: readonly PairWindowRow[]): FoldedServices {
  const tries = rows.filter((r) => r.measure === 'attempts-per-request');
  if (tries.length <= WINDOW_SERVICES_SHOWN) return { shown: [...tries], folded: { count: 0, most: null } };
  const top = (r: PairWindowRow) => Math.max(Number.isFinite(r.a.value) ? r.a.value : -1, Number.isFinite(r.b.value) ? r.b.value : -1);
  const keep = new Set([...tries].sort((x, y) => top(y) - top(x)).slice(0, WINDOW_SERVICES_SHOWN - 1));
  const rest = tries.filter((r) => !keep.has(r));
  const most = Math.max(...rest.map(top));
  return { shown: tries.filter((r) => keep.has(r)), folded: { count: rest.length, most: most >= 0 ? most : null } };
}

/** A pane's series as the compare store holds it. */
type Series = { buckets: readonly SeriesBucket[]; bucketMs: number };

/**
 * The rows over `w` of both panes' series (A, B), each at its run's time `nowMs` (ms; a window not
 * over yet reads "so far"), `durationsMs` the runs': ended, failed share, the latency of the ok ones
 * (p50, p90, p99, mean with B - A; no rows when neither side measured any, as the CLI), then per
 * service either series lists (its first bucket names every service the run has), its attempts per
 * user request, in A's order then B's; a side without the service reads "—" as the CLI's "-". The
 * CLI's rows (compareWindow) value for value. `w` must have no pairWindowProblem. Pure.
 */
export function pairWindowRows(w: PairWindow, series: readonly [Series, Series], nowMs: readonly [number, number], durationsMs: readonly [number, number]): PairWindowRow[] {
  const from = w.fromMs;
  const to = w.toMs ?? Math.min(durationsMs[0], durationsMs[1]);
  const side = (i: 0 | 1, f: LessonFigure) => {
    // Windowed figures read only the buckets and the time (figures.ts); the totals' other fields are unused.
    const totals: RunTotals = { simTime: nowMs[i], ok: 0, failed: 0, mean: 0, p50: 0, p90: 0, p99: 0, proxyCpuMs: 0, proxyPasses: 0 };
    return measureFigure(f, series[i].buckets, series[i].bucketMs, totals, durationsMs[i]);
  };
  const ended = (i: 0 | 1): MeasuredFigure => {
    const { buckets, bucketMs } = series[i];
    const n = buckets.filter((b) => b.t >= from && b.t + bucketMs <= to).reduce((t, b) => t + b.ok + b.failed, 0);
    const share = side(i, { measure: 'failed-share', label: '', from, to });
    return { value: n, text: formatCount(n), over: share.over, note: `user requests that ended ${share.over}`, complete: share.complete };
  };
  const row = (measure: PairWindowRow['measure'], label: string, a: MeasuredFigure, b: MeasuredFigure, service?: string): PairWindowRow => ({
    measure,
    ...(service !== undefined ? { service } : {}),
    label,
    a,
    b,
    ratio: Number.isFinite(a.value) && Number.isFinite(b.value) && a.value !== 0 ? b.value / a.value : null,
  });
  // The share to one decimal as the CLI's window prints it ("100.0%"; a story step's reads "100%").
  const failed = (i: 0 | 1) => {
    const m = side(i, { measure: 'failed-share', label: 'failed, % of ended', from, to });
    return Number.isFinite(m.value) ? { ...m, text: `${(100 * m.value).toFixed(1)}%` } : m;
  };
  const rows = [row('ended', 'user requests ended', ended(0), ended(1)), row('failed-share', 'failed, % of ended', failed(0), failed(1))];
  // The latency of the ok ones, as the CLI's window reads it (windowFigures): a side's four figures
  // only where its p50 has a measure (the window's histograms hold an ok request), in the CLI's words.
  const latency = (i: 0 | 1) => {
    const of = (q: 'p50' | 'p90' | 'p99' | 'mean') => side(i, { measure: `latency-${q}`, label: `latency ${q} of the ok ones`, from, to });
    const has = Number.isFinite(of('p50').value);
    return (q: 'p50' | 'p90' | 'p99' | 'mean'): MeasuredFigure => {
      const m = of(q);
      return has ? { ...m, text: formatDuration(m.value) } : { ...m, value: NaN, text: '—' };
    };
  };
  const [la, lb] = [latency(0), latency(1)];
  if (Number.isFinite(la('p50').value) || Number.isFinite(lb('p50').value)) {
    for (const q of ['p50', 'p90', 'p99', 'mean'] as const) {
      const r = row(`latency-${q}`, `latency ${q} of the ok ones`, la(q), lb(q));
      const d = differenceOf(Number.isFinite(r.a.value) ? r.a.value : null, Number.isFinite(r.b.value) ? r.b.value : null);
      rows.push({ ...r, difference: differenceText({ unit: 'ms' }, d) });
    }
  }
  const counted = (i: 0 | 1) => Object.keys(series[i].buckets[0]?.tries ?? {});
  const listed = [new Set(counted(0)), new Set(counted(1))];
  const none = (m: MeasuredFigure): MeasuredFigure => ({ ...m, value: NaN, text: '—', note: 'no such service in this run' });
  for (const service of new Set([...listed[0], ...listed[1]])) {
    const f: LessonFigure = { measure: 'attempts-per-request', label: service, service, from, to };
    const at = (i: 0 | 1) => (listed[i].has(service) ? side(i, f) : none(side(i, f)));
    rows.push(row('attempts-per-request', `attempts at ${service} per user request`, at(0), at(1), service));
  }
  return rows;
}
