import { describe, expect, it } from 'vitest';
import { measureFigure, type RunTotals } from '../../src/workers/figures';
import type { SeriesBucket } from '../../src/workers/protocol';
import type { LessonFigure } from '../../src/scenario';

/** Per-second buckets of `n` requests each, `failed` of them failed, from 0 to `seconds` s; a link's calls as many. */
const buckets = (seconds: number, n: number, failed: number) =>
  Array.from({ length: seconds }, (_, i) => ({ t: i * 1000, ok: n - failed, failed, sent: n, causes: {}, clients: {}, tries: { payments: 3 * n }, endedTries: { payments: 3 * n }, latencyCount: 0, latencySum: 0, links: { 'egress>partner': { calls: n, failed } } }) as unknown as SeriesBucket);
const totals = (simTime: number, over: Partial<RunTotals> = {}): RunTotals => ({ simTime, ok: 1, failed: 1, mean: 2, p50: 1, p90: 1, p99: 1, proxyCpuMs: 0, proxyPasses: 0, ...over });
const note = (f: Partial<LessonFigure>, seconds: number, t: Partial<RunTotals> = {}) => measureFigure({ label: 'x', ...f } as LessonFigure, buckets(seconds, 10, 1), 1000, totals(seconds * 1000, t), 10_000).note;

describe("a lesson figure's note, worded where the figure is measured (967186a's wording, moved from the UI)", () => {
  it("says what a whole-run share is of, then the lesson's number: '10.0%' of the 50 requests ended so far, 'of the 100 requests that ended' once over (never 'all': in-flight requests are in no share)", () => {
    expect(note({ measure: 'failed-share', expect: '17%' }, 5)).toBe('of the 50 requests ended so far; lesson: 17%');
    expect(note({ measure: 'failed-share', expect: '17%' }, 10)).toBe('of the 100 requests that ended; lesson: 17%');
    expect(note({ measure: 'link-failed-share', link: 'egress>partner', expect: 'about 1 in 16' }, 5)).toBe('of the calls ended so far (5 of 50); lesson: about 1 in 16');
    expect(note({ measure: 'link-failed-share', link: 'egress>partner' }, 10)).toBe('of the calls on the link that ended (10 of 100)');
    // A client's share, once over, is of that client's requests, not of all (partial-adoption's searchers).
    const mine = buckets(10, 10, 1).map((b) => ({ ...b, clients: { searchers: { ok: 3, failed: 1, causes: {} } } }) as unknown as SeriesBucket);
    const f = { label: 'x', measure: 'failed-share', client: 'searchers', expect: '5%' } as LessonFigure;
    expect(measureFigure(f, mine, 1000, totals(10_000), 10_000)).toMatchObject({ text: '25.0%', note: 'of the 40 requests from searchers that ended; lesson: 5%' });
    expect(measureFigure(f, mine, 1000, totals(5_000), 10_000).note).toBe('of the 40 requests from searchers ended so far; lesson: 5%');
  });

  it('says what a whole-run figure and a window are over', () => {
    expect(note({ measure: 'latency-mean', expect: '2 ms' }, 5)).toBe('over the run so far; lesson: 2 ms');
    expect(note({ measure: 'latency-mean' }, 10)).toBe('over the whole run');
    // Attempts per request name the requests they are over: those that ended, with all their tries.
    expect(note({ measure: 'attempts-per-request', service: 'payments', from: 2000, to: 8000, expect: '27' }, 10)).toBe('over the 60 user requests ended 2 s – 8 s; lesson: 27');
    expect(note({ measure: 'attempts-per-request', service: 'payments', from: 2000, to: 8000 }, 5)).toBe('over the 30 user requests ended 2 s – 8 s, so far');
    expect(note({ measure: 'attempts-per-request', service: 'payments' }, 5)).toBe('over the 50 user requests ended so far');
    expect(note({ measure: 'attempts-per-request', service: 'payments', from: 6000, to: 8000 }, 4)).toBe('from 6 s (starts in 2 s)');
  });

  it('leaves as measured a share over a window, a shift, a spread and why there is no number yet', () => {
    expect(note({ measure: 'failed-share', from: 2000, to: 8000, expect: 'under 0.5%' }, 5)).toBe('of requests ended 2 s – 8 s, so far; lesson: under 0.5%');
    expect(note({ measure: 'failed-share', from: 6000, to: 8000 }, 4)).toBe('from 6 s (starts in 2 s)');
    expect(note({ measure: 'change-spread', change: 0 }, 4)).toBe('the change has not been made yet');
    expect(note({ measure: 'latency-mean' }, 5, { ok: 0 })).toBe('over the run so far');
  });

  it("keeps `over` as it was for the exports and the figures' list", () => {
    const m = measureFigure({ label: 'x', measure: 'failed-share', expect: '17%' } as LessonFigure, buckets(5, 10, 1), 1000, totals(5000), 10_000);
    expect(m).toMatchObject({ text: '10.0%', over: 'of requests ended in the whole run so far', note: 'of the 50 requests ended so far; lesson: 17%' });
  });
});
