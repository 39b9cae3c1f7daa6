import { z } from 'zod';
import { parseDuration } from './duration';

/** A duration in ms: "250ms", "5s", "2m", "1h" or a number of ms. */
export const duration = z.unknown().transform((v, ctx) => {
  const r = parseDuration(v);
  if (r.ok) return r.ms;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

export const positiveDuration = duration.refine((ms) => ms > 0, { message: 'must be greater than zero' });

export const name = z
  .string()
  .min(1, { message: 'must not be empty' })
  // Names are printed in every message, table and label.
  .max(100, { message: 'must be at most 100 characters (names appear in every message, table and label)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'use letters, digits, ".", "_" or "-" (starting with a letter or digit)' });

export const probability = z.number().min(0, { message: 'must be between 0 and 1' }).max(1, { message: 'must be between 0 and 1' });

export const percent = z.number().min(0, { message: 'must be between 0 and 100' }).max(100, { message: 'must be between 0 and 100' });

export const wholeCount = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' });

/**
 * Text meant for people (titles, descriptions, narrative), at most `max` characters: the app
 * lays every one out, and a megabyte of it freezes a tab as surely as a million nodes.
 */
export function prose(max: number, what: string) {
  return z.string().max(max, { message: `must be at most ${max.toLocaleString('en-US')} characters (${what})` });
}

/** Narrative steps a scenario may have: the app draws each on the timeline and lists it. */
export const MAX_NARRATIVE_STEPS = 200;
