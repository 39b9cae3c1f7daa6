import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { DEFAULT_SNAPSHOT_POLICY, type SnapshotPolicy } from '../../src/workers/snapshots';
import { EDGE_STRIDE, EdgeField, NODE_STRIDE, NodeField, type Frame } from '../../src/workers/protocol';
import { edgeRateOf, edgeLabel } from '../../src/ui/topology/edgeRates';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** A wall clock that moves `perRead` ms each time it is read, so budgets are deterministic. */
function fakeClock(perRead: number) {
  let t = 0;
  return () => (t += perRead);
}

const EVERY_5S: SnapshotPolicy = { ...DEFAULT_SNAPSHOT_POLICY, simMs: 5_000 };

function loadedWithInfo(name: string, policy: SnapshotPolicy | null = null) {
  const host = new SimHost(fakeClock(1e-6));
  const r = host.load(text(name));
  if (!r.ok) throw new Error('load failed');
  host.setSnapshotPolicy(policy);
  return { host, info: r.info };
}
const loaded = (name: string, policy: SnapshotPolicy | null = null) => loadedWithInfo(name, policy).host;

/** Plays like the app at some frame rate: slices of `slice` simulated ms (uneven ones when `jitter`). */
function play(host: SimHost, toMs: number, slice: number, jitter = 0): Frame {
  let f = host.advance(0, 12);
  for (let i = 0; f.simTime < toMs; i++) f = host.advance(Math.min(toMs - f.simTime, slice + (i % 7) * jitter), 1e9);
  return f;
}

const labels = (f: Frame, edges: number) => Array.from({ length: edges }, (_, e) => edgeRateOf(f, e)).map((r) => (r ? edgeLabel(r) : ''));

describe("a link's figures come from the last simulated second, whatever the frames", () => {
  it('hello-mesh at 30 s: the same counts played at 60 fps, at 10x, seeked to at once, and seeked back to through a snapshot', () => {
    const a = play(loaded('hello-mesh'), 30_000, 16.7, 3.1);
    const b = play(loaded('hello-mesh'), 30_000, 167);
    const c = loaded('hello-mesh').seekTo(30_000, 1e9);
    const host = loaded('hello-mesh', EVERY_5S);
    play(host, 41_000, 50);
    const d = host.seekTo(30_000, 1e9);
    for (const f of [a, b, c, d]) {
      expect(f.simTime).toBe(30_000);
      expect([f.recentFromMs, f.recentToMs]).toEqual([29_000, 30_000]);
      expect(f.traceHash).toBe(a.traceHash);
      expect(Array.from(f.recent)).toEqual(Array.from(a.recent));
    }
    // Some link carries tens of calls a second there, so the equality is about real figures.
    const calls = Array.from({ length: a.recent.length / EDGE_STRIDE }, (_, e) => a.recent[e * EDGE_STRIDE + EdgeField.calls]);
    expect(Math.max(...calls)).toBeGreaterThan(20);
    expect(labels(a, calls.length)).toEqual(labels(d, calls.length));
  });

  it('the window holds exactly the calls ended between 29 s and 30 s: the cumulative counts at 30 s less those at 29 s', () => {
    const host = loaded('hello-mesh');
    const at29 = host.seekTo(29_000, 1e9).edges.slice();
    const at30 = host.seekTo(30_000, 1e9);
    expect(Array.from(at30.recent)).toEqual(Array.from(at30.edges, (x, i) => x - at29[i]));
  });

  it('ends on the last tenth of a second at or before the frame, and starts at zero in the first second', () => {
    const host = loaded('hello-mesh');
    const early = host.seekTo(450, 1e9);
    expect([early.recentFromMs, early.recentToMs]).toEqual([0, 400]);
    const f = host.seekTo(30_099.5, 1e9);
    expect([f.recentFromMs, f.recentToMs]).toEqual([29_000, 30_000]);
    const zero = loaded('hello-mesh').advance(0, 12);
    expect(zero.recent.length).toBe(0);
    expect(edgeRateOf(zero, 0)).toBeNull();
  });

  it('stepping event by event over a tenth of a second gives the window playing gives', () => {
    const stepped = loaded('hello-mesh');
    let f = stepped.seekTo(29_950, 1e9);
    while (f.simTime < 30_000) f = stepped.stepEvent();
    const played = loaded('hello-mesh').seekTo(f.simTime, 1e9);
    expect(f.traceHash).toBe(played.traceHash);
    expect([f.recentFromMs, f.recentToMs]).toEqual([played.recentFromMs, played.recentToMs]);
    expect(Array.from(f.recent)).toEqual(Array.from(played.recent));
  });

  it("the inspector's req/s sent and calls ended/s, last second, are the label's figures: frontend -> catalog at 30 s", () => {
    const { host, info } = loadedWithInfo('hello-mesh');
    const f = host.seekTo(30_000, 1e9);
    const id = info.topology.edges.findIndex((e) => info.topology.nodes[e.from].name === 'frontend' && info.topology.nodes[e.to].name === 'catalog');
    expect(id).toBeGreaterThanOrEqual(0);
    const e = host.inspectEdge(id)!;
    const calls = f.recent[id * EDGE_STRIDE + EdgeField.calls];
    // req/s: the requests sent in the window (39 at 30 s); calls/s: those ended (36, with 37 tries).
    expect(e.recent).toEqual({ perSecond: calls, triesPerSecond: f.recent[id * EDGE_STRIDE + EdgeField.sent], fromMs: 29_000, toMs: 30_000 });
    expect([calls, f.recent[id * EDGE_STRIDE + EdgeField.attempts], e.recent!.triesPerSecond]).toEqual([36, 37, 39]);
    expect(edgeRateOf(f, id)!.perSecond).toBe(e.recent!.perSecond);
    expect(edgeRateOf(f, id)!.triesPerSecond).toBe(e.recent!.triesPerSecond);
    // Since the start is another figure, kept apart.
    expect(e.requestsPerSec).toBeCloseTo(e.calls / 30, 9);
  });
});

describe("a node's util is over the same last second as its links", () => {
  it("gateway-only at 40 s: the hung inventory-0 reads 100% busy (since the start it reads about half), its healthy replicas their last second's share, the box the replicas' mean", () => {
    const { host, info } = loadedWithInfo('gateway-only');
    const f = host.seekTo(40_000, 1e9);
    const node = info.topology.nodes.find((n) => n.name === 'inventory')!;
    const n = host.inspectNode(node.id)!;
    const [hung, ...healthy] = n.replicas;
    // Hung from 20 s with its 4 workers held for ~2 s a request and its queue full: every worker busy every ms.
    expect(hung.busy).toBe(4);
    expect(hung.utilization).toBe(1);
    // Its share since the start: about 20 busy seconds in 40, what the box said before.
    const sinceStart = loadedWithInfo('gateway-only').host;
    sinceStart.seekTo(40_000, 1e9);
    const w = (sinceStart as unknown as { world: { callees: { name: string; replicas: { busyAreaAt(t: number): number; concurrency: number }[] }[] } }).world;
    const inv = w.callees.find((c) => c.name === 'inventory')!;
    expect(inv.replicas[0].busyAreaAt(40_000) / (4 * 40_000)).toBeLessThan(0.55);
    for (const r of healthy) {
      expect(r.utilization).toBeGreaterThan(0);
      expect(r.utilization).toBeLessThan(0.5);
    }
    const mean = n.replicas.reduce((a, r) => a + r.utilization, 0) / n.replicas.length;
    const boxUtil = f.nodes[node.id * NODE_STRIDE + NodeField.utilization];
    expect(boxUtil).toBeCloseTo(mean, 5);
    expect(Math.round(boxUtil * 100)).toBeGreaterThan(33);
  });

  it('the same util played in slices and seeked to through a snapshot', () => {
    const a = play(loaded('gateway-only'), 30_000, 167);
    const host = loaded('gateway-only', EVERY_5S);
    play(host, 41_000, 50);
    const b = host.seekTo(30_000, 1e9);
    expect(Array.from(b.nodes)).toEqual(Array.from(a.nodes));
  });
});
