import { describe, expect, it } from 'vitest';
import { NAMESPACE, app, destinationRule, imp, service, virtualService, workload } from './helpers';

const vs = virtualService;
const dr = destinationRule;

const callsB = `  - name: a
    serviceTime: 1ms
    calls:
      - service: b
  - { name: b, serviceTime: 2ms }`;

describe('importing each kind', () => {
  it('a Deployment gives its replicas, and a Namespace labelled istio-injection=enabled gives its pods a sidecar', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a', { replicas: 3 }) }, workload('a'));
    expect(r.e).toEqual([]);
    expect(service(r, 'a')).toMatchObject({ name: 'a', replicas: 3, sidecar: true, serviceTime: '1ms' });
    expect(r.provenance['services.0.replicas']).toEqual([{ file: 'a.yaml', line: 19, path: 'spec.replicas' }]);
    expect(r.provenance['services.0.sidecar']).toEqual([{ file: 'ns.yaml', line: 6, path: 'metadata.labels.istio-injection' }]);
  });

  it('the pod annotation sidecar.istio.io/inject: "false" wins over the namespace label, and a StatefulSet reads like a Deployment', () => {
    const off = `        sidecar.istio.io/inject: "false"`;
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a', { annotations: off }).replace('kind: Deployment', 'kind: StatefulSet') }, workload('a'));
    expect(r.e).toEqual([]);
    expect(service(r, 'a').sidecar).toBeUndefined();
    expect(r.resources.find((x) => x.kind === 'StatefulSet')).toMatchObject({ name: 'a', inject: false, replicas: 1 });
  });

  it('a namespace missing from the manifests gives no sidecar, with a warning that says why', () => {
    const r = imp({ 'a.yaml': app('a') }, workload('a'));
    expect(service(r, 'a').sidecar).toBeUndefined();
    expect(r.w).toContain('a.yaml:17: metadata.namespace: namespace "shop" is not in the manifests: its istio-injection label is unknown, so no sidecar (add the Namespace, or the pod annotation sidecar.istio.io/inject)');
  });

  it('a Service whose ports are all named tcp-* is a TCP service', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a').replace('name: http', 'name: tcp-db') }, workload('a'));
    expect(service(r, 'a').protocol).toBe('tcp');
  });

  it('a DestinationRule whose subsets split a Service by version makes one service per subset, named service-subset', () => {
    const r = imp(
      {
        'ns.yaml': NAMESPACE,
        'a.yaml': app('a'),
        'b.yaml': app('b', { version: 'v1', replicas: 2 }) + '---\n' + app('b', { version: 'v2' }).split('---\n')[1],
        'dr.yaml': dr('b', '  subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2\n'),
        'vs.yaml': vs('b', '  - route:\n    - destination:\n        host: b\n        subset: v2\n'),
      },
      workload('a', callsB),
    );
    expect(r.e).toEqual([]);
    expect(service(r, 'b-v1').replicas).toBe(2);
    expect(service(r, 'b-v2').replicas).toBe(1);
    expect(service(r, 'a').calls).toEqual([{ service: 'b-v2' }]);
    expect(r.validated).not.toBeNull();
  });

  it('without subsets, versions of one Service are one service with their replicas summed', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b', { version: 'v1', replicas: 2 }) + '---\n' + app('b', { version: 'v2' }).split('---\n')[1] }, workload('a', callsB));
    expect(service(r, 'b').replicas).toBe(3);
    expect(service(r, 'a').calls).toEqual([{ service: 'b' }]);
  });

  it("a VirtualService's timeout, retries (attempts, perTryTimeout, retryOn) and fault become the caller's route policy", () => {
    const http = `  - route:
    - destination:
        host: b
    timeout: 2s
    retries:
      attempts: 3
      perTryTimeout: 500ms
      retryOn: 5xx,reset,503
    fault:
      delay:
        percentage:
          value: 10
        fixedDelay: 7s
      abort:
        percentage:
          value: 5
        httpStatus: 500
`;
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs('b', http) }, workload('a', callsB));
    expect(r.e).toEqual([]);
    expect(service(r, 'a').calls[0]).toEqual({
      service: 'b',
      policy: {
        timeout: '2s',
        retries: { attempts: 3, perTryTimeout: '500ms', retryOn: ['5xx', 'reset', 'retriable-status-codes'], retriableStatusCodes: [503] },
        fault: { delay: { percent: 10, fixed: '7s' }, abort: { percent: 5, status: 500 } },
      },
    });
    expect(r.provenance['services.0.calls.0.policy.timeout']).toEqual([{ file: 'vs.yaml', line: 13, path: 'spec.http[0].timeout' }]);
  });

  it("a DestinationRule's trafficPolicy becomes the service's policy: load balancer, connection pool, outlier detection", () => {
    const spec = `  trafficPolicy:
    loadBalancer:
      simple: RANDOM
    connectionPool:
      tcp:
        maxConnections: 1
        connectTimeout: 250ms
      http:
        http1MaxPendingRequests: 1
        http2MaxRequests: 10
        maxRetries: 2
    outlierDetection:
      consecutive5xxErrors: 3
      interval: 5s
      baseEjectionTime: 60s
      maxEjectionPercent: 50
`;
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'dr.yaml': dr('b', spec) }, workload('a', callsB));
    expect(r.e).toEqual([]);
    expect(service(r, 'b').policy).toEqual({
      loadBalancer: 'random',
      circuitBreaker: { maxConnections: 1, maxPendingRequests: 1, maxRequests: 10, maxRetries: 2 },
      connectTimeout: '250ms',
      outlierDetection: { consecutive5xx: 3, interval: '5s', baseEjectionTime: '60s', maxEjectionPercent: 50 },
    });
  });

  it('a portLevelSettings entry for the Service\'s only port is taken as its policy', () => {
    const spec = '  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 8080\n      loadBalancer:\n        simple: ROUND_ROBIN\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'dr.yaml': dr('b', spec) }, workload('a', callsB));
    expect(service(r, 'b').policy).toEqual({ loadBalancer: 'round-robin' });
  });

  it('PeerAuthentication: a workload selector beats its namespace, which beats mesh-wide; DISABLE is taken as PERMISSIVE with a warning', () => {
    const pa = (ns: string, mode: string, sel = '') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: pa-${ns}-${mode}
  namespace: ${ns}
spec:
${sel}  mtls:
    mode: ${mode}
`;
    const files = { 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'c.yaml': app('c', { ns: 'other' }) + '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n  labels:\n    istio-injection: enabled\n' };
    const wl = workload('a', callsB + '\n  - { name: c, serviceTime: 1ms }');
    const r = imp({ ...files, 'pa.yaml': [pa('istio-system', 'STRICT'), pa('shop', 'PERMISSIVE'), pa('shop', 'DISABLE', '  selector:\n    matchLabels:\n      app: b\n')].join('---\n') }, wl);
    expect(r.e).toEqual([]);
    expect(service(r, 'a').mtls).toBe('PERMISSIVE');
    expect(service(r, 'b').mtls).toBe('PERMISSIVE');
    expect(service(r, 'c').mtls).toBe('STRICT');
    expect(r.w.some((w) => w.startsWith('pa.yaml:') && w.includes('spec.mtls.mode: DISABLE (for b): not modelled; taken as PERMISSIVE'))).toBe(true);
    expect(r.resources.filter((x) => x.kind === 'PeerAuthentication').map((x) => (x as { scope: string }).scope)).toEqual(['mesh', 'namespace', 'workload']);
  });

  it('an Istio Gateway and the VirtualService bound to it become a gateway with routes, weights as canary', () => {
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
  - match:
    - uri:
        prefix: /api
    route:
    - destination: { host: a }
      weight: 90
    - destination: { host: b }
      weight: 10
    timeout: 5s
`;
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'gw.yaml': gw }, workload('edge', '  - { name: a, serviceTime: 1ms }\n  - { name: b, serviceTime: 1ms }'));
    expect(r.e).toEqual([]);
    expect((r.scenario as any).gateways).toEqual([
      { name: 'edge', mesh: 'mesh', routes: [{ match: { host: 'shop.example.com', pathPrefix: '/api' }, service: 'a', canary: [{ service: 'a', weight: 90 }, { service: 'b', weight: 10 }], policy: { timeout: '5s' } }] },
    ]);
    expect(r.w).toContain("gw.yaml:7: spec.selector: selects no Deployment in the manifests (the ingress gateway's pods): 2 replicas assumed (the scenario's default)");
  });

  it('a ServiceEntry becomes an external service a workload app can call', () => {
    const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: pay\n  namespace: shop\nspec:\n  hosts:\n  - api.payments.example\n  location: MESH_EXTERNAL\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'se.yaml': se }, workload('a', '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: api.payments.example\n  - { name: api.payments.example, serviceTime: 40ms }'));
    expect(r.e).toEqual([]);
    expect(service(r, 'api.payments.example')).toMatchObject({ external: true, serviceTime: '40ms' });
    expect(service(r, 'a').calls).toEqual([{ service: 'api.payments.example' }]);
    expect(r.validated).not.toBeNull();
  });

  it("an app's own retries and its sidecar's multiply, and the sidecar's route timeout bounds each of the app's tries", () => {
    const http = '  - route:\n    - destination:\n        host: b\n    timeout: 2s\n    retries:\n      attempts: 2\n';
    const apps = '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: b\n        policy: { retries: { attempts: 1, perTryTimeout: 3s, retryOn: [gateway-error] } }\n  - { name: b, serviceTime: 2ms }';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs('b', http) }, workload('a', apps));
    // The sidecar's retries set no retryOn: Istio's default conditions, joined to the app's.
    expect(service(r, 'a').calls[0].policy).toEqual({ timeout: '4s', retries: { attempts: 5, perTryTimeout: '2s', retryOn: ['gateway-error', 'connect-failure', 'refused-stream', 'retriable-status-codes'], retriableStatusCodes: [503] } });
    expect(r.w).toContain(
      "workload.yaml:10: apps[0].calls[0].policy: the app's own timeout/retries and its sidecar's are flattened into one route policy (the model has one router per call): retries: the app's 1 and the sidecar's 2 multiply to 5 (6 tries at a failure both layers retry); the sidecar's 2s route timeout bounds each of the app's tries; the app gives up after its 2 tries of 2s: timeout 4s",
    );
  });
});
