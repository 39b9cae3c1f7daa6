// The story while a seek passes through steps (passingStep.ts; trial N10, 7).
import { describe, expect, it } from 'vitest';
import { passingTarget } from '../../src/ui/narrative/passingStep';

describe('passingTarget', () => {
  it("is the seek's step when it is another than the clock's", () => {
    // A link's seek to step 4 (index 3) passing step 2 (index 1); a seek back from step 4 to 2.
    expect(passingTarget(3, 1)).toBe(3);
    expect(passingTarget(1, 3)).toBe(1);
  });
  it("is -1 with no seek, a seek within the clock's step, or one to before the first step", () => {
    expect(passingTarget(null, 1)).toBe(-1);
    expect(passingTarget(2, 2)).toBe(-1);
    expect(passingTarget(-1, 0)).toBe(-1);
  });
});
