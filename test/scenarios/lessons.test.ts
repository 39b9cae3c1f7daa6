import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { validateScenario, type Scenario } from '../../src/scenario';
import { relErr, scenario, scenarioFile } from '../models/helpers';
import { withoutSidecars } from '../../src/workers/plainTwin';
import { causeIs, failed, play, routesOf, seedsOf, sentIn, share } from './play';

/*
 * Each canned scenario makes one claim with a number (its `lesson`). These tests run the file
 * as shipped and check the claim, with the file's own seed and two others.
 */

/** The same scenario with every sidecar removed, as the app's lesson figures run it (plainTwin.ts). */
const plainOf = (input: Record<string, unknown>): Scenario => scenario(withoutSidecars(input));

const rawFile = (name: string): Record<string, unknown> => {
  const path = fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
};

describe('every canned scenario tells its story', () => {
  const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'hello-mesh.json' && f !== 'mm1.json' && f !== 'schema.json');
  const sentences = (text: string) => text.split(/[.!?]+(?=\s+[A-Z(]|\s*$)/).filter((x) => x.trim()).length;

  it('there are the workshop scenarios of issue 5', () => {
    expect(files.sort()).toEqual(
      [
        'config-rollout.json',
        'control-plane-boundary.json',
        'control-plane-boundary-fixed.json',
        'control-plane-outage.json',
        'gateway-and-mesh.json',
        'gateway-only.json',
        'idle-timeout-race.json',
        'istio-load-test.json',
        'istio-load-test-baseline.json',
        'istio-load-test-full.json',
        'l4-vs-l7.json',
        'mesh-only.json',
        'partial-adoption.json',
        'partial-adoption-fixed.json',
        'retry-storm-fixed.json',
        'retry-storm.json',
        'third-party-direct.json',
        'third-party-service.json',
        'two-meshes-cert-expiry.json',
        'two-meshes-direct.json',
        'two-meshes-via-gateway.json',
        'zone-failover.json',
      ].sort(),
    );
  });

  it.each(files)('%s has a title, a 2-3 sentence description, a lesson with a number and 3-6 narrative steps', (file) => {
    const s = scenarioFile(file);
    expect(s.name).toBe(file.replace(/\.json$/, ''));
    expect(s.title?.length).toBeGreaterThan(10);
    expect(sentences(s.description ?? '')).toBeGreaterThanOrEqual(2);
    expect(sentences(s.description ?? '')).toBeLessThanOrEqual(3);
    expect(s.lesson).toMatch(/\d/);
    expect(s.narrative.length).toBeGreaterThanOrEqual(3);
    expect(s.narrative.length).toBeLessThanOrEqual(6);
    for (const step of s.narrative) {
      expect(sentences(step.text)).toBeGreaterThanOrEqual(1);
      expect(sentences(step.text)).toBeLessThanOrEqual(3);
      expect(step.highlight.length).toBeGreaterThan(0);
    }
  });
});

describe('gateway-only: one downstream failure reaches the user', () => {
  const s = scenarioFile('gateway-only.json');
  it.each(seedsOf(s))('a hung inventory replica (1 of 3) fails a third of user requests; nothing retries (seed %i)', (seed) => {
    const { fates, summary } = play(s, seed);
    // (A request sent just before 20 s may still meet the hung replica.)
    expect(share(sentIn(fates, 0, 19_500), failed)).toBe(0);
    const during = sentIn(fates, 21_000, 58_000);
    expect(Math.abs(share(during, failed) - 1 / 3)).toBeLessThan(0.04);
    // Fast 503s from its full queue, and the few it takes in time out at the gateway.
    expect(share(during.filter(failed), causeIs('queue-full'))).toBeGreaterThan(0.9);
    expect(share(during.filter(failed), causeIs('queue-full', 'timeout'))).toBe(1);
    for (const e of Object.values(summary.edges)) expect(e.retries).toBe(0);
  });
});

describe('mesh-only: the same failure is absorbed, at a visible cost', () => {
  const s = scenarioFile('mesh-only.json');
  const plain = plainOf(rawFile('mesh-only.json'));
  it.each(seedsOf(s))('under 0.5% of user requests fail; the replica is ejected; ~1.7 ms proxy CPU and 3-4 ms per request (seed %i)', (seed) => {
    const { w, fates, summary } = play(s, seed);
    expect(share(sentIn(fates, 21_000, 58_000), failed)).toBeLessThan(0.005);
    // The frontend proxy in zone-a, the hung replica's zone, ejected it (and only it). With outlier
    // detection set, Istio's locality load balancing keeps the zone-b frontend on inventory's
    // zone-b replica: it never sent the hung one anything, so it never ejected it.
    const zoneOf = (r: { callerHost: number }) => w.network.hosts[r.callerHost].zone;
    const routes = routesOf(w, 'frontend', 'inventory');
    expect(routes.map(zoneOf)).toEqual(['zone-a', 'zone-b']);
    expect(routes[0].ejections[0]).toBeGreaterThanOrEqual(1);
    expect([...routes[0].ejections].slice(1)).toEqual([0, 0]);
    expect([...routes[1].ejections]).toEqual([0, 0, 0]);
    // Ten proxy passes per request at 0.174 ms of CPU each (src/models/proxy/calibration.ts).
    const cpuMs = Object.values(summary.proxies).reduce((t, p) => t + p.cpuMs, 0);
    expect(relErr(cpuMs / fates.length, 1.74)).toBeLessThan(0.1);
    // The same shop without sidecars (and still with the hung replica): the proxies' latency.
    const bare = play(plain, seed);
    expect(share(sentIn(bare.fates, 21_000, 58_000), failed)).toBeGreaterThan(0.28);
    const added = w.latency.quantile(0.5) - bare.w.latency.quantile(0.5);
    expect(added).toBeGreaterThan(2.5);
    expect(added).toBeLessThan(4.5);
  });
});

describe('gateway-and-mesh: each layer does its part', () => {
  const s = scenarioFile('gateway-and-mesh.json');
  it.each(seedsOf(s))('the gateway refuses 17% at the door (401, 429, 410); the mesh keeps admitted failures under 0.5% (seed %i)', (seed) => {
    const { w, fates, summary } = play(s, seed);
    const gw = summary.gateways.edge;
    const rejected = share(fates, causeIs('unauthenticated', 'rate-limited', 'sunset'));
    expect(Math.abs(rejected - 0.17)).toBeLessThan(0.02);
    // Each cause, from its own client, by the numbers.
    expect(fates.filter(causeIs('unauthenticated'))).toEqual(fates.filter((f) => f.client === 'scraper'));
    // Sunset at 40 s, judged when the request reaches the gateway (about 40 ms after it is sent).
    expect(share(sentIn(fates, 40_000, Infinity, 'old-app'), causeIs('sunset'))).toBe(1);
    expect(fates.filter(causeIs('sunset')).every((f) => f.client === 'old-app' && f.sentAt >= 39_800)).toBe(true);
    expect(share(sentIn(fates, 0, 39_800, 'old-app'), causeIs('ok'))).toBe(1);
    const partnerOk = fates.filter((f) => f.client === 'bulk-export' && f.cause === 'ok').length;
    expect(partnerOk).toBeLessThanOrEqual(20 + 20 * 60);
    expect(partnerOk).toBeGreaterThan(0.95 * 20 * 60);
    // Rejected requests never reach a service; the gateway does not retry, so each forward is one arrival.
    expect(w.serviceByName('frontend').arrivals).toBe(gw.forwarded);
    const admitted = fates.filter((f) => !causeIs('unauthenticated', 'rate-limited', 'sunset')(f));
    expect(share(admitted, failed)).toBeLessThan(0.005);
    expect(routesOf(w, 'edge', 'frontend').every((r) => r.mtls)).toBe(true);
  });
});

describe('retry storm: retries at every layer multiply', () => {
  const storm = scenarioFile('retry-storm.json');
  const fixed = scenarioFile('retry-storm-fixed.json');
  /** Attempts reaching payments per user request sent, in steady outage (11 s to 24 s), and before it. */
  const attempts = (s: Scenario, seed: number) => {
    const at: Record<number, { arrivals: number; sent: number }> = {};
    const snap = (t: number) => (w: World) => (at[t] = { arrivals: w.serviceByName('payments').arrivals, sent: w.sent });
    const run = play(s, seed, { 9_000: snap(9_000), 11_000: snap(11_000), 24_000: snap(24_000) });
    const per = (a: number, b: number) => (at[b].arrivals - at[a].arrivals) / (at[b].sent - at[a].sent);
    return { ...run, before: at[9_000].arrivals / at[9_000].sent, during: per(11_000, 24_000) };
  };

  it.each(seedsOf(storm))('2 retries at 3 layers send a failing payments (1+2)^3 = 27 attempts per user request, saving none (seed %i)', (seed) => {
    const { fates, before, during } = attempts(storm, seed);
    expect(relErr(before, 1)).toBeLessThan(0.02);
    expect(relErr(during, 27)).toBeLessThan(0.05);
    // (The storm takes up to a second of backoffs: a request sent near 24 s may outlive the outage.)
    expect(share(sentIn(fates, 10_500, 23_000), failed)).toBe(1);
    expect(share(sentIn(fates, 26_000, 40_000), failed)).toBe(0);
  });

  it.each(seedsOf(fixed))('the fix, one layer with a budget, sends at most 1+2 = 3 and loses about as many requests (seed %i)', (seed) => {
    const f = attempts(fixed, seed);
    expect(relErr(f.before, 1)).toBeLessThan(0.02);
    expect(f.during).toBeLessThanOrEqual(3);
    expect(relErr(f.during, 3)).toBeLessThan(0.1);
    expect(share(sentIn(f.fates, 10_500, 23_000), failed)).toBe(1);
    // Against the storm on the same seed: a ninth of the load, and within 10% as many losses.
    const s = attempts(storm, seed);
    expect(s.during / f.during).toBeGreaterThan(8.5);
    expect(Math.abs(s.w.failed - f.w.failed) / s.w.failed).toBeLessThan(0.1);
  });
});

describe('partial adoption: a team without sidecars', () => {
  const s = scenarioFile('partial-adoption.json');
  it.each(seedsOf(s))('STRICT refuses 100% of its calls; PERMISSIVE lets them in unretried at 5% failure vs <0.1% for meshed callers (seed %i)', (seed) => {
    const { w, fates, summary } = play(s, seed);
    expect(share(fates.filter((f) => f.client === 'analysts'), causeIs('tls-plaintext-rejected'))).toBe(1);
    // None of them reach the orders app: every arrival there is a storefront call.
    const fromStorefront = summary.edges['storefront->orders'];
    expect(w.serviceByName('orders').arrivals).toBe(fromStorefront.requests + fromStorefront.retries);
    const search = fates.filter((f) => f.client === 'searchers');
    expect(Math.abs(share(search, failed) - 0.05)).toBeLessThan(0.015);
    expect(share(fates.filter((f) => f.client === 'shoppers'), failed)).toBeLessThan(0.001);
    expect(routesOf(w, 'search', 'catalog').every((r) => !r.mtls && r.policy.retries === 0)).toBe(true);
    expect(routesOf(w, 'storefront', 'catalog').every((r) => r.mtls && r.policy.retries === 2)).toBe(true);
  });
});

describe('control-plane reach: a line of business behind a boundary', () => {
  const s = scenarioFile('control-plane-boundary.json');
  it.each(seedsOf(s))('payments proxies get no config: 100% of calls into it fail, 25% of user requests (seed %i)', (seed) => {
    const { w, fates, summary } = play(s, seed);
    expect(summary.meshes.corp.proxies).toEqual({ total: 10, fresh: 6, stale: 0, noConfig: 4 });
    expect(summary.meshes.corp.certificates.issued).toBe(6);
    expect(w.serviceByName('ledger').arrivals).toBe(0);
    expect(w.serviceByName('fraud-check').arrivals).toBe(0);
    expect(summary.edges['checkout->ledger'].ok).toBe(0);
    expect(Math.abs(share(fates, failed) - 0.25)).toBeLessThan(0.03);
    expect(share(fates.filter(failed), causeIs('no-config'))).toBe(1);
    expect(summary.edges['storefront->catalog'].failed).toBe(0);
  });
});

describe('a third party behind an egress gateway', () => {
  const s = scenarioFile('third-party-service.json');
  it.each(seedsOf(s))('the partner never sees more than its contract, and no call waits past 300 ms (seed %i)', (seed) => {
    const perSecond: number[] = [];
    let last = 0;
    const checkpoints: Record<number, (w: World) => void> = {};
    for (let t = 1000; t <= 60_000; t += 1000) {
      checkpoints[t] = (w) => {
        const forwarded = w.gateways[0].forwarded;
        perSecond.push(forwarded - last);
        last = forwarded;
      };
    }
    const { summary } = play(s, seed, checkpoints);
    const gw = summary.gateways.egress;
    // A bucket of 10, refilled with 5 every 250 ms: in any second at most the 10 saved up plus
    // four refills, and 20 a second over the minute.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(30);
    expect(Math.max(...perSecond)).toBeGreaterThan(20);
    expect(gw.forwarded).toBeLessThanOrEqual(10 + 20 * 60);
    const quoteRequests = gw.requests;
    expect(Math.abs(gw.rejected['rate-limited'] / quoteRequests - 1 / 3)).toBeLessThan(0.05);
    // The slow tail is cut at 300 ms: that many partner calls time out, and no ok call took longer.
    const toPartner = summary.edges['egress->shipping-partner'];
    expect(toPartner.failed / toPartner.requests).toBeGreaterThan(0.045);
    expect(toPartner.failed / toPartner.requests).toBeLessThan(0.095);
    expect(toPartner.latencyMs!.max).toBeLessThanOrEqual(300);
    expect(toPartner.failures).toEqual({ timeout: toPartner.failed });
    expect(summary.failures.timeout).toBe(toPartner.failed);
    expect(summary.edges['checkout->egress'].retries).toBe(0);
  });
});

describe('two meshes, two CAs', () => {
  const direct = scenarioFile('two-meshes-direct.json');
  const bridged = scenarioFile('two-meshes-via-gateway.json');
  it.each(seedsOf(direct))('a direct call fails the handshake for >= 99% of requests and none reach the ledger (seed %i)', (seed) => {
    const { w, fates } = play(direct, seed);
    expect(share(fates, causeIs('tls-unknown-ca'))).toBeGreaterThanOrEqual(0.99);
    expect(w.serviceByName('ledger').arrivals).toBe(0);
  });
  it.each(seedsOf(bridged))('through a bridging gateway >= 99% succeed, both hops mutual TLS (seed %i)', (seed) => {
    const { w, fates } = play(bridged, seed);
    expect(share(fates, causeIs('ok'))).toBeGreaterThanOrEqual(0.99);
    expect(routesOf(w, 'checkout', 'payments-bridge').every((r) => r.mtls)).toBe(true);
    expect(routesOf(w, 'payments-bridge', 'ledger').every((r) => r.mtls)).toBe(true);
    expect(w.serviceByName('ledger').arrivals).toBeGreaterThan(0.99 * fates.length);
  });
});

describe("two-meshes-cert-expiry: a bridge cut off from one CA (DOMAIN idea 4)", () => {
  const s = scenarioFile('two-meshes-cert-expiry.json');
  it.each(seedsOf(s))("its payments certificate holds to 20 s, then 100% of checkouts ended 22-25 s fail tls-expired-cert on the bridge->ledger hop, none on retail's; renewed at 25 s, 100% ok from 26 s (seed %i)", (seed) => {
    const { fates, summary } = play(s, seed);
    const ended = (from: number, to: number) => fates.filter((f) => f.endedAt >= from && f.endedAt < to);
    // The partition starts at 5 s; the certificate is valid until 20 s and the ledger's connections live 1 s.
    expect(share(sentIn(fates, 0, 19_800), failed)).toBe(0);
    // Step 3's figure: requests ended 22 s - 25 s (the window the app measures), all tls-expired-cert.
    expect(share(ended(22_000, 25_000), causeIs('tls-expired-cert'))).toBe(1);
    // Step 4's figure: after the retry at 25 s renews it, every checkout ended from 26 s succeeds.
    expect(share(ended(26_000, 35_000), causeIs('ok'))).toBe(1);
    const toLedger = summary.edges['payments-bridge->ledger'];
    expect(toLedger.failures['tls-expired-cert']).toBeGreaterThan(0);
    expect(toLedger.responseFlags.UF).toBe(toLedger.failures['tls-expired-cert']);
    // Retail's hop ends mutual TLS with the other identity, from the other CA: it never fails on its own.
    expect(summary.edges['checkout->payments-bridge'].failures['tls-expired-cert'] ?? 0).toBe(0);
    expect(summary.meshes.retail.certificates.expired).toBe(0);
    // The bridge's two replicas' payments identities expired; the ledger's (reaching its control plane) did not.
    expect(summary.meshes.payments.certificates.expired).toBe(2);
  });
});

describe('control-plane outage', () => {
  const s = scenarioFile('control-plane-outage.json');
  it.each(seedsOf(s))('stale config works (<0.5% failing, a third of tries to the dead replica) until the 60 s TTL; within 5 s of it 100% tls-expired-cert (seed %i)', (seed) => {
    const counts: Record<number, { calls: number; retries: number }> = {};
    const snap = (t: number) => (w: World) => {
      const rs = routesOf(w, 'frontend', 'orders');
      counts[t] = { calls: w.edgeStats[rs[0].edge].requests, retries: rs.reduce((n, r) => n + r.retriesStarted, 0) };
    };
    const { fates, summary } = play(s, seed, { 21_000: snap(21_000), 59_000: snap(59_000) });
    expect(share(sentIn(fates, 0, 20_000), failed)).toBe(0);
    // Between the kill and the expiry, round robin over stale endpoints: a third of all tries
    // (first tries and retries) go to the dead replica, and each is retried elsewhere.
    const calls = counts[59_000].calls - counts[21_000].calls;
    const retries = counts[59_000].retries - counts[21_000].retries;
    expect(Math.abs(retries / (calls + retries) - 1 / 3)).toBeLessThan(0.02);
    expect(share(sentIn(fates, 20_500, 59_500), failed)).toBeLessThan(0.005);
    // Certificates issued at 0 s with a 60 s TTL: nothing fails the handshake before 60 s.
    expect(fates.filter(causeIs('tls-expired-cert')).every((f) => f.endedAt >= 60_000)).toBe(true);
    // Connections open at 60 s live out their 5 s; every later request needs a new handshake.
    const expired = sentIn(fates, 65_500, 80_000);
    expect(share(expired, failed)).toBe(1);
    expect(share(expired, causeIs('tls-expired-cert'))).toBeGreaterThan(0.6);
    expect(share(expired, causeIs('tls-expired-cert', 'connect-refused'))).toBe(1);
    // Back at 80 s: reconnected, renewed and routing around the dead replica within ~10 s.
    expect(share(sentIn(fates, 92_000, 100_000), failed)).toBe(0);
    expect(summary.meshes.shop.certificates.expired).toBe(5);
    expect(summary.meshes.shop.certificates.renewalsFailed).toBeGreaterThan(0);
  });
});

describe('L4 vs L7: TCP the gateway cannot route', () => {
  const s = scenarioFile('l4-vs-l7.json');
  it('a gateway route to the TCP database is refused with a path and a reason', () => {
    const input = rawFile('l4-vs-l7.json') as { gateways: { routes: unknown[] }[] };
    input.gateways[0].routes.push({ service: 'postgres' });
    const r = validateScenario(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path: 'gateways.0.routes.1.service', message: expect.stringMatching(/plain TCP; a gateway routes HTTP only/) });
  });
  it.each(seedsOf(s))('the mesh puts 100% of postgres connections in mTLS and refuses 100% of plaintext (seed %i)', (seed) => {
    const { w, fates, summary } = play(s, seed);
    const db = routesOf(w, 'orders', 'postgres');
    expect(db.every((r) => r.mtls && !r.policy.l7)).toBe(true);
    expect(summary.edges['orders->postgres'].failed).toBe(0);
    expect(share(fates.filter((f) => f.client === 'shoppers'), causeIs('ok'))).toBe(1);
    expect(share(fates.filter((f) => f.client === 'nightly-etl'), causeIs('tls-plaintext-rejected'))).toBe(1);
    expect(w.serviceByName('postgres').arrivals).toBe(summary.edges['orders->postgres'].requests);
  });
});

describe("Istio's load test, scaled down", () => {
  const s = scenarioFile('istio-load-test.json');
  const plain = scenarioFile('istio-load-test-baseline.json');

  it('ships a baseline twin: the same scenario with every sidecar taken out', () => {
    const twin = plainOf(rawFile('istio-load-test.json'));
    expect({ ...plain, name: twin.name, title: undefined, description: undefined, lesson: undefined, narrative: [] }).toEqual({
      ...twin,
      title: undefined,
      description: undefined,
      lesson: undefined,
      narrative: [],
    });
  });

  it.each(seedsOf(s))('two sidecars add 2.65 ms at p90 (within 10%) and 0.35 vCPU per 1000 req/s per proxy (seed %i)', (seed) => {
    const mesh = new World(s, seed);
    mesh.runUntil();
    const bare = new World(plain, seed);
    bare.runUntil();
    expect(mesh.sidecars).toHaveLength(20);
    expect(mesh.sent).toBeGreaterThan(38_000);
    const added = mesh.latency.quantile(0.9) - bare.latency.quantile(0.9);
    expect(relErr(added, 2.65)).toBeLessThan(0.1);
    const seconds = mesh.sim.now / 1000;
    for (const sc of mesh.sidecars) {
      // Each proxy carries one client's 1000 req/s.
      const vcpu = sc.cpuMs(mesh.sim.now) / 1000 / seconds;
      expect(relErr(vcpu, 0.35)).toBeLessThan(0.1);
    }
  });
});
