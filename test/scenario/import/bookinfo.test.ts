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
    // Only the containers (what the app does is in the workload) and the ingress pods are left out;
    // productpage's own retries are flattened with its sidecar's (Istio's default), said for each call.
    expect(r.warnings.map((w) => w.path)).toEqual([...Array(6).fill('spec.template.spec'), 'apps[0].calls[0].policy', 'apps[0].calls[1].policy', 'spec.selector']);
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
    // The app's 1 retry times its sidecar's 3 tries (Istio's default), each try cut at 2 s, the app's 2 tries at 4 s.
    expect(r.validated!.services[0].calls[1]).toMatchObject({ service: 'reviews-v2', policy: { timeout: 4000, retries: { attempts: 5, perTryTimeout: 2000 } } });
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
    // The header match is left out here (the next tests run it with the match): every request takes jason's route.
    const task = files('tasks/delay-for-jason')[0];
    const everyone = { ...task, text: task.text.replace(/  - match:\n    - headers:\n        end-user:\n          exact: jason\n    /g, '  - ') };
    const r = importManifests([...files('platform'), everyone], files('workload.yaml')[0]);
    expect(r.errors).toEqual([]);
    const s = r.validated!;
    expect(s.services[0].calls[1]).toMatchObject({ service: 'reviews-v2', policy: { timeout: 6000, retries: { attempts: 5, perTryTimeout: 3000 } } });
    const sum = run(r);
    const edge = sum.edges['productpage->reviews-v2'];
    expect(sum.requests.ok).toBe(0);
    expect(edge.failures).toEqual({ timeout: edge.failed });
    expect(edge.failed).toBeGreaterThan(50);
    // reviews itself waits up to 10 s for ratings, so its calls end ok, after productpage gave up.
    expect(sum.edges['reviews-v2->ratings'].failed).toBe(0);
    expect(sum.edges['reviews-v2->ratings'].latencyMs!.p50).toBeGreaterThanOrEqual(7000);
  });

  it('shift 50/50 and the delay for jason import into calls[].routes (a weighted split; a header match), which validate and run', () => {
    const shift = importTask('shift-50-50');
    expect(shift.validated).not.toBeNull();
    expect((shift.scenario as any).services[0].calls[1]).toMatchObject({ service: 'reviews-v1', routes: [{ to: [{ service: 'reviews-v1', weight: 50 }, { service: 'reviews-v3', weight: 50 }] }] });
    expect(shift.warnings.map(formatImportMessage).filter((w) => w.includes('not simulated'))).toEqual([]);
    const jason = importTask('delay-for-jason');
    expect(jason.validated).not.toBeNull();
    // The app's own retry (3 s a try) under its sidecar's Istio default (2 retries on connect failures and 503): 6 tries at a 503, 6 s in all.
    const flat = { timeout: '6s', retries: { attempts: 5, perTryTimeout: '3s', retryOn: ['gateway-error', 'connect-failure', 'reset', 'refused-stream', 'retriable-status-codes'], retriableStatusCodes: [503] } };
    expect((jason.scenario as any).services[0].calls[1].routes).toEqual([
      { match: { headers: { 'end-user': 'jason' } }, to: [{ service: 'reviews-v2', weight: 100 }], policy: flat },
      { to: [{ service: 'reviews-v1', weight: 100 }], policy: flat },
    ]);
  });

  it('shift 50/50 runs: reviews-v1 and reviews-v3 each get 0.43 to 0.57 of the calls to reviews, v2 none; v3 alone calls ratings', () => {
    const sum = run(importTask('shift-50-50'));
    const v1 = sum.edges['productpage->reviews-v1'].requests;
    const v3 = sum.edges['productpage->reviews-v3'].requests;
    expect(sum.requests.failed).toBe(0);
    // Every call productpage made to reviews went to one of the two.
    expect(v1 + v3).toBe(sum.edges['productpage->details'].requests);
    expect(sum.edges['productpage->reviews-v2']).toBeUndefined();
    // About 450 calls in 20 s, each a fair coin: the share's sd is 0.024, so ±0.07 is about 3 sd (seed 1: 235 and 219).
    expect(v1 / (v1 + v3)).toBeGreaterThan(0.43);
    expect(v1 / (v1 + v3)).toBeLessThan(0.57);
    expect(sum.edges['reviews-v3->ratings'].requests).toBe(v3);
    expect(sum.edges['reviews-v2->ratings'].requests).toBe(0);
  });

  it("the delay for jason runs: each of jason's pages fails (reviews-v2 timed out at 3 s twice, 6 s < 7 s) while every other reader's page is served from reviews-v1", () => {
    const sum = run(importTask('delay-for-jason'));
    const jason = sum.edges['jason->bookinfo-gateway'];
    const readers = sum.edges['readers->bookinfo-gateway'];
    expect(readers.failed).toBe(0);
    expect(readers.requests).toBeGreaterThan(350);
    expect(jason.requests).toBeGreaterThan(20);
    expect(jason.ok).toBe(0);
    expect(sum.failures).toEqual({ timeout: jason.requests });
    // Readers take the default route to v1 (no ratings); jason's route goes to v2 and gives up.
    expect(sum.edges['productpage->reviews-v1']).toMatchObject({ requests: readers.requests, failed: 0 });
    const v2 = sum.edges['productpage->reviews-v2'];
    expect(v2.failures).toEqual({ timeout: v2.failed });
    expect(v2.failed).toBe(jason.requests);
    expect(v2.retries).toBeGreaterThanOrEqual(v2.failed);
    // Only jason's calls reach ratings, each delayed 7 s by the fault on his route; reviews waits (10 s).
    expect(sum.edges['reviews-v2->ratings'].failed).toBe(0);
    expect(sum.edges['reviews-v2->ratings'].latencyMs!.p50).toBeGreaterThanOrEqual(7000);
    // A page ends about 6 s after it is sent: at 2/s, about 12 of jason's are still waiting at 20 s.
    expect(sum.requests.inFlight).toBeGreaterThanOrEqual(6);
  });

  it("without a workload, the one client sends on the gateway's first route (/productpage), so its requests are served, not 404", () => {
    const r = importManifests(files('platform'));
    expect(r.errors).toEqual([]);
    expect(r.validated!.clients[0]).toMatchObject({ name: 'users', rate: 10, target: 'bookinfo-gateway', path: '/productpage' });
    const sum = run(r, 5);
    expect(sum.requests.failed).toBe(0);
    expect(sum.requests.ok).toBeGreaterThan(30);
  });

  it('the same recipe gives the same trace hash (delay for jason, twice)', () => {
    expect(run(importTask('delay-for-jason')).traceHash).toBe(run(importTask('delay-for-jason')).traceHash);
  });

  it('the platform without a VirtualService for reviews runs: calls spread over reviews-v1..v3 by replica count (one each: 0.25 to 0.42 each)', () => {
    const r = importManifests(files('platform'), files('workload.yaml')[0]);
    expect(r.errors).toEqual([]);
    const sum = run(r);
    const n = ['reviews-v1', 'reviews-v2', 'reviews-v3'].map((v) => sum.edges[`productpage->${v}`].requests);
    const total = n[0] + n[1] + n[2];
    expect(sum.requests.failed).toBe(0);
    expect(total).toBe(sum.edges['productpage->details'].requests);
    // About 450 calls, a third each: the share's sd is 0.022, so ±0.085 is nearly 4 sd (seed 1: 162, 146, 146).
    for (const k of n) {
      expect(k / total).toBeGreaterThan(0.25);
      expect(k / total).toBeLessThan(0.42);
    }
    expect(sum.edges['reviews-v2->ratings'].requests + sum.edges['reviews-v3->ratings'].requests).toBe(n[1] + n[2]);
  });
});
