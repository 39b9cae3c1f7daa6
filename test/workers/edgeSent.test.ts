// A link's req/s is the traffic on it: the requests its caller sent in the last simulated second,
// answered yet or not (Envoy's upstream_rq_total), not the tries of the calls that ended there
// (upstream_rq_completed). Session 50's C1 read "85 req/s" on canvas-flood's c -> web, a client
// at 100,000 req/s into a web whose sidecars were saturated: almost none of its calls ended.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { EDGE_STRIDE, EdgeField } from '../../src/workers/protocol';
import { edgeLabel, edgeRateOf } from '../../src/ui/topology/edgeRates';
import { laneWords } from '../../src/ui/topology/canvasLaneLabels';
import { nodeRates } from '../../src/ui/topology/laneTip';

/** canvas-flood as canvassaturated.spec opens it, without its 60 quiet services. */
const FLOOD = ['name: canvas-flood', 'duration: 2s', 'clients:', '  - { name: c, type: open, arrival: poisson, rate: 100000, target: web }', 'services:', '  - { name: web, replicas: 2, sidecar: true, serviceTime: 5ms }', ''].join('\n');

function open(text: string) {
  let clock = 0;
  const host = new SimHost(() => (clock += 1e-6));
  const r = host.load(text);
  if (!r.ok) throw new Error('the scenario did not load');
  const { nodes, edges } = r.info.topology;
  const edge = (from: string, to: string) => edges.findIndex((e) => nodes[e.from].name === from && nodes[e.to].name === to);
  return { host, edges, edge, node: (name: string) => nodes.findIndex((n) => n.name === name) };
}

describe("a link's req/s counts the requests sent on it, answered yet or not", () => {
  it('a flood reads as the flood: canvas-flood\'s c -> web at 0.2 s says 98,680 req/s (100,000 offered) where 85 calls a second ended (99,509 to 91 at 1 s); the label, the lane, the tooltip and the inspector agree', () => {
    const { host, edges, edge, node } = open(FLOOD);
    const id = edge('c', 'web');
    const f = host.seekTo(200, 1e9);
    expect([f.recentFromMs, f.recentToMs]).toEqual([0, 200]);
    const sent = f.recent[id * EDGE_STRIDE + EdgeField.sent];
    const ended = f.recent[id * EDGE_STRIDE + EdgeField.calls];
    // Poisson at 100,000 a second: 20,000 in 0.2 s, sd 141; 19,736 sent, 17 ended.
    expect([sent, ended]).toEqual([19_736, 17]);
    const r = edgeRateOf(f, id)!;
    expect(r.triesPerSecond).toBe(98_680);
    expect(r.triesPerSecond / 100_000).toBeGreaterThan(0.97);
    expect(r.perSecond).toBe(85);
    expect(edgeLabel(r)).toBe('98,680 req/s');
    expect(laneWords(r)).toBe('98,680 req/s');
    expect(nodeRates(edges, (e) => edgeRateOf(f, e), node('web'))).toBe('98,680 req/s in');
    expect(host.inspectEdge(id)!.recent).toEqual({ perSecond: 85, triesPerSecond: 98_680, fromMs: 0, toMs: 200 });
    // A whole second on, the offered rate again, with under a thousandth of it ending.
    const later = edgeRateOf(host.seekTo(1_000, 1e9), id)!;
    expect([later.triesPerSecond, later.perSecond]).toEqual([99_509, 91]);
  });

  it("every retry is a request sent: retry-storm's orders -> payments at 15 s, 828 req/s for 276 calls ended (3 tries each, all failing), as its label says", () => {
    const { host, edge } = open(readFileSync('scenarios/retry-storm.json', 'utf8'));
    const id = edge('orders', 'payments');
    const f = host.seekTo(15_000, 1e9);
    const r = edgeRateOf(f, id)!;
    expect([r.triesPerSecond, r.perSecond, r.tries]).toEqual([828, 276, 3]);
    expect(edgeLabel(r)).toBe('828 req/s · 100% failed here · 67% retries');
    // The first hop, no retries of its own: its requests sent are its calls (33 sent, 31 ended in the second).
    const first = edgeRateOf(f, edge('shoppers', 'api'))!;
    expect([first.triesPerSecond, first.perSecond]).toEqual([33, 31]);
  });
});
