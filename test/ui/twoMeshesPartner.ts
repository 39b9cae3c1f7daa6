// Trial N11's own file (session 41, finding 5), abridged: two meshes with control planes, a
// bridging gateway, an egress gateway to a third party; and what the layout tests read of a
// picture: a scenario's layout, and the request-path links that cross.
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import type { Layout, LayoutOptions, PlacedNode } from '../../src/ui/topology/layoutTypes';

/** N11's gw-retry.yaml without its faults and policies. */
export const TWO_MESHES_AND_A_PARTNER = `
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

/** The layout of a scenario's text (JSON or YAML) in a w x h viewport, CSS px; throws on a bad file. */
export function layoutOfText(text: string, w: number, h: number, options: LayoutOptions = {}): Layout {
  const r = parseScenarioText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return computeLayout(new World(r.scenario, r.scenario.seed).topology, w, h, options);
}

/** Pairs of request-path links whose straight segments (centre to centre) cross, as 'a->b x c->d'. */
export function linkCrossings(l: Layout): string[] {
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
