import { describe, expect, it } from 'vitest';
import { okSetsNote } from '../../src/workers/okSets';

describe('okSetsNote: latency over different ok requests (trial N18, 3)', () => {
  it("says so when the failed shares are 18.57% and 0.01% (partial-adoption against -fixed)", () => {
    expect(okSetsNote(0.1857, 0.0001, 'Pick a client.')).toBe(
      '‡ Latency counts ok requests only, and A failed 18.6% of the requests it sent, B 0.0%: the two latencies are over different requests (a failed call drops out of its run\'s), so B/A is not the same requests made faster or slower. Pick a client.',
    );
  });
  it('says nothing within 5 points (3% and 7%), nor when a side has no figure', () => {
    expect(okSetsNote(0.03, 0.07, '')).toBeNull();
    expect(okSetsNote(null, 0.5, '')).toBeNull();
    expect(okSetsNote(0.2, 0.149, '')).not.toBeNull();
  });
});
