import { z } from 'zod';
import { parseDuration } from './duration';
import { duration, durationSchemas, positiveDuration } from './common';

/** What a distribution field takes, for a value that is neither (or missing). */
const ACCEPTED = 'a duration such as "5ms", or a distribution object such as {"type": "exponential", "mean": "5ms"}';

/** A distribution of durations; a bare duration ("5ms") means a constant. */
export const distributionSchema = z.union(
  [
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
        // At sigma 10 one draw in a thousand is already 10^13 times the median.
        sigma: z.number().positive({ message: 'must be greater than zero' }).max(10, { message: 'must be at most 10 (at 10, one draw in a thousand is 10^13 times the median)' }),
      }),
      z.strictObject({
        type: z.literal('pareto'),
        scale: positiveDuration,
        // Below 0.1, one draw in a thousand is past 10^30 times the scale.
        shape: z.number().min(0.1, { message: 'must be at least 0.1 (below it, one draw in a thousand is past 10^30 times the scale)' }),
      }),
    ]),
    // A bare duration: registered as one, so durationPaths names the field itself too (the
    // sweep's --set refuses a bare number there, as anywhere a duration is typed on a command line).
    z
      .union([z.string(), z.number()])
      .transform((v, ctx) => {
        const r = parseDuration(v);
        if (r.ok) return { type: 'constant' as const, value: r.ms };
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      })
      .register(durationSchemas, { duration: true }),
  ],
  // Said when the value fits no alternative's type (nothing, true, a list): the alternatives'
  // own messages would name only one of them ("expected object").
  { error: (issue) => (issue.code === 'invalid_union' ? ACCEPTED : undefined) },
);

