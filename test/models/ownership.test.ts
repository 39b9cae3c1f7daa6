import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changesMadeBy, configuredAt } from '../../src/models/madeChanges';
import { ownershipOf, type OwnedPath } from '../../src/models/ownership';
import { changeSchema, parseScenarioText, validateScenario, type Scenario } from '../../src/scenario';

const shipped = (name: string): Scenario => {
  const r = parseScenarioText(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};
const make = (input: Record<string, unknown>): Scenario => {
  const r = validateScenario({ name: 'own', duration: '10s', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};
/** "layer: detail" of each hop applying `feature` on a path, hop by hop. */
const owners = (p: OwnedPath, feature: string) => p.hops.map((h) => (h.owners[feature as 'retries'] ? `${h.owners[feature as 'retries']!.layer}: ${h.owners[feature as 'retries']!.detail}` : '-'));

describe('ownership of L7 features', () => {
  it('retry-storm: retries are owned by the gateway and the sidecars on one path, 27 tries at payments at worst', () => {
    const o = ownershipOf(shipped('retry-storm'));
    expect(o.paths.map((p) => p.nodes.join(' > '))).toEqual(['shoppers > api > web > orders > payments']);
    expect(owners(o.paths[0], 'retries')).toEqual(['-', 'gateway: 2 retries on 5xx', 'sidecar: 2 retries on 5xx', 'sidecar: 2 retries on 5xx']);
    const retries = o.overlaps.find((x) => x.feature === 'retries')!;
    expect(retries).toMatchObject({ layers: ['gateway', 'sidecar'], service: 'payments', worstTries: 27, paths: [0] });
    expect(retries.summary).toBe('gateway 2 retries on 5xx (api→web); sidecar 2 retries on 5xx (web→orders, orders→payments)');
    // Each hop's maxRetries 100000 lifts Envoy's retry breaker of 3: shown, but no breaker is owned twice (trial N14).
    expect(owners(o.paths[0], 'circuit-breaking')).toEqual(['-', 'gateway: maxRetries 100000 (a limit lifted: never trips)', 'sidecar: maxRetries 100000 (a limit lifted: never trips)', 'sidecar: maxRetries 100000 (a limit lifted: never trips)']);
    expect(o.overlaps.map((x) => x.feature)).toEqual(['retries']);
  });

  it('a breaker with one real threshold beside a lifted one still counts: two layers limiting is owned twice', () => {
    const s = shipped('retry-storm');
    const routed = JSON.parse(JSON.stringify(s)) as typeof s;
    for (const svc of routed.services) if (svc.policy?.circuitBreaker) svc.policy.circuitBreaker = { maxRetries: 100000, maxPendingRequests: 50 };
    for (const g of routed.gateways) for (const r of g.routes) if (r.policy?.circuitBreaker) r.policy.circuitBreaker = { maxRetries: 3 };
    const o = ownershipOf(routed);
    expect(o.overlaps.map((x) => x.feature)).toEqual(['retries', 'circuit-breaking']);
    expect(o.overlaps[1].layers).toEqual(['gateway', 'sidecar']);
  });

  it('retry-storm-fixed: only orders\' sidecar retries, so nothing is owned twice', () => {
    const o = ownershipOf(shipped('retry-storm-fixed'));
    expect(owners(o.paths[0], 'retries')).toEqual(['-', '-', '-', 'sidecar: 2 retries on 5xx, budget 20%']);
    expect(o.overlaps).toEqual([]);
  });

  it('gateway-and-mesh: the gateway owns keys, limits and versions on the way in; timeouts at gateway and sidecar are flagged on the inventory paths', () => {
    const o = ownershipOf(shipped('gateway-and-mesh'));
    // scraper's key is invalid: every one of its requests is answered 401 at edge (Gateway.workDone), so its path
    // stops there and owns nothing past it (N9's trial: it was listed through to inventory, with its overlaps).
    expect(o.paths).toHaveLength(7);
    expect(o.paths.filter((x) => x.refused).map((x) => [x.nodes.join('>'), x.refused])).toEqual([['scraper>edge', { status: 401, why: "scraper's credentials are invalid and edge checks an API key" }]]);
    const p = o.paths.find((x) => x.nodes.join('>') === 'shoppers>edge>frontend>inventory')!;
    expect(owners(p, 'authentication')).toEqual(['gateway: API key checked at edge', '-', '-']);
    expect(owners(p, 'rate-limiting')).toEqual(['gateway: partner 20/s', '-', '-']);
    expect(owners(p, 'api-versions')).toEqual(['gateway: v1 deprecated sunset at 40 s, v2', '-', '-']);
    expect(owners(p, 'mtls')).toEqual(['-', "gateway: gateway's proxy to sidecar (STRICT)", 'sidecar: sidecar to sidecar (STRICT)']);
    expect(owners(p, 'timeouts')).toEqual(['app: the client gives up after 3 s', 'gateway: 2 s', 'sidecar: 1 s, 250 ms per try']);
    const toCatalog = o.paths.find((x) => x.nodes.join('>') === 'shoppers>edge>frontend>catalog')!;
    expect(owners(toCatalog, 'retries')).toEqual(['-', '-', "sidecar: 2 retries on connect failure and 503 (Istio's default)"]);
    // The three admitted clients' paths share one overlap; the client's own 3 s is shown but not counted as a layer.
    expect(o.overlaps).toHaveLength(1);
    expect(o.overlaps[0]).toMatchObject({ feature: 'timeouts', layers: ['gateway', 'sidecar'], paths: [1, 3, 5], causes: ['timeout'] });
    expect(o.overlaps[0].summary).toBe('app the client gives up after 3 s (3 clients→edge); gateway 2 s (edge→frontend); sidecar 1 s, 250 ms per try (frontend→inventory)');
  });

  it('gateway-only: behind the gateway the app calls on its own, spread by kube-proxy, in plaintext', () => {
    const p = ownershipOf(shipped('gateway-only')).paths[0];
    expect(p.nodes).toEqual(['shoppers', 'edge', 'frontend', 'catalog']);
    expect(owners(p, 'routing')).toEqual(['app: the app names the callee', 'gateway: every request', 'app: the app names the callee']);
    expect(owners(p, 'load-balancing')[2]).toBe('app: no proxy: kube-proxy round-robin over connections');
    expect(owners(p, 'retries')).toEqual(['-', '-', '-']);
    expect(owners(p, 'mtls')).toEqual(['-', '-', '-']);
  });

  it('an L4 sidecar neither retries nor times out, and a STRICT callee refuses a caller without a proxy', () => {
    const o = ownershipOf(
      make({
        clients: [{ name: 'u', type: 'open', rate: 1, target: 'a' }],
        services: [
          { name: 'a', serviceTime: '1ms', sidecar: { mode: 'L4' }, mtls: 'STRICT', calls: [{ service: 'b' }] },
          { name: 'b', serviceTime: '1ms', sidecar: true, policy: { timeout: '1s' } },
        ],
      }),
    );
    const p = o.paths[0];
    expect(owners(p, 'mtls')).toEqual(['sidecar: STRICT callee refuses this plaintext caller', 'sidecar: sidecar to sidecar (PERMISSIVE)']);
    expect(owners(p, 'retries')).toEqual(['-', '-']);
    expect(owners(p, 'timeouts')).toEqual(['-', '-']);
    expect(owners(p, 'load-balancing')[1]).toBe('sidecar: least-request (default)');
  });

  it('a route timeout of 0 is owned by no one: the gateway says it turned off its 15 s, a meshed call with 0 over its callee\'s 1 s owns no timeout', () => {
    const o = ownershipOf(
      make({
        clients: [{ name: 'u', type: 'open', rate: 1, target: 'edge' }],
        gateways: [{ name: 'edge', mesh: 'mesh', routes: [{ service: 'a', policy: { timeout: 0 } }] }],
        services: [
          { name: 'a', serviceTime: '1ms', sidecar: true, calls: [{ service: 'b', policy: { timeout: '0s' } }] },
          { name: 'b', serviceTime: '1ms', sidecar: true, policy: { timeout: '1s' } },
        ],
      }),
    );
    expect(owners(o.paths[0], 'timeouts')).toEqual(['-', "gateway: no route timeout (timeout 0 turns off Envoy's 15 s)", '-']);
    expect(o.overlaps.filter((x) => x.feature === 'timeouts')).toEqual([]);
  });

  it('flags authentication owned twice when two gateways on one path check keys', () => {
    const gw = (name: string, to: string) => ({ name, auth: 'api-key', routes: [{ service: to }] });
    const o = ownershipOf(
      make({
        clients: [{ name: 'u', type: 'open', rate: 1, target: 'outer', credentials: 'valid' }],
        gateways: [gw('outer', 'mid'), gw('inner', 'svc')],
        services: [
          { name: 'mid', serviceTime: '1ms', calls: [{ service: 'inner' }] },
          { name: 'svc', serviceTime: '1ms' },
        ],
      }),
    );
    expect(o.paths[0].nodes).toEqual(['u', 'outer', 'mid', 'inner', 'svc']);
    expect(o.overlaps.map((x) => [x.feature, x.layers, x.causes])).toEqual([['authentication', ['gateway'], ['unauthenticated']]]);
  });

  it("a gateway forwards only the route a client's path matches, and a path no route matches stops there with 404", () => {
    const o = ownershipOf(
      make({
        clients: [
          { name: 'app', type: 'open', rate: 1, target: 'gw', path: '/api/orders' },
          { name: 'admin', type: 'open', rate: 1, target: 'gw', path: '/admin' },
        ],
        gateways: [{ name: 'gw', routes: [{ service: 'orders', match: { pathPrefix: '/api/orders' } }, { service: 'users', match: { pathPrefix: '/api/users' } }] }],
        services: [
          { name: 'orders', serviceTime: '1ms' },
          { name: 'users', serviceTime: '1ms' },
        ],
      }),
    );
    expect(o.paths.map((p) => [p.nodes.join('>'), p.refused?.status])).toEqual([
      ['app>gw>orders', undefined],
      ['admin>gw', 404],
    ]);
    expect(o.paths[1].refused?.why).toBe("no route of gw matches admin's requests");
  });

  it('follows every call and canary without looping, and cuts a large graph at maxPaths, saying so', () => {
    const fan = Array.from({ length: 8 }, (_, i) => ({ name: `s${i}`, serviceTime: '1ms', calls: [{ service: `t${i % 2}` }] }));
    const s = make({
      clients: [{ name: 'u', type: 'open', rate: 1, target: 'gw' }],
      gateways: [{ name: 'gw', routes: [{ service: 'root', canary: [{ service: 'root', weight: 90 }, { service: 'alt', weight: 10 }] }] }],
      services: [
        { name: 'root', serviceTime: '1ms', calls: fan.map((f) => ({ service: f.name })) },
        { name: 'alt', serviceTime: '1ms' },
        ...fan,
        { name: 't0', serviceTime: '1ms' },
        { name: 't1', serviceTime: '1ms' },
      ],
    });
    const all = ownershipOf(s);
    expect(all.truncated).toBe(false);
    expect(all.paths).toHaveLength(9);
    expect(all.paths.at(-1)!.nodes).toEqual(['u', 'gw', 'alt']);
    expect(owners(all.paths.at(-1)!, 'routing')[1]).toBe('gateway: every request, canary root 90 / alt 10');
    const cut = ownershipOf(s, 4);
    expect(cut.paths).toHaveLength(4);
    expect(cut.truncated).toBe(true);
  });

  it('follows config changes made by a moment: config-rollout\'s retry policy from 20 s, and a live change, not before they are made', () => {
    const s = shipped('config-rollout');
    const retriesAt = (ms: number, live = [] as Parameters<typeof changesMadeBy>[1]) => {
      const p = ownershipOf(configuredAt(s, changesMadeBy(s, live, ms))).paths[0];
      return owners(p, 'retries');
    };
    const before = retriesAt(19_999);
    expect(before).toEqual(retriesAt(0));
    expect(before.some((x) => x.includes('2 retries on 5xx'))).toBe(false);
    expect(retriesAt(20_000).some((x) => x.includes('2 retries on 5xx'))).toBe(true);
    // A live change at 25 s setting the attempts back to 0: in force from 25 s only.
    const live = [{ atMs: 25_000, change: changeSchema.parse({ type: 'policy', service: 'payments', policy: { retries: { attempts: 0 } } }) }];
    expect(retriesAt(24_000, live)).toEqual(retriesAt(20_000));
    expect(retriesAt(25_000, live)).toEqual(before);
    // The file itself is left as it was.
    expect(ownershipOf(s).paths[0].hops.map((h) => h.owners.retries?.detail ?? '-')).toEqual(ownershipOf(shipped('config-rollout')).paths[0].hops.map((h) => h.owners.retries?.detail ?? '-'));
  });

  it('applies each kind of change to the design: mTLS mode, sidecar mode, a gateway route\'s upstream and canary, a mesh\'s trusts', () => {
    const s = shipped('gateway-and-mesh');
    const svc = s.services.find((v) => v.sidecar !== false)!;
    const gw = s.gateways[0];
    const made = [
      { type: 'mtls', service: svc.name, mode: 'STRICT' },
      { type: 'sidecar-mode', service: svc.name, mode: 'L4' },
      { type: 'gateway-route', gateway: gw.name, route: 0, canary: [] },
    ].map((c) => ({ atMs: 0, change: changeSchema.parse(c) }));
    const c = configuredAt(s, made);
    const after = c.services.find((v) => v.name === svc.name)!;
    expect(after.mtls).toBe('STRICT');
    expect(after.sidecar).toMatchObject({ mode: 'L4' });
    expect(c.gateways[0].routes[0].canary).toBeUndefined();
    expect(s.services.find((v) => v.name === svc.name)!.mtls).toBe(svc.mtls);
  });
  it('observability: both ends record a meshed hop, one end a half-meshed one, no proxy a hop between unmeshed apps, and an L4 sidecar only bytes', () => {
    const part = ownershipOf(shipped('partial-adoption'));
    const analysts = part.paths.find((p) => p.nodes.join('>') === 'analysts>reports>orders')!;
    expect(owners(analysts, 'observability')).toEqual(["app: no proxy: the apps' own logs only", "sidecar: callee's sidecar only: request metrics, logs"]);
    const gm = ownershipOf(shipped('gateway-and-mesh')).paths.find((p) => p.nodes.join('>') === 'shoppers>edge>frontend>inventory')!;
    expect(owners(gm, 'observability')).toEqual(['gateway: edge only: request metrics, logs', 'gateway: both ends: request metrics, logs', 'sidecar: both ends: request metrics, logs']);
    const third = ownershipOf(shipped('third-party-direct')).paths.find((p) => p.nodes.join('>') === 'shoppers>checkout>shipping-partner')!;
    expect(owners(third, 'observability')[1]).toBe("sidecar: caller's sidecar only: request metrics, logs");
    const l4 = make({
      clients: [{ name: 'c', type: 'open', target: 'a', rate: 1 }],
      services: [{ name: 'a', serviceTime: '1ms', sidecar: { mode: 'L4' }, calls: [{ service: 'b' }] }, { name: 'b', serviceTime: '1ms', sidecar: true }],
    });
    expect(owners(ownershipOf(l4).paths[0], 'observability')).toEqual(["sidecar: callee's L4 sidecar only: bytes only (L4)", 'sidecar: both ends: bytes only (L4)']);
    // Never owned twice: two proxies recording one request is the point, not a conflict.
    expect(part.overlaps.map((o) => o.feature)).not.toContain('observability');
  });
});

