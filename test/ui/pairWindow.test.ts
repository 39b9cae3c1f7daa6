import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseScenarioText, type Scenario } from '../../src/scenario';
import { runWithWindow, windowFigures } from '../../src/cli/window';
import { compareWindow } from '../../src/cli/compareWindow';
import { differenceText } from '../../src/workers/compareDifference';
import { foldServices, pairWindowProblem, pairWindowRows, parseWindowSeconds, type PairWindowRow } from '../../src/ui/compare/pairWindow';
import type { MeasuredFigure } from '../../src/workers/figures';
import { hostSeries } from '../workers/hostSeries';
import { decodeCompareLink, encodeCompareLink } from '../../src/ui/compare/link';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');

const parsed = (name: string): Scenario => {
  const r = parseScenarioText(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};

// Brief U3 1 and U4 1-2: the compare view's window, from the app's worker's series, reads what `npm run sim --
// compare retry-storm retry-storm-fixed --from 11s --to 24s` prints (T3 84b58ed: 518 and 527 ended, all failed,
// payments 27.0 against 2.9, orders 9.0 against 1.0), every service and the latency rows included.
test("compare's window over 11 s – 24 s of retry-storm against its fix reads the CLI's rows from the worker's series: 518 and 527 ended, 100.0% failed, payments 27.0 against 2.9, orders 9.0 against 1.0; over 25 s – 40 s the latency of the ok ones as well", () => {
  const [a, b] = [parsed('retry-storm.json'), parsed('retry-storm-fixed.json')];
  const [ra, rb] = [runWithWindow(a, {}), runWithWindow(b, { seed: a.seed })];
  // The app's series: the worker's host (seriesFor), not the CLI's recorder.
  const [ha, hb] = [hostSeries(text('retry-storm.json'), 'retry-storm'), hostSeries(text('retry-storm-fixed.json'), 'retry-storm-fixed')];
  const app: [{ buckets: typeof ha.buckets; bucketMs: number }, { buckets: typeof hb.buckets; bucketMs: number }] = [
    { buckets: ha.buckets, bucketMs: 1000 },
    { buckets: hb.buckets, bucketMs: 1000 },
  ];
  const w = { fromMs: 11_000, toMs: 24_000 };
  const rows = pairWindowRows(w, app, [40_000, 40_000], [40_000, 40_000]);
  const shown = rows.map((r) => [r.label, r.a.text, r.b.text, r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`]);
  expect(shown.slice(0, 2)).toEqual([
    ['user requests ended', '518', '527', '1.02x'],
    ['failed, % of ended', '100.0%', '100.0%', '1.00x'],
  ]);
  expect(shown.find((r) => r[0] === 'attempts at payments per user request')).toEqual(['attempts at payments per user request', '27.0', '2.9', '0.11x']);
  expect(shown.find((r) => r[0] === 'attempts at orders per user request')).toEqual(['attempts at orders per user request', '9.0', '1.0', '0.11x']);
  // The CLI's own rows, value for value, label for label: all failed, so no latency rows on either.
  const asCli = (rs: PairWindowRow[]) => rs.map((r) => [r.measure, r.label, value(r.a), value(r.b), r.ratio, r.difference ?? null]);
  const value = (m: MeasuredFigure) => (Number.isFinite(m.value) ? m.value : null);
  const cliRows = (x: { fromMs: number; toMs: number }) =>
    compareWindow(windowFigures(ra.buckets, ra.bucketMs, x, 40_000), windowFigures(rb.buckets, rb.bucketMs, x, 40_000)).rows.map((r) => [
      r.measure,
      r.label,
      r.a,
      r.b,
      r.ratio,
      r.difference === undefined ? null : differenceText({ unit: 'ms' }, r.difference),
    ]);
  expect(asCli(rows)).toEqual(cliRows(w));
  expect(rows.map((r) => r.measure)).not.toContain('latency-p50');
  // After the outage: ok requests on both sides, so the four latency rows, equal to the CLI's to the last bit.
  const after = { fromMs: 25_000, toMs: 40_000 };
  const later = pairWindowRows(after, app, [40_000, 40_000], [40_000, 40_000]);
  expect(asCli(later)).toEqual(cliRows(after));
  expect(later.filter((r) => r.measure.startsWith('latency-')).map((r) => r.label)).toEqual(['latency p50 of the ok ones', 'latency p90 of the ok ones', 'latency p99 of the ok ones', 'latency mean of the ok ones']);
  const p99 = later.find((r) => r.measure === 'latency-p99')!;
  expect([p99.a.text, p99.b.text, p99.difference]).toEqual(['682 ms', '195 ms', '-488 ms']);
  expect(Number.isFinite(p99.a.value) && Number.isFinite(p99.b.value)).toBe(true);
  // Every service the CLI lists is a row: the client's first hop too.
  expect(later.filter((r) => r.measure === 'attempts-per-request').map((r) => r.service)).toEqual(windowFigures(ra.buckets, ra.bucketMs, after, 40_000).services.map((s) => s.service));
  // `to` left empty is the shorter run's end; before the window ends, each figure says "so far".
  expect(pairWindowRows({ fromMs: 26_000, toMs: null }, [ra, rb], [40_000, 40_000], [40_000, 40_000])[0].a.value).toBe(
    windowFigures(ra.buckets, ra.bucketMs, { fromMs: 26_000 }, 40_000).ended,
  );
  const early = pairWindowRows(w, [{ ...ra, buckets: ra.buckets.slice(0, 15) }, { ...rb, buckets: rb.buckets.slice(0, 15) }], [15_000, 15_000], [40_000, 40_000]);
  expect(early[1].a.note).toContain('11 s – 24 s, so far');
}, 240_000);

test('a window over many services shows the 11 with the most attempts per user request, in the run order, and folds the rest into a count and their most', () => {
  const fig = (v: number): MeasuredFigure => ({ value: v, text: v.toFixed(1), over: '', note: '', complete: true });
  const rows: PairWindowRow[] = Array.from({ length: 30 }, (_, i) => ({ measure: 'attempts-per-request', service: `svc-${i}`, label: `attempts at svc-${i} per user request`, a: fig(i % 7 === 0 ? 5 + i / 100 : 1), b: fig(1), ratio: null }));
  expect(foldServices(rows.slice(0, 12)).shown).toHaveLength(12);
  const f = foldServices(rows);
  // svc-0, 7, 14, 21, 28 have the most (5.0x); then the first six at 1.0 in order.
  expect(f.shown.map((r) => r.service)).toEqual(['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6', 'svc-7', 'svc-14', 'svc-21', 'svc-28']);
  expect(f.folded).toEqual({ count: 19, most: 1 });
});

test('a window is refused at the field that is wrong: not a number, off the whole second, outside the shorter run, from not before to', () => {
  expect(parseWindowSeconds('11', 'from', 0)).toEqual({ ok: true, ms: 11_000 });
  expect(parseWindowSeconds(' 24s ', 'to', null)).toEqual({ ok: true, ms: 24_000 });
  expect(parseWindowSeconds('', 'to', null)).toEqual({ ok: true, ms: null });
  expect(parseWindowSeconds('eleven', 'from', 0)).toEqual({ ok: false, problem: { field: 'from', message: '"eleven" is not a number of seconds from the runs\' start: write 11 or 11s' } });
  const d: [number, number] = [40_000, 30_000];
  expect(pairWindowProblem({ fromMs: 11_000, toMs: 24_000 }, d)).toBeNull();
  expect(pairWindowProblem({ fromMs: 11_500, toMs: 24_000 }, d)).toEqual({ field: 'from', message: '11.5 s is not a whole second (the series counts requests second by second)' });
  expect(pairWindowProblem({ fromMs: 11_000, toMs: 35_000 }, d)).toEqual({ field: 'to', message: "35 s is past the shorter run's end (30 s)" });
  expect(pairWindowProblem({ fromMs: 31_000, toMs: null }, d)).toEqual({ field: 'from', message: '31 s is not inside the runs: the shorter one ends at 30 s' });
  expect(pairWindowProblem({ fromMs: 24_000, toMs: 11_000 }, d)).toEqual({ field: 'from', message: '24 s must be before to (11 s)' });
});

test("a compare link carries the window as from= and to=, and a bad one is named at its parameter and shows none", () => {
  const ctx = { scenarioIds: ['retry-storm', 'retry-storm-fixed'], defaultId: 'retry-storm', speedIds: ['1'] };
  const link = encodeCompareLink({ a: { id: 'retry-storm', actions: [] }, b: { id: 'retry-storm-fixed', actions: [] }, seed: null, tMs: 40_000, speedId: '1', window: { fromMs: 11_000, toMs: 24_000 } });
  expect(link).toBe('?compare=retry-storm,retry-storm-fixed&t=40s&speed=1&from=11s&to=24s');
  const d = decodeCompareLink(link, ctx);
  expect(d.problems).toEqual([]);
  expect(d.window).toEqual({ fromMs: 11_000, toMs: 24_000 });
  expect(decodeCompareLink('?compare=retry-storm,retry-storm-fixed&from=26s', ctx).window).toEqual({ fromMs: 26_000, toMs: null });
  const bad = (q: string) => decodeCompareLink(`?compare=retry-storm,retry-storm-fixed&${q}`, ctx);
  expect(bad('from=abc&to=24s').problems.map((p) => p.path)).toEqual(['from']);
  expect(bad('from=abc&to=24s').window).toBeNull();
  expect(bad('from=24s&to=11s').problems).toEqual([{ path: 'from', message: '24 s must be before to (11 s); no window is shown' }]);
  expect(bad('from=11s&to=24.5s').problems).toEqual([{ path: 'to', message: '24.5 s is not a whole second (the series counts requests second by second); no window is shown' }]);
});
