// Envoy's retry state: which failures a route retries (retry-on conditions and retriable status
// codes), how many times, and the jittered exponential backoff between tries. The concurrent-
// retry limit and the budget are the cluster's circuit breakers (resourceManager.ts).
// Follows envoyproxy/envoy source/common/router/retry_state_impl.cc (RetryStateImpl::
// shouldRetry, wouldRetryFromReset) and source/common/common/backoff_strategy.cc
// (JitteredExponentialBackOffStrategy), and the "x-envoy-retry-on" router docs.
import type { Rng } from '../../sim-engine';
import { Cause } from '../events';

/** Which failures a retry policy retries, as bit flags. */
export const RetryOn = {
  fiveXx: 1,
  gatewayError: 2,
  reset: 4,
  connectFailure: 8,
  retriableStatus: 16,
  /** HTTP/2 REFUSED_STREAM. Accepted for Istio's default; the HTTP/1.1 model never refuses a stream. */
  refusedStream: 32,
} as const;

/** Retry-on conditions by their name in a policy (Envoy's x-envoy-retry-on spelling). */
export const RETRY_ON_BITS: Readonly<Record<string, number>> = {
  '5xx': RetryOn.fiveXx,
  'gateway-error': RetryOn.gatewayError,
  reset: RetryOn.reset,
  'connect-failure': RetryOn.connectFailure,
  'retriable-status-codes': RetryOn.retriableStatus,
  'refused-stream': RetryOn.refusedStream,
};

/** What the retry decision reads of a route's policy (CompiledPolicy has it all). */
export interface RetryPolicy {
  readonly l7: boolean;
  /** Retries allowed after the first try. */
  readonly retries: number;
  readonly retryOn: number;
  readonly retriableStatus: readonly number[];
  /** Backoff base and cap, in ms. */
  readonly backoffBase: number;
  readonly backoffMax: number;
}

/**
 * Envoy's retry conditions (RetryStateImpl). Failures the router saw itself are judged by kind:
 * a reset (the connection closed under the request, or a per-try timeout, which resets the
 * stream) is retried under `reset`, `5xx` or `gateway-error`; a connect failure (refused, timed
 * out, a failed TLS handshake, nothing listening) under those and `connect-failure`. Answers from
 * upstream are judged by their status alone, whatever caused them further down.
 */
export function retriable(on: number, codes: readonly number[], cause: string, status: number, local: boolean): boolean {
  if (local) {
    if (cause === Cause.overflow || cause === Cause.noHealthyUpstream) return false;
    const anyReset = RetryOn.reset | RetryOn.fiveXx | RetryOn.gatewayError;
    if (cause === Cause.reset || cause === Cause.timeout) return (on & anyReset) !== 0;
    return (on & (anyReset | RetryOn.connectFailure)) !== 0;
  }
  if (on & RetryOn.fiveXx && status >= 500) return true;
  if (on & RetryOn.gatewayError && status >= 502 && status <= 504) return true;
  return (on & RetryOn.retriableStatus) !== 0 && codes.includes(status);
}

/**
 * Whether a failed try may be retried by the policy: an L7 router, a retry left after the
 * `attempts` tries made so far, and a retriable failure. The cluster's retry limit is asked
 * apart (ResourceManager.canRetry).
 */
export function mayRetry(p: RetryPolicy, attempts: number, cause: string, status: number, local: boolean): boolean {
  return p.l7 && attempts <= p.retries && retriable(p.retryOn, p.retriableStatus, cause, status, local);
}

/**
 * The wait before the next try, in ms, after `attempts` tries: fully jittered exponential
 * backoff as Envoy's code does it (JitteredExponentialBackOffStrategy), the n-th retry waiting
 * U(0, 2^(n-1) x base), capped at max. (Envoy's docs say (2^n - 1) x base, which its code stopped
 * doing in 2020.) Draws one number from `rng`.
 */
export function backoffMs(p: RetryPolicy, attempts: number, rng: Rng): number {
  const upper = Math.min(p.backoffMax, 2 ** Math.min(attempts - 1, 30) * p.backoffBase);
  return rng() * upper;
}

/**
 * The names of the retry-on conditions set in `on`, in the policy's spelling, in `order`: the route's own (CompiledPolicy
 * retryOnOrder, as a person wrote it and as Envoy's config dump lists x-envoy-retry-on's), else RETRY_ON_BITS's. A
 * condition set in `on` but missing from `order` comes after, in RETRY_ON_BITS's order; a name in `order` not in
 * RETRY_ON_BITS is left out.
 */
export function retryOnNames(on: number, order: readonly string[] = []): string[] {
  const set = (k: string) => RETRY_ON_BITS[k] !== undefined && (on & RETRY_ON_BITS[k]) !== 0;
  const first = order.filter(set);
  return [...first, ...Object.keys(RETRY_ON_BITS).filter((k) => set(k) && !first.includes(k))];
}

/**
 * Every retry-on condition set in `on` that makes `retriable` true for this failure, in the route's
 * `order` (retryOnNames; RETRY_ON_BITS's without one), or [] when none does.
 * Says the same as `retriable`, naming the conditions, for traces (`meshsim.retry.reason`); the
 * router itself asks `retriable`, which is cheaper. A per-try timeout or reset the router met
 * itself is retried under 5xx, gateway-error or reset (Envoy's RetryStateImpl::wouldRetryFromReset,
 * TimeoutRetry::Yes), so with all three set all three are named (T3's trial, 9b: it named reset alone).
 */
export function retryConditionsMatched(on: number, codes: readonly number[], cause: string, status: number, local: boolean, order: readonly string[] = []): string[] {
  let bits = 0;
  if (local) {
    if (cause === Cause.overflow || cause === Cause.noHealthyUpstream) return [];
    bits = RetryOn.reset | RetryOn.fiveXx | RetryOn.gatewayError;
    if (cause !== Cause.reset && cause !== Cause.timeout) bits |= RetryOn.connectFailure;
  } else {
    if (status >= 500) bits |= RetryOn.fiveXx;
    if (status >= 502 && status <= 504) bits |= RetryOn.gatewayError;
    if (codes.includes(status)) bits |= RetryOn.retriableStatus;
  }
  return retryOnNames(on & bits, order);
}
