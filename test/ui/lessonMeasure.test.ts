import { expect, test } from 'vitest';
import { measureLessonFigure } from '../../src/ui/narrative/lessonMeasure';
import type { RunTotals } from '../../src/workers/figures';

const figure = { measure: 'latency-p90-added', label: 'what two sidecars per call add at p90', expect: '2.65 ms (within 10%)' } as const;
const run: RunTotals = { simTime: 1800, ok: 7_000, failed: 0, mean: 3.1, p50: 2.9, p90: 5.98, p99: 9.4, proxyCpuMs: 1, proxyPasses: 10 };

test("istio-load-test at 1.02 s: the twin without proxies, read at this moment, has measured none yet; the figure says so and as of when, not that no latency was measured", () => {
  const m = measureLessonFigure(figure, [], 1000, { ...run, simTime: 1020, plain: { ok: true, atMs: 1020, count: 0, p50: 0, p90: 0, p99: 0 } }, 4000, 1000);
  expect(m.text).toBe('—');
  expect(m.over).toBe('p90 5.98 ms here; without proxies none measured at 1.02 s');
  expect(m.note).toBe('p90 5.98 ms here; without proxies none measured at 1.02 s; lesson: 2.65 ms (within 10%)');
  const warm = measureLessonFigure(figure, [], 1000, { ...run, simTime: 1000, plain: { ok: true, atMs: 1000, count: 0, p50: 0, p90: 0, p99: 0 } }, 4000, 1000);
  expect(warm.over).toBe('p90 5.98 ms here; without proxies none measured at 1 s, the end of its warm-up');
  // After a seek back the kept reading before the moment: it says it is that.
  const back = measureLessonFigure(figure, [], 1000, { ...run, plain: { ok: true, atMs: 900, count: 0, p50: 0, p90: 0, p99: 0 } }, 4000, 1000);
  expect(back.over).toBe('p90 5.98 ms here; without proxies none measured by 0.9 s, inside its warm-up, its last reading before this moment');
});

test('once the twin has measured, and while the run itself has not, the figure is measureFigure\'s', () => {
  const m = measureLessonFigure(figure, [], 1000, { ...run, simTime: 2100, plain: { ok: true, atMs: 2000, count: 900, p50: 1, p90: 3.3, p99: 5 } }, 4000, 1000);
  expect(m.text).toBe('+2.68 ms');
  const early = measureLessonFigure(figure, [], 1000, { ...run, simTime: 800, ok: 3_000, mean: 0, p50: 0, p90: 0, p99: 0, plain: { ok: true, atMs: 0, count: 0, p50: 0, p90: 0, p99: 0 } }, 4000, 1000);
  expect(early.over).toBe('the whole run so far: no latency measured yet');
});
