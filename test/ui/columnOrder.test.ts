import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import type { Layout, Topology } from '../../src/ui/topology/layoutTypes';

/** Trial N11's own file: two meshes, a bridge, an egress gateway to a third party (abridged). */
const TWO_MESHES_AND_A_PARTNER = `
name: flaky-partner-gw-retry
duration: 60s
meshes: [ { name: retail }, { name: payments } ]
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout, external: true, timeout: 3s }
services:
  - name: checkout
    mesh: retail
    sidecar: true
    serviceTime: 4ms
    calls: [ { service: payments-bridge }, { service: egress } ]
  - { name: ledger, mesh: payments, sidecar: true, mtls: STRICT, serviceTime: 5ms }
  - { name: partner, external: true, serviceTime: 60ms }
gateways:
  - { name: payments-bridge, bridge: { from: retail, to: payments }, mtls: STRICT, routes: [ { service: ledger } ] }
  - { name: egress, mesh: retail, routes: [ { service: partner } ] }
`;

function topologyOfText(text: string): Topology {
  const r = parseScenarioText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** Pairs of request-path links whose straight lines (centre to centre) cross. */
function linkCrossings(l: Layout): string[] {
  const at = new Map(l.nodes.map((p) => [p.node.id, p]));
  const segs = l.edges
    .map(({ edge: e }) => ({ a: at.get(e.from), b: at.get(e.to), name: `${at.get(e.from)?.node.name}->${at.get(e.to)?.node.name}` }))
    .filter((s) => s.a && s.b && s.a.node.kind !== 'control-plane' && s.b.node.kind !== 'control-plane');
  const side = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const out: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const [p, q] = [segs[i], segs[j]];
      if ([p.a, p.b].some((n) => n === q.a || n === q.b)) continue;
      const d1 = side(p.a!.x, p.a!.y, p.b!.x, p.b!.y, q.a!.x, q.a!.y);
      const d2 = side(p.a!.x, p.a!.y, p.b!.x, p.b!.y, q.b!.x, q.b!.y);
      const d3 = side(q.a!.x, q.a!.y, q.b!.x, q.b!.y, p.a!.x, p.a!.y);
      const d4 = side(q.a!.x, q.a!.y, q.b!.x, q.b!.y, p.b!.x, p.b!.y);
      if (d1 * d2 < 0 && d3 * d4 < 0) out.push(`${p.name} x ${q.name}`);
    }
  }
  return out;
}

describe('column order', () => {
  test('a third party sits beside the gateway that calls it, so no link crosses the bridge\'s link into the other mesh (trial N11)', () => {
    for (const [w, h] of [[1050, 640], [700, 560]]) {
      const l = computeLayout(topologyOfText(TWO_MESHES_AND_A_PARTNER), w, h);
      const y = (name: string) => l.nodes.find((p) => p.node.name === name)!.y;
      expect(linkCrossings(l), `${w}x${h}`).toEqual([]);
      // The bridge's callee and the egress's callee in the callers' order.
      expect(Math.sign(y('partner') - y('ledger'))).toBe(Math.sign(y('egress') - y('payments-bridge')));
    }
  });

  test('no shipped scenario\'s picture has more crossing links than its third parties at the column\'s foot would give', () => {
    // Shipped pictures with third parties: each has none crossing after the move.
    for (const file of readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8');
      if (!/"external":\s*true/.test(text) || /istio-load-test-full/.test(file)) continue;
      const l = computeLayout(topologyOfText(text), 1050, 640);
      expect(linkCrossings(l).filter((c) => l.nodes.some((p) => p.node.external && p.node.kind !== 'client' && c.includes(p.node.name))), file).toEqual([]);
    }
  });
});
