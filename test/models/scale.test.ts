import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../src/sim-engine';
import { World } from '../../src/models/World';
import { scenario } from './helpers';

/**
 * Istio's load-test shape (scenarios/istio-load-test-full.json) at `n` services: 2 replicas with
 * sidecars and STRICT mTLS, one meshed client at 70 requests/s each.
 */
function istioShaped(n: number) {
  const ids = Array.from({ length: n }, (_, i) => String(i).padStart(4, '0'));
  return scenario({
    name: `istio-shaped-${n}`,
    seed: 1,
    duration: '1s',
    warmup: '100ms',
    network: { placement: {} },
    clients: ids.map((i) => ({ name: `fortio-${i}`, type: 'open', rate: 70, target: `svc-${i}`, sidecar: true })),
    services: ids.map((i) => ({ name: `svc-${i}`, replicas: 2, concurrency: 16, sidecar: true, mtls: 'STRICT', serviceTime: { type: 'exponential', mean: '1ms' } })),
  });
}

/** What a world holds after `ms` simulated ms, in deepCopy's estimate (objects, fields, buffers). */
function worldBytes(n: number, ms: number): number {
  const s = istioShaped(n);
  const world = new World(s, s.seed);
  world.runUntil(ms);
  return deepCopy(world, { keep: [s] }).bytes;
}

describe("a world's memory at scale (issue 14)", () => {
  it('grows linearly with services: each service of the load-test shape costs the same from 100 to 200 as from 200 to 800 services (within 4%), built and after 300 ms of load', () => {
    for (const ms of [0, 300]) {
      const [b100, b200, b800] = [100, 200, 800].map((n) => worldBytes(n, ms));
      const first = (b200 - b100) / 100;
      const second = (b800 - b200) / 600;
      // Anything kept per (proxy, service) pair grows each service's share with the mesh: an
      // empty typed array per pair adds about 150 bytes x services, a slot per pair in a
      // sparse array indexed by service 4 bytes x services (8.5% here, before Sidecar.views
      // became a Map).
      expect(Math.abs(second - first) / first).toBeLessThan(0.04);
      // Three proxies, two replicas, a client, a route per caller host: tens of KB, not more.
      expect(second).toBeLessThan(64 * 1024);
    }
  });
});
