// A compare pane's words and bar while a seek runs (src/ui/compare/seekProgress.ts).
import { expect, test } from 'vitest';
import { paneSeekProgress } from '../../src/ui/compare/seekProgress';

test('a pane 23 s into a seek to 50 s says "seeking 23.0 / 50.0 s" and fills 46% of its bar', () => {
  const p = paneSeekProgress(23_000, 50_000, 60_000, { side: 'B', there: false });
  expect(p).toEqual({ fraction: 0.46, text: 'seeking 23.0 / 50.0 s', there: false });
});

test('a pane that stands at the target waits for the other, named; with both there it says only where', () => {
  expect(paneSeekProgress(50_000, 50_000, 60_000, { side: 'A', there: false })).toEqual({ fraction: 1, text: 'at 50.0 s: waiting for A', there: true });
  expect(paneSeekProgress(50_000, 50_000, 60_000, { side: 'A', there: true }).text).toBe('at 50.0 s');
});

test('a pane whose run ends before the target counts its end as the goal', () => {
  const p = paneSeekProgress(15_000, 50_000, 30_000, { side: 'A', there: false });
  expect(p.fraction).toBe(0.5);
  expect(p.text).toBe('seeking 15.0 / 30.0 s');
  expect(paneSeekProgress(30_000, 50_000, 30_000, { side: 'A', there: false }).text).toBe('at its end, 30.0 s: waiting for A');
});

test('bad times never give a bar past its ends or NaN', () => {
  expect(paneSeekProgress(Number.NaN, 50_000, 60_000, { side: 'B', there: false }).fraction).toBe(0);
  expect(paneSeekProgress(-5, 50_000, 60_000, { side: 'B', there: false }).fraction).toBe(0);
  expect(paneSeekProgress(70_000, 50_000, 60_000, { side: 'B', there: true }).fraction).toBe(1);
  expect(paneSeekProgress(0, 0, 60_000, { side: 'B', there: true })).toEqual({ fraction: 1, text: 'at 0.0 s', there: true });
});
