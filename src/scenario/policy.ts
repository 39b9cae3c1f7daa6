import { z } from 'zod';
import { formatDuration, writtenDuration } from './duration';
import { duration, durationPaths, positiveDuration } from './common';

/**
 * Proxy policies, named after Envoy's and Istio's (VirtualService and DestinationRule).
 * A service's `policy` applies to every meshed caller of that service (as Istio attaches
 * policy to the destination); a call's `policy` overrides it for that one route.
 * Defaults follow Istio 1.28 and the Envoy it ships, 1.36 (README "Versions we follow"): a
 * sidecar takes Istio's, a gateway's own proxy Envoy's. See the comments below.
 */

// Durations are common.ts's, whose registry lets durationPaths find every one (POLICY_DURATION_PATHS).
const ms = duration;
const positiveMs = positiveDuration;
const count = z.number({ error: 'must be a whole number, 0 or more' }).int({ message: 'must be a whole number, 0 or more' }).min(0, { message: 'must not be negative' });
const percent = z.number().min(0, { message: 'must be between 0 and 100' }).max(100, { message: 'must be between 0 and 100' });

/** What the JSON Schema (and so an editor's hover) says of a policy's `timeout`. */
export const ROUTE_TIMEOUT_TEXT =
  "Overall route timeout over every try, a duration. Not set: none at a sidecar (Istio's default), 15 s at a gateway (Envoy's default). 0 (\"0s\") turns it off at a gateway or a sidecar, as Envoy's and Istio's timeout: 0s do, also over the callee's own policy.timeout.";

export const RETRY_ON = ['5xx', 'gateway-error', 'reset', 'connect-failure', 'retriable-status-codes', 'refused-stream'] as const;

export const retryPolicySchema = z.strictObject({
  /** Retries after the first try (Envoy num_retries; Istio's default is 2). */
  attempts: count.default(2),
  /** Per-try timeout; none by default. */
  perTryTimeout: positiveMs.optional(),
  /** Istio's default: connect-failure, refused-stream, retriable 503 (so not a mid-request reset). */
  retryOn: z.array(z.enum(RETRY_ON)).default(['connect-failure', 'refused-stream', 'retriable-status-codes']),
  retriableStatusCodes: z.array(z.number().int().min(100).max(599)).default([503]),
  /** Fully jittered exponential backoff: the n-th retry waits U(0, 2^(n-1) x base), capped at max. */
  backoff: z
    .strictObject({
      base: positiveMs.prefault('25ms'),
      /** Envoy's default: ten times the base. Envoy refuses a max below the base. */
      max: positiveMs.optional(),
    })
    .check((ctx) => {
      const { base, max } = ctx.value;
      if (max !== undefined && max < base) ctx.issues.push({ code: 'custom', input: max, path: ['max'], message: `must not be less than base (${formatDuration(base)}), got ${formatDuration(max)}` });
    })
    .prefault({}),
  /** Envoy's retry budget: concurrent retries <= max(minConcurrency, percent% of active requests). */
  budget: z
    .strictObject({
      percent: percent.default(20),
      minConcurrency: count.default(3),
    })
    .optional(),
});

/**
 * Circuit breakers per upstream cluster. Unset limits take the caller's defaults: Istio's
 * 2^32 - 1 for a sidecar, Envoy's 1024/1024/1024/3 for a gateway's own proxy.
 */
/** A limit of 0 would refuse every request in Envoy, and Istio reads it as unset: refused. */
const limit = count.min(1, { message: 'must be at least 1 (0 would refuse every request; leave it out for no limit)' });

export const circuitBreakerSchema = z.strictObject({
  maxConnections: limit.optional(),
  /**
   * 0 means "no pending request" on a gateway's own Envoy (max_pending_requests 0: a request that
   * finds no ready connection overflows), while a sidecar keeps Istio's reading of
   * http1MaxPendingRequests 0 as unset (2^32 - 1).
   */
  maxPendingRequests: count.optional(),
  maxRequests: limit.optional(),
  /** Concurrent retries to the cluster when no retry budget is set. */
  maxRetries: count.optional(),
});

export const outlierDetectionSchema = z.strictObject({
  /** Consecutive 5xx (including gateway errors and resets) that eject a host. */
  consecutive5xx: count.default(5),
  /** Consecutive 502/503/504 that eject a host; off unless set. */
  consecutiveGatewayErrors: count.optional(),
  interval: positiveMs.prefault('10s'),
  baseEjectionTime: positiveMs.prefault('30s'),
  /**
   * At most this % of the hosts ejected at once, the host about to be ejected counted (Envoy
   * 1.36: 10% of 3 hosts ejects none; see outlierDetector.ts for the rule before Envoy 1.27).
   */
  maxEjectionPercent: percent.default(10),
  /**
   * Envoy's always_eject_one_host (1.31+, default false): one host may be ejected even when
   * maxEjectionPercent would forbid it, as every Envoy did before 1.27. Istio does not set it.
   */
  alwaysEjectOneHost: z.boolean().default(false),
});

/**
 * A locality as Istio writes it: `region`, `region/zone` (each may end in `/*`: anything below),
 * or `*`. A replica's locality is its service's region and its zone (or the region a zone entry
 * names, `"eu-west/a"`).
 */
const locality = z.string().regex(/^(\*|[^/*]+(\/[^/*]+)?(\/\*)?)$/, { message: 'must be a locality: region, region/zone, either ending in /* or not, or * (Istio\'s region/zone/subzone without the subzone)' });

/**
 * Istio's localityLbSetting: callers prefer endpoints in their own zone, then their region, then
 * the rest (Envoy priorities 0, 1, 2, spilling load over at the overprovisioning factor 1.4). As
 * in Istio it takes effect only with outlierDetection set; `enabled: false` turns it off.
 * `failover` puts a named region before the other regions; `distribute` replaces the priorities
 * with weights per locality. Istio refuses both at once, and weights that do not add up to 100.
 */
export const localityLbSchema = z
  .strictObject({
    /** On by default (Istio's mesh-wide default), when outlier detection is set. */
    enabled: z.boolean().default(true),
    /** Callers whose locality matches `from` send `to`'s percent to each locality (Envoy's locality weights); other localities get none. */
    distribute: z.array(z.strictObject({ from: locality, to: z.record(locality, percent) })).optional(),
    /** Callers in region `from` fail over to region `to` before any other region (Envoy priority 2, the rest 3). */
    failover: z.array(z.strictObject({ from: z.string().min(1), to: z.string().min(1) })).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.distribute !== undefined && v.failover !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['failover'], message: 'cannot be set with distribute: Istio allows one of them (distribute replaces the failover priorities)' });
    }
    v.distribute?.forEach((d, i) => {
      const sum = Object.values(d.to).reduce((a, b) => a + b, 0);
      if (sum !== 100) ctx.addIssue({ code: 'custom', path: ['distribute', i, 'to'], message: `weights must add up to 100, as Istio requires; got ${sum}` });
    });
    const seen = new Set<string>();
    v.failover?.forEach((f, i) => {
      if (f.from === f.to) ctx.addIssue({ code: 'custom', path: ['failover', i, 'to'], message: `must be another region than from ("${f.from}"), as Istio requires` });
      if (seen.has(f.from)) ctx.addIssue({ code: 'custom', path: ['failover', i, 'from'], message: `region "${f.from}" already fails over in an earlier entry: one target region per region` });
      seen.add(f.from);
    });
  });

export const faultSchema = z.strictObject({
  delay: z.strictObject({ percent, fixed: ms }).optional(),
  abort: z.strictObject({ percent, status: z.number().int().min(200).max(599).default(503) }).optional(),
});

export const LOAD_BALANCERS = ['round-robin', 'least-request', 'random', 'ring-hash'] as const;

export const policySchema = z.strictObject({
  /**
   * Overall route timeout spanning every retry (Istio: none unless set; a gateway's Envoy: 15 s
   * unless set). 0 turns it off, as Envoy's route `timeout: 0s` and Istio's VirtualService
   * `timeout: 0s` do: no route timeout at a gateway or a sidecar, over a callee's own timeout too.
   */
  timeout: ms.optional(),
  retries: retryPolicySchema.optional(),
  /** Istio's default is least request (power of two choices). */
  loadBalancer: z.enum(LOAD_BALANCERS).optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  outlierDetection: outlierDetectionSchema.optional(),
  /**
   * Envoy's healthy_panic_threshold (%): when fewer hosts than this are healthy (not ejected),
   * the balancer ignores health and spreads over every host. Default: Envoy's 50 at a gateway,
   * Istio's 0 (outlierDetection.minHealthPercent) at a sidecar: never panic.
   */
  healthyPanicThreshold: percent.optional(),
  localityLbSetting: localityLbSchema.optional(),
  fault: faultSchema.optional(),
  /** Connect timeout (Istio: 10 s). */
  connectTimeout: positiveMs.optional(),
  /**
   * A connection's longest life, after which it is closed once its request is done (Istio's
   * connectionPool.tcp.maxConnectionDuration; none by default: kept-alive connections live on).
   */
  maxConnectionDuration: positiveMs.optional(),
  // ---- connection pool: lifetime and protocol (Istio's connectionPool.http) ----
  /**
   * How long the caller's pool keeps an idle upstream connection before closing it (Istio's
   * connectionPool.http.idleTimeout, Envoy's common_http_protocol_options.idle_timeout; default
   * 1 h in both). Shorter than the callee app's `keepAliveTimeout`, it avoids the idle-timeout race.
   */
  idleTimeout: positiveMs.optional(),
  /**
   * The protocol the caller's proxy speaks upstream: HTTP/1.1 (a request per connection at a
   * time; default) or HTTP/2 (many streams on one connection, as for a gRPC service).
   */
  protocol: z.enum(['HTTP/1.1', 'HTTP/2']).optional(),
  /**
   * Istio's connectionPool.http.h2UpgradePolicy: UPGRADE turns HTTP/1.1 into HTTP/2 between two
   * sidecars; DEFAULT takes the mesh's h2_upgrade_policy, which is DO_NOT_UPGRADE by default.
   */
  h2UpgradePolicy: z.enum(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']).optional(),
  /** A connection closes after carrying this many requests (Istio's maxRequestsPerConnection; unlimited by default). */
  maxRequestsPerConnection: count.min(1, { message: 'must be at least 1 (leave it out for no limit)' }).optional(),
  /** HTTP/2 streams one connection carries at once (Envoy's max_concurrent_streams: 2^31 - 1 by default). */
  maxConcurrentStreams: count.min(1, { message: 'must be at least 1' }).optional(),
});

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
export type RetryPolicy = z.output<typeof retryPolicySchema>;
export type CircuitBreaker = z.output<typeof circuitBreakerSchema>;
export type OutlierDetection = z.output<typeof outlierDetectionSchema>;
export type LocalityLbSetting = z.output<typeof localityLbSchema>;
export type Fault = z.output<typeof faultSchema>;

/**
 * The fields of a parsed `policy` that are durations (milliseconds once parsed), as paths into
 * it (`*`: any element or value): read off policySchema (durationPaths), so a duration field
 * added to the schema is written as one with nothing else to update.
 */
export const POLICY_DURATION_PATHS: readonly (readonly string[])[] = durationPaths(policySchema);

/**
 * A parsed policy (or part of one, as a change's) with its durations written as a scenario file
 * writes them ("5s", "250ms": writtenDuration), for text a person pastes back into a file; other
 * values as they are. Returns a copy (a parsed policy is plain JSON data). Pure.
 */
export function writtenPolicy(policy: Record<string, unknown>): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
  const write = (at: unknown, path: readonly string[]): void => {
    if (at === null || typeof at !== 'object') return;
    const o = at as Record<string, unknown>;
    const [k, ...rest] = path;
    for (const key of k === '*' ? Object.keys(o) : [k]) {
      if (rest.length) write(o[key], rest);
      else if (typeof o[key] === 'number') o[key] = writtenDuration(o[key]);
    }
  };
  for (const path of POLICY_DURATION_PATHS) write(out, path);
  return out;
}
