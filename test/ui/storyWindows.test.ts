import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseScenarioText, type Scenario } from '../../src/scenario';
import { runWithWindow } from '../../src/cli/window';
import { storyWindowRows } from '../../src/ui/compare/storyWindows';

const parsed = (name: string): Scenario => {
  const r = parseScenarioText(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};

// Trial N14, 2: the lesson's "how much less load" read 9x, 27.0 vs 2.9, 0.17x and 0.18x in four places.
// Compare reads the stories' own windowed figures side by side, so the lesson's number is on its screen.
test("retry-storm against its fix: compare's story-window rows read the steps' 27.0 and 2.9 over 11 s – 24 s (0.11x, the README's and the lesson's figure) and 1.0 and 1.0 once payments is back", () => {
  const [a, b] = [parsed('retry-storm.json'), parsed('retry-storm-fixed.json')];
  const [ra, rb] = [runWithWindow(a, {}), runWithWindow(b, {})];
  const rows = storyWindowRows([a.narrative, b.narrative], [ra, rb], [40_000, 40_000], [40_000, 40_000]);
  expect(rows.map((r) => [r.label, r.window, r.a.text, r.b.text, r.ratio?.toFixed(2)])).toEqual([
    ['attempts at payments per user request during the outage', '11 s – 24 s', '27.0', '2.9', '0.11'],
    ['attempts at payments per user request once it is back', '26 s – 40 s', '1.0', '1.0', '1.00'],
  ]);
  // The README and the lesson state that figure, with its window.
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  for (const text of [readme, b.lesson ?? '']) expect(text).toMatch(/2\.9 (against retry-storm's 27\.0 )?over the requests that ended 11 s – 24 s.*0\.11x/);
  // Before the window's end a row says so ("so far"), and a story without the figure gives no row.
  const early = storyWindowRows([a.narrative, b.narrative], [{ ...ra, buckets: ra.buckets.slice(0, 15) }, { ...rb, buckets: rb.buckets.slice(0, 15) }], [15_000, 15_000], [40_000, 40_000]);
  expect(early[0].a.note).toContain('11 s – 24 s, so far');
  expect(storyWindowRows([a.narrative, []], [ra, rb], [40_000, 40_000], [40_000, 40_000])).toEqual([]);
}, 120_000);
