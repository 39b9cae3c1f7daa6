// The story column's covers: whole lines only at its head and foot (src/ui/narrative/columnCut.ts).
import { describe, expect, it } from 'vitest';
import { footCoverTop, headCoverBottom } from '../../src/ui/narrative/columnCut';

describe('footCoverTop', () => {
  it('stays at its least height where no line crosses it', () => {
    expect(footCoverTop([{ top: 500, bottom: 520 }], 600, 26, 180)).toBe(574);
  });
  it("rises to the top of the line the foot's cover would cut (trial T4, 7: a figure's label cut in half)", () => {
    expect(footCoverTop([{ top: 560, bottom: 578 }, { top: 580, bottom: 598 }], 600, 26, 180)).toBe(560);
  });
  it('rises again where the line it rose to sits beside a taller one (a big figure beside its words)', () => {
    expect(footCoverTop([{ top: 550, bottom: 590 }, { top: 565, bottom: 580 }], 600, 26, 180)).toBe(550);
  });
  it('leaves a block taller than its most in place rather than cover it', () => {
    expect(footCoverTop([{ top: 300, bottom: 590 }], 600, 26, 180)).toBe(574);
  });
  it('does not rise for a line that only touches its edge', () => {
    expect(footCoverTop([{ top: 556, bottom: 574.3 }], 600, 26, 180)).toBe(574);
  });
});

describe('headCoverBottom', () => {
  it('is the head itself where no line crosses it', () => {
    expect(headCoverBottom([{ top: 60, bottom: 80 }], 50, 180)).toBe(50);
  });
  it('falls to the bottom of the line the head cuts, and of one under it that crosses that', () => {
    expect(headCoverBottom([{ top: 40, bottom: 62 }, { top: 55, bottom: 75 }], 50, 180)).toBe(75);
  });
  it('leaves a block reaching past its most cut', () => {
    expect(headCoverBottom([{ top: 0, bottom: 400 }], 50, 180)).toBe(50);
  });
});
