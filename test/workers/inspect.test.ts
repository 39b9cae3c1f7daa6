import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampledOneIn } from '../../src/sim-engine';
import { SimHost } from '../../src/workers/SimHost';
import { NODE_STRIDE, NodeField } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');

/** A host with a scenario loaded and run to `ms` (a clock so slow that budgets never run out). */
function runTo(name: string, ms: number, tracing = true) {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  if (!tracing) host.setTracing(null);
  const r = host.load(text(name));
  if (!r.ok) throw new Error(`${name} did not load`);
  const frame = host.advance(ms, 1e9);
  return { host, info: r.info, frame };
}

describe('the inspector API', () => {
  // mesh-only: inventory's replica 0 hangs (500x slower) from 20 s; outlier detection ejects it.
  const { host, info, frame } = runTo('mesh-only.json', 30_000);
  const id = (name: string) => info.topology.nodes.find((n) => n.name === name)!.id;
  const inventory = id('inventory');

  it('inspectNode shows the hung replica as slow, ejected by its callers with a return time, and its proxy', () => {
    const n = host.inspectNode(inventory)!;
    expect(n.name).toBe('inventory');
    expect(n.simTime).toBe(30_000);
    const r0 = n.replicas[0];
    expect(r0.state).toBe('slow');
    expect(r0.slowdown).toBe(500);
    expect(n.replicas.slice(1).every((r) => r.state === 'up')).toBe(true);
    // Ejected by at least one caller proxy, until a detection interval (10 s) boundary after now.
    expect(r0.ejectedBy.length).toBeGreaterThan(0);
    for (const e of r0.ejectedBy) {
      expect(e.untilMs).toBeGreaterThan(30_000);
      expect(e.untilMs % 10_000).toBe(0);
    }
    // The callers' routes list the same ejections, by host name.
    const ejectedInRoutes = n.callers.flatMap((c) => c.ejected.map((e) => e.host));
    expect(ejectedInRoutes.length).toBe(r0.ejectedBy.length);
    expect(new Set(ejectedInRoutes)).toEqual(new Set([r0.host]));
    // A sidecar with a fresh config, a certificate from the mesh's CA, and CPU used.
    const p = r0.proxy!;
    expect(p.config).toBe('fresh');
    expect(p.configVersion).toBeGreaterThanOrEqual(1);
    expect(p.endpointsBehind).toBe(0);
    expect(p.certificate!.ca).toBe('mesh-ca');
    expect(p.certificate!.expired).toBe(false);
    expect(p.cpuMs).toBeGreaterThan(0);
    expect(p.cpuUtilization).toBeGreaterThan(0);
    expect(p.cpuUtilization).toBeLessThan(1);
    // Breaker gauges: Istio's limits are 2^32 - 1, shown as numbers; a utilisation within 0..1.
    for (const c of n.callers) expect(c.activeRequests.value).toBeGreaterThanOrEqual(0);
    for (const r of n.replicas) {
      expect(r.utilization).toBeGreaterThanOrEqual(0);
      expect(r.utilization).toBeLessThanOrEqual(1);
    }
    // The node-wide count of busy workers matches the frame's.
    expect(n.replicas.reduce((s, r) => s + r.busy, 0)).toBe(frame.nodes[inventory * NODE_STRIDE + NodeField.busy]);
  });

  it('inspectEdge gives the hop its rate, latency, attempts per call, failures here and further down, and connections', () => {
    const edge = info.topology.edges.find((e) => e.to === inventory)!;
    const e = host.inspectEdge(edge.id)!;
    expect(e.to).toBe('inventory');
    expect(e.mtls).toBe(true);
    expect(e.calls).toBe(e.ok + e.failed);
    expect(e.requestsPerSec).toBeCloseTo(e.calls / 30, 9);
    expect(e.latencyMs!.p50).toBeLessThanOrEqual(e.latencyMs!.p90);
    expect(e.latencyMs!.p90).toBeLessThanOrEqual(e.latencyMs!.p99);
    // Retries around the hung replica: more than one attempt per call on average.
    expect(e.attemptsPerCall).toBeGreaterThan(1);
    expect(e.retries).toBeGreaterThan(0);
    expect(e.connections.opened).toBeGreaterThan(0);
    expect(e.connections.reused).toBeGreaterThan(e.connections.opened);
    const here = Object.values(e.failedHere).reduce((s, x) => s + x, 0);
    expect(here + e.failedFurtherDown).toBeCloseTo(e.failed / e.calls, 9);
    expect(host.inspectEdge(9999)).toBeNull();
    expect(host.inspectNode(9999)).toBeNull();
  });

  it('sampledRequests lists kept requests newest first; requestSpans gives one request through every hop with its fate', () => {
    // retry-storm: payments answers 503 to many requests from 10 s to 25 s.
    const { host, frame } = runTo('retry-storm.json', 30_000);
    expect(frame.counters[2]).toBeGreaterThan(0);
    const all = host.sampledRequests({ limit: 500 });
    expect(all.length).toBeGreaterThan(0);
    for (let i = 1; i < all.length; i++) expect(all[i].id).toBeLessThan(all[i - 1].id);
    const sampled = all.filter((r) => r.sampled);
    // The app keeps one request in 20, picked by a fixed scramble of its number (sampledOneIn).
    expect(sampled.length).toBeGreaterThan(0);
    expect(sampled.every((r) => sampledOneIn(r.id - 1, 20))).toBe(true);
    const failed = host.sampledRequests({ failedOnly: true, limit: 10 });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThanOrEqual(10);
    const f = failed[0];
    expect(f.cause).not.toBeNull();
    const t = host.requestSpans(f.id)!;
    expect(t.id).toBe(f.id);
    expect(t.fate).toBe(f.cause);
    expect(t.spans[0].attrs['meshsim.cause']).toBe(f.cause);
    expect(t.spans.some((s) => s.role === 'try')).toBe(true);
    expect(t.spans.some((s) => s.role === 'proxy')).toBe(true);
    expect(host.requestSpans(-5)).toBeNull();
    // A copy: changing it does not change what the host keeps.
    t.spans.length = 0;
    expect(host.requestSpans(f.id)!.spans.length).toBeGreaterThan(0);
  });

  it('keeps the run as it is: the same trace hash with spans kept or not', () => {
    const off = runTo('mesh-only.json', 30_000, false);
    expect(off.frame.traceHash).toBe(frame.traceHash);
    expect(off.host.sampledRequests()).toEqual([]);
    expect(off.host.requestSpans(1)).toBeNull();
  });

  it('turning tracing off or changing it mid-run keeps the run as it is and records nothing new when off', () => {
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    if (!host.load(text('retry-storm.json')).ok) throw new Error('no load');
    host.advance(12_000, 1e9);
    const before = host.sampledRequests({ limit: 1000 });
    expect(before.length).toBeGreaterThan(0);
    host.setTracing(null);
    host.advance(3_000, 1e9);
    // Nothing sent after 12 s is kept; those kept stay readable.
    const after = host.sampledRequests({ limit: 1000 });
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    expect(after.every((r) => r.start < 12_000)).toBe(true);
    expect(host.requestSpans(before[0].id)).not.toBeNull();
    host.setTracing({ sampleEvery: 5, maxSampled: 3, maxFailed: 0 });
    const frame = host.advance(5_000, 1e9);
    // The 1-in-5 ring holds 3 now, the newest to end.
    const sampled = host.sampledRequests({ limit: 1000 }).filter((r) => r.sampled);
    expect(sampled.length).toBe(3);
    expect(sampled.every((r) => r.start >= 15_000 && sampledOneIn(r.id - 1, 5))).toBe(true);
    const same = runTo('retry-storm.json', 20_000, false);
    expect(frame.traceHash).toBe(same.frame.traceHash);
  });

  it('shows a control plane that is down, and proxies on stale config with the endpoints they have wrong', () => {
    // control-plane-outage: the control plane and CA go down, then a replica is killed.
    const cpo = runTo('control-plane-outage.json', 50_000);
    const cpNode = cpo.info.topology.nodes.find((n) => n.kind === 'control-plane')!;
    const cp = cpo.host.inspectNode(cpNode.id)!;
    expect(cp.controlPlane!.up).toBe(false);
    const services = cpo.info.topology.nodes.filter((n) => n.kind === 'service').map((n) => cpo.host.inspectNode(n.id)!);
    const proxies = services.flatMap((s) => s.replicas.map((r) => r.proxy!));
    expect(proxies.every((p) => p.config === 'stale')).toBe(true);
    const down = services.flatMap((s) => s.replicas.filter((r) => r.state === 'down'));
    expect(down.length).toBe(1);
    // Every stale proxy that routes to the killed replica's service still thinks it is up; the
    // others have no view of that service at all, so nothing of theirs is wrong.
    const killed = services.find((s) => s.replicas.some((r) => r.state === 'down'))!;
    const callers = new Set(cpo.info.topology.edges.filter((e) => e.to === killed.id).map((e) => e.from));
    const [routing, others] = [services.filter((s) => callers.has(s.id)), services.filter((s) => !callers.has(s.id))];
    expect(routing.length).toBeGreaterThan(0);
    expect(routing.flatMap((s) => s.replicas).every((r) => r.proxy!.endpointsBehind === 1)).toBe(true);
    expect(others.flatMap((s) => s.replicas).every((r) => r.proxy!.endpointsBehind === 0)).toBe(true);
  });
});

describe("the node inspector's mTLS mode", () => {
  it("says a meshed service's peer-authentication mode, and none for a node without sidecars (partial-adoption: orders STRICT, catalog PERMISSIVE)", () => {
    const { host, info } = runTo('partial-adoption.json', 1_000);
    const id = (name: string) => info.topology.nodes.find((n) => n.name === name)!.id;
    expect(host.inspectNode(id('orders'))!.mtls).toBe('STRICT');
    expect(host.inspectNode(id('catalog'))!.mtls).toBe('PERMISSIVE');
    expect(host.inspectNode(id('reports'))!.mtls).toBeUndefined();
    expect(host.inspectNode(id('shoppers'))!.mtls).toBeUndefined();
  });
});
