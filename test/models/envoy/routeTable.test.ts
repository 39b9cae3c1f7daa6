import { describe, expect, it } from 'vitest';
import { World, runScenario } from '../../../src/models';
import { deepCopy } from '../../../src/sim-engine';
import { HeaderSets, headersMatch } from '../../../src/models/envoy/routeTable';
import { formatProblems, validateScenario } from '../../../src/scenario';
import { scenario } from '../helpers';

/*
 * Routes at the caller (Istio VirtualService http[] as Envoy's route table, config_impl.cc):
 * first matching route by request header, then a destination by weight; no match is Envoy's 404
 * "route not found" with no upstream try. Headers come from the client and ride every hop.
 */

type Routes = { match?: { headers: Record<string, string> }; to: { service: string; weight?: number }[]; policy?: Record<string, unknown> }[];

/**
 * Two clients (readers, and jason with `end-user: jason`) call `front`, which calls `back` with
 * `routes` (its call's service is `a`); `a` and `b` are leaves. `front`'s sidecar is `sidecar`.
 */
function mesh(routes: Routes, opts: { sidecar?: unknown; seed?: number; service?: string } = {}) {
  return {
    name: 'routes',
    duration: '20s',
    seed: opts.seed ?? 1,
    clients: [
      { name: 'readers', type: 'open', rate: 40, target: 'front' },
      { name: 'jason', type: 'open', rate: 10, target: 'front', headers: { 'end-user': 'jason' } },
    ],
    services: [
      { name: 'front', serviceTime: '1ms', sidecar: opts.sidecar ?? true, calls: [{ service: opts.service ?? 'a', routes }] },
      { name: 'a', serviceTime: '1ms', sidecar: true },
      { name: 'b', serviceTime: '1ms', sidecar: true },
    ],
  };
}

const run = (input: unknown) => runScenario(scenario(input)).summary;

describe('HeaderSets and header matching', () => {
  it('interns a header set to one id whatever its order; the empty set is 0', () => {
    const h = new HeaderSets();
    expect(h.intern(undefined)).toBe(0);
    expect(h.intern({})).toBe(0);
    const a = h.intern({ 'end-user': 'jason', 'x-tier': 'gold' });
    expect(a).toBe(1);
    expect(h.intern({ 'x-tier': 'gold', 'end-user': 'jason' })).toBe(1);
    expect(h.intern({ 'end-user': 'ann' })).toBe(2);
    expect(h.size).toBe(3);
  });

  it('matches when every listed header has exactly the value (no match listed: every request)', () => {
    const set = new Map([['end-user', 'jason'], ['x-tier', 'gold']]);
    expect(headersMatch(undefined, set)).toBe(true);
    expect(headersMatch({}, new Map())).toBe(true);
    expect(headersMatch({ 'end-user': 'jason' }, set)).toBe(true);
    expect(headersMatch({ 'end-user': 'jason', 'x-tier': 'gold' }, set)).toBe(true);
    expect(headersMatch({ 'end-user': 'Jason' }, set)).toBe(false);
    expect(headersMatch({ 'end-user': 'jason', 'x-beta': '1' }, set)).toBe(false);
  });
});

describe('routes at an L7 sidecar', () => {
  it("a header match sends jason's calls to b and everyone else's to a; each destination is its own edge", () => {
    const sum = run(mesh([{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'b' }] }, { to: [{ service: 'a' }] }]));
    const jason = sum.edges['jason->front'].requests;
    const readers = sum.edges['readers->front'].requests;
    expect(sum.requests.failed).toBe(0);
    expect(sum.edges['front->b'].requests).toBe(jason);
    expect(sum.edges['front->a'].requests).toBe(readers);
    expect(jason).toBeGreaterThan(150);
    expect(readers).toBeGreaterThan(700);
  });

  it('headers ride every hop: a route two calls down still matches the client header', () => {
    const s = mesh([{ to: [{ service: 'mid' }] }], { service: 'mid' });
    s.services.push({ name: 'mid', serviceTime: '1ms', sidecar: true, calls: [{ service: 'a', routes: [{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'b' }] }, { to: [{ service: 'a' }] }] }] } as never);
    const sum = run(s);
    expect(sum.edges['mid->b'].requests).toBe(sum.edges['jason->front'].requests);
    expect(sum.edges['mid->a'].requests).toBe(sum.edges['readers->front'].requests);
  });

  it('no matching route: every call fails at once with no-route (404) on the call\'s edge, no try reaches the callee, each request ends once', () => {
    const sum = run(mesh([{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'a' }] }]));
    const readers = sum.edges['readers->front'];
    expect(readers.failed).toBe(readers.requests);
    expect(sum.edges['front->a'].failures).toEqual({ 'no-route': readers.requests });
    expect(sum.edges['front->a'].retries).toBe(0);
    expect(sum.failures).toEqual({ 'no-route': readers.requests });
    // Only jason's calls reached a.
    expect(sum.services.a.requests).toBe(sum.edges['jason->front'].requests);
    expect(sum.requests.ok + sum.requests.failed + sum.requests.inFlight).toBe(sum.requests.sent);
  });

  it('an 80/20 split sends 0.75 to 0.85 of calls to a (binomial, n about 1,000: 0.8 ± 3.9 sd)', () => {
    const sum = run(mesh([{ to: [{ service: 'a', weight: 80 }, { service: 'b', weight: 20 }] }]));
    const a = sum.edges['front->a'].requests;
    const b = sum.edges['front->b'].requests;
    expect(a + b).toBe(sum.edges['readers->front'].requests + sum.edges['jason->front'].requests);
    expect(a / (a + b)).toBeGreaterThan(0.75);
    expect(a / (a + b)).toBeLessThan(0.85);
  });

  it("a destination with weight 0 gets nothing; a route's only weighted destination takes every call", () => {
    const sum = run(mesh([{ to: [{ service: 'b', weight: 0 }, { service: 'a', weight: 5 }] }]));
    expect(sum.edges['front->b'].requests).toBe(0);
    expect(sum.edges['front->a'].failed).toBe(0);
  });

  it("a route's policy layers over the call's, per route: jason's route aborts with 503, the other route to the same service does not, on one edge", () => {
    const sum = run(mesh([{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'a' }], policy: { fault: { abort: { percent: 100, status: 503 } } } }, { to: [{ service: 'a' }] }]));
    const jason = sum.edges['jason->front'];
    expect(jason.failed).toBe(jason.requests);
    expect(sum.edges['readers->front'].failed).toBe(0);
    expect(sum.edges['front->a'].failures).toEqual({ 'fault-abort': jason.requests });
    expect(Object.keys(sum.edges).filter((e) => e.startsWith('front->'))).toEqual(['front->a']);
    // Aborted at the caller: a serves the readers only.
    expect(sum.services.a.requests).toBe(sum.edges['readers->front'].requests);
  });

  it("a snapshot taken mid-run (the app's seek) goes on exactly as the run: the route tables' streams are copied with it", () => {
    const s = scenario(mesh([{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'b' }] }, { to: [{ service: 'a', weight: 50 }, { service: 'b', weight: 50 }] }]));
    const w = new World(s, s.seed);
    w.runUntil(5000);
    const copy = deepCopy(w, { keep: [s] }).value;
    w.runUntil(20_000);
    copy.runUntil(20_000);
    expect(copy.sim.traceHash()).toBe(w.sim.traceHash());
    expect(copy.edgeStats.map((e) => e.requests)).toEqual(w.edgeStats.map((e) => e.requests));
  });

  it("a config change to a routed call's policy keeps its route's own fields: the cluster to a still times out at 2 s after retries are added", () => {
    const input = { ...mesh([{ to: [{ service: 'a' }], policy: { timeout: '2s' } }]), changes: [{ type: 'policy', at: '5s', service: 'a', from: 'front', policy: { retries: { attempts: 3, retryOn: ['5xx'] } } }] };
    const s = scenario(input);
    const w = new World(s, s.seed);
    const cluster = () => w.routes.find((r) => r.sidecar?.name === 'front-0/sidecar' && w.sim.actor(r.service).name === 'a')!;
    w.runUntil(1000);
    expect([cluster().policy.timeout, cluster().policy.retries]).toEqual([2000, 2]);
    w.runUntil(15_000);
    expect([cluster().policy.timeout, cluster().policy.retries]).toEqual([2000, 3]);
  });

  it('the same recipe gives the same trace hash; another seed another', () => {
    const routes: Routes = [{ to: [{ service: 'a', weight: 50 }, { service: 'b', weight: 50 }] }];
    const h1 = run(mesh(routes)).traceHash;
    expect(run(mesh(routes)).traceHash).toBe(h1);
    expect(run(mesh(routes, { seed: 2 })).traceHash).not.toBe(h1);
  });
});

describe('routes at a caller without an L7 sidecar', () => {
  it('a weighted split without a match runs (kube-proxy spreading over the pods of the named services)', () => {
    const sum = run(mesh([{ to: [{ service: 'a', weight: 1 }, { service: 'b', weight: 1 }] }], { sidecar: false }));
    const a = sum.edges['front->a'].requests;
    const b = sum.edges['front->b'].requests;
    expect(sum.requests.failed).toBe(0);
    expect(a / (a + b)).toBeGreaterThan(0.44);
    expect(a / (a + b)).toBeLessThan(0.56);
  });

  it('a header match is refused, naming the field and why (no sidecar; an L4 sidecar)', () => {
    const routes: Routes = [{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'b' }] }, { to: [{ service: 'a' }] }];
    const plain = validateScenario(mesh(routes, { sidecar: false }));
    expect(plain.ok).toBe(false);
    expect(formatProblems(plain.ok ? [] : plain.problems)).toContain(
      'services.0.calls.0.routes.0.match: "front" has no sidecar (sidecar: false), so nothing at the caller reads request headers: a header match needs the caller\'s L7 sidecar (as a VirtualService applies only to meshed callers in Istio); remove the match or give the caller an L7 sidecar',
    );
    const l4 = validateScenario(mesh(routes, { sidecar: { mode: 'L4' } }));
    expect(l4.ok ? [] : l4.problems.map((p) => p.path)).toEqual(['services.0.calls.0.routes.0.match']);
  });

  it('a route whose weights are all 0 is refused', () => {
    const r = validateScenario(mesh([{ to: [{ service: 'a', weight: 0 }] }]));
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['services.0.calls.0.routes.0.to: every weight is 0: give at least one destination a weight above 0 (Envoy refuses weighted clusters that add up to 0)']);
  });

  it("counts a routed call's clusters to every service its routes name against the route-entry limit", () => {
    const leaves = ['a', 'b', 'c', 'd', 'e'];
    const big = {
      name: 'big',
      duration: '1s',
      clients: [{ name: 'c1', type: 'open', rate: 1, target: 'front' }],
      services: [
        { name: 'front', replicas: 1000, serviceTime: '1ms', calls: [{ service: 'a', routes: [{ to: leaves.map((service) => ({ service, weight: 1 })) }] }] },
        ...leaves.map((name) => ({ name, replicas: 1000, serviceTime: '1ms' })),
      ],
    };
    const r = validateScenario(big);
    // 1,000 caller replicas x 5 services x 1,000 replicas: 5,000,000 entries (1,000,000 if only `service` counted).
    expect(r.ok ? [] : r.problems.map((p) => p.message).filter((m) => m.includes('route entries'))).toEqual([expect.stringContaining('need 5,001,000 route entries')]);
  });
});
