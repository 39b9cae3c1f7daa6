// What else is wrong with an element of a discriminated union whose discriminator is missing or names no option (a
// fault line with no `type`): zod stops at the discriminator, so a person saw one problem and, once they gave a type,
// the next. Checked without a type: fields no option has (unknown, with a near miss), and fields every option has (a
// fault's `at` and `for`) against their own schema.
import type { z } from 'zod';
import { defOf, wrapped } from './zodWalk';
import { fieldsAt, unknownFieldMessage } from './nearMiss';

/** A problem as the scenario's validation lists it: `path` dotted from the scenario's root. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The discriminated union's options (object schemas) at `path` of `schema`, or [] where there is none. Pure. */
function unionOptionsAt(schema: unknown, path: readonly PropertyKey[]): unknown[] {
  let s = schema;
  for (let i = 0, depth = 0; depth < 64; depth++) {
    const def = defOf(s);
    if (def === undefined) return [];
    const w = wrapped(def);
    if (w !== null) {
      s = w.inner;
      continue;
    }
    if (i === path.length) return def.type === 'union' && def.discriminator ? (def.options ?? []) : [];
    if (def.type === 'array' && typeof path[i] === 'number') s = def.element;
    else if (def.type === 'object' && typeof path[i] === 'string' && def.shape && (path[i] as string) in def.shape) s = def.shape[path[i] as string];
    else return [];
    i++;
  }
  return [];
}

/**
 * The problems of the other fields of `input`, the object at `objectPath` of `schema` (a discriminated union on
 * `discriminator`) whose discriminator selects no option: each field no option has ("unknown field; did you mean
 * replica?", among every option's fields), and each field every option has, checked against the first option's schema
 * for it (`toProblems` words its issues, their paths from the root). Fields only some options have are left: which
 * apply depends on the type. `data` is the whole input (for the near miss). [] for input that is not an object. Pure.
 */
export function untypedFieldProblems(
  schema: unknown,
  objectPath: readonly PropertyKey[],
  input: unknown,
  discriminator: string,
  data: unknown,
  toProblems: (issue: z.core.$ZodIssue) => FieldProblem[],
): FieldProblem[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return [];
  const options = unionOptionsAt(schema, objectPath).map((o) => defOf(o)?.shape ?? {});
  if (options.length === 0) return [];
  const every = fieldsAt(schema, objectPath, data);
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === discriminator) continue;
    const path = [...objectPath, key];
    if (!every.has(key)) {
      out.push({ path: path.map(String).join('.'), message: unknownFieldMessage(key, [...every].filter((k) => k !== discriminator)) });
      continue;
    }
    if (!options.every((shape) => key in shape)) continue;
    const r = (options[0][key] as z.ZodType).safeParse(value, { reportInput: true });
    if (!r.success) for (const issue of r.error.issues) out.push(...toProblems({ ...issue, path: [...path, ...issue.path] } as z.core.$ZodIssue));
  }
  return out;
}
