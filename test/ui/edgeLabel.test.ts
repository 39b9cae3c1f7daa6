import { describe, expect, it } from 'vitest';
import { edgeLabel } from '../../src/ui/topology/edgeRates';

describe("a link's figures", () => {
  it('say the requests on the wire per second (every try: 42 calls of 3 tries are 126 req/s, 67% of them retries), and failures where they happened: on this hop, further down, or both', () => {
    expect(edgeLabel({ perSecond: 42, triesPerSecond: 42, failedShare: 0, failedHereShare: 0, tries: 1 })).toBe('42 req/s');
    expect(edgeLabel({ perSecond: 42, triesPerSecond: 126, failedShare: 1, failedHereShare: 1, tries: 3 })).toBe('126 req/s · 100% failed here · 67% retries');
    expect(edgeLabel({ perSecond: 4.2, triesPerSecond: 4.2, failedShare: 0.03, failedHereShare: 0, tries: 1 })).toBe('4.2 req/s · 3.0% failed further down');
    expect(edgeLabel({ perSecond: 42, triesPerSecond: 42, failedShare: 0.5, failedHereShare: 0.2, tries: 1 })).toBe('42 req/s · 50% failed (20% here)');
  });
});
