import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseScenarioText, type Scenario } from '../../src/scenario';
import { runWithWindow, windowFigures } from '../../src/cli/window';
import { compareWindow } from '../../src/cli/compareWindow';
import { pairWindowProblem, pairWindowRows, parseWindowSeconds } from '../../src/ui/compare/pairWindow';
import { decodeCompareLink, encodeCompareLink } from '../../src/ui/compare/link';

const parsed = (name: string): Scenario => {
  const r = parseScenarioText(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};

// Brief U3 1: the compare view's window reads what `npm run sim -- compare retry-storm retry-storm-fixed --from 11s
// --to 24s` prints (T3 84b58ed: 518 and 527 ended, all failed, payments 27.0 against 2.9, orders 9.0 against 1.0).
test("compare's window over 11 s – 24 s of retry-storm against its fix reads the CLI's rows: 518 and 527 ended, 100.0% failed, attempts at payments 27.0 against 2.9 (0.11x)", () => {
  const [a, b] = [parsed('retry-storm.json'), parsed('retry-storm-fixed.json')];
  const [ra, rb] = [runWithWindow(a, {}), runWithWindow(b, { seed: a.seed })];
  const w = { fromMs: 11_000, toMs: 24_000 };
  const rows = pairWindowRows(w, [ra, rb], [40_000, 40_000], [40_000, 40_000]);
  const shown = rows.map((r) => [r.label, r.a.text, r.b.text, r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`]);
  expect(shown.slice(0, 2)).toEqual([
    ['user requests ended', '518', '527', '1.02x'],
    ['failed share of those', '100.0%', '100.0%', '1.00x'],
  ]);
  expect(shown.find((r) => r[0] === 'attempts at payments per user request')).toEqual(['attempts at payments per user request', '27.0', '2.9', '0.11x']);
  expect(shown.find((r) => r[0] === 'attempts at orders per user request')).toEqual(['attempts at orders per user request', '9.0', '1.0', '0.11x']);
  // The CLI's own rows over the same series, value for value, label for label.
  const cli = compareWindow(windowFigures(ra.buckets, ra.bucketMs, w, 40_000), windowFigures(rb.buckets, rb.bucketMs, w, 40_000));
  expect(rows.map((r) => [r.measure, r.label, r.a.value, r.b.value])).toEqual(cli.rows.map((r) => [r.measure, r.label, r.a, r.b]));
  // `to` left empty is the shorter run's end; before the window ends, each figure says "so far".
  expect(pairWindowRows({ fromMs: 26_000, toMs: null }, [ra, rb], [40_000, 40_000], [40_000, 40_000])[0].a.value).toBe(
    windowFigures(ra.buckets, ra.bucketMs, { fromMs: 26_000 }, 40_000).ended,
  );
  const early = pairWindowRows(w, [{ ...ra, buckets: ra.buckets.slice(0, 15) }, { ...rb, buckets: rb.buckets.slice(0, 15) }], [15_000, 15_000], [40_000, 40_000]);
  expect(early[1].a.note).toContain('11 s – 24 s, so far');
}, 120_000);

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
