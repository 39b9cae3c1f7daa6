// Trial N11's gw-retry.yaml (session 41, finding 5): two meshes with control planes, a bridge, an
// egress gateway to a third party. The layout's links do not cross, and no control plane (icon and
// its text) lies under another node: with the partner moved up beside egress, payments' control
// plane lay under the partner's cloud; given room under the cloud, it stood outside its mesh's region.
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { controlTextWidth } from '../../src/ui/topology/nodeExtent';
import type { Layout, PlacedNode } from '../../src/ui/topology/layoutTypes';

const GW_RETRY = `
name: flaky-partner-gw-retry
duration: 60s
meshes: [ { name: retail }, { name: payments } ]
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout, external: true, timeout: 3s }
services:
  - { name: checkout, replicas: 2, concurrency: 32, mesh: retail, sidecar: true, serviceTime: 4ms, calls: [ { service: payments-bridge }, { service: egress } ] }
  - { name: ledger, replicas: 2, mesh: payments, sidecar: true, mtls: STRICT, serviceTime: 5ms }
  - { name: partner, external: true, replicas: 2, concurrency: 16, serviceTime: 60ms }
gateways:
  - { name: payments-bridge, replicas: 2, bridge: { from: retail, to: payments }, mtls: STRICT, routes: [ { service: ledger } ] }
  - { name: egress, replicas: 2, mesh: retail, routes: [ { service: partner } ] }
`;

function layoutOf(w: number, h: number, presenter = false): Layout {
  const r = parseScenarioText(GW_RETRY);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return computeLayout(new World(r.scenario, r.scenario.seed).topology, w, h, { presenter });
}

/** Pairs of request-path links whose straight segments (centre to centre) cross. */
function segmentCrossings(l: Layout): string[] {
  const at = new Map(l.nodes.map((p) => [p.node.id, p]));
  const segs = l.edges.map((e) => ({ a: at.get(e.edge.from)!, b: at.get(e.edge.to)! })).filter((s) => s.a.node.kind !== 'control-plane' && s.b.node.kind !== 'control-plane');
  const side = (p: PlacedNode, q: PlacedNode, r: PlacedNode) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const out: string[] = [];
  segs.forEach((s, i) =>
    segs.slice(i + 1).forEach((t) => {
      if ([s.a, s.b].includes(t.a) || [s.a, s.b].includes(t.b)) return;
      if (side(s.a, s.b, t.a) * side(s.a, s.b, t.b) < 0 && side(t.a, t.b, s.a) * side(t.a, t.b, s.b) < 0) out.push(`${s.a.node.name}->${s.b.node.name} x ${t.a.node.name}->${t.b.node.name}`);
    }),
  );
  return out;
}

/** Control planes whose icon and text (controlTextWidth) meet another node's box. */
function coveredControlPlanes(l: Layout): string[] {
  const out: string[] = [];
  for (const cp of l.nodes.filter((p) => p.node.kind === 'control-plane')) {
    const x0 = cp.x - cp.w / 2;
    const x1 = cp.x + cp.w / 2 + 16 + controlTextWidth(cp.node, l.presenter === true);
    for (const p of l.nodes) {
      if (p === cp) continue;
      if (x0 < p.x + p.w / 2 && p.x - p.w / 2 < x1 && cp.y - cp.h / 2 < p.y + p.h / 2 && p.y - p.h / 2 < cp.y + cp.h / 2) out.push(`${cp.node.name} under ${p.node.name}`);
    }
  }
  return out;
}

describe('room under a third party for the next mesh\'s control plane (trial N11, 5)', () => {
  for (const [w, h, presenter] of [[1050, 640, false], [1300, 560, false], [700, 560, false], [1300, 700, true]] as const) {
    test(`gw-retry at ${w}x${h}${presenter ? ', presenter mode' : ''}: no links cross, no control plane under a node`, () => {
      const l = layoutOf(w, h, presenter);
      expect(segmentCrossings(l)).toEqual([]);
      expect(coveredControlPlanes(l)).toEqual([]);
      // Each control plane inside its mesh's region (payments' stood above it, the region not raised past the cloud).
      for (const cp of l.nodes.filter((p) => p.node.kind === 'control-plane')) {
        const region = l.meshes.find((m) => m.name === cp.node.mesh)!;
        expect(region.runs.flat().some((b) => b.x0 <= cp.x && cp.x <= b.x1 && b.y0 <= cp.y - cp.h / 2 && cp.y + cp.h / 2 <= b.y1), `${cp.node.name} in its region`).toBe(true);
      }
    });
  }
});
