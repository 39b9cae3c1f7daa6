// Nodes placed by hand (a scenario file's `layout`, a drag): the layout keeps room for what is
// drawn round them, and fits the picture to where they are (layoutAt, replicaGrid.clearOfCards).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import type { Layout, NodePositions } from '../../src/ui/topology/layoutTypes';
import { replicaCardBox } from '../../src/ui/topology/replicaCards';

function scenarioOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return { topology: new World(r.scenario, r.scenario.seed).topology, layout: r.scenario.layout };
}

/** Boxes of every unfolded service's replica cards that overlap another node's box, in words (design units). */
function coveredByCards(l: Layout): string[] {
  const out: string[] = [];
  for (const u of l.nodes) {
    if (!u.replicaGrid) continue;
    const n = u.replicaGrid.folded ? 1 : Math.min(u.node.replicas, 12);
    for (let i = 0; i < n; i++) {
      const c = replicaCardBox(i, u.w, u.h, u.replicaGrid);
      const x0 = u.x - u.w / 2 + c.x;
      const y0 = u.y - u.h / 2 + c.y;
      for (const q of l.nodes) {
        if (q === u) continue;
        const dx = Math.min(x0 + c.w, q.x + q.w / 2) - Math.max(x0, q.x - q.w / 2);
        const dy = Math.min(y0 + c.h, q.y + q.h / 2) - Math.max(y0, q.y - q.h / 2);
        if (dx > 0 && dy > 0) out.push(`${u.node.name}'s card ${i} covers ${q.node.name} (${dx.toFixed(0)} x ${dy.toFixed(0)})`);
      }
    }
  }
  return out;
}

const SIZES: [number, number, boolean][] = [
  [1560, 700, false],
  [1240, 560, false],
  [1000, 560, false],
  [824, 525, true],
  [1560, 820, true],
];

test("control-plane-boundary-fixed's file puts shoppers under storefront, and storefront's unfolded cards push it down clear of them at every size", () => {
  const { topology, layout } = scenarioOf('control-plane-boundary-fixed');
  expect(layout?.shoppers, 'its file places shoppers by hand').toBeDefined();
  for (const [w, h, presenter] of SIZES) {
    const folded = computeLayout(topology, w, h, { presenter, positions: layout });
    const shut = folded.nodes.find((p) => p.node.name === 'shoppers')!;
    expect(shut.y, `${w}x${h}: shoppers at its hand spot while storefront is folded`).toBe(layout!.shoppers.y);
    const open = computeLayout(topology, w, h, { presenter, positions: layout, unfolded: new Set(['storefront']) });
    expect(open.nodes.find((p) => p.node.name === 'storefront')!.replicaGrid, `${w}x${h}: storefront unfolded`).toBeDefined();
    expect(coveredByCards(open), `${w}x${h}${presenter ? ' presenter' : ''}`).toEqual([]);
  }
});

test('a node placed by hand beside an unfolded service, not under it, keeps its spot', () => {
  const { topology } = scenarioOf('control-plane-boundary-fixed');
  const positions: NodePositions = { shoppers: { x: -200, y: 200 } };
  const l = computeLayout(topology, 1240, 560, { positions, unfolded: new Set(['storefront']) });
  expect(l.nodes.find((p) => p.node.name === 'shoppers')!.y).toBe(200);
});

test('control planes moved by hand down beside their members count in the bounds there, not at their old spots above: the picture is drawn no smaller (1240x400: 0.796 against 0.793; 0.732 before)', () => {
  const { topology } = scenarioOf('control-plane-boundary-fixed');
  const auto = computeLayout(topology, 1240, 400, {});
  const at = (name: string) => auto.nodes.find((p) => p.node.name === name)!;
  const positions: NodePositions = { 'control-plane:corp': { x: at('storefront').x, y: 200 }, 'control-plane:payments': { x: at('ledger').x + 140, y: 0 } };
  const l = computeLayout(topology, 1240, 400, { positions });
  expect(l.nodes.find((p) => p.node.name === 'control-plane:corp')!.y).toBe(200);
  expect(l.scale).toBeGreaterThanOrEqual(auto.scale);
});

test('a control plane moved by hand down into its mesh no longer holds the picture up: the mesh region stops reaching to its old spot', () => {
  const { topology } = scenarioOf('control-plane-boundary-fixed');
  const auto = computeLayout(topology, 1240, 560, {});
  const cp = auto.nodes.find((p) => p.node.name === 'control-plane:payments')!;
  const ledger = auto.nodes.find((p) => p.node.name === 'ledger')!;
  const regionTop = (l: Layout) => l.meshes.find((m) => m.name === 'payments')!.minY;
  expect(regionTop(auto), 'the region reaches up over its control plane').toBeLessThan(cp.y - cp.h / 2);
  // Beside ledger, level with it.
  const l = computeLayout(topology, 1240, 560, { positions: { 'control-plane:payments': { x: ledger.x + ledger.w / 2 + 60, y: ledger.y } } });
  expect(regionTop(l)).toBeGreaterThan(cp.y);
});
