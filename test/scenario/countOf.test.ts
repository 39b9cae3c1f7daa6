import { describe, expect, it } from 'vitest';
import { countOf } from '../../src/scenario';

describe('a count says its noun singular for exactly one', () => {
  it('"1 closed second", "0 closed seconds", "12,034 requests", "1 retry" / "2 retries"', () => {
    expect(countOf(1, 'closed second')).toBe('1 closed second');
    expect(countOf(0, 'closed second')).toBe('0 closed seconds');
    expect(countOf(12034, 'request')).toBe('12,034 requests');
    expect(countOf(1, 'retry', 'retries')).toBe('1 retry');
    expect(countOf(2, 'retry', 'retries')).toBe('2 retries');
  });
});
