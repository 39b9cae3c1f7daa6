import { z } from 'zod';
import { distributionSchema } from './distribution';
import { duration, name, percent, positiveDuration, probability } from './common';

/** When a fault starts, and for how long (forever when `for` is absent). */
const when = {
  at: duration.prefault(0),
  for: positiveDuration.optional(),
};

const replica = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' });

/**
 * The fault catalog. Every fault has a start (`at`) and an optional duration (`for`); both its
 * start and its end are events in the trace. The UI injects the same faults while a run plays.
 */
export const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('kill-replica'), service: name, replica: replica.default(0), ...when }),
  z.strictObject({ type: z.literal('kill-service'), service: name, ...when }),
  z.strictObject({ type: z.literal('slow-replica'), service: name, replica: replica.default(0), factor: z.number().min(1, { message: 'must be at least 1' }), ...when }),
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
    status: z.number().int().min(400).max(599).default(503),
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
