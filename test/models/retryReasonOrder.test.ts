// "attempts exhausted" only for a retriable last failure, as Envoy's URX (T2's note, session 45):
// retry_state_impl.cc asks whether a failure would be retried (NoRetry) before the retries left
// (NoRetryLimitExceeded). A last try answered 404 under retry-on 5xx says its own cause.
import { describe, expect, it } from 'vitest';
import { retryReason } from '../../src/models/spans/retryReason';
import { RetryOn } from '../../src/models/envoy/retryState';

const policy = { l7: true, retries: 2, retryOn: RetryOn.fiveXx | RetryOn.gatewayError, retriableStatus: [] as number[], hasBudget: false, budgetPercent: 20, budgetMin: 3 };
const route = { policy, sidecar: {}, activeRetries: 0, retryLimit: () => 3 };
const call = (attempts: number) => ({ attempts, policy: null });

describe('retryReason after the last try', () => {
  it('says "attempts exhausted" when the third try of 1 + 2 retries failed with a 503 (retriable: URX)', () => {
    expect(retryReason(route as never, call(3) as never, 'http-5xx', 503, false, null)).toBe('attempts exhausted: 3 tries = 1 + 2 retries');
  });

  it("says the last failure's cause when it matches no retry-on: a 404 on the third try", () => {
    expect(retryReason(route as never, call(3) as never, 'http-4xx', 404, false, null)).toBe('not retriable: http-4xx (HTTP 404) matches none of retry-on [5xx, gateway-error]');
    // The same words on a first try: the count of tries left plays no part.
    expect(retryReason(route as never, call(1) as never, 'http-4xx', 404, false, null)).toBe(retryReason(route as never, call(3) as never, 'http-4xx', 404, false, null));
  });

  it('a local overflow (circuit breaker, UO) on the last try is not retriable either, so no "attempts exhausted"', () => {
    expect(retryReason(route as never, call(3) as never, 'overflow', 503, true, null)).toMatch(/^not retriable: overflow \(HTTP 503, seen by the router\)/);
  });

  it("a per-try timeout the router called itself names that router's per-try timeout and its length (trial N17, 7)", () => {
    const timed = { ...route, policy: { ...policy, retryOn: policy.retryOn | RetryOn.reset, perTryTimeout: 250 } };
    // Envoy retries a per-try timeout under 5xx, gateway-error or reset: each set is named (T3's trial, 9b: reset alone).
    expect(retryReason(timed as never, call(1) as never, 'timeout', 504, true, 12.5)).toBe("retry-on 5xx, gateway-error, reset matched timeout (HTTP 504: this router's per-try timeout of 250 ms fired); retry 1 of 2 after 12.50 ms backoff");
    const resetOnly = { ...route, policy: { ...policy, retryOn: RetryOn.reset | RetryOn.connectFailure, perTryTimeout: 250 } };
    expect(retryReason(resetOnly as never, call(1) as never, 'timeout', 504, true, 12.5)).toMatch(/^retry-on reset matched timeout/);
    // A timeout answered from further down (another router's) is not this one's timer.
    expect(retryReason(timed as never, call(3) as never, 'timeout', 504, false, null)).toBe('attempts exhausted: 3 tries = 1 + 2 retries');
    expect(retryReason(timed as never, call(1) as never, 'timeout', 504, false, 1)).toMatch(/^retry-on 5xx, gateway-error matched timeout \(HTTP 504\); retry 1 of 2/);
  });
});
