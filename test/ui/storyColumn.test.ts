// Presenter mode's story column at a projector's width, chosen per picture (narrative/storyColumn.ts).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { PRESENTER_MIN_SCALE } from '../../src/ui/topology/layoutTypes';
import { STORY_COLUMN_WIDTHS, storyColumnWidth } from '../../src/ui/narrative/storyColumn';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** Presenter mode's topology at 1024x768 under one row of tools, px (about what the browser measures). */
const SPAN = 1024;
const HEIGHT = 570;

test('at 1024x768 the story column is as wide as each picture leaves room for: retry-storm 400 px, two-meshes-via-gateway the old 200', () => {
  const widths = Object.fromEntries(['retry-storm', 'two-meshes-via-gateway', 'third-party-service', 'gateway-and-mesh', 'control-plane-boundary', 'idle-timeout-race', 'istio-load-test'].map((f) => [f, storyColumnWidth(topologyOf(f), SPAN, HEIGHT)]));
  expect(widths).toEqual({
    'retry-storm': 400,
    'two-meshes-via-gateway': 200,
    'third-party-service': 280,
    'gateway-and-mesh': 360,
    'control-plane-boundary': 340,
    'idle-timeout-race': 400,
    // 21 nodes: group tiles beside any column, whose labels keep the stage's room.
    'istio-load-test': 200,
  });
});

test('beside the chosen column every picture that kept the floor beside 200 px keeps it (names at 14.5 px or more)', () => {
  for (const f of ['config-rollout', 'control-plane-boundary', 'control-plane-outage', 'gateway-and-mesh', 'gateway-only', 'hello-mesh', 'idle-timeout-race', 'l4-vs-l7', 'mesh-only', 'mm1', 'partial-adoption', 'partial-adoption-fixed', 'retry-storm', 'retry-storm-fixed', 'third-party-direct', 'third-party-service', 'two-meshes-cert-expiry', 'two-meshes-direct', 'two-meshes-via-gateway', 'zone-failover']) {
    const t = topologyOf(f);
    expect(computeLayout(t, SPAN - 200, HEIGHT, { presenter: true }).scale, f).toBeGreaterThanOrEqual(PRESENTER_MIN_SCALE);
    const c = storyColumnWidth(t, SPAN, HEIGHT);
    expect(STORY_COLUMN_WIDTHS, f).toContain(c);
    expect(computeLayout(t, SPAN - c, HEIGHT, { presenter: true }).scale, `${f} beside ${c} px`).toBeGreaterThanOrEqual(PRESENTER_MIN_SCALE);
  }
});

test("a file's own layout keeps the floor beside the column chosen without it: control-plane-boundary-fixed (0.746 without, shoppers under storefront) and third-party-direct", () => {
  for (const f of ['control-plane-boundary-fixed', 'third-party-direct']) {
    const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${f}.json`, import.meta.url), 'utf8'));
    if (!r.ok) throw new Error(f);
    const positions = r.scenario.layout;
    expect(positions, `${f} places nodes by hand`).toBeDefined();
    const t = topologyOf(f);
    const c = storyColumnWidth(t, SPAN, HEIGHT);
    expect(computeLayout(t, SPAN - c, HEIGHT, { presenter: true, positions }).scale, `${f} beside ${c} px`).toBeGreaterThanOrEqual(PRESENTER_MIN_SCALE);
  }
  expect(computeLayout(topologyOf('control-plane-boundary-fixed'), SPAN - 200, HEIGHT, { presenter: true }).scale).toBeLessThan(PRESENTER_MIN_SCALE);
});

test('no topology, or a stage not yet laid out, gives the old 200 px column', () => {
  expect(storyColumnWidth(null, SPAN, HEIGHT)).toBe(200);
  expect(storyColumnWidth(topologyOf('retry-storm'), SPAN, 0)).toBe(200);
});
