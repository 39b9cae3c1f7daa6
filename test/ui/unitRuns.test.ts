import { expect, test } from 'vitest';
import { unitRuns } from '../../src/ui/narrative/unitRuns';

test('numbers with a unit of time, rate, CPU or share are runs of their own, kept whole; counts of things and the rest of the text are not; joined, the runs are the text', () => {
  const text = 'Each proxy also burns about a third of a core: 0.35 vCPU per 1000 requests/s, +2.65 ms at p90 (3.3 ms without); 3 sidecars, 1000 requests, 5.1 s, 12 %.';
  const runs = unitRuns(text);
  expect(runs.map((r) => r.text).join('')).toBe(text);
  expect(runs.filter((r) => r.keep).map((r) => r.text)).toEqual(['0.35 vCPU', '1000 requests/s', '+2.65 ms', '3.3 ms', '5.1 s', '12 %']);
  expect(unitRuns('no numbers here')).toEqual([{ text: 'no numbers here', keep: false }]);
  // "s" only as a unit: not the start of a word.
  expect(unitRuns('at 2 so 4 sidecars').some((r) => r.keep)).toBe(false);
});
