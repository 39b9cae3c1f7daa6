import { z } from 'zod';
import { parseDuration } from './duration';
import { policySchema } from './policy';

/**
 * The scenario file format, as a zod schema with defaults. Every object is strict: an
 * unknown field is an error, never silently ignored. Durations are "250ms", "5s", "2m"
 * or plain milliseconds; they come out of parsing as milliseconds.
 */

const duration = z.unknown().transform((v, ctx) => {
  const r = parseDuration(v);
  if (r.ok) return r.ms;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

const positiveDuration = duration.refine((ms) => ms > 0, { message: 'must be greater than zero' });

const name = z
  .string()
  .min(1, { message: 'must not be empty' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'use letters, digits, ".", "_" or "-" (starting with a letter or digit)' });

const probability = z.number().min(0, { message: 'must be between 0 and 1' }).max(1, { message: 'must be between 0 and 1' });

/** A distribution of durations; a bare duration ("5ms") means a constant. */
export const distributionSchema = z.union([
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('constant'), value: duration }),
    z.strictObject({ type: z.literal('uniform'), min: duration, max: duration }).refine((d) => d.max >= d.min, {
      message: 'max must be at least min',
      path: ['max'],
    }),
    z.strictObject({ type: z.literal('exponential'), mean: positiveDuration }),
    z.strictObject({ type: z.literal('normal'), mean: duration, stddev: duration }),
    z.strictObject({
      type: z.literal('lognormal'),
      median: positiveDuration,
      sigma: z.number().positive({ message: 'must be greater than zero' }),
    }),
    z.strictObject({
      type: z.literal('pareto'),
      scale: positiveDuration,
      shape: z.number().positive({ message: 'must be greater than zero' }),
    }),
  ]),
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const r = parseDuration(v);
    if (r.ok) return { type: 'constant' as const, value: r.ms };
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }),
]);

/** Default latencies by placement (DOMAIN.md): one-way, lognormal jitter. */
const placementSchema = z.strictObject({
  sameZone: distributionSchema.prefault({ type: 'lognormal', median: '0.5ms', sigma: 0.25 }),
  crossZone: distributionSchema.prefault({ type: 'lognormal', median: '1.5ms', sigma: 0.25 }),
  crossRegion: distributionSchema.prefault({ type: 'lognormal', median: '50ms', sigma: 0.2 }),
  internet: distributionSchema.prefault({ type: 'lognormal', median: '40ms', sigma: 0.4 }),
});

const callSchema = z.strictObject({
  /** The downstream service to call. */
  service: name,
  /** Chance that a request makes this call at all. */
  probability: probability.default(1),
  /** One-way network latency of this hop; overrides network.latency and placement. */
  latency: distributionSchema.optional(),
  /** Route-level proxy policy for this call; overrides the callee's `policy` field by field. */
  policy: policySchema.optional(),
});

const zoneName = z.string().min(1, { message: 'must not be empty' });

/** A sidecar proxy beside each replica (Envoy-like). `true` takes every default. */
const sidecarSchema = z.strictObject({
  /** L7 (HTTP: routing, retries, timeouts...) or L4 (mTLS and TCP proxying only). */
  mode: z.enum(['L7', 'L4']).default('L7'),
  /** Envoy worker threads (istio-proxy runs 2 by default). */
  concurrency: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).default(2),
  /** CPU time of one pass (one direction through one proxy); see src/models/proxy/calibration.ts. */
  cpuPerPass: distributionSchema.optional(),
  /** Handling latency of one pass that holds no worker; see src/models/proxy/calibration.ts. */
  passLatency: distributionSchema.optional(),
});

const certificateSchema = z.strictObject({
  /** The CA that signs this workload's certificate. */
  ca: name.default('mesh-ca'),
  /** Certificate lifetime from t = 0 (Istio: 24 h). */
  ttl: positiveDuration.prefault('24h'),
  /** Roots this workload trusts; defaults to its own CA. */
  trust: z.array(name).optional(),
});

const serviceSchema = z.strictObject({
  name,
  description: z.string().optional(),
  replicas: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).default(1),
  /** Requests one replica works on at once (its worker threads). */
  concurrency: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }).default(1),
  /** Queue length per replica before new requests fail with `queue-full`; unbounded when absent. */
  queueCapacity: z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' }).optional(),
  /** CPU time one request holds a worker, before its downstream calls. */
  serviceTime: distributionSchema,
  /** Share of requests this service answers with HTTP 500. */
  errorRate: probability.default(0),
  /** Downstream calls made after the service time, while the worker stays held. */
  calls: z.array(callSchema).default([]),
  callMode: z.enum(['sequential', 'parallel']).default('sequential'),
  /** How callers without a sidecar spread requests over replicas (kube-proxy style). */
  loadBalancer: z.enum(['round-robin', 'random']).default('round-robin'),
  /** What this service speaks: HTTP, or a plain TCP protocol (a database, say) the L7 layer cannot see. */
  protocol: z.enum(['http', 'tcp']).default('http'),
  /** Zones its replicas are spread over, round robin. */
  zones: z.array(zoneName).min(1, { message: 'needs at least one zone' }).default(['zone-a']),
  region: zoneName.default('region-1'),
  /** A sidecar proxy beside every replica: `true`, `false` (default), or settings. */
  sidecar: z.union([z.boolean(), sidecarSchema]).default(false),
  /** Peer authentication of inbound traffic at the sidecar (Istio's default: PERMISSIVE). */
  mtls: z.enum(['STRICT', 'PERMISSIVE']).default('PERMISSIVE'),
  certificate: certificateSchema.prefault({}),
  /** Policy every meshed caller applies when calling this service (VirtualService + DestinationRule). */
  policy: policySchema.optional(),
});

const clientCommon = {
  name,
  description: z.string().optional(),
  /** The service this client calls. */
  target: name,
  /** The client gives up after this long and records `timeout`. */
  timeout: positiveDuration.optional(),
  /** One-way latency from the client to its target; overrides network.latency. */
  latency: distributionSchema.optional(),
  /** Where the client runs; `external` puts it on the internet. */
  zone: zoneName.default('zone-a'),
  region: zoneName.default('region-1'),
  external: z.boolean().default(false),
  /** A meshed load generator (like Istio's fortio client) sends through its own sidecar. */
  sidecar: z.union([z.boolean(), sidecarSchema]).default(false),
  certificate: certificateSchema.prefault({}),
  /** Policy for the client's route to its target (meshed clients only). */
  policy: policySchema.optional(),
};

const openClientSchema = z.strictObject({
  ...clientCommon,
  type: z.literal('open'),
  /** Requests per second. */
  rate: z.number().positive({ message: 'must be greater than zero (requests per second)' }),
  arrival: z.enum(['poisson', 'constant']).default('poisson'),
});

const closedClientSchema = z.strictObject({
  ...clientCommon,
  type: z.literal('closed'),
  users: z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }),
  thinkTime: distributionSchema.prefault({ type: 'exponential', mean: '1s' }),
});

export const scenarioSchema = z.strictObject({
  name,
  title: z.string().optional(),
  description: z.string().optional(),
  seed: z.number().int({ message: 'must be a whole number' }).default(1),
  /** Simulated time to run. */
  duration: positiveDuration.prefault('60s'),
  /** Requests sent before this time are counted but left out of latency figures. */
  warmup: duration.prefault(0),
  network: z
    .strictObject({
      /** One-way latency of every hop between hosts, whatever their placement (a flat network). */
      latency: distributionSchema.optional(),
      /** One-way latency by placement, used when `latency` is not set. Without either, hops take no time. */
      placement: placementSchema.optional(),
      /** Chance that a message loses a segment and waits for a retransmission timeout (200 ms, doubling). */
      loss: probability.default(0),
      /** Loopback latency between an app and its own sidecar. */
      samePod: distributionSchema.prefault({ type: 'lognormal', median: '0.05ms', sigma: 0.2 }),
    })
    .prefault({}),
  clients: z.array(z.discriminatedUnion('type', [openClientSchema, closedClientSchema])).min(1, {
    message: 'needs at least one client',
  }),
  services: z.array(serviceSchema).min(1, { message: 'needs at least one service' }),
});

/** A scenario file as written (durations as strings, defaults missing). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario: durations in ms, defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ServiceSpec = Scenario['services'][number];
export type ClientSpec = Scenario['clients'][number];
export type CallSpec = ServiceSpec['calls'][number];
export type SidecarSpec = z.output<typeof sidecarSchema>;
export type CertificateSpec = z.output<typeof certificateSchema>;
export type PlacementSpec = z.output<typeof placementSchema>;
