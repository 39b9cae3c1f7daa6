import { describe, expect, it } from 'vitest';
import type { DiffRow } from '../../src/ui/compare/diff';
import { verdictParts } from '../../src/ui/compare/verdict';

const row = (key: string, format: DiffRow['format'], a: number | null, b: number | null, unit = ''): DiffRow => ({ key, label: key, unit, format, section: 'load', a, b, ratio: null });

describe('the compare verdict line', () => {
  it("gives the failed share with B - A in points, p99 and attempts per request, as the table formats them (gateway-only vs mesh-only at 60 s)", () => {
    const rows = [row('p50', 'ms', 99.3, 95.8, 'ms'), row('p99', 'ms', 183, 189, 'ms'), row('failed', 'share', 0.221, 0), row('tries', 'number', 3.992, 2.998)];
    const parts = verdictParts(rows);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe('failed 22% vs 0.0% (-22.1 pts)');
    expect(parts[1]).toMatch(/^p99 183 ?ms vs 189 ?ms$/);
    expect(parts[2]).toBe('attempts per request 3.992 vs 2.998');
  });

  it('leaves out a row neither run has, and gives nothing before the figures', () => {
    expect(verdictParts([row('failed', 'share', 0.5, 0.25), row('p99', 'ms', null, null, 'ms')])).toEqual(['failed 50% vs 25% (-25.0 pts)']);
    expect(verdictParts([])).toEqual([]);
  });
});
