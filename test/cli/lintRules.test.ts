import { describe, expect, it } from 'vitest';
import { validateScenario, type Scenario } from '../../src/scenario';
import { scenarioFindings, simulateFindings } from '../../src/cli/lint';
import { textLocator } from '../../src/models/lint/locate';
import { manifestFindings } from '../../src/cli/lint/manifestRules';
import { readManifests } from '../../src/cli/lint/manifests';

// Each rule with one input that trips it and one that does not. Scenarios are built small and
// validated as a file would be; manifests are YAML text, read as lint reads a file.

function scenario(data: Record<string, unknown>): Scenario {
  const r = validateScenario({ name: 't', duration: '10s', ...data });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

const none = () => undefined;
const codes = (s: Scenario) => scenarioFindings(s, none).map((f) => f.code);
const svc = (name: string, extra: Record<string, unknown> = {}) => ({ name, serviceTime: '1ms', sidecar: true, replicas: 2, concurrency: 16, ...extra });
const client = (extra: Record<string, unknown> = {}) => ({ name: 'users', type: 'open', rate: 50, target: 'front', ...extra });

/** A chain users -> front -> back, both meshed, with the given policies on the call and on back. */
function chain(call: Record<string, unknown> | undefined, back: Record<string, unknown> = {}, front: Record<string, unknown> = {}) {
  return scenario({
    clients: [client()],
    services: [svc('front', { calls: [{ service: 'back', ...(call ? { policy: call } : {}) }], mtls: 'STRICT', ...front }), svc('back', { mtls: 'STRICT', ...back })],
  });
}

describe('MS002 inner timeout longer than its caller', () => {
  it('trips when front waits 10 s for back while users give front 3 s a try, with those numbers', () => {
    const s = scenario({
      clients: [client({ sidecar: true, policy: { timeout: '6s', retries: { attempts: 1, perTryTimeout: '3s' } } })],
      services: [svc('front', { calls: [{ service: 'back', policy: { timeout: '10s' } }], mtls: 'STRICT' }), svc('back', { mtls: 'STRICT' })],
    });
    const f = scenarioFindings(s, none).find((x) => x.code === 'MS002')!;
    expect(f.resource).toMatchObject({ kind: 'Service', name: 'front' });
    expect(f.field).toBe('services.0.calls.0.policy.timeout');
    expect(f.figure.values).toMatchObject({ innerMs: 10_000, callerTryMs: 3000, callerTotalMs: 6000, callerTries: 2 });
    expect(f.message).toBe('front waits up to 10 s for back (its timeout of 10 s), but users waits 3 s a try (6 s over 2 tries) for front: users gives up while front still waits');
  });
  it('does not trip when the inner timeout fits in the caller’s try', () => {
    const s = scenario({
      clients: [client({ sidecar: true, policy: { retries: { attempts: 1, perTryTimeout: '3s' } } })],
      services: [svc('front', { calls: [{ service: 'back', policy: { timeout: '2s' } }], mtls: 'STRICT' }), svc('back', { mtls: 'STRICT' })],
    });
    expect(codes(s)).not.toContain('MS002');
  });
});

describe('MS003 per-try timeout x tries beyond the route timeout', () => {
  it('trips on 3 tries of 2 s under a 4 s timeout: 2 tries fit', () => {
    const f = scenarioFindings(chain({ timeout: '4s', retries: { attempts: 2, perTryTimeout: '2s' } }), none).find((x) => x.code === 'MS003')!;
    expect(f.figure.values).toEqual({ tries: 3, perTryTimeoutMs: 2000, neededMs: 6000, timeoutMs: 4000, triesThatFit: 2 });
    expect(f.field).toBe('services.0.calls.0.policy.retries.perTryTimeout');
  });
  it('does not trip when 3 tries of 1 s fit in 4 s', () => {
    expect(codes(chain({ timeout: '4s', retries: { attempts: 2, perTryTimeout: '1s' } }))).not.toContain('MS003');
  });
});

describe('MS004 retries with no budget on a fan-in service', () => {
  const fanIn = (retries: Record<string, unknown>) =>
    scenario({
      clients: [client()],
      services: [svc('front', { calls: [{ service: 'a' }, { service: 'b' }] }), svc('a', { calls: [{ service: 'db' }] }), svc('b', { calls: [{ service: 'db' }] }), svc('db', { policy: { retries } })],
    });
  it('trips when two callers retry db (3 tries each) without a budget', () => {
    const f = scenarioFindings(fanIn({ attempts: 2 }), none).find((x) => x.code === 'MS004')!;
    expect(f.resource.name).toBe('db');
    expect(f.figure.values).toEqual({ callers: 2, unbudgetedCallers: 2, worstCaseTries: 6 });
  });
  it('does not trip when the retries have a budget', () => {
    expect(codes(fanIn({ attempts: 2, budget: { percent: 20 } }))).not.toContain('MS004');
  });
});

describe('MS005 outlier settings that cannot fail over', () => {
  it('trips on outlier detection for a service of one replica', () => {
    const f = scenarioFindings(chain(undefined, { replicas: 1, policy: { outlierDetection: {} } }), none).find((x) => x.code === 'MS005')!;
    expect(f.field).toBe('services.1.policy.outlierDetection');
    expect(f.figure.values).toEqual({ replicas: 1 });
  });
  it('does not trip with two replicas', () => {
    expect(codes(chain(undefined, { replicas: 2, policy: { outlierDetection: {} } }))).not.toContain('MS005');
  });
});

describe('MS006 mTLS mismatch', () => {
  it('trips on a caller without a sidecar calling a STRICT service, and the simulation measures every call rejected', () => {
    const s = chain(undefined, {}, { sidecar: false, mtls: 'PERMISSIVE' });
    const found = scenarioFindings(s, none);
    const f = found.find((x) => x.code === 'MS006')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('front has no sidecar and sends plaintext');
    simulateFindings(s, none, found);
    expect(f.simulated).toBe(true);
    expect(f.figure.values.rejectedShare).toBe(1);
    expect(f.figure.values.rejected).toBe(f.figure.values.calls);
    expect(f.figure.values.calls as number).toBeGreaterThan(400);
  });
  it('names a gateway outside the mesh and fixes it with gateways.N.mesh, not a sidecar (trial N18: "Give edge a sidecar" was refused as an unknown field)', () => {
    // The trial's my-shop.yaml, cut down: users -> gateway edge (no mesh) -> STRICT orders.
    const data = {
      clients: [client({ target: 'edge', external: true })],
      gateways: [{ name: 'edge', routes: [{ match: {}, service: 'orders' }] }],
      services: [svc('orders', { mtls: 'STRICT' })],
    };
    const f = scenarioFindings(scenario(data), none).find((x) => x.code === 'MS006')!;
    expect(f.message).toContain('edge is a gateway outside the mesh (it sets no mesh or bridge) and sends plaintext: every call edge -> orders is rejected');
    expect(f.fix).toMatch(/^Put edge in the mesh: set gateways\.0\.mesh: mesh /);
    expect(f.fix).not.toContain('a sidecar,');
    // The fix as written validates and clears MS006.
    expect(codes(scenario({ ...data, gateways: [{ ...data.gateways[0], mesh: 'mesh' }] }))).not.toContain('MS006');
    // In a named mesh the fix names it.
    const named = scenario({ ...data, meshes: [{ name: 'shop' }], services: [svc('orders', { mtls: 'STRICT', mesh: 'shop' })] });
    expect(scenarioFindings(named, none).find((x) => x.code === 'MS006')!.fix).toContain('set gateways.0.mesh: shop ');
  });
  it('tells a service without a sidecar to get one, naming the field', () => {
    const f = scenarioFindings(chain(undefined, {}, { sidecar: false, mtls: 'PERMISSIVE' }), none).find((x) => x.code === 'MS006')!;
    expect(f.fix).toBe("Give front a sidecar (services.0.sidecar: true), or set mtls: PERMISSIVE on back while plaintext callers remain");
  });
  it('does not trip when both ends have sidecars', () => {
    // users (no sidecar) -> front is PERMISSIVE; front -> back is meshed on both ends.
    expect(codes(chain(undefined, {}, { mtls: 'PERMISSIVE' }))).not.toContain('MS006');
  });
});

describe('MS008 PERMISSIVE where every caller is meshed', () => {
  it('trips on a PERMISSIVE service whose only caller is meshed, as info (hardening: no request fails)', () => {
    const f = scenarioFindings(chain(undefined, { mtls: 'PERMISSIVE' }), none).find((x) => x.code === 'MS008')!;
    expect(f.resource.name).toBe('back');
    expect(f.severity).toBe('info');
    expect(f.message).toContain('its only caller, front, is in the mesh');
    expect(f.message).toContain('PERMISSIVE only lets workloads outside the mesh in without it');
  });
  it('says it once for every service left at the default PERMISSIVE, and once per line that writes PERMISSIVE', () => {
    // users (sidecar) -> front -> mid -> back, every one meshed; mid writes PERMISSIVE, the others leave it out.
    const data = {
      name: 't',
      duration: '10s',
      clients: [client({ sidecar: true })],
      services: [svc('front', { calls: [{ service: 'mid' }] }), svc('mid', { calls: [{ service: 'back' }], mtls: 'PERMISSIVE' }), svc('back')],
    };
    const text = JSON.stringify(data, null, 2);
    const f = scenarioFindings(scenario(data), textLocator('t.json', text)).filter((x) => x.code === 'MS008');
    expect(f.map((x) => [x.field, x.figure.values.services, x.figure.values.byDefault])).toEqual([
      ['services.0.mtls', 2, true],
      ['services.1.mtls', 1, false],
    ]);
    expect(f[0].message).toMatch(/^2 services accept plaintext \(PERMISSIVE: their mtls is not set, and the default is PERMISSIVE, as Istio's\), yet every caller of each is in the mesh and speaks mutual TLS: front \(called by users\), back \(called by mid\)\. /);
    expect(f[0].fix).toBe('Once nothing without a sidecar calls them, set mtls: STRICT on each (services.0.mtls, services.2.mtls)');
    expect(f[1].message).toMatch(/^mid accepts plaintext \(PERMISSIVE: as set here\), yet its only caller, front, is in the mesh/);
  });
  it('does not trip while a caller has no sidecar (front is called by plain users)', () => {
    // front is PERMISSIVE and its caller (users) has no sidecar: PERMISSIVE is needed there.
    const s = chain(undefined, {}, { mtls: 'PERMISSIVE' });
    expect(scenarioFindings(s, none).filter((f) => f.code === 'MS008')).toEqual([]);
  });
});

describe('MS009 gateway route with no timeout', () => {
  const gw = (policy?: Record<string, unknown>) =>
    scenario({ clients: [client({ target: 'edge' })], gateways: [{ name: 'edge', routes: [{ service: 'front', ...(policy ? { policy } : {}) }] }], services: [svc('front', { sidecar: false })] });
  it("trips on a route without a timeout: Envoy's 15 s", () => {
    const f = scenarioFindings(gw(), none).find((x) => x.code === 'MS009')!;
    expect(f.field).toBe('gateways.0.routes.0.policy.timeout');
    expect(f.figure.values.timeoutMs).toBe(15_000);
  });
  it('does not trip when the route sets one', () => {
    expect(codes(gw({ timeout: '5s' }))).not.toContain('MS009');
  });
  it('does not trip on timeout 0, which turns the timeout off: the route is read as waiting without limit, so a 20 s inner call under it is no MS002 (it is under the 15 s default)', () => {
    const under = (policy?: Record<string, unknown>) =>
      scenario({
        clients: [client({ target: 'edge' })],
        gateways: [{ name: 'edge', routes: [{ service: 'front', ...(policy ? { policy } : {}) }] }],
        services: [svc('front', { calls: [{ service: 'back', policy: { timeout: '20s' } }] }), svc('back')],
      });
    const timeouts = (s: Scenario) => scenarioFindings(s, none).filter((f) => f.code === 'MS002' || f.code === 'MS009');
    expect(timeouts(under({ timeout: 0 }))).toEqual([]);
    const byDefault = timeouts(under());
    expect(byDefault.map((f) => f.code)).toEqual(['MS002', 'MS009']);
    expect(byDefault[0].figure.values).toMatchObject({ innerMs: 20_000, callerTryMs: 15_000 });
  });
});

describe('MS001 retry amplification, measured', () => {
  const layered = (attempts: number) =>
    scenario({
      duration: '10s',
      clients: [client({ rate: 40 })],
      services: [
        svc('front', { calls: [{ service: 'mid' }], policy: { retries: { attempts, retryOn: ['5xx'] } } }),
        svc('mid', { calls: [{ service: 'leaf' }], policy: { retries: { attempts, retryOn: ['5xx'] } } }),
        svc('leaf', { policy: { retries: { attempts, retryOn: ['5xx'] } } }),
      ],
    });
  it('counts 9 attempts at a failing leaf under two layers of 2 retries (3 x 3): a warning, under 10', () => {
    const s = layered(2);
    const r = simulateFindings(s, none, []);
    expect(r.runs).toBe(2);
    const f = r.findings.find((x) => x.code === 'MS001')!;
    expect(f.simulated).toBe(true);
    expect(f.resource.name).toBe('leaf');
    expect(f.figure.values.attemptsPerRequest).toBe(9);
    expect(f.figure.values.expectedFromConfig).toBe(9);
    expect(f.severity).toBe('warning');
  });
  it('does not advise a budget where every layer has one (they cap 9 attempts to 6.4 here): it says a budget caps only retries in flight', () => {
    const s = layered(2);
    for (const x of s.services) x.policy!.retries!.budget = { percent: 20, minConcurrency: 3 };
    const f = simulateFindings(s, none, []).findings.find((x) => x.code === 'MS001')!;
    // The budgets (20%, at least 3 in flight) cap some retries: 6.4 attempts at the leaf, not 9.
    expect(f.figure.values.attemptsPerRequest).toBeCloseTo(6.41, 2);
    expect(f.fix).toBe('Retry at one layer only (the one nearest the user) and set retries.attempts: 0 on the others (their retry budgets cap only the retries in flight at once: while few are, one request still makes every try)');
    expect(simulateFindings(layered(2), none, []).findings[0].fix).toBe('Retry at one layer only (the one nearest the user) and set retries.attempts: 0 on the others, or give the retries a budget');
  });
  it('does not trip with one layer retrying (mid -> leaf only)', () => {
    const s = layered(0);
    s.services[2].policy = { retries: { attempts: 2, retryOn: ['5xx'], retriableStatusCodes: [503], backoff: { base: 25 } } };
    // front -> mid takes mid's policy (no retries), mid -> leaf takes leaf's (2 retries): one layer.
    expect(simulateFindings(s, none, []).findings).toEqual([]);
  });
});

describe('manifest rules', () => {
  const read = (text: string) => readManifests('mesh.yaml', text).manifests;
  const dr = (extra: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
${extra}`;
  const vs = (subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: ${subset}
`;
  const subsets = `  subsets:
  - name: v1
    labels: { version: v1 }
`;
  it('MS007 trips on a route to subset v4 that the DestinationRule does not define, at its line', () => {
    const f = manifestFindings(read(`${vs('v4')}---\n${dr(subsets)}`));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'MS007', severity: 'error', field: 'spec.http[0].route[0].destination.subset', resource: { kind: 'VirtualService', name: 'reviews', file: 'mesh.yaml', line: 11 } });
    expect(f[0].figure.values).toMatchObject({ subset: 'v4', weightPercent: 100, definedSubsets: 'v1' });
  });
  it('MS007 does not trip on a defined subset', () => {
    expect(manifestFindings(read(`${vs('v1')}---\n${dr(subsets)}`))).toEqual([]);
  });
  const strict = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
`;
  it('MS006 trips on a DestinationRule with tls DISABLE against mesh-wide STRICT', () => {
    const f = manifestFindings(read(`${strict}---\n${dr('  trafficPolicy:\n    tls:\n      mode: DISABLE\n')}`));
    expect(f.map((x) => x.code)).toEqual(['MS006']);
    expect(f[0]).toMatchObject({ field: 'spec.trafficPolicy.tls.mode', resource: { line: 18 } });
    expect(f[0].figure.values).toMatchObject({ peerAuthentication: 'istio-system/default', peerMode: 'STRICT' });
  });
  it('MS006 does not trip when the namespace overrides the mesh with PERMISSIVE', () => {
    const permissive = strict.replace('istio-system', 'default').replace('STRICT', 'PERMISSIVE').replace('name: default', 'name: ns-wide');
    expect(manifestFindings(read(`${strict}---\n${permissive}---\n${dr('  trafficPolicy:\n    tls:\n      mode: DISABLE\n')}`))).toEqual([]);
  });
  it('MS005 trips on locality failover without outlier detection, not with it', () => {
    const locality = '  trafficPolicy:\n    loadBalancer:\n      localityLbSetting:\n        enabled: true\n';
    expect(manifestFindings(read(dr(locality))).map((f) => [f.code, f.field])).toEqual([['MS005', 'spec.trafficPolicy.loadBalancer.localityLbSetting']]);
    expect(manifestFindings(read(dr(locality + '    outlierDetection:\n      consecutive5xxErrors: 5\n')))).toEqual([]);
  });
  it('MS005 does not trip on locality distribute weights, which need no outlier detection', () => {
    const distribute = "  trafficPolicy:\n    loadBalancer:\n      localityLbSetting:\n        enabled: true\n        distribute:\n          - from: region-1/zone-a/*\n            to:\n              'region-1/zone-a/*': 80\n              'region-1/zone-b/*': 20\n";
    expect(manifestFindings(read(dr(distribute)))).toEqual([]);
  });
  it('MS009 trips on a gateway VirtualService route without a timeout, not on one with it nor on mesh routes', () => {
    const gw = (timeout: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: edge
spec:
  hosts: ['*']
  gateways: [bookinfo-gateway]
  http:
  - route:
    - destination: { host: productpage }
${timeout}`;
    expect(manifestFindings(read(gw(''))).map((f) => [f.code, f.field, f.resource.line])).toEqual([['MS009', 'spec.http[0].timeout', 9]]);
    expect(manifestFindings(read(gw('    timeout: 5s\n')))).toEqual([]);
    expect(manifestFindings(read(gw('').replace('[bookinfo-gateway]', '[mesh]')))).toEqual([]);
  });
});

describe('locations', () => {
  it('places a scenario path at its line in JSON, and an unwritten field at its nearest written parent', () => {
    const text = '{\n  "name": "t",\n  "services": [\n    { "name": "a",\n      "policy": { "timeout": "1s" } }\n  ]\n}\n';
    const at = textLocator('s.json', text);
    expect(at('services.0.policy.timeout')).toEqual({ file: 's.json', line: 5, exact: true });
    expect(at('services.0.policy.retries.budget')).toEqual({ file: 's.json', line: 5, exact: false });
    expect(at('services.0.mtls')).toEqual({ file: 's.json', line: 4, exact: false });
  });
});

describe('MS012 calls that time out with nothing failing', () => {
  it("trips on back's `timeout: 2` (2 ms: a bare number is milliseconds) where every call front -> back takes longer, at that field, with the measured share", () => {
    // back takes 5 ms a call: a 2 ms timeout on the call front -> back fails every one. (front is
    // PERMISSIVE so the plain users reach it: MS006 is not what this tests.)
    const s = chain({ timeout: 2 }, { serviceTime: '5ms' }, { mtls: 'PERMISSIVE' });
    const r = simulateFindings(s, none, []);
    const f = r.findings.find((x) => x.code === 'MS012')!;
    expect(f).toMatchObject({ severity: 'error', rule: 'timeout-fails-healthy-calls', field: 'services.0.calls.0.policy.timeout', simulated: true });
    expect(f.resource).toMatchObject({ kind: 'Service', name: 'front' });
    expect(f.figure.values).toMatchObject({ caller: 'front', callee: 'back', timeoutMs: 2 });
    expect(f.figure.values.timedOutShare as number).toBeGreaterThan(0.5);
    expect(f.figure.values.calls as number).toBeGreaterThan(400);
    expect(f.message).toMatch(/^with nothing failing, \d+% of the calls front -> back time out: its 2 ms timeout is shorter than the calls take \(a bare number is milliseconds: 2 means 2 ms; 2s is 2 seconds\)$/);
  });
  it('names the per-try timeout when it binds first (retries.perTryTimeout: 2 under a 10 s route timeout)', () => {
    const s = chain({ timeout: '10s', retries: { attempts: 1, perTryTimeout: 2 } }, { serviceTime: '5ms' }, { mtls: 'PERMISSIVE' });
    const f = simulateFindings(s, none, []).findings.find((x) => x.code === 'MS012')!;
    expect(f.field).toBe('services.0.calls.0.policy.retries.perTryTimeout');
    expect(f.figure.values).toMatchObject({ timeoutMs: 2, timedOutShare: 1 });
  });
  it('does not trip on the same call with 2s, nor on a timeout that only cuts a rare slow call', () => {
    const twoSeconds = simulateFindings(chain({ timeout: '2s' }, { serviceTime: '5ms' }, { mtls: 'PERMISSIVE' }), none, []);
    expect(twoSeconds.findings.map((x) => x.code)).not.toContain('MS012');
    // 20 ms against an exponential 5 ms service time: about e^-4, 2% of calls, time out.
    const rare = simulateFindings(chain({ timeout: '20ms' }, { serviceTime: { type: 'exponential', mean: '5ms' } }, { mtls: 'PERMISSIVE' }), none, []);
    expect(rare.findings.map((x) => x.code)).not.toContain('MS012');
  });
});

describe('MS014 near capacity', () => {
  /** users at `rate` req/s -> api, 2 replicas x 2 workers of exactly 20 ms: 200 req/s of capacity. */
  const busy = (rate: number) => scenario({ clients: [client({ rate, target: 'api', arrival: 'constant' })], services: [{ name: 'api', replicas: 2, concurrency: 2, serviceTime: '20ms' }] });
  it('trips at 190 of 200 req/s (95%), at services.0.replicas with 3 replicas as the fix, and the healthy run measures it 95% busy', () => {
    const s = busy(190);
    const found = scenarioFindings(s, none).filter((f) => f.code === 'MS014');
    expect(found).toHaveLength(1);
    const f = found[0];
    expect(f).toMatchObject({ rule: 'near-capacity', severity: 'warning', field: 'services.0.replicas', resource: { kind: 'Service', name: 'api' } });
    expect(f.message).toMatch(/^api is offered 190 req\/s, 95% of its capacity of 200 req\/s \(2 replicas × 2 workers \/ 20 ms mean service time\), from users 190 req\/s: its queue and latency climb steeply/);
    expect(f.fix).toBe('Set services.0.replicas: 3 (70% of capacity at this load), or raise its concurrency, or send it less');
    simulateFindings(s, none, found);
    expect(f.simulated).toBe(true);
    expect(f.figure.values).toMatchObject({ offeredPerS: 190, capacityPerS: 200, utilization: 0.95, replicasFor70: 3 });
    expect(f.figure.values.measuredUtilization).toBe(0.949);
    expect(f.figure.text).toBe('offered 190 req/s, 95% of its capacity of 200 req/s; 94.9% busy in 10 s simulated');
  });
  it('does not trip at 160 of 200 req/s (80%)', () => {
    expect(codes(busy(160))).not.toContain('MS014');
  });
});
