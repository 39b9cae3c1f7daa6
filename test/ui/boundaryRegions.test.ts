import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { boundaryText, deniedBoundaryOf } from '../../src/ui/topology/boundaryRegions';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

describe('boundaries a control plane denies', () => {
  test('the topology carries each node\'s boundary and the control plane\'s denied boundaries', () => {
    const t = topologyOf('control-plane-boundary');
    const by = (name: string) => t.nodes.find((n) => n.name === name)!;
    expect(by('ledger').boundary).toBe('payments-lob');
    expect(by('storefront').boundary).toBe('retail-lob');
    expect(by('shoppers').boundary).toBeNull();
    expect(by('control-plane:corp').denyBoundaries).toEqual(['payments-lob']);
    expect(by('storefront').denyBoundaries).toEqual([]);
  });

  test('ledger and fraud-check sit in a dashed sub-region inside corp\'s, and no other box does', () => {
    const t = topologyOf('control-plane-boundary');
    for (const [w, h, presenter] of [[1200, 700, false], [700, 560, false], [1000, 640, true]] as const) {
      const l = computeLayout(t, w, h, { presenter });
      expect(l.boundaries?.map((b) => b.name), `${w}x${h}`).toEqual(['payments-lob']);
      const b = l.boundaries![0];
      const corp = l.meshes.find((m) => m.name === 'corp')!;
      expect(b.minX).toBeGreaterThan(corp.minX);
      expect(b.maxX).toBeLessThan(corp.maxX);
      expect(b.minY).toBeGreaterThan(corp.minY);
      expect(b.maxY).toBeLessThan(corp.maxY);
      for (const p of l.nodes.filter((q) => q.col >= 0)) {
        const inside = p.x > b.minX && p.x < b.maxX && p.y > b.minY && p.y < b.maxY;
        expect(inside, `${p.node.name} at ${w}x${h}`).toBe(p.node.boundary === 'payments-lob');
      }
    }
  });

  test('a node behind the boundary is said to be, in plain words; one outside is not', () => {
    const t = topologyOf('control-plane-boundary');
    const ledger = deniedBoundaryOf(t.nodes.find((n) => n.name === 'ledger')!, t.nodes);
    expect(ledger && boundaryText(ledger)).toBe("payments-lob: may not reach corp's control plane");
    expect(deniedBoundaryOf(t.nodes.find((n) => n.name === 'checkout')!, t.nodes)).toBeNull();
  });

  test('a scenario whose control plane denies nothing draws no boundary', () => {
    expect(computeLayout(topologyOf('two-meshes-via-gateway'), 1200, 700).boundaries).toEqual([]);
  });
});
