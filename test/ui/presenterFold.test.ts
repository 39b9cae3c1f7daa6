// What a picture drawn in presenter mode's geometry folds into when its names cannot keep the
// floor: a compare pane tries presenter mode's own columns, then draws a small picture whole below
// the floor, before it folds into group tiles.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { presenterDrawing } from '../../src/ui/components/topologyFit';
import { COMPARE_PRESENTER_FLOOR, PRESENTER_TEXT_UNITS } from '../../src/ui/topology/presenterFloor';
import { SMALL_PICTURE_NODES } from '../../src/ui/topology/readableText';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** A compare pane's stage at 1024x768, side by side (measured in the browser). */
const PANE = { width: 495, height: 545 };
const { minScale, roomy } = COMPARE_PRESENTER_FLOOR;
const namePx = (t: ReturnType<typeof topologyOf>, size: { width: number; height: number }, r: boolean) => Math.round(computeLayout(t, size.width, size.height, { presenter: true, roomy: r }).scale * PRESENTER_TEXT_UNITS * 10) / 10;

test("in a compare pane at 1024x768, control-plane-boundary, l4-vs-l7 and gateway-and-mesh keep 12 px names in presenter mode's own columns rather than fold into one-node group tiles", () => {
  for (const [file, roomyPx, ownPx] of [
    ['control-plane-boundary', 11.8, 13.9],
    ['l4-vs-l7', 11.2, 13.2],
    ['gateway-and-mesh', 10.8, 12.7],
  ] as const) {
    const t = topologyOf(file);
    // Short of the 12 px floor in roomy columns: they folded (the choice without fitBeforeFold).
    expect(namePx(t, PANE, true), file).toBe(roomyPx);
    expect(presenterDrawing(t, PANE, {}, minScale, roomy).fold, file).toBe('groups');
    expect(presenterDrawing(t, PANE, {}, minScale, roomy, true), file).toEqual({ fold: 'all', roomy: false, belowFloor: false });
    expect(namePx(t, PANE, false), file).toBe(ownPx);
  }
  // A picture that keeps the floor in roomy columns keeps them (retry-storm's pair, as before).
  expect(presenterDrawing(topologyOf('retry-storm'), PANE, {}, minScale, roomy, true)).toEqual({ fold: 'all', roomy: true, belowFloor: false });
});

test('a small picture no columns fit at the floor is drawn whole below it (its replicas folded back when apart); a large one still folds into tiles', () => {
  const small = { width: 300, height: 300 };
  const partial = topologyOf('partial-adoption');
  expect(partial.nodes.length).toBeLessThanOrEqual(SMALL_PICTURE_NODES);
  expect(partial.nodes.find((n) => n.name === 'storefront')!.replicas).toBeGreaterThan(1);
  expect(namePx(partial, small, false)).toBeLessThan(12);
  expect(presenterDrawing(partial, small, {}, minScale, roomy, true)).toEqual({ fold: 'all', roomy: false, belowFloor: true });
  expect(presenterDrawing(partial, small, { unfolded: new Set(['storefront']) }, minScale, roomy, true)).toEqual({ fold: 'replicas', roomy: false, belowFloor: true });
  expect(presenterDrawing(partial, small, {}, minScale, roomy).fold).toBe('groups');
  // The scaled-down load test (21 nodes) is no small picture: group tiles, as before.
  const load = topologyOf('istio-load-test');
  expect(load.nodes.length).toBeGreaterThan(SMALL_PICTURE_NODES);
  expect(presenterDrawing(load, PANE, {}, minScale, roomy, true).fold).toBe('groups');
});
