import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintMain, scenarioFindings, simulateFindings, type LintReport } from '../../src/cli/lint';
import { validateScenario, type Scenario } from '../../src/scenario';

// MS013: a client every request of which ends 404 no-route (Envoy's NR), at a gateway none of
// whose routes matches it, or at a sidecar whose call's routes all match headers it lacks.

function scenario(data: Record<string, unknown>): Scenario {
  const r = validateScenario({ name: 't', duration: '10s', ...data });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}
const none = () => undefined;
const ms013 = (s: Scenario) => scenarioFindings(s, none).filter((f) => f.code === 'MS013');

/** users -> gateway api, whose routes take /orders and host admin.shop, to orders. */
const shop = (client: Record<string, unknown>) =>
  scenario({
    clients: [{ name: 'users', type: 'open', rate: 10, target: 'api', ...client }],
    gateways: [{ name: 'api', routes: [{ match: { pathPrefix: '/orders' }, service: 'orders' }, { match: { host: 'admin.shop' }, service: 'orders' }] }],
    services: [{ name: 'orders', serviceTime: '1ms' }],
  });

/** users (end-user: bob) -> front, whose call to reviews-v2 routes only end-user: jason. */
const routed = (routes: unknown[], probability = 1) =>
  scenario({
    clients: [{ name: 'users', type: 'open', rate: 10, target: 'front', headers: { 'end-user': 'bob' } }],
    services: [
      { name: 'front', sidecar: true, serviceTime: '1ms', calls: [{ service: 'reviews-v2', probability, routes }] },
      { name: 'reviews', sidecar: true, serviceTime: '1ms' },
      { name: 'reviews-v2', sidecar: true, serviceTime: '1ms' },
    ],
  });
const jasonOnly = [{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'reviews-v2' }] }];

describe('MS013 client-requests-no-route', () => {
  it("trips on a client sending path /v2/orders to a gateway that routes /orders* and host admin.shop: an error at clients.0.path, and the healthy run measures 106 of 106 calls no-route, 0 ok", () => {
    const s = shop({ path: '/v2/orders' });
    const found = ms013(s);
    expect(found).toHaveLength(1);
    const f = found[0];
    expect(f).toMatchObject({ code: 'MS013', rule: 'client-requests-no-route', severity: 'error', field: 'clients.0.path', resource: { kind: 'Client', name: 'users' } });
    expect(f.message).toBe(
      "every request of users ends 404 no-route (NR) at gateway api: users sends host (none), path /v2/orders, version (none), and none of api's 2 routes matches it (routes.0 path /orders* -> orders; routes.1 host admin.shop -> orders); the nearest, routes.0, differs only in path",
    );
    expect(f.fix).toBe('Send a path under /orders from users (clients.0.path), or add a route to api for it (match.pathPrefix: /v2/orders)');
    simulateFindings(s, none, found);
    expect(f.simulated).toBe(true);
    expect(f.figure.text).toBe('106 of 106 calls users->api ended 404 no-route (NR), and 0 of 106 requests of users ended ok, in 10 s simulated');
    expect(f.figure.values).toMatchObject({ calls: 106, noRoute: 106, clientRequests: 106, clientOk: 0 });
  });

  it('does not trip when one route matches: path /orders/7, or host admin.shop with path /', () => {
    expect(ms013(shop({ path: '/orders/7' }))).toEqual([]);
    expect(ms013(shop({ host: 'admin.shop' }))).toEqual([]);
  });

  it('names the host when the nearest route differs only in host (a version route missing too is not the nearest)', () => {
    const s = scenario({
      clients: [{ name: 'app', type: 'open', rate: 1, target: 'edge', host: 'shop.example.com' }],
      gateways: [{ name: 'edge', routes: [{ match: { host: 'api.example.com' }, service: 'a' }, { match: { host: 'api.example.com', version: 'v2' }, service: 'a' }] }],
      services: [{ name: 'a', serviceTime: '1ms' }],
    });
    const [f] = ms013(s);
    expect(f.field).toBe('clients.0.host');
    expect(f.fix).toBe('Send host api.example.com from app (clients.0.host), or add a route to edge for host shop.example.com');
  });

  it("trips at the call's routes when every route of a call all requests make matches end-user: jason and the client sends bob; not with a default route, nor when the call is made at probability 0.5", () => {
    const [f] = ms013(routed(jasonOnly));
    expect(f).toMatchObject({ field: 'services.0.calls.0.routes', resource: { kind: 'Service', name: 'front' } });
    expect(f.message).toBe("every request of users ends 404 no-route (NR) at front's sidecar, on its call to reviews-v2: users sends end-user: bob, and every route of the call matches on headers it does not carry (routes.0 end-user: jason -> reviews-v2)");
    expect(f.fix).toBe("Add a last route without a match to front's call to reviews-v2 (Istio: a final http route with no match, the default), or send a header one route matches from users (clients.0.headers)");
    simulateFindings(routed(jasonOnly), none, [f]);
    expect(f.figure.values).toMatchObject({ edge: 'front->reviews-v2', calls: 106, noRoute: 106, clientOk: 0 });
    expect(ms013(routed([...jasonOnly, { to: [{ service: 'reviews' }] }]))).toEqual([]);
    expect(ms013(routed(jasonOnly, 0.5))).toEqual([]);
  });

  it('trips on a service calling an egress gateway whose only route matches a host: a service sends none, so every request of the client behind it ends no-route there', () => {
    const s = scenario({
      clients: [{ name: 'users', type: 'open', rate: 1, target: 'shop' }],
      gateways: [{ name: 'egress', routes: [{ match: { host: 'partner.example.com' }, service: 'partner' }] }],
      services: [
        { name: 'shop', serviceTime: '1ms', calls: [{ service: 'egress' }] },
        { name: 'partner', serviceTime: '1ms', external: true },
      ],
    });
    const [f] = ms013(s);
    expect(f.field).toBe('gateways.0.routes');
    expect(f.message).toContain('every request of users ends 404 no-route (NR) at gateway egress: shop (on every request of users) sends host (none), path /, version (none)');
    expect(f.figure.values.edge).toBe('shop->egress');
  });

  it('a canary split trips only when every weighted target leads to no-route', () => {
    const canary = (v2Weight: number) =>
      scenario({
        clients: [{ name: 'users', type: 'open', rate: 1, target: 'api', headers: { 'end-user': 'bob' } }],
        gateways: [{ name: 'api', mesh: 'mesh', routes: [{ service: 'v1', canary: [{ service: 'v1', weight: 100 - v2Weight }, { service: 'v2', weight: v2Weight }] }] }],
        services: [
          { name: 'v1', sidecar: true, serviceTime: '1ms', calls: [{ service: 'db', routes: [{ match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'db' }] }] }] },
          { name: 'v2', sidecar: true, serviceTime: '1ms' },
          { name: 'db', sidecar: true, serviceTime: '1ms' },
        ],
      });
    expect(ms013(canary(0)).map((f) => f.field)).toEqual(['services.0.calls.0.routes']);
    expect(ms013(canary(10))).toEqual([]);
  });
});

/** An ingress Gateway whose VirtualServices route hosts shop.example.com and api.example.com to app a. */
const TWO_HOSTS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { istio-injection: enabled }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: a, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: a } }
  template:
    metadata: { labels: { app: a } }
    spec: { containers: [{ name: a, image: a }] }
---
apiVersion: v1
kind: Service
metadata: { name: a, namespace: shop }
spec:
  selector: { app: a }
  ports: [{ port: 80, name: http }]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: shop-gateway, namespace: shop }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: edge-0, namespace: shop }
spec:
  hosts: [shop.example.com]
  gateways: [shop-gateway]
  http:
  - route:
    - destination: { host: a }
    timeout: 5s
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: edge-1, namespace: shop }
spec:
  hosts: [api.example.com]
  gateways: [shop-gateway]
  http:
  - route:
    - destination: { host: a }
    timeout: 5s
`;
const WORKLOAD = `name: t
duration: 5s
clients:
  - { name: shoppers, type: open, rate: 20, target: shop-gateway }
apps:
  - { name: a, serviceTime: 2ms }
`;

describe('MS013 through meshsim lint', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'meshsim-nr-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  it('is an error at the client\'s path line in the file, with the measured figure, and exits 1', async () => {
    const file = join(tmp, 'nr.json');
    const text = JSON.stringify(
      { name: 'nr', duration: '10s', clients: [{ name: 'users', type: 'open', rate: 10, target: 'api', path: '/v2/orders' }], gateways: [{ name: 'api', routes: [{ match: { pathPrefix: '/orders' }, service: 'orders', policy: { timeout: '5s' } }] }], services: [{ name: 'orders', serviceTime: '1ms' }] },
      null,
      2,
    );
    writeFileSync(file, text);
    let stdout = '';
    const code = await lintMain([file, '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as LintReport;
    const f = report.findings.find((x) => x.code === 'MS013')!;
    expect(f.resource).toEqual({ kind: 'Client', name: 'users', file, line: text.split('\n').findIndex((l) => l.includes('"path"')) + 1 });
    expect(f.figure.text).toBe('106 of 106 calls users->api ended 404 no-route (NR), and 0 of 106 requests of users ended ok, in 10 s simulated');
    expect(report.counts.error).toBe(1);
  });

  it("finds, in manifests, a workload client of a Gateway that routes two hosts and is given neither (the importer's warning said so; lint said nothing): at the workload's client line", async () => {
    const dir = join(tmp, 'k8s');
    mkdirSync(dir);
    writeFileSync(join(dir, 'gw.yaml'), TWO_HOSTS);
    writeFileSync(join(dir, 'workload.yaml'), WORKLOAD);
    let stdout = '';
    const code = await lintMain([dir, '--json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
    expect(code).toBe(1);
    const f = (JSON.parse(stdout) as LintReport).findings.find((x) => x.code === 'MS013')!;
    expect(f.resource).toEqual({ kind: 'Client', name: 'shoppers', file: join(dir, 'workload.yaml'), line: 4 });
    expect(f.field).toBe('clients.0.host');
    expect(f.figure.text).toBe('96 of 96 calls shoppers->shop-gateway ended 404 no-route (NR), and 0 of 96 requests of shoppers ended ok, in 5 s simulated');
    expect(f.fix).toBe('Send host shop.example.com from shoppers (clients.0.host), or add a route to shop-gateway without match.host (one that takes any host)');
  });
});
