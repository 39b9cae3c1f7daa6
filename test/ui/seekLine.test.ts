import { describe, expect, it } from 'vitest';
import { seekLine } from '../../src/ui/components/seekLine';

describe('seekLine', () => {
  it('says the target and how far the clock got to it', () => {
    expect(seekLine(5000, 12_500)).toBe('seeking to 12.5 s · 40%');
    expect(seekLine(0, 30_000)).toBe('seeking to 30.0 s · 0%');
  });
  it('stays under 100% until the run stands there, and never goes under 0%', () => {
    expect(seekLine(12_500, 12_500)).toBe('seeking to 12.5 s · 99%');
    expect(seekLine(20_000, 12_500)).toBe('seeking to 12.5 s · 99%');
    expect(seekLine(-5, 1000)).toBe('seeking to 1.0 s · 0%');
  });
  it('reads 0% for a target at 0', () => {
    expect(seekLine(300, 0)).toBe('seeking to 0.0 s · 0%');
  });
});
