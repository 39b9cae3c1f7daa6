import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { packCounters, packNodes } from '../../src/workers/frame';
import { Counter, NODE_STRIDE, NodeField, SATURATED_WAIT_MS } from '../../src/workers/protocol';
import { vcpuPer1000 } from '../../src/workers/figures';
import { proxySaturatedWhy } from '../../src/ui/components/proxyCpuWhy';
import { proxyBacklogText } from '../../src/ui/inspector/replicaText';
import { backlogPart, healthParts, roughCount } from '../../src/ui/topology/svgNodeState';
import { scenario } from '../models/helpers';

/** Session 36's trial N5 (F3), smaller: one open client far past two sidecars' CPU, run to `ms`. */
function flooded(rate: number, ms: number): World {
  const s = scenario({
    name: 'proxy-flood',
    duration: '1s',
    clients: [{ name: 'users', type: 'open', arrival: 'constant', rate, target: 'web' }],
    services: [{ name: 'web', replicas: 2, serviceTime: '1ms', concurrency: 4, sidecar: true }],
  });
  const w = new World(s, 1);
  w.runUntil(ms);
  return w;
}

describe("a frame's sidecar backlog", () => {
  it('puts the saturated sidecars, what they hold and the wait at the service, and most of what is in flight is there', () => {
    const w = flooded(1_000_000, 10);
    const nodes = packNodes(w, w.sim.now);
    const web = w.callees.find((c) => c.name === 'web')!;
    const o = web.id * NODE_STRIDE;
    expect(nodes[o + NodeField.proxySaturated]).toBe(2);
    const held = nodes[o + NodeField.proxyHeld];
    // 10,001 in flight at 10 ms, about 9,843 of them in the two sidecars (98%); web's own queue holds 144.
    expect(w.inFlight).toBe(10_001);
    expect(held).toBe(9_843);
    expect(nodes[o + NodeField.queued]).toBe(144);
    expect(nodes[o + NodeField.proxyWait]).toBeCloseTo(427.61, 2);
    const c = packCounters(w, w.sim.now);
    expect(c[Counter.proxyHeld]).toBe(held);
    expect(c[Counter.proxyWaitMs]).toBeCloseTo(427.61, 2);
  });

  it('keeps the per-proxy CPU the cost of a pass when saturated, where CPU run over passes counted read 0.0x', () => {
    const w = flooded(1_000_000, 10);
    const c = packCounters(w, w.sim.now);
    const ran = vcpuPer1000(c[Counter.proxyCpuMs], c[Counter.proxyPasses]);
    const taken = vcpuPer1000(c[Counter.proxyCpuMs] + c[Counter.proxyBacklogMs], c[Counter.proxyPasses]);
    // The default pass costs about 0.18 ms of CPU (calibration.ts), 0.35 vCPU per 1000 req/s, handshakes aside.
    expect(ran).toBeLessThan(0.05);
    expect(taken).toBeGreaterThan(0.3);
    expect(taken).toBeLessThan(0.6);
  });

  it('says nothing at a load the sidecars keep up with', () => {
    const w = flooded(1000, 500);
    const nodes = packNodes(w, w.sim.now);
    const o = w.callees.find((c) => c.name === 'web')!.id * NODE_STRIDE;
    expect(nodes[o + NodeField.proxySaturated]).toBe(0);
    expect(nodes[o + NodeField.proxyWait]).toBeLessThan(SATURATED_WAIT_MS);
    const c = packCounters(w, w.sim.now);
    expect(proxySaturatedWhy(c[Counter.proxyHeld], c[Counter.proxyWaitMs])).toBeNull();
  });
});

describe('the words for a saturated sidecar', () => {
  it('rounds a large count to two figures past 10,000', () => {
    expect([roughCount(9_849), roughCount(15_432), roughCount(1_174_256)]).toEqual(['9,849', '15,000', '1,200,000']);
  });

  it('says the proxies saturated under the box, after the config states, with its short form', () => {
    expect(backlogPart({ saturated: 2, held: 150_012, waitMs: 1400 }, 2)).toEqual(['topo-state-saturated', 'proxies saturated · ≈150,000 waiting', 'saturated · ≈150,000 waiting']);
    expect(backlogPart({ saturated: 1, held: 80, waitMs: 60 }, 3)[1]).toBe('1 of 3 proxies saturated · ≈80 waiting');
    const parts = healthParts([], 2, 0, 1, 0, 0, '', 2, { saturated: 2, held: 9_849, waitMs: 864 }).shown.map((p) => p[1]);
    expect(parts).toEqual(['stale config (1 of 2)', 'proxies saturated · ≈9,849 waiting']);
  });

  it('puts the saturation beside the counters and the inspector, not under SATURATED_WAIT_MS', () => {
    expect(proxySaturatedWhy(150_012, 1400)).toMatchObject({ what: 'saturated', why: '≈150k waiting' });
    expect(proxySaturatedWhy(150_012, SATURATED_WAIT_MS - 1)).toBeNull();
    const proxy = { held: 9_849, waitMs: 864, backlogMs: 1_700, concurrency: 2 } as never;
    expect(proxyBacklogText({ proxy }).text).toBe('saturated · ≈9,849 waiting');
    expect(proxyBacklogText({ proxy: { held: 3, waitMs: 0.2, backlogMs: 0.5, concurrency: 2 } as never }).text).toBe('');
  });
});
