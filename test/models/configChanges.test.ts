import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../src/models';
import type { Scenario } from '../../src/scenario';
import { scenario, scenarioFile } from './helpers';

/*
 * Timed config changes (issue 12.2): a change made at `at` reaches each proxy through its mesh's
 * control plane, the k-th connected member after pushBase + k x perProxy; a proxy cut off from
 * the control plane keeps the old config; gateways apply at once.
 */

const rollout = scenarioFile('config-rollout.json');

/** The proxies' config-change versions, in the control plane's member order. */
const versions = (w: World) => w.controlPlanes[0].members.map((sc) => w.configChanges.versionOf(sc));

/** Retries on the route of the sidecar of `host` (e.g. frontend-3) to payments. */
const retriesOf = (w: World, host: string) => {
  const r = w.routes.find((x) => x.sidecar?.name === `${host}/sidecar` && w.sim.actor(x.service).name === 'payments');
  return r!.policy.retries;
};

describe('a policy change spreads through the control plane', () => {
  it('reaches the k-th of 20 proxies at 20 s + 100 ms + k x 250 ms, with mixed configs meanwhile', () => {
    const w = new World(rollout, rollout.seed);
    expect(w.controlPlanes[0].members.map((sc) => sc.name.replace('/sidecar', ''))).toEqual([...Array.from({ length: 10 }, (_, i) => `frontend-${i}`), ...Array.from({ length: 10 }, (_, i) => `payments-${i}`)]);
    w.runUntil(20_000);
    expect(versions(w)).toEqual(new Array(20).fill(0));
    expect(retriesOf(w, 'frontend-0')).toBe(0);
    // Pushes land at 20.35 s, 20.6 s, ... (k = 1..20).
    for (let k = 1; k <= 20; k++) {
      // At 21.5 s, between the 5th push (21.35 s) and the 6th: read on this run as it passes (a
      // second World run to 21.5 s before), what a run stopped there holds.
      if (k === 6) halfway(w);
      w.runUntil(20_000 + 100 + k * 250 - 1);
      expect(versions(w).filter((v) => v === 1).length).toBe(k - 1);
      w.runUntil(20_000 + 100 + k * 250);
      expect(versions(w).filter((v) => v === 1).length).toBe(k);
      expect(versions(w).slice(0, k)).toEqual(new Array(k).fill(1));
    }
  });

  /** Halfway through the frontend (runs `mid` to 21.5 s), proxies run two configs: the first retries, the last not yet. */
  function halfway(mid: World) {
    mid.runUntil(21_500);
    expect(retriesOf(mid, 'frontend-0')).toBe(2);
    expect(retriesOf(mid, 'frontend-4')).toBe(2);
    expect(retriesOf(mid, 'frontend-5')).toBe(0);
    expect(retriesOf(mid, 'frontend-9')).toBe(0);
    // The rest of payments' policy is kept: a patch, not a replace.
    expect(mid.routes.find((x) => x.sidecar?.name === 'frontend-0/sidecar')!.policy.retryOn).toBe(1); // 5xx only
  }

  it.each([3, 1, 2])('seed %i: reports the time until all 20 proxies have it: 5.1 s, and user failures fall from 5% to under 0.1%', (seed) => {
    const w = new World(rollout, seed);
    const fates: { sentAt: number; ok: boolean }[] = [];
    w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => fates.push({ sentAt: w.sim.now - latency, ok: cause === 'ok' }) };
    w.runUntil();
    const s = summarize(w, 0);
    expect(s.changes).toEqual([{ type: 'policy', target: 'payments', atMs: 20_000, proxies: 20, applied: 20, allMs: 25_100, spreadMs: 5_100 }]);
    const failedShare = (from: number, to: number) => {
      const xs = fates.filter((f) => f.sentAt >= from && f.sentAt < to);
      return xs.filter((f) => !f.ok).length / xs.length;
    };
    expect(failedShare(5_000, 20_000)).toBeGreaterThan(0.04);
    expect(failedShare(5_000, 20_000)).toBeLessThan(0.06);
    expect(failedShare(30_000, 60_000)).toBeLessThan(0.001);
  });

  it('a proxy cut off from its control plane keeps the old config until it reconnects', () => {
    const input = { ...structuredClone(rawRollout()), faults: [{ type: 'partition', between: [['frontend'], ['control-plane:shop']], at: '15s', for: '15s' }] };
    const s = scenario(input);
    const w = new World(s, s.seed);
    w.runUntil(29_000);
    // The 10 payments proxies got it (pushed first among the connected: 100 ms + k x 250 ms).
    expect(versions(w)).toEqual([...new Array(10).fill(0), ...new Array(10).fill(1)]);
    expect(retriesOf(w, 'frontend-0')).toBe(0);
    expect(summarize(w, 0).changes[0]).toMatchObject({ proxies: 20, applied: 10, allMs: null, spreadMs: null });
    // After the partition heals at 30 s, each stale proxy reconnects (every 5 s x U(0.5, 1.5)) and takes the newest config.
    w.runUntil(40_000);
    expect(versions(w)).toEqual(new Array(20).fill(1));
    expect(retriesOf(w, 'frontend-0')).toBe(2);
    const c = summarize(w, 0).changes[0];
    expect(c.allMs).toBeGreaterThan(30_000);
    expect(c.allMs).toBeLessThanOrEqual(37_500);
  });

  it('is deterministic: the same file and seed give the same trace hash, and the change changes it only from 20 s', () => {
    const run = (s: Scenario, until: number) => {
      const w = new World(s, s.seed);
      w.runUntil(until);
      return w.sim.traceHash();
    };
    expect(run(rollout, 60_000)).toBe(run(rollout, 60_000));
    // Each pair read on one run as it goes (the hash at 19,999 ms, then on to 30 s): a World run
    // on from a moment is the run to the later one (runUntil stops between events, nothing else).
    const hashes = (s: Scenario) => {
      const w = new World(s, s.seed);
      w.runUntil(19_999);
      const before = w.sim.traceHash();
      w.runUntil(30_000);
      return [before, w.sim.traceHash()];
    };
    const [without20, without30] = hashes(scenario({ ...rawRollout(), changes: [], narrative: [] }));
    const [with20, with30] = hashes(rollout);
    expect(without20).toBe(with20);
    expect(without30).not.toBe(with30);
  });
});

describe('other changes', () => {
  it('a gateway route change applies at once: canary weights and the route policy', () => {
    const s = scenario({
      name: 'canary',
      duration: '10s',
      clients: [{ name: 'users', type: 'open', rate: 100, target: 'api', arrival: 'constant' }],
      gateways: [{ name: 'api', routes: [{ service: 'v1', canary: [{ service: 'v1', weight: 100 }, { service: 'v2', weight: 0 }] }] }],
      services: [
        { name: 'v1', serviceTime: '1ms' },
        { name: 'v2', serviceTime: '1ms' },
      ],
      changes: [{ type: 'gateway-route', gateway: 'api', at: '5s', canary: [{ service: 'v1', weight: 0 }, { service: 'v2', weight: 100 }], policy: { timeout: '2s' } }],
    });
    const w = new World(s, 1);
    w.runUntil(4_999);
    const v2Before = summarize(w, 0).services.v2.requests;
    expect(v2Before).toBe(0);
    const gwRoute = () => w.routes.find((r) => w.topology.nodes[w.topology.edges[r.edge].from].name === 'api' && w.sim.actor(r.service).name === 'v1')!;
    expect(gwRoute().policy.timeout).toBe(15_000);
    w.runUntil(5_000);
    expect(gwRoute().policy.timeout).toBe(2_000);
    w.runUntil(10_000);
    const sum = summarize(w, 0);
    expect(sum.services.v2.requests).toBeGreaterThanOrEqual(499);
    expect(sum.changes[0]).toMatchObject({ type: 'gateway-route', target: 'api route 0', proxies: 2, applied: 2, allMs: 5_000, spreadMs: 0, gateway: 'api' });
  });

  it('STRICT mTLS reaches the callee proxies in turn; new plaintext connections are refused from then on', () => {
    const s = scenario({
      name: 'strict',
      duration: '10s',
      meshes: [{ name: 'm', controlPlane: { pushBase: '100ms', perProxy: '100ms' } }],
      clients: [{ name: 'users', type: 'open', rate: 100, target: 'api', arrival: 'constant' }],
      // A gateway outside the mesh calls db in plaintext. A new connection is refused at the
      // handshake; those open when a replica's sidecar gets STRICT close at their next answer
      // (the listener drains them: mesh/PlaintextDrain.ts, test/models/mesh/strictDrain.test.ts).
      gateways: [{ name: 'api', routes: [{ service: 'db', policy: { maxConnectionDuration: '1s' } }] }],
      services: [{ name: 'db', replicas: 2, serviceTime: '1ms', sidecar: true }],
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '5s' }],
    });
    const w = new World(s, 1);
    w.runUntil(5_150);
    expect(w.strictHost[w.serviceByName('db').hosts[0]]).toBe(false);
    w.runUntil(5_200);
    expect(w.strictHost[w.serviceByName('db').hosts[0]]).toBe(true);
    expect(w.strictHost[w.serviceByName('db').hosts[1]]).toBe(false);
    w.runUntil(10_000);
    const sum = summarize(w, 0);
    expect(sum.failures['tls-plaintext-rejected']).toBeGreaterThan(350);
    expect(sum.requests.ok).toBeGreaterThan(490);
    expect(sum.changes[0]).toMatchObject({ proxies: 2, applied: 2, allMs: 5_300, spreadMs: 300 });
  });

  it('trusting the other mesh ends tls-unknown-ca between two meshes once both sides have it', () => {
    const input = rawFile('two-meshes-direct.json') as { meshes: { name: string }[] };
    const [a, b] = input.meshes.map((m) => m.name);
    const s = scenario({ ...input, changes: [{ type: 'trusts', mesh: a, trusts: [b], at: '10s' }, { type: 'trusts', mesh: b, trusts: [a], at: '10s' }] });
    const w = new World(s, s.seed);
    const fates: { sentAt: number; cause: string }[] = [];
    w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => fates.push({ sentAt: w.sim.now - latency, cause }) };
    w.runUntil();
    const late = fates.filter((f) => f.sentAt > 20_000);
    expect(late.length).toBeGreaterThan(100);
    expect(late.filter((f) => f.cause === 'tls-unknown-ca').length).toBe(0);
    expect(fates.filter((f) => f.sentAt < 10_000 && f.cause === 'tls-unknown-ca').length).toBeGreaterThan(10);
    expect(summarize(w, 0).changes.map((c) => c.target)).toEqual([`mesh ${a}`, `mesh ${b}`]);
  });

  it('an L4 sidecar mode stops retries at the caller once its proxy has it', () => {
    const raw = rawRollout();
    const input = { ...raw, changes: [{ type: 'sidecar-mode', service: 'frontend', mode: 'L4', at: '10s' }] };
    const s = scenario({ ...input, services: (raw.services as Record<string, unknown>[]).map((x) => (x.name === 'payments' ? { ...x, policy: { retries: { attempts: 2, retryOn: ['5xx'] } } } : x)) });
    const w = new World(s, s.seed);
    w.runUntil(9_000);
    expect(retriesOf(w, 'frontend-0')).toBe(2);
    w.runUntil(15_000);
    expect(w.sidecars.filter((sc) => sc.name.startsWith('frontend')).every((sc) => !sc.l7)).toBe(true);
    const r = w.routes.find((x) => x.sidecar?.name === 'frontend-0/sidecar')!;
    expect(r.policy.l7).toBe(false);
    expect(r.policy.retries).toBe(0);
  });
});

function rawRollout(): Record<string, unknown> {
  return rawFile('config-rollout.json');
}

function rawFile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../scenarios/${name}`, import.meta.url), 'utf8'));
}
