import { describe, expect, test } from 'vitest';
import { highlightAt, stepAt } from '../../src/ui/narrative/steps';
import { createEdgeRates } from '../../src/ui/topology/edgeRates';
import type { Frame } from '../../src/workers/protocol';

const steps = [
  { at: 0, title: 'a', text: '', highlight: ['x'] },
  { at: 10_000, title: 'b', text: '', highlight: ['y', 'x->y'] },
];

describe('narrative steps', () => {
  test('the current step is the last one begun; a step begins exactly at its time', () => {
    expect(stepAt(steps, 0)).toBe(0);
    expect(stepAt(steps, 9_999)).toBe(0);
    expect(stepAt(steps, 10_000)).toBe(1);
    expect(stepAt([{ ...steps[1] }], 5_000)).toBe(-1);
    expect(highlightAt(steps, 12_000)).toEqual(['y', 'x->y']);
    expect(highlightAt([], 12_000)).toEqual([]);
  });
});

/** A frame whose window `(fromMs, toMs]` holds one edge's counts: calls, failed, attempts, failed here, TLS failed, requests sent. */
const frame = (fromMs: number, toMs: number, counts: number[]) =>
  ({ simTime: toMs, recent: new Float64Array(counts), recentFromMs: fromMs, recentToMs: toMs }) as unknown as Frame;

describe('edge rates', () => {
  test("calls ended and requests sent per simulated second, share failed and tries per call come from the latest frame's window, whatever came before", () => {
    const r = createEdgeRates();
    expect(r.rate(0)).toBeNull();
    expect(r.window()).toBeNull();
    // Before the first tenth of a second the window is empty.
    r.sample(frame(0, 0, []));
    expect(r.rate(0)).toBeNull();
    // req/s is the requests sent in the window (306), not the tries of the calls that ended (300).
    r.sample(frame(29_000, 30_000, [100, 10, 300, 4, 0, 306]));
    expect(r.rate(0)).toEqual({ perSecond: 100, triesPerSecond: 306, failedShare: 0.1, failedHereShare: 0.04, tries: 3 });
    expect(r.window()).toEqual({ fromMs: 29_000, toMs: 30_000 });
    // A later frame replaces the figures outright: no average with earlier frames.
    r.sample(frame(30_000, 31_000, [40, 0, 40, 0, 2, 40]));
    expect(r.rate(0)).toEqual({ perSecond: 40, triesPerSecond: 40, failedShare: 0, failedHereShare: 0, tries: 1, tlsFailed: 2 });
    // Sent over half a second, none ended (a flood held by its callee): the traffic, nothing failed yet, one try a call.
    r.sample(frame(31_000, 31_500, [0, 0, 0, 0, 0, 50_000]));
    expect(r.rate(0)).toEqual({ perSecond: 0, triesPerSecond: 100_000, failedShare: 0, failedHereShare: 0, tries: 1 });
    // An edge the window does not cover, or one with nothing sent nor ended in it, has no figures.
    expect(r.rate(1)).toBeNull();
    r.sample(frame(31_000, 32_000, [0, 0, 0, 0, 0, 0]));
    expect(r.rate(0)).toBeNull();
    r.clear();
    expect(r.rate(0)).toBeNull();
  });
});
