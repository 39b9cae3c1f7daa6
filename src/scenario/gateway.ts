import { z } from 'zod';
import { distributionSchema } from './distribution';
import { duration, name, positiveDuration, wholeCount } from './common';
import { policySchema } from './policy';
import { replicaCount, workerCount } from './limits';

const tokenBucket = z.strictObject({
  /** Most tokens the bucket holds (the burst). */
  size: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }),
  tokensPerFill: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).default(1),
  fillInterval: positiveDuration,
});

const gatewayRoute = z.strictObject({
  /** What a request must carry to take this route; an absent field matches anything. */
  match: z
    .strictObject({
      host: z.string().min(1).optional(),
      // A request's path always starts with "/" (HTTP's origin-form; Envoy's route `prefix` is matched against :path),
      // so a prefix without one matches nothing (session 37's trial N6, F9).
      pathPrefix: z.string().min(1).regex(/^\//, { message: 'must start with "/" (every request\'s path does)' }).optional(),
      version: z.string().min(1).optional(),
    })
    .prefault({}),
  /** The upstream service. */
  service: name,
  /** Weighted canary: share requests between services by weight (e.g. v1 90, v2 10). */
  canary: z.array(z.strictObject({ service: name, weight: z.number().min(0, { message: 'must not be negative' }) })).optional(),
  /** The gateway's own router policy toward the upstream (timeout, retries, ...). */
  policy: policySchema.optional(),
});

/**
 * An API gateway: one centralized L7 policy point with its own replicas, workers and
 * per-request CPU. It routes by host, path and API version; authenticates; rate-limits and
 * meters quotas per consumer; and runs the API life cycle (deprecation, sunset, canary).
 * It can stand at the edge, in front of third parties (egress), or between two meshes.
 */
export const gatewaySchema = z.strictObject({
  name,
  description: z.string().optional(),
  replicas: replicaCount.default(2),
  /** Requests one replica works on at once. */
  concurrency: workerCount.default(16),
  queueCapacity: wholeCount.optional(),
  /** CPU per request: routing, authentication, rate limiting, logging. */
  cpuPerRequest: distributionSchema.prefault({ type: 'lognormal', median: '0.5ms', sigma: 0.4 }),
  /**
   * CPU of one upstream retry (a route's try after the first), as a share of the mean `cpuPerRequest`: in Envoy
   * each try is a new upstream request (the router encodes it, the codec writes it, the answer is parsed and the
   * response filters run) but the downstream request is decoded, authenticated and routed once. 0.5 is an
   * ASSUMPTION, not a measured figure (neither Envoy's nor Istio's docs split a request's CPU by side): it is the
   * share a sidecar's retry costs here, one pass of the two a caller's sidecar takes per call (models/DataPlane.ts:
   * the request pass once per call, the response pass once per try). 0 makes retries free, as before session 41.
   */
  retryCpuShare: z.number().min(0, { message: 'must be 0 or more' }).max(1, { message: 'must be at most 1 (a retry costs no more than a request)' }).default(0.5),
  zones: z.array(z.string().min(1)).min(1).default(['zone-a']),
  region: z.string().min(1).default('region-1'),
  /** The mesh it belongs to, with an identity from that mesh's CA. */
  mesh: name.optional(),
  /** Between two meshes: ends mTLS from `from` with an identity from its CA, starts mTLS into `to`. */
  bridge: z.strictObject({ from: name, to: name }).optional(),
  /** Peer authentication of meshed callers (when in a mesh). */
  mtls: z.enum(['STRICT', 'PERMISSIVE']).default('PERMISSIVE'),
  auth: z.enum(['none', 'api-key', 'jwt']).default('none'),
  consumers: z
    .array(
      z.strictObject({
        name,
        /** Token bucket per consumer; an empty bucket answers 429. */
        rateLimit: tokenBucket.optional(),
        /** At most `limit` requests per `period`; past it, 429 quota-exceeded. */
        quota: z.strictObject({ limit: wholeCount, period: positiveDuration }).optional(),
      }),
    )
    .default([]),
  /** Rate limit for consumers without their own. */
  rateLimit: tokenBucket.optional(),
  /** API versions and their life cycle. */
  versions: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        /** Answers carry a Deprecation header. */
        deprecated: z.boolean().default(false),
        /** From this time on the version answers 410 Gone. */
        sunsetAt: duration.optional(),
      }),
    )
    .default([]),
  routes: z.array(gatewayRoute).min(1, { message: 'needs at least one route' }),
});

export type GatewaySpec = z.output<typeof gatewaySchema>;
export type GatewayRouteSpec = GatewaySpec['routes'][number];
