// What a picture drawn in presenter mode's geometry folds into when its names cannot keep the
// floor: in a compare pane a small picture is drawn whole, smaller, never as one-node tiles.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { presenterFold } from '../../src/ui/components/topologyFit';
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

test('in a compare pane at 1024x768, control-plane-boundary, l4-vs-l7 and gateway-and-mesh are drawn whole with names of 10.8 px or more, not folded into one-node group tiles', () => {
  for (const [file, px] of [
    ['control-plane-boundary', 11.8],
    ['l4-vs-l7', 11.2],
    ['gateway-and-mesh', 10.8],
  ] as const) {
    const t = topologyOf(file);
    expect(t.nodes.length, file).toBeLessThanOrEqual(SMALL_PICTURE_NODES);
    // Short of the 12 px floor: they folded (the old choice, without a small-picture rule).
    expect(presenterFold(t, PANE, {}, minScale, roomy), file).toBe('groups');
    expect(presenterFold(t, PANE, {}, minScale, roomy, SMALL_PICTURE_NODES), file).toBe('all');
    // Drawn whole, fitted to the pane: its names at this size.
    const scale = computeLayout(t, PANE.width, PANE.height, { presenter: true, roomy }).scale;
    expect(Math.round(scale * PRESENTER_TEXT_UNITS * 10) / 10, file).toBe(px);
  }
});

test('a small picture with replicas drawn apart folds them back when that helps; a large one still folds into tiles', () => {
  const partial = topologyOf('partial-adoption');
  const storefront = partial.nodes.find((n) => n.name === 'storefront')!;
  expect(storefront.replicas).toBeGreaterThan(1);
  // In a stage too small for it even folded, it folds its replicas (larger names) and is drawn whole.
  expect(presenterFold(partial, { width: 300, height: 300 }, { unfolded: new Set(['storefront']) }, minScale, roomy, SMALL_PICTURE_NODES)).toBe('replicas');
  expect(presenterFold(partial, { width: 300, height: 300 }, {}, minScale, roomy, SMALL_PICTURE_NODES)).toBe('all');
  // The scaled-down load test (21 nodes) is no small picture: group tiles, as before.
  const load = topologyOf('istio-load-test');
  expect(load.nodes.length).toBeGreaterThan(SMALL_PICTURE_NODES);
  expect(presenterFold(load, PANE, {}, minScale, roomy, SMALL_PICTURE_NODES)).toBe('groups');
});
