import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/models';
import { formatImportMessage, importManifests, type ManifestFile } from '../../../src/scenario/import';

const dir = fileURLToPath(new URL('../../../examples/bookinfo/', import.meta.url));

/** The .yaml files under `paths` (relative to examples/bookinfo), folders walked in name order. */
function files(...paths: string[]): ManifestFile[] {
  const walk = (p: string): string[] => (statSync(join(dir, p)).isDirectory() ? readdirSync(join(dir, p)).sort().flatMap((f) => walk(join(p, f))) : [p]);
  return paths.flatMap(walk).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

function importTask(task: string, wl = 'workload.yaml', platform = ['platform']) {
  const r = importManifests([...files(...platform), ...files(`tasks/${task}`)], files(wl)[0]);
  expect(r.errors.map(formatImportMessage)).toEqual([]);
  return r;
}

/** Runs an imported scenario for `seconds` of simulated time. */
function run(r: ReturnType<typeof importTask>, seconds = 20) {
  expect(r.validated).not.toBeNull();
  return runScenario(r.validated!, { durationMs: seconds * 1000 }).summary;
}

describe("examples/bookinfo: each of Istio's traffic-management tasks, imported and run", () => {
  it('the manifests import as productpage, details, reviews-v1..v3 (split by the DestinationRule subsets) and ratings, all with sidecars', () => {
    const r = importTask('route-to-v1');
    const s = r.validated!;
    expect(s.services.map((x) => [x.name, x.replicas, x.sidecar])).toEqual([
      ['productpage', 2, true],
      ['details', 1, true],
      ['reviews-v1', 1, true],
      ['reviews-v2', 1, true],
      ['reviews-v3', 1, true],
      ['ratings', 1, true],
    ]);
    expect(s.gateways.map((g) => [g.name, g.routes.map((x) => x.match.pathPrefix)])).toEqual([['bookinfo-gateway', ['/productpage', '/api/v1/products']]]);
    // Only the containers (what the app does is in the workload) and the ingress pods are left out.
    expect(r.warnings.map((w) => w.path)).toEqual([...Array(6).fill('spec.template.spec'), 'spec.selector']);
  });

  it('route to v1: every call to reviews goes to reviews-v1, none to v2 or v3, so ratings gets nothing', () => {
    const sum = run(importTask('route-to-v1'));
    expect(sum.requests.failed).toBe(0);
    expect(sum.services['reviews-v1'].requests).toBe(sum.services.productpage.ok);
    expect(sum.services['reviews-v1'].requests).toBeGreaterThan(350);
    expect([sum.services['reviews-v2'].requests, sum.services['reviews-v3'].requests, sum.services.ratings.requests]).toEqual([0, 0, 0]);
  });

  it('a 2 s timeout on reviews (ratings delayed 3 s): every call to reviews ends in timeout after the app tried twice, no page is served', () => {
    const r = importTask('timeout-reviews');
    expect(r.validated!.services[0].calls[1]).toMatchObject({ service: 'reviews-v2', policy: { retries: { attempts: 1, perTryTimeout: 2000 } } });
    const sum = run(r);
    const edge = sum.edges['productpage->reviews-v2'];
    expect(sum.requests.ok).toBe(0);
    expect(Object.keys(sum.failures)).toEqual(['timeout']);
    expect(edge.failures).toEqual({ timeout: edge.failed });
    // One retry per failed call (the app's one retry), each try cut at 2 s.
    expect(edge.retries).toBeGreaterThanOrEqual(edge.failed);
    expect(edge.failed).toBeGreaterThan(50);
  });

  it('circuit breaking (maxConnections 1, http1MaxPendingRequests 1): under three requests in flight most calls to details overflow with 503', () => {
    const r = importTask('circuit-breaking', 'workload-load-test.yaml', ['platform/namespace.yaml', 'platform/apps.yaml']);
    expect(r.validated!.services.find((x) => x.name === 'details')!.policy).toMatchObject({ circuitBreaker: { maxConnections: 1, maxPendingRequests: 1 } });
    const sum = run(r, 10);
    const edge = sum.edges['load-generator->details'];
    expect(Object.keys(edge.failures)).toEqual(['overflow']);
    const share = edge.failed / edge.requests;
    // Two requests fit (one on the connection, one pending); the third of three overflows, most of the time.
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.8);
    expect(edge.connections.opened).toBe(1);
  });

  it("the 7 s delay for jason, were it applied to every reader: the page fails, because productpage gives reviews 3 s and one retry (6 s < 7 s)", () => {
    // The header match is left out here (see the todo below): every request takes jason's route.
    const task = files('tasks/delay-for-jason')[0];
    const everyone = { ...task, text: task.text.replace(/  - match:\n    - headers:\n        end-user:\n          exact: jason\n    /g, '  - ') };
    const r = importManifests([...files('platform'), everyone], files('workload.yaml')[0]);
    expect(r.errors).toEqual([]);
    const s = r.validated!;
    expect(s.services[0].calls[1]).toMatchObject({ service: 'reviews-v2', policy: { retries: { attempts: 1, perTryTimeout: 3000 } } });
    const sum = run(r);
    const edge = sum.edges['productpage->reviews-v2'];
    expect(sum.requests.ok).toBe(0);
    expect(edge.failures).toEqual({ timeout: edge.failed });
    expect(edge.failed).toBeGreaterThan(50);
    // reviews itself waits up to 10 s for ratings, so its calls end ok, after productpage gave up.
    expect(sum.edges['reviews-v2->ratings'].failed).toBe(0);
    expect(sum.edges['reviews-v2->ratings'].latencyMs!.p50).toBeGreaterThanOrEqual(7000);
  });

  it('shift 50/50 and the delay for jason import into calls[].routes (a weighted split; a header match), which the simulator refuses until it runs them', () => {
    const shift = importTask('shift-50-50');
    expect(shift.validated).toBeNull();
    expect((shift.scenario as any).services[0].calls[1]).toMatchObject({ service: 'reviews-v1', routes: [{ to: [{ service: 'reviews-v1', weight: 50 }, { service: 'reviews-v3', weight: 50 }] }] });
    expect(shift.warnings.map(formatImportMessage)).toContain(
      'tasks/shift-50-50/virtual-service-reviews.yaml:10: spec.http: weighted split across services at the caller is not simulated yet (the model sends every request to "services.0.calls.1.service"); this scenario cannot run until it is (scenario services.0.calls.1.routes)',
    );
    const jason = importTask('delay-for-jason');
    expect(jason.validated).toBeNull();
    expect((jason.scenario as any).services[0].calls[1].routes).toEqual([
      { match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'reviews-v2', weight: 100 }], policy: { retries: { attempts: 1, perTryTimeout: '3s', retryOn: ['gateway-error', 'connect-failure', 'reset'] } } },
      { to: [{ service: 'reviews-v1', weight: 100 }], policy: { retries: { attempts: 1, perTryTimeout: '3s', retryOn: ['gateway-error', 'connect-failure', 'reset'] } } },
    ]);
  });

  it.todo('shift 50/50 runs: about half of reviews traffic reaches reviews-v3 (needs the model to run calls[].routes: a weighted split across services at the caller)');
  it.todo("the delay for jason runs: jason's pages fail after 6 s (3 s x 2 tries < 7 s) and everyone else's pass (needs the model to run calls[].routes with a header match, and clients[].headers carried down the call chain)");
  it.todo('the platform without a VirtualService for reviews runs: requests spread over reviews-v1..v3 by replica count (needs the model to run calls[].routes: a weighted split)');
});
