// A compare share link keeps each pane's rows as the single view's does (`cols=`, 63cfa97): one
// count when the panes agree, A's and B's when they differ, and a bad one named at `cols`.
import { expect, test } from 'vitest';
import { decodeCompareLink, encodeCompareLink } from '../../src/ui/compare/link';

const ctx = { scenarioIds: ['retry-storm', 'retry-storm-fixed'], defaultId: 'retry-storm', speedIds: ['1'] };
const pair = { a: { id: 'retry-storm', actions: [] }, b: { id: 'retry-storm-fixed', actions: [] }, seed: null, tMs: 15_000, speedId: '1' };

test('a compare link writes one cols= when both pictures have the same rows, and A,B when they differ', () => {
  expect(encodeCompareLink({ ...pair, cols: [4, 4] })).toBe('?compare=retry-storm,retry-storm-fixed&t=15s&speed=1&cols=4');
  expect(encodeCompareLink({ ...pair, cols: [4, 3] })).toBe('?compare=retry-storm,retry-storm-fixed&t=15s&speed=1&cols=4,3');
  expect(encodeCompareLink({ ...pair, cols: [null, 3] })).toBe('?compare=retry-storm,retry-storm-fixed&t=15s&speed=1&cols=,3');
  // The address bar's link (no picture) and group tiles in both panes carry none.
  expect(encodeCompareLink(pair)).toBe('?compare=retry-storm,retry-storm-fixed&t=15s&speed=1');
  expect(encodeCompareLink({ ...pair, cols: [null, null] })).toBe('?compare=retry-storm,retry-storm-fixed&t=15s&speed=1');
});

test('a compare link reads cols= back per pane, with no problems', () => {
  for (const cols of [[4, 4], [4, 3], [null, 3], [5, null]] as const) {
    const d = decodeCompareLink(encodeCompareLink({ ...pair, cols }), ctx);
    expect(d.problems).toEqual([]);
    expect(d.cols).toEqual(cols);
  }
  expect(decodeCompareLink('?compare=retry-storm,retry-storm-fixed', ctx).cols).toEqual([null, null]);
});

test("a bad cols= is named at cols and leaves that pane's picture arranged for the window", () => {
  const read = (cols: string) => decodeCompareLink(`?compare=retry-storm,retry-storm-fixed&cols=${encodeURIComponent(cols)}`, ctx);
  expect(read('0').problems).toEqual([{ path: 'cols', message: '"0" is not a number of columns a row (a whole number from 1 to 99); the picture is arranged for this window' }]);
  expect(read('0').cols).toEqual([null, null]);
  expect(read('4,x').problems).toEqual([{ path: 'cols', message: '"x" is not a number of columns a row for B (a whole number from 1 to 99); the picture is arranged for this window' }]);
  expect(read('4,x').cols).toEqual([4, null]);
  expect(read('1,2,3').problems.map((p) => p.path)).toEqual(['cols']);
  expect(read('1,2,3').cols).toEqual([null, null]);
  // A pair the link cannot open still says its cols problem.
  expect(decodeCompareLink('?compare=nope,retry-storm&cols=100', ctx).problems.map((p) => p.path)).toEqual(['cols', 'compare']);
});
