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

const frame = (simTime: number, calls: number, failed: number, attempts: number, failedHere = failed) =>
  ({ simTime, edges: new Float64Array([calls, failed, attempts, failedHere]) }) as unknown as Frame;

describe('edge rates', () => {
  test('calls per simulated second, share failed and tries per call over the last two seconds', () => {
    const r = createEdgeRates();
    r.sample(frame(0, 0, 0, 0));
    expect(r.rate(0)).toBeNull();
    r.sample(frame(1000, 100, 10, 300, 4));
    expect(r.rate(0)).toEqual({ perSecond: 100, failedShare: 0.1, failedHereShare: 0.04, tries: 3 });
    r.sample(frame(3000, 300, 10, 500));
    r.sample(frame(4000, 500, 10, 700));
    // The window now starts at 1000 ms (the oldest sample at or before 4000 - 2000 is kept).
    expect(r.rate(0)!.perSecond).toBeCloseTo(400 / 3);
    // A new run starts over.
    r.sample(frame(0, 0, 0, 0));
    expect(r.rate(0)).toBeNull();
  });
});
