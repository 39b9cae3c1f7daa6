import { describe, expect, it } from 'vitest';
import { sideFaultBands } from '../../src/ui/compare/compareFaultBands';
import type { FaultStatus } from '../../src/workers/protocol';

const fault = (id: number, over: Partial<FaultStatus> = {}): FaultStatus => ({ id, type: 'slow-replica', target: 'inventory-0', amount: '500× slower', startMs: 20_000, endMs: null, untilMs: null, pending: false, ...over });

describe('sideFaultBands', () => {
  it('draws a fault both runs have once, marked AB, with its band to the end when it lasts until cleared', () => {
    const r = sideFaultBands([fault(0)], [fault(0)], 30_000, 60_000);
    expect(r.map((x) => [x.sides, x.band.fromMs, x.band.toMs, x.band.doneToMs])).toEqual([['AB', 20_000, 60_000, 30_000]]);
  });

  it("marks a fault only one run has with its side, and a repeated fault matches once per copy", () => {
    const r = sideFaultBands([fault(0), fault(1)], [fault(0), fault(1, { type: 'http-abort', target: 'catalog', startMs: 0 })], 10_000, 60_000);
    expect(r.map((x) => [x.key, x.sides])).toEqual([['A0', 'AB'], ['A1', 'A'], ['B1', 'B']]);
  });
});
