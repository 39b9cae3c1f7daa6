import { describe, expect, it } from 'vitest';
import { snapToPixel } from '../../src/ui/components/timelineSnap';

describe('a timeline click lands on a round moment within half a pixel (N-report 8)', () => {
  it('rounds to the power of ten of ms at or under a pixel', () => {
    // The new user's click at 7 s on a 30 s run: 6,999.998 ms read '6.99 s' and linked t=6999.998ms.
    expect(snapToPixel(6999.998, 30_000 / 1000)).toBe(7000);
    expect(snapToPixel(12_345.6, 60_000 / 700)).toBe(12_350);
    expect(snapToPixel(123.4567, 0.3)).toBe(123.5);
    expect(snapToPixel(1234.5678, 0.05)).toBe(1234.57);
  });
  it('stays within half a pixel and leaves bad steps alone', () => {
    for (const [ms, per] of [[6999.998, 30], [41_234.5, 85.7], [5.55, 0.9]]) expect(Math.abs(snapToPixel(ms, per) - ms)).toBeLessThanOrEqual(per / 2);
    expect(snapToPixel(6999.998, 0)).toBe(6999.998);
    expect(snapToPixel(6999.998, Number.NaN)).toBe(6999.998);
  });
});
