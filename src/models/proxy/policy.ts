import type { Policy, ServiceSpec } from '../../scenario';
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

const RETRY_ON_BITS: Record<string, number> = {
  '5xx': RetryOn.fiveXx,
  'gateway-error': RetryOn.gatewayError,
  reset: RetryOn.reset,
  'connect-failure': RetryOn.connectFailure,
  'retriable-status-codes': RetryOn.retriableStatus,
  'refused-stream': RetryOn.refusedStream,
};

/** A route's policy with every default filled in and units resolved (ms). Plain data. */
export interface CompiledPolicy {
  /** L7 features apply (an L7 sidecar calling an HTTP service). */
  l7: boolean;
  timeout: number;
  retries: number;
  /** Retries pick another host than the ones tried (Istio's previous_hosts predicate). */
  avoidPreviousHosts: boolean;
  perTryTimeout: number;
  retryOn: number;
  retriableStatus: readonly number[];
  backoffBase: number;
  backoffMax: number;
  budgetPercent: number;
  budgetMin: number;
  hasBudget: boolean;
  lb: 'round-robin' | 'least-request' | 'random' | 'ring-hash';
  maxConnections: number;
  maxPending: number;
  maxRequests: number;
  maxRetries: number;
  outlier: { consecutive5xx: number; consecutiveGateway: number; interval: number; baseEjection: number; maxPercent: number } | null;
  fault: { delayPercent: number; delayMs: number; abortPercent: number; abortStatus: number } | null;
  connectTimeout: number;
  maxConnectionDuration: number;
}

/** Istio's connect timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Envoy's route timeout when none is set; Istio turns it off for sidecars. */
export const ENVOY_ROUTE_TIMEOUT_MS = 15_000;

/**
 * The policy a caller applies on one route: the callee's policy, overridden field by field by
 * the call's own. Without an L7 sidecar at the caller (or for a TCP callee) only connection
 * limits apply: no retries, timeouts, faults or outlier detection, and kube-proxy balancing.
 */
export function compilePolicy(callee: ServiceSpec, route: Policy | undefined, l7: boolean, meshed: boolean, istioDefaults = true): CompiledPolicy {
  const p: Policy = { ...(callee.policy ?? {}), ...(route ?? {}) };
  // A gateway's router retries only when told to; a sidecar takes Istio's default retries.
  const r = l7 ? p.retries ?? (istioDefaults ? defaultRetries() : undefined) : undefined;
  const cb = meshed ? p.circuitBreaker : undefined;
  const od = l7 ? p.outlierDetection : undefined;
  let retryOn = 0;
  for (const c of r?.retryOn ?? []) retryOn |= RETRY_ON_BITS[c];
  const base = r?.backoff.base ?? 25;
  return {
    l7,
    timeout: l7 ? p.timeout ?? (istioDefaults ? Infinity : ENVOY_ROUTE_TIMEOUT_MS) : Infinity,
    retries: r?.attempts ?? 0,
    // Istio puts the previous_hosts predicate on every sidecar's retries; a gateway's Envoy has none.
    avoidPreviousHosts: istioDefaults,
    perTryTimeout: r?.perTryTimeout ?? Infinity,
    retryOn,
    retriableStatus: r?.retriableStatusCodes ?? [],
    backoffBase: base,
    backoffMax: r?.backoff.max ?? 10 * base,
    budgetPercent: r?.budget?.percent ?? 20,
    budgetMin: r?.budget?.minConcurrency ?? 3,
    hasBudget: r?.budget !== undefined,
    lb: meshed ? p.loadBalancer ?? 'least-request' : callee.loadBalancer,
    // Istio raises Envoy's circuit-breaker defaults (1024/1024/1024/3) to 2^32 - 1 for
    // sidecars; a gateway's own Envoy keeps them. A plain client has none.
    maxConnections: cb?.maxConnections ?? (meshed && !istioDefaults ? 1024 : Infinity),
    maxPending: cb?.maxPendingRequests ?? (meshed && !istioDefaults ? 1024 : Infinity),
    maxRequests: cb?.maxRequests ?? (meshed && !istioDefaults ? 1024 : Infinity),
    maxRetries: cb?.maxRetries ?? (istioDefaults ? Infinity : 3),
    outlier: od
      ? {
          consecutive5xx: od.consecutive5xx,
          consecutiveGateway: od.consecutiveGatewayErrors ?? 0,
          interval: od.interval,
          baseEjection: od.baseEjectionTime,
          maxPercent: od.maxEjectionPercent,
        }
      : null,
    fault: l7 && p.fault ? { delayPercent: p.fault.delay?.percent ?? 0, delayMs: p.fault.delay?.fixed ?? 0, abortPercent: p.fault.abort?.percent ?? 0, abortStatus: p.fault.abort?.status ?? 503 } : null,
    connectTimeout: p.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxConnectionDuration: p.maxConnectionDuration ?? Infinity,
  };
}

/**
 * Istio's default retry policy: 2 retries on connect-failure, refused-stream and 503 (Istio also
 * lists gRPC's unavailable and cancelled, which HTTP/1.1 never produces). No `reset`: a request
 * reset mid-flight or a per-try timeout is not retried by default.
 */
function defaultRetries(): NonNullable<Policy['retries']> {
  return {
    attempts: 2,
    retryOn: ['connect-failure', 'refused-stream', 'retriable-status-codes'],
    retriableStatusCodes: [503],
    backoff: { base: 25 },
  };
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

/** The names of the retry-on conditions set in `on`, in the policy's spelling. */
export function retryOnNames(on: number): string[] {
  return Object.keys(RETRY_ON_BITS).filter((k) => (on & RETRY_ON_BITS[k]) !== 0);
}

/**
 * Which retry-on condition makes `retriable` true for this failure, or null when none does. Says
 * the same as `retriable`, naming the condition, for traces (`meshsim.retry.reason`); the router
 * itself asks `retriable`, which is cheaper.
 */
export function retryConditionMatched(on: number, codes: readonly number[], cause: string, status: number, local: boolean): string | null {
  const first = (...bits: number[]): string | null => {
    for (const b of bits) if (on & b) return retryOnNames(b)[0];
    return null;
  };
  if (local) {
    if (cause === Cause.overflow || cause === Cause.noHealthyUpstream) return null;
    if (cause === Cause.reset || cause === Cause.timeout) return first(RetryOn.reset, RetryOn.fiveXx, RetryOn.gatewayError);
    return first(RetryOn.connectFailure, RetryOn.reset, RetryOn.fiveXx, RetryOn.gatewayError);
  }
  if (on & RetryOn.fiveXx && status >= 500) return '5xx';
  if (on & RetryOn.gatewayError && status >= 502 && status <= 504) return 'gateway-error';
  return (on & RetryOn.retriableStatus) !== 0 && codes.includes(status) ? 'retriable-status-codes' : null;
}
