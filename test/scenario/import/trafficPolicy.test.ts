import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/models';
import { scenarioYaml } from '../../../src/scenario/import';
import { NAMESPACE, app, destinationRule, imp, service, workload } from './helpers';

// The DestinationRule fields the model runs (Istio 1.28's destination_rule.proto): each one
// imported into the callee's `policy` with its manifest line, and run where that is cheap.

const dr = (trafficPolicy: string) => destinationRule('b', `  trafficPolicy:\n${trafficPolicy}`);

/** a calls b; `a` has `concurrency` workers, b takes `bTime`. */
const apps = (opts: { aConcurrency?: number; bTime?: string; bReplicas?: number } = {}) => `  - name: a
    serviceTime: 1ms
    concurrency: ${opts.aConcurrency ?? 1}
    calls:
      - service: b
  - { name: b, serviceTime: ${opts.bTime ?? '2ms'}, concurrency: 64 }`;

function importDr(trafficPolicy: string, opts: Parameters<typeof apps>[0] = {}, rate = 10) {
  const wl = workload('a', apps(opts)).replace('rate: 10', `rate: ${rate}`);
  const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b', { replicas: opts.bReplicas ?? 1 }), 'dr.yaml': dr(trafficPolicy) }, wl);
  expect(r.e).toEqual([]);
  return r;
}

/** The edge a -> b after `ms` of simulated time. */
function edgeAB(r: ReturnType<typeof importDr>, ms = 5000, faults: unknown[] = []) {
  const s = r.validated!;
  return runScenario({ ...s, duration: ms, warmup: 0, faults: faults as typeof s.faults }).summary.edges['a->b'];
}

const notModelled = (r: ReturnType<typeof importDr>) => r.w.filter((w) => w.includes('not modelled'));

describe('DestinationRule connectionPool.http and outlierDetection fields, imported and run', () => {
  it('connectionPool.http.idleTimeout 200ms becomes policy.idleTimeout 200ms, with its line; at 1 call/s every call then opens a new connection', () => {
    const r = importDr('    connectionPool:\n      http:\n        idleTimeout: 200ms\n', {}, 1);
    expect(service(r, 'b').policy).toEqual({ idleTimeout: '200ms' });
    expect(notModelled(r)).toEqual([]);
    expect(scenarioYaml(r.scenario!, r.provenance)).toContain('idleTimeout: 200ms # dr.yaml:11 spec.trafficPolicy.connectionPool.http.idleTimeout');
    const idle = edgeAB(r, 10_000);
    const kept = edgeAB(importDr('    connectionPool:\n      http:\n        maxRetries: 3\n', {}, 1), 10_000);
    // Calls about a second apart: the pool closes each connection 200 ms after its call.
    expect(idle.connections.opened).toBe(idle.requests);
    expect(kept.connections.opened).toBe(1);
  });

  it('connectionPool.http.maxRequestsPerConnection 1 turns keep-alive off: a connection per call; 0 is Istio\'s unlimited, left out with a warning', () => {
    const r = importDr('    connectionPool:\n      http:\n        maxRequestsPerConnection: 1\n', {}, 20);
    expect(service(r, 'b').policy).toEqual({ maxRequestsPerConnection: 1 });
    expect(r.provenance['services.1.policy.maxRequestsPerConnection']).toEqual([{ file: 'dr.yaml', line: 11, path: 'spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection' }]);
    const e = edgeAB(r);
    expect(e.requests).toBeGreaterThan(50);
    expect(e.connections.opened).toBe(e.requests);
    const zero = importDr('    connectionPool:\n      http:\n        maxRequestsPerConnection: 0\n');
    expect(service(zero, 'b').policy).toBeUndefined();
    expect(zero.w).toContain('dr.yaml:11: spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection: 0: Istio reads it as unlimited (its default); left out');
  });

  it('connectionPool.http.h2UpgradePolicy UPGRADE becomes policy.h2UpgradePolicy: between two sidecars one HTTP/2 connection carries what takes HTTP/1.1 several', () => {
    const up = importDr('    connectionPool:\n      http:\n        h2UpgradePolicy: UPGRADE\n', { aConcurrency: 16, bTime: '40ms' }, 200);
    expect(service(up, 'b').policy).toEqual({ h2UpgradePolicy: 'UPGRADE' });
    const h1 = importDr('    connectionPool:\n      http:\n        h2UpgradePolicy: DO_NOT_UPGRADE\n', { aConcurrency: 16, bTime: '40ms' }, 200);
    expect(service(h1, 'b').policy).toEqual({ h2UpgradePolicy: 'DO_NOT_UPGRADE' });
    const [e2, e1] = [edgeAB(up, 2000), edgeAB(h1, 2000)];
    // a's sidecar keeps one connection per a replica (one here) over HTTP/2.
    expect(e2.connections.opened).toBe(1);
    expect(e1.connections.opened).toBeGreaterThan(4);
    const bad = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'dr.yaml': dr('    connectionPool:\n      http:\n        h2UpgradePolicy: ALWAYS\n') }, workload('a', apps()));
    expect(bad.e).toEqual(['dr.yaml:11: spec.trafficPolicy.connectionPool.http.h2UpgradePolicy: must be one of DEFAULT, DO_NOT_UPGRADE, UPGRADE, got "ALWAYS"']);
  });

  it('connectionPool.http.maxConcurrentStreams becomes policy.maxConcurrentStreams', () => {
    const r = importDr('    connectionPool:\n      http:\n        h2UpgradePolicy: UPGRADE\n        maxConcurrentStreams: 4\n');
    expect(service(r, 'b').policy).toEqual({ h2UpgradePolicy: 'UPGRADE', maxConcurrentStreams: 4 });
  });

  it('outlierDetection.minHealthPercent becomes policy.healthyPanicThreshold: at 60 with 1 of 2 replicas ejected (50% healthy) the pool panics and keeps sending to the bad one', () => {
    const od = (min: number) => `    outlierDetection:\n      consecutive5xxErrors: 1\n      interval: 100ms\n      baseEjectionTime: 30s\n      maxEjectionPercent: 100\n      minHealthPercent: ${min}\n`;
    const r = importDr(od(60), { bReplicas: 2 }, 50);
    expect(service(r, 'b').policy).toEqual({ outlierDetection: { consecutive5xx: 1, interval: '100ms', baseEjectionTime: '30s', maxEjectionPercent: 100 }, healthyPanicThreshold: 60 });
    expect(r.provenance['services.1.policy.healthyPanicThreshold']).toEqual([{ file: 'dr.yaml', line: 14, path: 'spec.trafficPolicy.outlierDetection.minHealthPercent' }]);
    // Replica 0 of b answers 503 to everything; retries are off so each try shows.
    const abort = [{ type: 'http-abort', service: 'b', replica: 0, percent: 100, status: 503, at: 0 }];
    const noRetry = (x: ReturnType<typeof importDr>) => {
      x.validated!.services[0].calls[0].policy = { ...x.validated!.services[0].calls[0].policy, retries: { attempts: 0, retryOn: [], retriableStatusCodes: [], backoff: { base: 25 } } } as never;
      return x;
    };
    const panic = edgeAB(noRetry(r), 5000, abort);
    const sane = edgeAB(noRetry(importDr(od(0), { bReplicas: 2 }, 50)), 5000, abort);
    expect(panic.panic).toBeGreaterThan(100);
    expect(panic.failed / panic.requests).toBeGreaterThan(0.35);
    expect(sane.panic).toBe(0);
    expect(sane.failed / sane.requests).toBeLessThan(0.05);
  });
});

describe('DestinationRule loadBalancer.localityLbSetting, imported', () => {
  it('distribute becomes policy.localityLbSetting.distribute, with its lines', () => {
    const r = importDr('    loadBalancer:\n      localityLbSetting:\n        enabled: true\n        distribute:\n        - from: region-1/zone-a\n          to:\n            "region-1/zone-a": 70\n            "region-1/zone-b": 30\n    outlierDetection:\n      consecutive5xxErrors: 5\n');
    expect(service(r, 'b').policy.localityLbSetting).toEqual({ enabled: true, distribute: [{ from: 'region-1/zone-a', to: { 'region-1/zone-a': 70, 'region-1/zone-b': 30 } }] });
    expect(notModelled(r)).toEqual([]);
    expect(r.provenance['services.1.policy.localityLbSetting.distribute']).toEqual([{ file: 'dr.yaml', line: 12, path: 'spec.trafficPolicy.loadBalancer.localityLbSetting.distribute' }]);
  });

  it('failover becomes policy.localityLbSetting.failover; failoverPriority is warned, not modelled', () => {
    const r = importDr('    loadBalancer:\n      simple: ROUND_ROBIN\n      localityLbSetting:\n        failover:\n        - from: us-east\n          to: eu-west\n        failoverPriority:\n        - topology.kubernetes.io/region\n    outlierDetection:\n      consecutive5xxErrors: 5\n');
    expect(service(r, 'b').policy).toMatchObject({ loadBalancer: 'round-robin', localityLbSetting: { failover: [{ from: 'us-east', to: 'eu-west' }] } });
    expect(notModelled(r)).toEqual(['dr.yaml:15: spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority: not modelled (dropped)']);
  });

  it("distribute weights that do not add up to 100 are refused at the manifest's line, as Istio refuses them", () => {
    const wl = workload('a', apps());
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'dr.yaml': dr('    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: "*"\n          to:\n            "region-1": 60\n') }, wl);
    expect(r.e).toEqual(['dr.yaml:11: spec.trafficPolicy.loadBalancer.localityLbSetting.distribute: weights must add up to 100, as Istio requires; got 60 (scenario services.b.policy.localityLbSetting.distribute.0.to)']);
  });
});

describe('DestinationRule trafficPolicy.retryBudget (Istio 1.27+), imported onto the routes into the service and run', () => {
  const abort = [{ type: 'http-abort', service: 'b', replica: 0, percent: 100, status: 503, at: 0 }];

  it('retryBudget {percent 10, minRetryConcurrency 1} becomes retries.budget on a -> b, carried by Istio\'s default retries written out, with its line', () => {
    const r = importDr('    retryBudget:\n      percent: 10\n      minRetryConcurrency: 1\n      budgetInterval: 0s\n');
    expect(notModelled(r)).toEqual([]);
    // Not on b's own policy: there a `retries` would make every caller retry, gateways too.
    expect(service(r, 'b').policy).toBeUndefined();
    expect(service(r, 'a').calls[0]).toEqual({
      service: 'b',
      policy: { retries: { attempts: 2, retryOn: ['connect-failure', 'refused-stream', 'retriable-status-codes'], retriableStatusCodes: [503], budget: { percent: 10, minConcurrency: 1 } } },
    });
    expect(r.provenance['services.0.calls.0.policy.retries.budget']).toEqual([{ file: 'dr.yaml', line: 9, path: 'spec.trafficPolicy.retryBudget' }]);
    expect(scenarioYaml(r.scenario!, r.provenance)).toContain("dr.yaml:9 spec.trafficPolicy.retryBudget (a sidecar and no retries set: Istio's default retries, 2 on connect-failure, refused-stream and 503, written out to carry the budget)");
    // Istio's defaults for what is left out: 20% and at least 3.
    const d = importDr('    retryBudget: {}\n');
    expect(service(d, 'a').calls[0].policy.retries.budget).toEqual({ percent: 20, minConcurrency: 3 });
  });

  it('a budget of 0% and no minimum lets b, answering every try 503, get no retry at all; without it each call makes its 2 retries', () => {
    const none = edgeAB(importDr('    retryBudget: { percent: 0, minRetryConcurrency: 0 }\n'), 5000, abort);
    const free = edgeAB(importDr('    connectionPool:\n      http:\n        maxRetries: 1000\n'), 5000, abort);
    expect(none.requests).toBeGreaterThan(30);
    expect(none.retries).toBe(0);
    // Every call's 2 retries (a few calls' retries still in flight at the end are counted already).
    expect(free.retries).toBeGreaterThanOrEqual(2 * free.requests);
    expect(free.retries).toBeLessThanOrEqual(2 * free.requests + 4);
  });

  it('budgetInterval over 0 is warned, not modelled; a retryBudget under connectionPool.http is no Istio field and says where it goes', () => {
    const r = importDr('    retryBudget: { percent: 25, budgetInterval: 10s }\n    connectionPool:\n      http:\n        retryBudget: { percent: 5 }\n');
    expect(service(r, 'a').calls[0].policy.retries.budget).toEqual({ percent: 25, minConcurrency: 3 });
    expect(r.w).toContain('dr.yaml:9: spec.trafficPolicy.retryBudget.budgetInterval: not modelled (dropped): the budget counts the requests active and pending now, as with budgetInterval 0s (the default)');
    expect(r.w).toContain("dr.yaml:12: spec.trafficPolicy.connectionPool.http.retryBudget: not modelled (dropped): Istio's HTTPSettings have no retryBudget; the retry budget is trafficPolicy.retryBudget (Istio 1.27+)");
  });

  it("at a gateway, only a route that retries gets the budget: the gateway's own Envoy is given no retries by it", () => {
    const gw = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: edge-routes
  namespace: shop
spec:
  hosts: [shop.example.com]
  gateways: [edge]
  http:
  - match: [{ uri: { prefix: /retry } }]
    route: [{ destination: { host: b } }]
    retries: { attempts: 1 }
  - route: [{ destination: { host: b } }]
`;
    const r = imp({ 'ns.yaml': NAMESPACE, 'b.yaml': app('b'), 'gw.yaml': gw, 'dr.yaml': dr('    retryBudget: { percent: 30 }\n') }, workload('edge', '  - { name: b, serviceTime: 1ms }'));
    expect(r.e).toEqual([]);
    const routes = (r.scenario as unknown as { gateways: { routes: { policy?: unknown }[] }[] }).gateways[0].routes;
    expect(routes.map((x) => x.policy)).toEqual([{ retries: { attempts: 1, budget: { percent: 30, minConcurrency: 3 } } }, undefined]);
  });
});

