import { describe, expect, it } from 'vitest';
import { aheadWords } from '../../src/ui/narrative/steps';

describe('aheadWords (a figure of the list whose step is still to come)', () => {
  it("says the step and its moment while the clock is before it (control-plane-boundary's step 3 at 1 s: 14.1% of 64 ended beside 'about 25%')", () => {
    expect(aheadWords(2, 5_000, 1_000)).toBe('step 3 (5 s) still to come');
    expect(aheadWords(2, 1_500, 0)).toBe('step 3 (1.5 s) still to come');
  });
  it('says nothing once the step has begun', () => {
    expect(aheadWords(2, 5_000, 5_000)).toBeNull();
    expect(aheadWords(2, 5_000, 60_000)).toBeNull();
  });
});
