import { describe, expect, it } from 'vitest';
import { edgeLabelParts, edgeShortLabel } from '../../src/ui/topology/edgeRates';

describe("a link label's parts", () => {
  it('mark every share failed as a failure, wherever it failed: here, further down, or both', () => {
    const kinds = (failedShare: number, failedHereShare: number, tries: number) =>
      edgeLabelParts({ perSecond: 42, failedShare, failedHereShare, tries }).map((p) => `${p.kind}: ${p.text}`);
    expect(kinds(0, 0, 1)).toEqual(['rate: 42 req/s']);
    expect(kinds(1, 1, 3)).toEqual(['rate: 42 req/s', 'failed: 100% failed here', 'tries: ×3.0 tries']);
    expect(kinds(0.03, 0, 1)).toEqual(['rate: 42 req/s', 'failed: 3.0% failed further down']);
    expect(kinds(0.5, 0.2, 1.2)).toEqual(['rate: 42 req/s', 'failed: 50% failed (20% here)', 'tries: ×1.2 tries']);
  });
});

describe("a link label's short form", () => {
  it('says calls per second only, as the full label rounds them: "68/s", "9.0/s"', () => {
    expect(edgeShortLabel({ perSecond: 68.4, failedShare: 0.5, failedHereShare: 0.5, tries: 2 })).toBe('68/s');
    expect(edgeShortLabel({ perSecond: 9, failedShare: 0, failedHereShare: 0, tries: 1 })).toBe('9.0/s');
  });
});
