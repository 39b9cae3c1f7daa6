import { describe, expect, it } from 'vitest';
import { table } from '../../src/cli/table';

describe('table', () => {
  // Math.max(...xs) threw "Maximum call stack size exceeded" here from about 200,000 rows (the
  // issue's 125,000 services did so deeper in the stack): 500,000 fails it with room to spare.
  it('aligns 500,000 rows without spreading them into a call', () => {
    const rows = [['service', 'requests'], ...Array.from({ length: 500_000 }, (_, i) => [`s${i}`, String(i)])];
    const lines = table(rows);
    expect(lines).toHaveLength(500_001);
    expect(lines[0]).toBe('service  requests');
    expect(lines[500_000]).toBe('s499999    499999');
  });
});
