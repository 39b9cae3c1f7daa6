import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { QUOTE_WHOLE_MAX, quoteText } from '../../src/scenario/quote';

describe('a refused value quoted in a message', () => {
  it('quotes text up to 60 characters whole', () => {
    const text = 'x'.repeat(QUOTE_WHOLE_MAX);
    expect(quoteText(text)).toBe(JSON.stringify(text));
  });

  it('cuts longer text to its first 40 and last 12 characters and says its length', () => {
    const text = `${'a'.repeat(40)}${'m'.repeat(1000)}${'z'.repeat(12)}`;
    expect(quoteText(text)).toBe(`"${'a'.repeat(40)}…${'z'.repeat(12)}" (1,052 characters)`);
  });

  it('quotes a 400,000-character text file opened as a scenario in a message under 200 characters (session 37 N6 F7: it was quoted whole)', () => {
    const text = 'QUJD'.repeat(100_000);
    const r = parseScenarioText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toBe('');
    expect(r.problems[0].message).toBe(`expected object, got "${'QUJD'.repeat(10)}…${'QUJD'.repeat(3)}" (400,000 characters)`);
  });
});
