import { describe, expect, it } from 'vitest';
import type { World } from '../../src/models';
import { relErr, scenarioFile } from '../models/helpers';
import { causeIs, failed, play, routesOf, seedsOf, share, type Fate } from './play';

/*
 * The "before"/"after" twins of session 44: each twin is its sibling with one fix applied, and the
 * compare view's ready-made pair sets them side by side on one seed (B runs with A's seed). Each
 * test plays both on the same seed, as the compare view does, and checks the lesson's number in
 * each: the difference between them is what the pair teaches.
 */

/** The fates of one client's requests. */
const of = (fates: Fate[], client: string) => fates.filter((f) => f.client === client);
/** Proxy CPU (ms, over every sidecar) per user request sent. */
const proxyCpuPerRequest = (r: ReturnType<typeof play>) => Object.values(r.summary.proxies).reduce((t, p) => t + p.cpuMs, 0) / r.fates.length;

describe('partial adoption vs the last team taking sidecars', () => {
  const before = scenarioFile('partial-adoption.json');
  const after = scenarioFile('partial-adoption-fixed.json');
  it.each(seedsOf(before))('with sidecars on reports and search, analysts go from 100% refused to 0% and searchers from 5% to under 0.1% failing, at about 1.2 ms of proxy CPU a request instead of 0.76 ms (seed %i)', (seed) => {
    const a = play(before, seed);
    const b = play(after, seed);
    expect(share(of(a.fates, 'analysts'), causeIs('tls-plaintext-rejected'))).toBe(1);
    expect(share(of(b.fates, 'analysts'), failed)).toBe(0);
    expect(Math.abs(share(of(a.fates, 'searchers'), failed) - 0.05)).toBeLessThan(0.015);
    expect(share(of(b.fates, 'searchers'), failed)).toBeLessThan(0.001);
    expect(share(of(b.fates, 'shoppers'), failed)).toBeLessThan(0.001);
    // The same workload on both sides: the fix changes what happens to each request, not how many.
    expect(b.fates.length).toBe(a.fates.length);
    // Search's calls are now mutual TLS and retried twice, as storefront's are; reports' reach orders.
    expect(routesOf(b.w, 'search', 'catalog').every((r) => r.mtls && r.policy.retries === 2)).toBe(true);
    expect(b.summary.edges['reports->orders'].ok).toBe(b.summary.edges['reports->orders'].requests);
    expect(relErr(proxyCpuPerRequest(a), 0.76)).toBeLessThan(0.08);
    expect(relErr(proxyCpuPerRequest(b), 1.2)).toBeLessThan(0.08);
  });
});

describe('a partner API called directly vs through an egress gateway', () => {
  const before = scenarioFile('third-party-direct.json');
  const after = scenarioFile('third-party-service.json');
  /** Calls the partner received in each whole second of the run. */
  const perSecond = (s: typeof before, seed: number) => {
    const counts: number[] = [];
    let last = 0;
    const checkpoints: Record<number, (w: World) => void> = {};
    for (let t = 1000; t <= 60_000; t += 1000) {
      checkpoints[t] = (w) => {
        const arrivals = w.serviceByName('shipping-partner').arrivals;
        counts.push(arrivals - last);
        last = arrivals;
      };
    }
    return { ...play(s, seed, checkpoints), counts };
  };

  it("on seed 8, the partner gets 1,850 calls and up to 43 in one second directly, 1,204 and 25 (of the 30 its bucket allows) through the gateway; the partner link's p99 is 481 ms and the user requests' 542 ms directly", () => {
    const a = perSecond(before, 8);
    const b = perSecond(after, 8);
    expect([a.summary.edges['checkout->shipping-partner'].requests, Math.max(...a.counts)]).toEqual([1850, 43]);
    expect(a.summary.edges['checkout->shipping-partner'].latencyMs?.p99).toBe(481);
    expect(b.summary.edges['egress->shipping-partner'].requests).toBe(1204);
    expect(Math.max(...b.counts)).toBe(25);
    // The user requests' p99 (the step's figure reads 542 ms in the app, about 400 ms through the gateway).
    expect(a.summary.latencyMs!.p99).toBe(542);
    expect(b.summary.latencyMs!.p99).toBeLessThan(410);
  });

  it.each(seedsOf(before))('directly, every quote reaches the partner (about 1.5x its contract over the minute, over 30 in some second) and none is cut; through the gateway at most 30 in any second (seed %i)', (seed) => {
    const a = perSecond(before, seed);
    const b = perSecond(after, seed);
    const calls = a.summary.edges['checkout->shipping-partner'];
    expect(calls.failed).toBe(0);
    expect(share(a.fates, failed)).toBe(0);
    expect(calls.requests).toBe(a.w.serviceByName('shipping-partner').arrivals);
    expect(calls.requests).toBeGreaterThan(1.4 * 1210);
    expect(Math.max(...a.counts)).toBeGreaterThan(30);
    expect(calls.latencyMs!.p99).toBeGreaterThan(400);
    expect(b.w.serviceByName('shipping-partner').arrivals).toBeLessThanOrEqual(1210);
    expect(Math.max(...b.counts)).toBeLessThanOrEqual(30);
  });
});

describe('a control plane out of reach vs one behind the boundary', () => {
  const before = scenarioFile('control-plane-boundary.json');
  const after = scenarioFile('control-plane-boundary-fixed.json');
  it.each(seedsOf(before))('with its own control plane, every proxy behind the boundary is configured and failures fall from about 25% (no-config) to 0 (seed %i)', (seed) => {
    const a = play(before, seed);
    const b = play(after, seed);
    expect(Math.abs(share(a.fates, failed) - 0.25)).toBeLessThan(0.03);
    expect(share(a.fates.filter(failed), causeIs('no-config'))).toBe(1);
    expect(b.summary.meshes.corp.proxies).toEqual({ total: 6, fresh: 6, stale: 0, noConfig: 0 });
    expect(b.summary.meshes.payments.proxies).toEqual({ total: 4, fresh: 4, stale: 0, noConfig: 0 });
    // The 4 proxies' certificates and the bridge's 2 replicas' payments identities, all from payments' CA.
    expect(b.summary.meshes.payments.certificates.issued).toBe(6);
    expect(share(b.fates, failed)).toBe(0);
    // Every checkout reaches the ledger and fraud-check, through the bridge, both hops mutual TLS.
    expect(b.w.serviceByName('ledger').arrivals).toBe(b.w.serviceByName('checkout').arrivals);
    expect(b.w.serviceByName('fraud-check').arrivals).toBe(b.w.serviceByName('ledger').arrivals);
    expect(routesOf(b.w, 'checkout', 'payments-bridge').every((r) => r.mtls)).toBe(true);
    expect(routesOf(b.w, 'payments-bridge', 'ledger').every((r) => r.mtls)).toBe(true);
  });
});
