import { z } from 'zod';
import { policySchema } from './policy';
import { distributionSchema } from './distribution';
import { MAX_NARRATIVE_STEPS, duration, name, namespaceName, positiveDuration, probability, prose } from './common';
import { lessonFigureSchema } from './figure';
import { questionSchema } from './question';
import { meshSchema } from './mesh';
import { kubernetesSchema } from './kubernetes';
import { layoutSchema } from './layout';
import { faultSchema } from './faults';
import { changeSchema } from './changes';
import { gatewaySchema } from './gateway';
import { proxyWorkerCount, replicaCount, userCount, workerCount } from './limits';
import { SEED_RULE } from './seed';
import { callRouteSchema, requestHeadersSchema } from './routes';

/** A scenario file's `seed`: a whole number within ±MAX_SEED; any other value hears SEED_RULE (parse.ts adds ", got …"). */
const seedSchema = z.number({ error: SEED_RULE }).int({ error: SEED_RULE });

/**
 * The scenario file format, as a zod schema with defaults. Every object is strict: an
 * unknown field is an error, never silently ignored. Durations are "250ms", "5s", "2m"
 * or plain milliseconds; they come out of parsing as milliseconds.
 */

/** Default latencies by placement (a sensible default from the domain reference): one-way, lognormal jitter. */
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
  /**
   * Where the caller sends each request, by header match and weight (Istio VirtualService http
   * routes); `service` must be one of the destinations. Run by src/models/envoy/routeTable.ts.
   */
  routes: z.array(callRouteSchema).min(1, { message: 'needs at least one route (leave it out to send every request to service)' }).optional(),
  /**
   * Written by `meshsim import` where this call's `policy` flattens the app's own retries with
   * its sidecar's into the one router a call has here: the timeout is the app's tries times its
   * per-try timeout, and the tries past it are the sidecar's, inside each of the app's. The
   * simulator runs the policy as written; lint does not read those tries as missing the timeout
   * (MS003), on the imported file as on the manifests.
   */
  flattened: z.boolean().optional(),
});

const zoneName = z.string().min(1, { message: 'must not be empty' });

/** A sidecar proxy beside each replica (Envoy-like). `true` takes every default. */
const sidecarSchema = z.strictObject({
  /** L7 (HTTP: routing, retries, timeouts...) or L4 (mTLS and TCP proxying only). */
  mode: z.enum(['L7', 'L4']).default('L7'),
  /** Envoy worker threads (istio-proxy runs 2 by default). */
  concurrency: proxyWorkerCount.default(2),
  /** CPU time of one pass (one direction through one proxy); see src/models/proxy/calibration.ts. */
  cpuPerPass: distributionSchema.optional(),
  /** Handling latency of one pass that holds no worker; see src/models/proxy/calibration.ts. */
  passLatency: distributionSchema.optional(),
});

/** Overrides of a workload's certificate; by default its mesh's CA decides all of these. */
const certificateSchema = z.strictObject({
  /** The CA that signs this workload's certificate (default: its mesh's). */
  ca: name.optional(),
  /** Certificate lifetime (default: the mesh CA's ttl, 24 h). */
  ttl: positiveDuration.optional(),
  /** Roots this workload trusts (default: its mesh's CA and those of meshes it trusts). */
  trust: z.array(name).optional(),
  /** False for a certificate nobody renews: it expires at its ttl. */
  renew: z.boolean().default(true),
});

const serviceSchema = z.strictObject({
  name,
  description: prose(10_000, 'a description is a paragraph or a few').optional(),
  replicas: replicaCount.default(1),
  /** Requests one replica works on at once (its worker threads). */
  concurrency: workerCount.default(1),
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
  /** Zones its replicas are spread over, round robin; `"region/zone"` places those replicas in another region than `region`. */
  zones: z.array(zoneName.regex(/^[^/]+(\/[^/]+)?$/, { message: 'must be a zone, or region/zone (that zone in another region than the service\'s)' })).min(1, { message: 'needs at least one zone' }).default(['zone-a']),
  region: zoneName.default('region-1'),
  /** A sidecar proxy beside every replica: `true`, `false` (default), or settings. */
  sidecar: z.union([z.boolean(), sidecarSchema]).default(false),
  /** Peer authentication of inbound traffic at the sidecar (Istio's default: PERMISSIVE). */
  mtls: z.enum(['STRICT', 'PERMISSIVE']).default('PERMISSIVE'),
  /** The mesh its sidecars join (default: the first mesh). */
  mesh: name.optional(),
  /** A team or line-of-business boundary; a mesh's control plane may deny whole boundaries. */
  boundary: name.optional(),
  /**
   * The Kubernetes namespace it runs in (`meshsim import` writes metadata.namespace). Shown on the
   * picture, in the inspector and to Find; the simulation does not read it (names stay unique).
   */
  namespace: namespaceName.optional(),
  /** A third party outside every mesh: on the internet, never with a sidecar. */
  external: z.boolean().default(false),
  certificate: certificateSchema.prefault({}),
  /** Policy every meshed caller applies when calling this service (VirtualService + DestinationRule). */
  policy: policySchema.optional(),
  /**
   * How long its app keeps an idle kept-alive connection open before closing it (Node's
   * http.Server keepAliveTimeout, 5 s by default). It matters where a caller's pool connects to
   * the app itself (no sidecar at this service): see the idle-timeout race in the README.
   */
  keepAliveTimeout: positiveDuration.prefault('5s'),
});

const clientCommon = {
  name,
  description: prose(10_000, 'a description is a paragraph or a few').optional(),
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
  mesh: name.optional(),
  boundary: name.optional(),
  certificate: certificateSchema.prefault({}),
  /** Who is calling, for a gateway's authentication, rate limits and quotas. */
  consumer: name.optional(),
  /**
   * The credentials it presents (API key or JWT): valid, invalid or none at all. A client that
   * does not say presents none (`missing`), so a gateway with `auth` answers it 401, as a real
   * gateway answers a request without a key; `consumer` alone names, it does not authenticate.
   */
  credentials: z.enum(['valid', 'invalid', 'missing']).default('missing'),
  /** HTTP host, path and API version of its requests, for a gateway's routing. */
  host: z.string().min(1).optional(),
  path: z.string().min(1).default('/'),
  version: z.string().min(1).optional(),
  /** Request headers it sends (e.g. `end-user: jason`), for routes that match on them (see routes.ts). */
  headers: requestHeadersSchema.optional(),
  /** Policy for the client's route to its target (meshed clients only). */
  policy: policySchema.optional(),
  /** Written by `meshsim import`, as a call's `flattened`: `policy` flattens the client app's own retries with its sidecar's. */
  flattened: z.boolean().optional(),
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
  users: userCount,
  thinkTime: distributionSchema.prefault({ type: 'exponential', mean: '1s' }),
});

export const scenarioSchema = z.strictObject({
  /** The JSON Schema an editor checks the file against (`./schema.json` in scenarios/); meshsim ignores it. */
  $schema: z.string().optional(),
  name,
  title: prose(200, 'a title is a heading').optional(),
  description: prose(10_000, 'a description is a paragraph or a few').optional(),
  /** Keys every random stream; a whole number within ±(2^53 − 1) (see seed.ts). */
  seed: seedSchema.default(1),
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
  gateways: z.array(gatewaySchema).default([]),
  meshes: z.array(meshSchema).default([]),
  /** How fast Kubernetes takes a killed pod out of its Service, for callers and proxies (see kubernetes.ts). */
  kubernetes: kubernetesSchema.prefault({}),
  faults: z.array(faultSchema).default([]),
  /** Timed config changes the control planes push to proxies (see changes.ts). */
  changes: z.array(changeSchema).default([]),
  /** Where the app draws nodes placed by hand, by node name (see layout.ts). */
  layout: layoutSchema.optional(),
  /** The story the scenario tells, step by step, for the app's narrative panel. */
  narrative: z
    .array(
      z.strictObject({
        /** Simulated time the step begins. */
        at: duration,
        title: prose(200, 'a step title is a heading').min(1, { message: 'must not be empty' }),
        /** One to three sentences. */
        text: prose(2000, 'a step is one to three sentences').min(1, { message: 'must not be empty' }),
        /** Node names (services, gateways, clients, "control-plane:<mesh>") and edges ("a->b") to highlight. */
        highlight: z.array(z.string().min(1)).default([]),
        /** The number the lesson states, measured live in the app for this step (optional). */
        figure: lessonFigureSchema.optional(),
        /** A question asked before the step runs and answered when it does (see question.ts). */
        question: questionSchema.optional(),
      }),
    )
    .max(MAX_NARRATIVE_STEPS, { message: `must have at most ${MAX_NARRATIVE_STEPS} steps (each is drawn on the timeline and listed in the app)` })
    .default([]),
  /** The claim the scenario makes, with a number; a test checks it. */
  lesson: prose(2000, 'a lesson is a claim with a number').optional(),
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
export type { MeshSpec } from './mesh';
export type { KubernetesSpec } from './kubernetes';
export type { FaultSpec, FaultInput } from './faults';
export type { ChangeSpec, ChangeInput } from './changes';
export type { GatewaySpec, GatewayRouteSpec } from './gateway';
