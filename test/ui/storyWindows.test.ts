import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseScenarioText, type Scenario } from '../../src/scenario';
import { runWithWindow } from '../../src/cli/window';
import { sharedFigureSteps, soleClient, storyWindowRows } from '../../src/ui/compare/storyWindows';

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

// Trial N17, 4: in compare presenter mode gateway-only's pane read step 4's failed share over 21-58 s while
// mesh-only's, at its step 5, read its CPU figure; both now show the figure their stories share.
test("presenter mode's one question: gateway-only against mesh-only at 40 s both show the failed share over 21 s – 58 s (A's step 4, B's step 4), and each its own before either has begun", () => {
  const [a, b] = [parsed('gateway-only.json'), parsed('mesh-only.json')];
  const steps = [a.narrative, b.narrative] as const;
  // At 40 s A stands at step 5 (its figure step 4's), B at step 5 (proxy CPU): A's figure is shared.
  expect(sharedFigureSteps(steps, [40_000, 40_000])).toEqual([3, 3]);
  expect(b.narrative[3].figure?.measure).toBe('failed-share');
  // At 55 s B's step 6 (p50 added) is B's own; A's figure is still the shared one.
  expect(sharedFigureSteps(steps, [55_000, 55_000])).toEqual([3, 3]);
  // At 22 s only B's step 4 has begun: B's figure now is shared, and A shows its step 4's over the same window.
  expect(sharedFigureSteps(steps, [22_000, 22_000])).toEqual([3, 3]);
  // At 10 s neither figure step has begun: each pane keeps its own.
  expect(sharedFigureSteps(steps, [10_000, 10_000])).toBeNull();
  // Stories that share no windowed figure: null.
  expect(sharedFigureSteps([a.narrative, []], [40_000, 40_000])).toBeNull();
  // A's and B's "now" figures both shared: A's wins (retry-storm at 30 s: "once it is back" in both).
  const [r, f] = [parsed('retry-storm.json'), parsed('retry-storm-fixed.json')];
  const [ia, ib] = sharedFigureSteps([r.narrative, f.narrative], [30_000, 30_000])!;
  expect([r.narrative[ia].figure?.label, f.narrative[ib].figure?.label]).toEqual(['attempts at payments per user request once it is back', f.narrative[ib].figure?.label]);
  expect(f.narrative[ib].figure?.from).toBe(r.narrative[ia].figure?.from);
});

// Session 53's T4 trial, 5: gateway-only against gateway-and-mesh at 60 s read A's "33.4% user requests failing while
// the replica hangs" beside B's figure of another measure. gateway-only has one client, shoppers, so its figure of
// every user request is shoppers': the same measure and window as gateway-and-mesh's step 3, shown in both panes.
test("one measure in both panes: gateway-only's failed share over 21 s – 58 s is gateway-and-mesh's shoppers' (step 3), gateway-only's only client", () => {
  const [a, b] = [parsed('gateway-only.json'), parsed('gateway-and-mesh.json')];
  const steps = [a.narrative, b.narrative] as const;
  expect(sharedFigureSteps(steps, [60_000, 60_000], ['shoppers', null])).toEqual([3, 2]);
  expect(b.narrative[2].figure).toMatchObject({ measure: 'failed-share', client: 'shoppers', from: a.narrative[3].figure?.from, to: a.narrative[3].figure?.to });
  // Without knowing A's client, "every user request" and "shoppers'" are two figures: each pane keeps its own.
  expect(sharedFigureSteps(steps, [60_000, 60_000])).toBeNull();
  // B, with four clients, reads no figure of all its requests as shoppers'.
  expect(sharedFigureSteps([b.narrative, a.narrative], [60_000, 60_000], [null, 'shoppers'])).toEqual([2, 3]);
});

test('soleClient: the one client of a scenario, null for none or several', () => {
  const node = (kind: string, name: string) => ({ kind, name });
  expect(soleClient({ topology: { nodes: [node('client', 'shoppers'), node('service', 'edge')] } })).toBe('shoppers');
  expect(soleClient({ topology: { nodes: [node('client', 'a'), node('client', 'b')] } })).toBeNull();
  expect(soleClient({ topology: { nodes: [node('service', 'edge')] } })).toBeNull();
});
