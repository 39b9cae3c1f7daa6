import { expect, it } from 'vitest';
import { EVENT_KIND_NAMES } from '../../../src/models/eventInfo';
import { kindInWords } from '../../../src/ui/eventlog/kindWords';

it("gives every event kind words of its own (trial N10: the log showed 'RetryBackoff', 'WorkDone')", () => {
  const kinds = EVENT_KIND_NAMES.filter((k) => k);
  const words = kinds.map((k) => kindInWords(k));
  for (const [i, k] of kinds.entries()) expect(words[i], k).not.toBe(k);
  expect(new Set(words).size).toBe(kinds.length);
  expect(kindInWords('RetryBackoff')).toBe('retry after backoff');
  // A kind with no words yet, or a bare number, as it came.
  expect(kindInWords('SomethingNew')).toBe('SomethingNew');
  expect(kindInWords(7)).toBe('7');
});
