// Each compare pane's own story (trial N10, finding 2): which step's figure a pane shows, how the shared timeline
// names A's and B's own steps, and how its merged markers are numbered as the panes number theirs.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { figureStepAt, stepAt, type NarrativeStep } from '../../src/ui/narrative/steps';
import { ownStepHeads, storyMarkerText, storySteps } from '../../src/ui/compare/useCompareKeys';

/** A shipped scenario's story as the worker gives it: times in ms. */
const story = (name: string): NarrativeStep[] =>
  (JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')).narrative as { at: string; title: string; text: string; figure?: unknown }[]).map((x) => ({
    ...x,
    at: Number.parseFloat(x.at) * 1000,
    highlight: [],
  })) as unknown as NarrativeStep[];
const pane = (side: 'A' | 'B', name: string) => ({ side, info: { narrative: story(name) } }) as never;

describe("a compare pane's own story", () => {
  test("a step without a figure shows the last one before it: gateway-only's step 5 keeps step 4's failed share; mesh-only's step 5 has its own", () => {
    const gw = story('gateway-only');
    const mesh = story('mesh-only');
    expect(figureStepAt(gw, stepAt(gw, 40_000))).toBe(3);
    expect(figureStepAt(gw, stepAt(gw, 30_000))).toBe(3);
    expect(figureStepAt(gw, stepAt(gw, 24_000))).toBe(-1);
    expect(figureStepAt(mesh, stepAt(mesh, 40_000))).toBe(4);
    expect(figureStepAt(mesh, -1)).toBe(-1);
    expect(figureStepAt(mesh, 99)).toBe(5);
  });

  test("the timeline names each run's own step by its own numbering, once where both name the same step of one story", () => {
    const pair = [pane('A', 'gateway-only'), pane('B', 'mesh-only')];
    expect(ownStepHeads(pair, 40_000)).toEqual([
      { side: 'A', text: 'A · Step 5 of 5 · What would help' },
      { side: 'B', text: 'B · Step 5 of 6 · What it costs in CPU' },
    ]);
    expect(ownStepHeads([pane('A', 'retry-storm'), pane('B', 'retry-storm')], 13_000)).toEqual([{ side: null, text: 'Step 3 of 4 · The storm' }]);
    // A side without a story is left out; the other keeps its side's name.
    expect(ownStepHeads([pane('A', 'retry-storm'), { side: 'B', info: { narrative: [] } } as never], 1_000)).toEqual([{ side: 'A', text: 'A · Step 1 of 4 · Three layers, each with its own retries' }]);
  });

  test("the merged markers read as the panes number their steps: 1, 2, 3, B4, A4, 5, B6 for gateway-only vs mesh-only", () => {
    const steps = storySteps([pane('A', 'gateway-only'), pane('B', 'mesh-only')]);
    expect(steps.map((x) => storyMarkerText(x.own, true))).toEqual(['1', '2', '3', 'B4', 'A4', '5', 'B6']);
    expect(steps.map((x) => x.at)).toEqual([0, 5_000, 20_000, 22_000, 25_000, 40_000, 50_000]);
    expect(storyMarkerText([2, 3], true)).toBe('A3 B4');
    expect(storyMarkerText([null, 3], false)).toBe('4');
  });
});
