import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../src/models';
import { formatSummary } from '../../src/cli/table';
import { scenario } from './helpers';

/*
 * A gateway-route change acts at the gateway at once (a gateway is configured directly, not by a
 * mesh's control plane): its rollout is the gateway's replicas, spread 0, and no sidecar is
 * pushed anything for it (N9's finding 1, session 39: it was reported as "0 of 5 proxies have
 * it", then "all 5 proxies had it 105 ms later", counting orders' and payments' sidecars).
 */

const edgeMesh = (changes: unknown[]) =>
  scenario({
    name: 'edge-mesh',
    duration: '10s',
    meshes: [{ name: 'm', controlPlane: { pushBase: '100ms', perProxy: '100ms' } }],
    clients: [{ name: 'users', type: 'open', rate: 100, target: 'edge', arrival: 'constant' }],
    gateways: [{ name: 'edge', replicas: 2, routes: [{ service: 'orders', policy: { timeout: '2s', retries: { attempts: 2 } } }] }],
    services: [
      { name: 'orders', replicas: 3, serviceTime: '1ms', sidecar: true, calls: [{ service: 'payments' }] },
      { name: 'payments', replicas: 2, serviceTime: '1ms', sidecar: true },
    ],
    changes,
  });

const routeChange = { type: 'gateway-route', gateway: 'edge', route: 0, at: '5s', policy: { retries: { attempts: 0 } } };

describe('a gateway-route change in a meshed scenario', () => {
  it("acts at the gateway's 2 replicas at once, spread 0; the control plane pushes nothing for it", () => {
    const w = new World(edgeMesh([routeChange]), 1);
    w.runUntil(4_999);
    const pushes = w.controlPlanes[0].pushes;
    w.runUntil(5_000);
    expect(w.configChanges.rollouts).toEqual([{ change: 0, atMs: 5_000, proxies: 2, applied: 2, allAtMs: 5_000, gateway: 'edge' }]);
    // The sidecars (orders' 3, payments' 2) were up to date: they count it as had, with no push.
    expect(w.controlPlanes[0].members.map((sc) => w.configChanges.versionOf(sc))).toEqual([1, 1, 1, 1, 1]);
    w.runUntil(10_000);
    expect(w.controlPlanes[0].pushes).toBe(pushes);
    const s = summarize(w, 0);
    expect(s.changes).toEqual([{ type: 'gateway-route', target: 'edge route 0', atMs: 5_000, proxies: 2, applied: 2, allMs: 5_000, spreadMs: 0, gateway: 'edge' }]);
    expect(formatSummary(s)).toContain("gateway-route edge route 0   at 5.00 s: acts at edge's 2 replicas at once: a gateway is configured directly, not by the mesh's control plane");
  });

  it('a policy change after it still counts its own 5 sidecars, and the gateway change stays at 2 of 2', () => {
    const w = new World(edgeMesh([routeChange, { type: 'policy', service: 'payments', at: '6s', policy: { timeout: '1s' } }]), 1);
    w.runUntil(10_000);
    const [gw, policy] = summarize(w, 0).changes;
    expect(gw).toMatchObject({ proxies: 2, applied: 2, spreadMs: 0, gateway: 'edge' });
    expect(policy).toMatchObject({ type: 'policy', proxies: 5, applied: 5, spreadMs: 600 });
    expect(policy.gateway).toBeUndefined();
  });
});
