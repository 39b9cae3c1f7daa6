import { describe, expect, it } from 'vitest';
import { edgeLabelParts, edgeShortLabel } from '../../src/ui/topology/edgeRates';

describe("a link label's parts", () => {
  it('mark every share failed as a failure, wherever it failed: here, further down, or both', () => {
    const kinds = (failedShare: number, failedHereShare: number, tries: number) =>
      edgeLabelParts({ perSecond: 42, triesPerSecond: 42 * tries, failedShare, failedHereShare, tries }).map((p) => `${p.kind}: ${p.text}`);
    expect(kinds(0, 0, 1)).toEqual(['rate: 42 req/s']);
    expect(kinds(1, 1, 3)).toEqual(['rate: 126 req/s', 'failed: 100% failed here', 'tries: 67% retries']);
    expect(kinds(0.03, 0, 1)).toEqual(['rate: 42 req/s', 'failed: 3.0% failed further down']);
    expect(kinds(0.5, 0.2, 1.2)).toEqual(['rate: 50 req/s', 'failed: 50% failed (20% here)', 'tries: 17% retries']);
  });

  it('say a share failed is of the calls ended where those are the few and most requests sent are in flight (a flood)', () => {
    // canvas-flood's c -> web at 0.2 s: 98,680 req/s sent, 85 calls ended a second; all failed would read as all of the flood.
    const flood = edgeLabelParts({ perSecond: 85, triesPerSecond: 98_680, failedShare: 1, failedHereShare: 1, tries: 1 });
    expect(flood.map((p) => p.text)).toEqual(['98,680 req/s', '100% of 85/s ended failed here']);
    expect(flood[1].kind).toBe('failed');
    expect(edgeLabelParts({ perSecond: 85, triesPerSecond: 98_680, failedShare: 0.5, failedHereShare: 0, tries: 1 })[1].text).toBe('50% of 85/s ended failed further down');
    // retry-storm's orders -> payments at 15 s: 276 calls ended a second, 3 tries each, 828 sent: as ever.
    expect(edgeLabelParts({ perSecond: 276, triesPerSecond: 828, failedShare: 1, failedHereShare: 1, tries: 3 }).map((p) => p.text)).toEqual(['828 req/s', '100% failed here', '67% retries']);
    // Half the requests sent carried by calls ended: not yet "the few".
    expect(edgeLabelParts({ perSecond: 50, triesPerSecond: 100, failedShare: 0.2, failedHereShare: 0.2, tries: 1 })[1].text).toBe('20% failed here');
  });
});

describe("a link label's short form", () => {
  it('says requests on the wire per second only (every try), as the full label rounds them, whole thousands with a k, never wider than "999/s": "68/s", "9.0/s", "1k/s"', () => {
    expect(edgeShortLabel({ perSecond: 34.2, triesPerSecond: 68.4, failedShare: 0.5, failedHereShare: 0.5, tries: 2 })).toBe('68/s');
    expect(edgeShortLabel({ perSecond: 9, triesPerSecond: 9, failedShare: 0, failedHereShare: 0, tries: 1 })).toBe('9.0/s');
    expect(edgeShortLabel({ perSecond: 342, triesPerSecond: 1026, failedShare: 1, failedHereShare: 1, tries: 3 })).toBe('1k/s');
    expect(edgeShortLabel({ perSecond: 999, triesPerSecond: 999, failedShare: 0, failedHereShare: 0, tries: 1 })).toBe('999/s');
    expect(edgeShortLabel({ perSecond: 4000, triesPerSecond: 12_400, failedShare: 0, failedHereShare: 0, tries: 3.1 })).toBe('12k/s');
  });
});
