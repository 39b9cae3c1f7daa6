import type { Policy, ServiceSpec } from '../../scenario';
import { RETRY_ON_BITS } from '../envoy/retryState';

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
  /** `retryOn`'s conditions in the route's own order, as written (Envoy's config dump and istioctl show them so); words only. */
  retryOnOrder: readonly string[];
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
  outlier: { consecutive5xx: number; consecutiveGateway: number; interval: number; baseEjection: number; maxPercent: number; alwaysEjectOne: boolean } | null;
  /** Envoy's healthy_panic_threshold, in % (0: never panic). */
  panicThreshold: number;
  /** Locality priorities (zone, region, rest) apply: Istio's localityLbSetting with outlier detection. */
  localityLb: boolean;
  /** Istio's `failover` (region -> region), ordering the other regions' priorities, or null. */
  localityFailover: readonly { readonly from: string; readonly to: string }[] | null;
  /** Istio's `distribute` (locality weights from the caller's locality), in place of priorities; or null. */
  localityDistribute: readonly { readonly from: string; readonly to: Readonly<Record<string, number>> }[] | null;
  fault: { delayPercent: number; delayMs: number; abortPercent: number; abortStatus: number } | null;
  connectTimeout: number;
  maxConnectionDuration: number;
  /** The caller's pool closes a connection idle this long, ms (Istio/Envoy: 1 h). */
  idleTimeout: number;
  /** The callee app closes a kept-alive connection idle this long, ms (its keepAliveTimeout), when the pool connects to the app itself. */
  appKeepAlive: number;
  /** HTTP/2 upstream: set, or upgraded between sidecars (`h2Upgrade` and both ends meshed; see ConnPools). */
  http2: boolean;
  /** Istio's h2UpgradePolicy UPGRADE: HTTP/2 when both ends have sidecars. */
  h2Upgrade: boolean;
  /** Requests a connection carries before it closes (Infinity: no limit). */
  maxRequestsPerConnection: number;
  /** HTTP/2 streams a connection carries at once. */
  maxConcurrentStreams: number;
}

/** Envoy's and Istio's upstream idle timeout: 1 hour (Envoy's HttpProtocolOptions.idle_timeout default). */
export const DEFAULT_IDLE_TIMEOUT_MS = 3_600_000;
/** Envoy's HTTP/2 max_concurrent_streams default, 2^31 - 1. */
export const DEFAULT_MAX_CONCURRENT_STREAMS = 2_147_483_647;

/** Istio's connect timeout; a caller without a proxy (its app's own pool) is taken to connect with the same 10 s. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Envoy's healthy_panic_threshold default (%); Istio sets 0 for sidecars (minHealthPercent). */
export const ENVOY_PANIC_THRESHOLD = 50;
/** Envoy's route timeout when none is set; Istio turns it off for sidecars, and `timeout: 0` anywhere. */
export const ENVOY_ROUTE_TIMEOUT_MS = 15_000;

/**
 * The policy a caller applies on one route: the callee's policy, overridden field by field by
 * the call's own. Without an L7 sidecar at the caller (or for a TCP callee) only connection
 * limits apply: no retries, timeouts, faults or outlier detection, and kube-proxy balancing.
 * Without any proxy at the caller (`meshed` false) no policy applies: neither the caller's own
 * route policy (a client's `policy`, a call's) nor the callee's, its connection fields neither
 * (connectTimeout, maxConnectionDuration, idleTimeout, maxRequestsPerConnection,
 * maxConcurrentStreams, a locality failover). Both are config for the Envoy that sends the
 * request (Istio's VirtualService and DestinationRule are client-side proxy config; the callee's
 * sidecar takes a DestinationRule's connection pool only for its own inbound cluster, to the app
 * in its pod), and such a caller has none: its app's own pool connects within
 * DEFAULT_CONNECT_TIMEOUT_MS, keeps connections for life and closes one idle for
 * DEFAULT_IDLE_TIMEOUT_MS. The lint's MS011 flags every field of such a client's policy, and MS010
 * counts such a caller as one that cannot apply the callee's. Pure.
 */
export function compilePolicy(callee: ServiceSpec, route: Policy | undefined, l7: boolean, meshed: boolean, istioDefaults = true): CompiledPolicy {
  const p: Policy = meshed ? { ...(callee.policy ?? {}), ...(route ?? {}) } : {};
  // A gateway's router retries only when told to; a sidecar takes Istio's default retries.
  const r = l7 ? p.retries ?? (istioDefaults ? defaultRetries() : undefined) : undefined;
  const cb = meshed ? p.circuitBreaker : undefined;
  const od = l7 ? p.outlierDetection : undefined;
  let retryOn = 0;
  for (const c of r?.retryOn ?? []) retryOn |= RETRY_ON_BITS[c];
  const base = r?.backoff.base ?? 25;
  return {
    l7,
    // 0 turns the route timeout off (Envoy's and Istio's `timeout: 0s`), over the callee's too.
    timeout: l7 && p.timeout !== 0 ? p.timeout ?? (istioDefaults ? Infinity : ENVOY_ROUTE_TIMEOUT_MS) : Infinity,
    retries: r?.attempts ?? 0,
    // Istio puts the previous_hosts predicate on every sidecar's retries; a gateway's Envoy has none.
    avoidPreviousHosts: istioDefaults,
    perTryTimeout: r?.perTryTimeout ?? Infinity,
    retryOn,
    retryOnOrder: [...new Set(r?.retryOn ?? [])],
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
    // 0: no pending at a gateway's Envoy; unset for Istio (its http1MaxPendingRequests 0 is the default, 2^32 - 1).
    maxPending: cb?.maxPendingRequests === 0 && istioDefaults ? Infinity : cb?.maxPendingRequests ?? (meshed && !istioDefaults ? 1024 : Infinity),
    maxRequests: cb?.maxRequests ?? (meshed && !istioDefaults ? 1024 : Infinity),
    maxRetries: cb?.maxRetries ?? (istioDefaults ? Infinity : 3),
    outlier: od
      ? {
          consecutive5xx: od.consecutive5xx,
          consecutiveGateway: od.consecutiveGatewayErrors ?? 0,
          interval: od.interval,
          baseEjection: od.baseEjectionTime,
          maxPercent: od.maxEjectionPercent,
          alwaysEjectOne: od.alwaysEjectOneHost,
        }
      : null,
    // Istio maps outlierDetection.minHealthPercent (default 0) to the panic threshold; a
    // gateway's own Envoy keeps Envoy's 50%. A caller without an L7 proxy has no panic mode.
    panicThreshold: l7 ? p.healthyPanicThreshold ?? (istioDefaults ? 0 : ENVOY_PANIC_THRESHOLD) : 0,
    // Istio applies localityLbSetting (on mesh-wide by default) only with outlier detection.
    // `distribute` applies with or without it (ApplyLocalityLoadBalancer), in place of priorities.
    localityLb: od !== undefined && (p.localityLbSetting?.enabled ?? true) && p.localityLbSetting?.distribute === undefined,
    localityFailover: p.localityLbSetting?.failover ?? null,
    localityDistribute: l7 && (p.localityLbSetting?.enabled ?? true) ? p.localityLbSetting?.distribute ?? null : null,
    fault: l7 && p.fault ? { delayPercent: p.fault.delay?.percent ?? 0, delayMs: p.fault.delay?.fixed ?? 0, abortPercent: p.fault.abort?.percent ?? 0, abortStatus: p.fault.abort?.status ?? 503 } : null,
    connectTimeout: p.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxConnectionDuration: p.maxConnectionDuration ?? Infinity,
    idleTimeout: p.idleTimeout ?? DEFAULT_IDLE_TIMEOUT_MS,
    appKeepAlive: callee.keepAliveTimeout ?? Infinity,
    // A caller without an L7 proxy speaks what its app speaks: HTTP/1.1 here.
    http2: l7 && p.protocol === 'HTTP/2',
    // The mesh's default h2_upgrade_policy is DO_NOT_UPGRADE, so DEFAULT does not upgrade.
    h2Upgrade: l7 && p.h2UpgradePolicy === 'UPGRADE',
    maxRequestsPerConnection: p.maxRequestsPerConnection ?? Infinity,
    maxConcurrentStreams: p.maxConcurrentStreams ?? DEFAULT_MAX_CONCURRENT_STREAMS,
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
