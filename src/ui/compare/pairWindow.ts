// The compare view's window (brief U3 1; session 46 left it): both runs' figures over one window of
// simulated time a person picks, as `npm run sim -- compare A B --from 11s --to 24s` prints them
// (src/cli/compareWindow.ts: its rows' words, its measures): user requests that ended in the window,
// the failed share of those, and per service both series count, its attempts per user request.
// Each is measured from the pane's per-second series by measureFigure, the code a story step's
// figure uses, so retry-storm against its fix reads 27.0 against 2.9 over 11 s – 24 s as the CLI
// and each story step do. Kept in the link as `from=` / `to=`. Pure.
import { measureFigure, type MeasuredFigure, type RunTotals } from '../../workers/figures';
import type { LessonFigure } from '../../scenario/figure';
import type { SeriesBucket } from '../../workers/protocol';
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
  measure: 'ended' | 'failed-share' | 'attempts-per-request';
  service?: string;
  /** The CLI's words: "user requests ended", "failed share of those", "attempts at payments per user request". */
  label: string;
  a: MeasuredFigure;
  b: MeasuredFigure;
  /** B / A; null where either is not a number or A is 0. */
  ratio: number | null;
}

/** A pane's series as the compare store holds it. */
type Series = { buckets: readonly SeriesBucket[]; bucketMs: number };

/**
 * The rows over `w` of both panes' series (A, B), each at its run's time `nowMs` (ms; a window not
 * over yet reads "so far"), `durationsMs` the runs': ended, failed share, then per service both series
 * count tries for (the services the stories' figures name: the app's worker counts no others), its
 * attempts per user request, in A's order. `w` must have no pairWindowProblem. Pure.
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
    const m = side(i, { measure: 'failed-share', label: 'failed share of those', from, to });
    return Number.isFinite(m.value) ? { ...m, text: `${(100 * m.value).toFixed(1)}%` } : m;
  };
  const rows = [row('ended', 'user requests ended', ended(0), ended(1)), row('failed-share', 'failed share of those', failed(0), failed(1))];
  const counted = (i: 0 | 1) => Object.keys(series[i].buckets[0]?.tries ?? {});
  const inB = new Set(counted(1));
  for (const service of counted(0).filter((x) => inB.has(x))) {
    const f: LessonFigure = { measure: 'attempts-per-request', label: service, service, from, to };
    rows.push(row('attempts-per-request', `attempts at ${service} per user request`, side(0, f), side(1, f), service));
  }
  return rows;
}
