import { z } from 'zod';
import { distributionSchema } from './distribution';
import { duration, name, percent, probability } from './common';
import { formatDuration } from './duration';
import { formatCount } from './numberText';

/**
 * The shortest `for` a fault may have, in ms. A shorter fault acts on next to no request (a
 * request takes a millisecond or more to pass a hop), and the fault list, which shows times to
 * the millisecond, would give it one start and end ("from 3.80 s to 3.80 s"): a typo for 1s.
 */
export const MIN_FAULT_MS = 1;

/**
 * The largest slow-replica `factor`: 100,000 times slower already turns a 1 ms request into
 * 100 s, a replica that never answers within any run's timeouts; past it the figure is a typo
 * (1e12 would take 30 years a request), and kill-replica is the fault for a replica that is gone.
 */
export const MAX_SLOW_FACTOR = 100_000;

/** When a fault starts, and for how long (forever when `for` is absent). */
const when = {
  at: duration.prefault(0),
  for: duration
    .refine((ms) => ms >= MIN_FAULT_MS, {
      error: (i) => (i.input === 0 ? 'must be greater than zero' : `must be at least 1 ms (a shorter fault acts on next to no request), got ${formatDuration(i.input as number)}`),
    })
    .optional(),
};

/** What an abort's `status` takes, said of any other value. */
const STATUS_RULE = 'must be an HTTP error status from 400 to 599';
const replica = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' });

/**
 * The fault catalog. Every fault has a start (`at`) and an optional duration (`for`); both its
 * start and its end are events in the trace. The UI injects the same faults while a run plays.
 */
export const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('kill-replica'), service: name, replica: replica.default(0), ...when }),
  z.strictObject({ type: z.literal('kill-service'), service: name, ...when }),
  z.strictObject({ type: z.literal('slow-replica'), service: name, replica: replica.default(0), factor: z.number().min(1, { message: 'must be at least 1' }).max(MAX_SLOW_FACTOR, { message: `must be at most ${formatCount(MAX_SLOW_FACTOR)} (a 1 ms request would already take 100 s; a replica that is gone is kill-replica)` }), ...when }),
  z.strictObject({
    type: z.literal('latency'),
    /** Every hop into this service, or one link from -> to. */
    service: name.optional(),
    from: name.optional(),
    to: name.optional(),
    delay: distributionSchema,
    ...when,
  }),
  z.strictObject({ type: z.literal('packet-loss'), rate: probability, ...when }),
  z.strictObject({
    type: z.literal('partition'),
    /** Two groups of services, gateways, clients or control planes ("control-plane:<mesh>"). */
    between: z.tuple([z.array(z.string().min(1)).min(1), z.array(z.string().min(1)).min(1)]),
    ...when,
  }),
  z.strictObject({
    type: z.literal('http-abort'),
    service: name,
    /** One replica (to show outlier detection ejecting it), or all of them. */
    replica: replica.optional(),
    percent,
    /** The HTTP status the aborted requests get: an error, 400 to 599 (Istio's fault.abort.httpStatus); 503 by default. */
    status: z.number({ error: STATUS_RULE }).int({ error: STATUS_RULE }).min(400, { error: STATUS_RULE }).max(599, { error: STATUS_RULE }).default(503),
    ...when,
  }),
  z.strictObject({ type: z.literal('control-plane-outage'), mesh: name.optional(), ...when }),
  z.strictObject({ type: z.literal('ca-outage'), mesh: name.optional(), ...when }),
  z.strictObject({ type: z.literal('expire-certificates'), mesh: name.optional(), service: name.optional(), at: duration.prefault(0) }),
  z.strictObject({ type: z.literal('gateway-capacity'), gateway: name, factor: z.number().gt(0, { message: 'must be greater than zero' }).max(1, { message: 'must be at most 1' }), ...when }),
  z.strictObject({
    type: z.literal('clock-skew'),
    service: name,
    replica: replica.optional(),
    /** How far the host's clock is off. */
    skew: duration,
    /** Ahead (true, the default) or behind. */
    ahead: z.boolean().default(true),
    ...when,
  }),
]);

export type FaultSpec = z.output<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;
