// The compare header's line while both panes seek, and its "done" mark (trial T1, 8).
import { expect, test } from 'vitest';
import { pairSeekLine } from '../../src/ui/compare/seekProgress';
import { pairReadyAt } from '../../src/ui/compare/readyMark';
import type { PaneFigures } from '../../src/ui/compare/diff';

test('the pane further from the target is named with how far it got: "seeking A to 30.0 s · 40%"', () => {
  expect(pairSeekLine([12_000, 21_000], 30_000, [60_000, 60_000])).toEqual({ text: 'seeking A to 30.0 s · 40%', lines: ['seeking A to', '30.0 s · 40%'] });
  expect(pairSeekLine([29_000, 6_000], 30_000, [60_000, 60_000])!.text).toBe('seeking B to 30.0 s · 20%');
});

test('once one pane stands there the other is named, never "100%" before it lands; none once both stand there', () => {
  expect(pairSeekLine([30_000, 29_990], 30_000, [60_000, 60_000])!.text).toBe('seeking B to 30.0 s · 99%');
  expect(pairSeekLine([30_000, 30_000], 30_000, [60_000, 60_000])).toBeNull();
});

test("a run ending before the target seeks to its end, and its share is of that end", () => {
  // B's run is 20 s long: at 15 s it is 75% of its way, A at 24 of 30 s is 80%.
  expect(pairSeekLine([24_000, 15_000], 30_000, [60_000, 20_000])!.text).toBe('seeking B to 20.0 s · 75%');
  expect(pairSeekLine([30_000, 20_000], 30_000, [60_000, 20_000])).toBeNull();
});

test('bad times read 0%, never NaN', () => {
  expect(pairSeekLine([Number.NaN, -5], 30_000, [60_000, 60_000])!.text).toBe('seeking A to 30.0 s · 0%');
});

const figures = [{}, {}] as unknown as [PaneFigures, PaneFigures];
const at = (over: Partial<Parameters<typeof pairReadyAt>[0]>) => pairReadyAt({ status: 'paused', seekingTo: null, settling: null, figures, figuresAt: 30_000, simTime: 30_000, ...over });

test('the ready mark is the moment both stand at with its figures; none while opening, playing, seeking, settling or before the figures catch up', () => {
  expect(at({})).toBe(30_000);
  expect(at({ status: 'done', figuresAt: 60_000, simTime: 60_000 })).toBe(60_000);
  expect(at({ status: 'ready', figuresAt: 0, simTime: 0 })).toBe(0);
  expect(at({ status: 'loading' })).toBeNull();
  expect(at({ status: 'playing' })).toBeNull();
  expect(at({ status: 'failed' })).toBeNull();
  expect(at({ seekingTo: 30_000 })).toBeNull();
  expect(at({ settling: 'pausing' })).toBeNull();
  expect(at({ figures: null })).toBeNull();
  expect(at({ figuresAt: 12_000 })).toBeNull();
});
