import { z } from 'zod';
import { parseDuration } from './duration';

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

const callSchema = z.strictObject({
  /** The downstream service to call. */
  service: name,
  /** Chance that a request makes this call at all. */
  probability: probability.default(1),
  /** One-way network latency of this hop; overrides network.latency. */
  latency: distributionSchema.optional(),
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
  /** How callers spread requests over replicas (kube-proxy style, no sidecar). */
  loadBalancer: z.enum(['round-robin', 'random']).default('round-robin'),
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
      /** Default one-way latency of every hop. */
      latency: distributionSchema.prefault(0),
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
