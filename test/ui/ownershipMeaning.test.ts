import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { ownershipOf, type Overlap } from '../../src/models/ownership';
import { callBoundMs, overlapMeaning } from '../../src/ui/ownership/overlapMeaning';
import { scenario, scenarioFile } from '../models/helpers';

/** The sentence of the first overlap of `feature` in a scenario. */
const meaning = (s: ReturnType<typeof scenario>, feature: Overlap['feature']) => {
  const o = ownershipOf(s);
  const ov = o.overlaps.find((x) => x.feature === feature);
  if (!ov) throw new Error(`no ${feature} overlap`);
  return overlapMeaning(ov, o.paths);
};

/**
 * users -> gateway edge -> a (sidecar) -> b (sidecar), one request a second for 10 s; b answers
 * in `bTime` (20 s: it hangs). `route` is the gateway's route policy, `b` b's own policy.
 */
const nested = (route: Record<string, unknown>, b: Record<string, unknown>, extra: { clientTimeout?: string; bTime?: string } = {}) =>
  scenario({
    name: 'nested',
    duration: '10s',
    clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 1, target: 'edge', ...(extra.clientTimeout ? { timeout: extra.clientTimeout } : {}) }],
    gateways: [{ name: 'edge', routes: [{ service: 'a', policy: route }] }],
    services: [
      { name: 'a', sidecar: true, serviceTime: '1ms', concurrency: 100, calls: [{ service: 'b' }] },
      { name: 'b', sidecar: true, serviceTime: extra.bTime ?? '20s', concurrency: 100, policy: b },
    ],
  });
const sidecarTimers = { timeout: '1s', retries: { attempts: 2, perTryTimeout: '250ms', retryOn: ['5xx', 'gateway-error', 'reset'] } };

describe('what a feature owned twice does, in words, with the policies\' numbers', () => {
  it("gateway-and-mesh: the sidecar's 1 s (250 ms a try, up to 3 tries) fires first, the gateway's 2 s only past 2 s, and it passes the 504 on", () => {
    expect(meaning(scenarioFile('gateway-and-mesh.json'), 'timeouts')).toBe(
      "When inventory hangs, the sidecar's 1 s (250 ms a try, up to 3 tries) on frontend→inventory fires first; if no try answers, frontend answers 504. " +
        "The gateway's 2 s on edge→frontend spans that call: it fires only if frontend's answer takes over 2 s, and it passes that 504 on, not retrying it.",
    );
    // The mesh's tries end by 3 x 250 ms + backoffs of at most 25 and 50 ms: under its own 1 s and the gateway's 2 s.
    const p = ownershipOf(scenarioFile('gateway-and-mesh.json')).paths[1];
    const hop = p.hops[2];
    expect(hop.owners.timeouts!.timers).toEqual({ routeMs: 1000, perTryMs: 250 });
    expect(hop.owners.retries).toMatchObject({ tries: 3, backoffMs: 75 });
    expect(callBoundMs({ owner: hop.owners.timeouts!, retry: hop.owners.retries })).toBe(825);
  });

  it("retry-storm with Envoy's retry breaker of 3 at every hop: circuit breaking owned twice names the gateway's and the sidecar's breakers, their hops, and that the gateway retries a full one's 503", () => {
    // The shipped file lifts each breaker (maxRetries 100000: never trips, so not owned twice: ownership.test).
    const s = scenarioFile('retry-storm.json');
    for (const svc of s.services) if (svc.policy?.circuitBreaker) svc.policy.circuitBreaker = { maxRetries: 3 };
    for (const g of s.gateways) for (const r of g.routes) if (r.policy?.circuitBreaker) r.policy.circuitBreaker = { maxRetries: 3 };
    expect(meaning(s, 'circuit-breaking')).toBe(
      "The gateway's breaker on api→web and the sidecar's breaker on web→orders and orders→payments each count only their own hop's calls, blind to each other's: " +
        "the first one full refuses a call at once with a 503 (overflow, Envoy's UO); the gateway's retries on api→web try that 503 again, so a full breaker inside draws more calls rather than fewer.",
    );
  });

  it('retry-storm: retries multiply, 3 x 3 x 3 = 27 attempts at payments', () => {
    expect(meaning(scenarioFile('retry-storm.json'), 'retries')).toBe(
      "Retries multiply: each of the gateway's 3 attempts on api→web can start the sidecar's 3 on web→orders, each of those the sidecar's 3 on orders→payments: 3 × 3 × 3 = 27 attempts at payments for one request whose every attempt fails.",
    );
  });

  it('nested as meant (a 2 s gateway over the mesh\'s 1 s): the engine times out on a→b, and the gateway only passes the 504 on', () => {
    const s = nested({ timeout: '2s' }, sidecarTimers);
    expect(meaning(s, 'timeouts')).toContain("the sidecar's 1 s (250 ms a try, up to 3 tries) on a→b fires first");
    expect(meaning(s, 'timeouts')).toContain("The gateway's 2 s on edge→a spans that call: it fires only if a's answer takes over 2 s, and it passes that 504 on, not retrying it.");
    const { edges } = runScenario(s).summary;
    expect(edges['a->b'].failures).toEqual({ timeout: 10 });
    expect(edges['edge->a'].failures).toEqual({});
    expect(edges['edge->a'].failedDownstream).toBe(10);
  });

  it("inverted (a 1 s gateway over the mesh's 3 s): the gateway fires first and the sidecar's timeout only ends calls no one waits for, as the engine shows", () => {
    const s = nested({ timeout: '1s' }, { timeout: '3s' });
    expect(meaning(s, 'timeouts')).toBe("The gateway's 1 s on edge→a fires first: it answers 504 and drops its call, while a's call to b goes on for up to 3 s: the sidecar's timeout there only ends calls no one waits for.");
    const { edges } = runScenario(s).summary;
    // Every request the gateway ended failed there with its own timeout (the last is still in flight at 10 s).
    expect(edges['edge->a'].failures).toEqual({ timeout: edges['edge->a'].failed });
    expect(edges['edge->a'].failed).toBeGreaterThanOrEqual(9);
    // a's calls to b still time out at 3 s, but no request's failure comes from there.
    expect(edges['a->b'].failures.timeout).toBeGreaterThanOrEqual(7);
    expect(edges['edge->a'].failedDownstream).toBe(0);
  });

  it('an outer layer that retries a 504 starts the inner tries again: the engine sends each request to b twice', () => {
    const s = nested({ timeout: '5s', retries: { attempts: 1, retryOn: ['gateway-error'] } }, { timeout: '1s', retries: { attempts: 0 } });
    expect(meaning(s, 'timeouts')).toContain("The gateway's 5 s on edge→a spans that call: it fires only if a's answer takes over 5 s, and it retries that 504 (each of its 2 tries can start the sidecar's again).");
    const { edges } = runScenario(s, { durationMs: 20_000 }).summary;
    // Each request the gateway ended was tried twice, and b's sidecar timed out each try at 1 s.
    const ended = edges['edge->a'].failed;
    expect(ended).toBeGreaterThanOrEqual(18);
    expect(edges['edge->a'].failedDownstream).toBe(ended);
    expect(edges['edge->a'].retries).toBeGreaterThanOrEqual(ended);
    expect(edges['a->b'].failures.timeout).toBeGreaterThanOrEqual(2 * ended);
  });

  it("an outer per-try timeout shorter than the inner tries: the gateway's 300 ms a try fires first and tries again", () => {
    const s = nested({ timeout: '2s', retries: { attempts: 2, perTryTimeout: '300ms', retryOn: ['5xx'] } }, sidecarTimers);
    expect(meaning(s, 'timeouts')).toBe(
      "The gateway's 300 ms a try on edge→a fires first, while a's call to b may go on for up to 825 ms: it tries again, and the abandoned call's tries go on beside the new one's.",
    );
    const { edges } = runScenario(s).summary;
    expect(edges['edge->a'].retries).toBe(2 * edges['edge->a'].requests);
  });

  it("a per-try timeout Istio's default retries do not retry bounds the call at one try; a client's shorter deadline gives up first", () => {
    const s = nested({ timeout: '2s' }, { retries: { perTryTimeout: '400ms' } }, { clientTimeout: '1500ms' });
    expect(meaning(s, 'timeouts')).toContain("the sidecar's 400 ms a try on a→b fires first");
    expect(meaning(nested({ timeout: '2s' }, sidecarTimers, { clientTimeout: '500ms' }), 'timeouts')).toMatch(/The client's own 500 ms gives up before the gateway's 2 s can answer\.$/);
    expect(meaning(nested({ timeout: '2s' }, sidecarTimers, { clientTimeout: '3s' }), 'timeouts')).not.toContain('client');
    expect(meaning(nested({ timeout: 0 }, { timeout: '1s' }), 'timeouts')).toBe("The gateway sets no timeout on edge→a: it waits for a however long, and the sidecar's 1 s on a→b is the only one.");
    expect(meaning(nested({ timeout: 0 }, { timeout: '1s' }, { clientTimeout: '5s' }), 'timeouts')).toMatch(/is the only one\. The client's own 5 s is then the outer deadline\.$/);
  });
});
