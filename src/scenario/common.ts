import { z } from 'zod';
import { parseDuration } from './duration';
import { formatCount } from './numberText';
import { defOf, wrapped } from './zodWalk';

/**
 * The schemas that read a duration into milliseconds (parseDuration): `duration` and whatever is
 * made from it by a refine (`positiveDuration`), which zod's registry counts through the clone's
 * parent. `durationPaths` finds a schema's duration fields by it, so no list of them is kept by hand.
 */
export const durationSchemas = z.registry<{ duration: true }>();

/** A duration in ms: "250ms", "5s", "2m", "1h" or a number of ms. */
export const duration = z
  .unknown()
  .transform((v, ctx) => {
    const r = parseDuration(v);
    if (r.ok) return r.ms;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  })
  .register(durationSchemas, { duration: true });

export const positiveDuration = duration.refine((ms) => ms > 0, { message: 'must be greater than zero' });

/**
 * Where the parsed value of `schema` holds durations (milliseconds, from a `duration` field or
 * one made from it), as paths of keys; `*` stands for any element of an array or any value of
 * a record. Every branch of a union is walked. Derived from the schema, so a duration field added
 * to it is found with no list to update. Pure.
 */
export function durationPaths(schema: z.core.$ZodType): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const walk = (s: z.core.$ZodType | undefined, at: string[], depth: number): void => {
    if (s === undefined || depth > 64) return;
    if (durationSchemas.get(s)) {
      const key = at.join('.');
      if (!seen.has(key)) out.push(at);
      seen.add(key);
      return;
    }
    const def = defOf(s)!;
    const w = wrapped(def);
    if (w !== null) return walk(w.inner as z.core.$ZodType | undefined, at, depth + 1);
    switch (def.type) {
      case 'union':
        for (const o of def.options ?? []) walk(o as z.core.$ZodType, at, depth + 1);
        return;
      case 'intersection':
        walk(def.left as z.core.$ZodType, at, depth + 1);
        walk(def.right as z.core.$ZodType, at, depth + 1);
        return;
      case 'array':
        return walk(def.element as z.core.$ZodType, [...at, '*'], depth + 1);
      case 'record':
        return walk(def.valueType as z.core.$ZodType, [...at, '*'], depth + 1);
      case 'object':
        for (const [k, v] of Object.entries(def.shape ?? {})) walk(v as z.core.$ZodType, [...at, k], depth + 1);
        return;
    }
  };
  walk(schema, [], 0);
  return out;
}

export const name = z
  .string()
  .min(1, { message: 'must not be empty' })
  // Names are printed in every message, table and label.
  .max(100, { message: 'must be at most 100 characters (names appear in every message, table and label)' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'use letters, digits, ".", "_" or "-" (starting with a letter or digit)' });

/**
 * A Kubernetes namespace's name: a DNS-1123 label (lower-case letters, digits and "-", starting and
 * ending with a letter or digit, at most 63 characters), as the API server requires of
 * metadata.namespace. Anything else is refused with what a label may hold.
 */
export const namespaceName = z
  .string()
  .max(63, { message: 'must be at most 63 characters (a Kubernetes namespace is a DNS-1123 label)' })
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { message: 'must be a Kubernetes namespace: a DNS-1123 label of lower-case letters, digits and "-", starting and ending with a letter or digit' });

export const probability = z.number().min(0, { message: 'must be between 0 and 1' }).max(1, { message: 'must be between 0 and 1' });

export const percent = z.number().min(0, { message: 'must be between 0 and 100' }).max(100, { message: 'must be between 0 and 100' });

export const wholeCount = z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' });

/**
 * Text meant for people (titles, descriptions, narrative), at most `max` characters: the app
 * lays every one out, and a megabyte of it freezes a tab as surely as a million nodes.
 */
export function prose(max: number, what: string) {
  return z.string().max(max, { message: `must be at most ${formatCount(max)} characters (${what})` });
}

/** Narrative steps a scenario may have: the app draws each on the timeline and lists it. */
export const MAX_NARRATIVE_STEPS = 200;
