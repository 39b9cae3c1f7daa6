import { describe, expect, it } from 'vitest';
import { figureNote, overPhrase } from '../../src/ui/narrative/figureNote';
import { measureFigure, type RunTotals } from '../../src/workers/figures';
import type { SeriesBucket } from '../../src/workers/protocol';
import type { LessonFigure } from '../../src/scenario';

/** Per-second buckets of `n` requests each, `failed` of them failed, from 0 to `seconds` s. */
const buckets = (seconds: number, n: number, failed: number) =>
  Array.from({ length: seconds }, (_, i) => ({ t: i * 1000, ok: n - failed, failed, sent: n, causes: {}, clients: {}, tries: {}, latencyCount: 0, latencySum: 0 }) as unknown as SeriesBucket);
const totals = (simTime: number): RunTotals => ({ simTime, ok: 1, failed: 1, mean: 1, p50: 1, p90: 1, p99: 1, proxyCpuMs: 0, proxyPasses: 0 });

describe("a lesson figure's note, as a teacher says it", () => {
  it("says what the share is of, then the lesson's number: '16.9%' of the requests ended so far; lesson: 17%", () => {
    expect(figureNote('of requests ended in the whole run so far', '17%')).toBe('of the requests ended so far; lesson: 17%');
    expect(figureNote('of requests ended in the whole run', '17%')).toBe('of all requests in the run; lesson: 17%');
    expect(figureNote('of calls ended in the whole run so far (33 of 600)', 'about 1 in 16')).toBe('of the calls ended so far (33 of 600); lesson: about 1 in 16');
    expect(figureNote('of requests ended 21 s – 58 s, so far', 'under 0.5%')).toBe('of requests ended 21 s – 58 s, so far; lesson: under 0.5%');
    expect(figureNote('the whole run so far', '2 ms')).toBe('over the run so far; lesson: 2 ms');
    expect(figureNote('11 s – 24 s', '27')).toBe('over 11 s – 24 s; lesson: 27');
    expect(figureNote('11 s – 24 s, so far')).toBe('over 11 s – 24 s, so far');
    expect(overPhrase('the whole run')).toBe('over the whole run');
  });

  it('leaves what it does not know as it is (a shift, a spread, why there is no number yet)', () => {
    for (const over of ['p50 13.0 ms over 22 s – 40 s, so far, against 10.9 ms over 5 s – 20 s', 'made at 20 s, all 20 proxies at 25.1 s', 'from 21 s (starts in 4 s)', '21 s – 58 s: no requests in the window yet']) {
      expect(overPhrase(over)).toBe(over);
    }
  });

  it("reads measureFigure's own wording (src/workers/figures.ts), so a change there shows here", () => {
    const f = { measure: 'failed-share', label: 'failing' } as LessonFigure;
    const windowed = { ...f, from: 2000, to: 8000 } as LessonFigure;
    const attempts = { measure: 'attempts-per-request', label: 'attempts', service: 'payments', from: 2000, to: 8000 } as LessonFigure;
    const b = buckets(10, 10, 1);
    expect(overPhrase(measureFigure(f, b.slice(0, 5), 1000, totals(5000), 10_000).over)).toBe('of the requests ended so far');
    expect(overPhrase(measureFigure(f, b, 1000, totals(10_000), 10_000).over)).toBe('of all requests in the run');
    expect(overPhrase(measureFigure(windowed, b.slice(0, 5), 1000, totals(5000), 10_000).over)).toBe('of requests ended 2 s – 8 s, so far');
    expect(overPhrase(measureFigure(attempts, b, 1000, totals(10_000), 10_000).over)).toBe('over 2 s – 8 s');
  });
});
