import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/models';
import { NAMESPACE, app, imp } from './helpers';

/** An ingress Gateway whose VirtualService serves `hosts` on path /, to app a. */
const gateway = (hosts: string[]) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop-gateway
  namespace: shop
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*"]
${hosts
  .map(
    (h, i) => `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: edge-${i}
  namespace: shop
spec:
  hosts: [${h}]
  gateways: [shop-gateway]
  http:
  - match:
    - uri: { prefix: / }
    route:
    - destination: { host: a }
    timeout: 5s
`,
  )
  .join('')}`;

const workload = (client: string) => `name: t
duration: 5s
clients:
  - { name: shoppers, type: open, rate: 20, ${client} }
apps:
  - { name: a, serviceTime: 2ms }
`;

function runOk(r: ReturnType<typeof imp>) {
  expect(r.e).toEqual([]);
  expect(r.validated).not.toBeNull();
  const sum = runScenario(r.validated!, { durationMs: 5000 }).summary;
  return sum;
}

describe("a workload client of an ingress Gateway reaches its routes' host", () => {
  it('a client that targets the host a Gateway serves (shop.example.com) goes to that gateway with that host (it was refused: no Gateway, Service or ServiceEntry host of that name)', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'gw.yaml': gateway(['shop.example.com']) }, workload('target: shop.example.com'));
    expect((r.scenario as any).clients[0]).toMatchObject({ target: 'shop-gateway', host: 'shop.example.com' });
    expect(r.w).toContain('workload.yaml:4: clients[0].target: "shop.example.com" is a host Gateway shop-gateway serves: the client sends to shop-gateway with host: shop.example.com');
    const sum = runOk(r);
    expect(sum.requests.sent).toBeGreaterThan(80);
    expect(sum.requests.ok).toBeGreaterThan(0.95 * sum.requests.sent);
    expect(sum.failures['no-route'] ?? 0).toBe(0);
  });

  it('a client that targets the Gateway by name with no host is sent with the one host its routes match (every request was a 404, no route, and lint said nothing)', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'gw.yaml': gateway(['shop.example.com']) }, workload('target: shop-gateway'));
    expect((r.scenario as any).clients[0]).toMatchObject({ target: 'shop-gateway', host: 'shop.example.com' });
    expect(r.w).toContain('workload.yaml:4: clients[0].target: gives no host, and every route of Gateway shop-gateway matches host shop.example.com: sent with host: shop.example.com (without it every request would be a 404, no route)');
    const sum = runOk(r);
    expect(sum.requests.ok).toBeGreaterThan(0.95 * sum.requests.sent);
    expect(sum.failures['no-route'] ?? 0).toBe(0);
  });

  it("a client's own host is kept; with routes for two hosts and none given, the 404s are warned, not guessed", () => {
    const mine = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'gw.yaml': gateway(['shop.example.com']) }, workload('target: shop-gateway, host: other.example.com'));
    expect((mine.scenario as any).clients[0]).toMatchObject({ target: 'shop-gateway', host: 'other.example.com' });
    expect(mine.w.filter((w) => w.includes('clients[0]'))).toEqual([]);
    const two = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'gw.yaml': gateway(['shop.example.com', 'api.example.com']) }, workload('target: shop-gateway'));
    expect((two.scenario as any).clients[0].host).toBeUndefined();
    expect(two.w).toContain('workload.yaml:4: clients[0].target: gives no host, and every route of Gateway shop-gateway matches one (shop.example.com, api.example.com): every request will be a 404 (no route); give the client host: one of them');
  });

  it('a target that is nothing in the manifests names what a client may target', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'gw.yaml': gateway(['shop.example.com']) }, workload('target: shop.example.org'));
    expect(r.e).toEqual(['workload.yaml:4: clients[0].target: "shop.example.org": no Gateway, Service or ServiceEntry host of that name in the manifests (targets: shop-gateway, a, or a host a Gateway\'s VirtualService serves)']);
  });
});
