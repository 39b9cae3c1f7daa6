// Session 53, F6 (F5's found-and-left): a retried try named its retry-on conditions in a fixed order (5xx,
// gateway-error, reset, ...), whatever the route said: a route written [reset, 5xx] read "5xx, reset". The compiled
// policy keeps the route's own order (retryOnOrder), as a person wrote it and as Envoy's config dump and istioctl list
// x-envoy-retry-on's conditions; the words follow it. The order changes no decision.
import { describe, expect, it } from 'vitest';
import { RetryOn, retryConditionsMatched, retryOnNames } from '../../src/models/envoy/retryState';
import { compilePolicy } from '../../src/models/proxy/policy';
import { changeReach } from '../../src/models/policyReach';
import { retryReason } from '../../src/models/spans/retryReason';
import { changeSchema } from '../../src/scenario';
import { scenarioFile } from './helpers';

const service = { name: 'inventory' } as never;

describe("retry-on conditions in the route's order", () => {
  it('compilePolicy keeps the order written, once each; the bits are the same set whatever the order', () => {
    const written = compilePolicy(service, { retries: { attempts: 2, retryOn: ['reset', 'connect-failure', '5xx', 'reset'], retriableStatusCodes: [503], backoff: { base: 25 } } }, true, true);
    expect(written.retryOnOrder).toEqual(['reset', 'connect-failure', '5xx']);
    const other = compilePolicy(service, { retries: { attempts: 2, retryOn: ['5xx', 'connect-failure', 'reset'], retriableStatusCodes: [503], backoff: { base: 25 } } }, true, true);
    expect(written.retryOn).toBe(other.retryOn);
    // Istio's default for a sidecar, in Istio's order (connect-failure,refused-stream,...,retriable-status-codes).
    expect(compilePolicy(service, undefined, true, true).retryOnOrder).toEqual(['connect-failure', 'refused-stream', 'retriable-status-codes']);
    expect(compilePolicy(service, undefined, false, true).retryOnOrder).toEqual([]);
  });

  it('retryOnNames and retryConditionsMatched follow the order given; without one, RETRY_ON_BITS order', () => {
    const on = RetryOn.fiveXx | RetryOn.reset | RetryOn.gatewayError;
    expect(retryOnNames(on, ['reset', 'gateway-error', '5xx'])).toEqual(['reset', 'gateway-error', '5xx']);
    expect(retryOnNames(on)).toEqual(['5xx', 'gateway-error', 'reset']);
    // A set condition missing from the order comes after it; a name the policy does not set is left out.
    expect(retryOnNames(on, ['reset', 'connect-failure'])).toEqual(['reset', '5xx', 'gateway-error']);
    // A per-try timeout (local timeout) under [reset, gateway-error, 5xx]: all three match, in that order.
    expect(retryConditionsMatched(on, [], 'timeout', 504, true, ['reset', 'gateway-error', '5xx'])).toEqual(['reset', 'gateway-error', '5xx']);
  });

  it("the try's reason names them as the route wrote them: [reset, 5xx] reads 'reset, 5xx' (was '5xx, reset')", () => {
    const policy = compilePolicy(service, { timeout: 1000, retries: { attempts: 2, perTryTimeout: 250, retryOn: ['reset', '5xx'], retriableStatusCodes: [503], backoff: { base: 25 } } }, true, true);
    const route = { policy, sidecar: {}, activeRetries: 0, retryLimit: () => 3 };
    const call = { attempts: 1, policy: null };
    expect(retryReason(route as never, call as never, 'timeout', 504, true, 12.5)).toBe("retry-on reset, 5xx matched timeout (HTTP 504: this router's per-try timeout of 250 ms fired); retry 1 of 2 after 12.50 ms backoff");
    expect(retryReason(route as never, call as never, 'http-4xx', 404, false, null)).toBe('not retriable: http-4xx (HTTP 404) matches none of retry-on [reset, 5xx] (codes 503)');
  });

  it("a change that only reorders mesh-only's inventory retryOn alters no request: policyReach reads it as already in force", () => {
    const s = scenarioFile('mesh-only.json');
    const reordered = changeSchema.parse({ type: 'policy', service: 'inventory', at: '5s', policy: { retries: { attempts: 2, perTryTimeout: '250ms', retryOn: ['connect-failure', 'reset', 'gateway-error', '5xx'] } } });
    const reach = changeReach(s, reordered)!;
    expect(reach.callers.map((c) => [c.route.caller, c.status])).toEqual([['frontend', 'unchanged']]);
  });
});
