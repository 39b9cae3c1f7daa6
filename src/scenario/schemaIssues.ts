import type { z } from 'zod';
import { scenarioSchema } from './schema';
import type { Problem } from './parse';
import { untypedFieldProblems } from './untypedFields';
import { fieldsAt, unknownFieldMessage } from './nearMiss';
import { quoteText } from './quote';

// What zod says of a scenario that fails its schema, in the words the app, the editor and the CLI
// use everywhere ("status: must be an HTTP error status from 400 to 599, got "abc""): zod's own
// generic messages ("Invalid input: expected int, received number") are no sentence a person reads.

/**
 * One schema issue as problems (`path.to.field` and a message); `data` is the whole input, for the
 * fields a near miss is drawn from (fieldsAt). Never throws: an issue code it does not know keeps
 * zod's own message.
 */
export function toProblems(issue: z.core.$ZodIssue, data: unknown): Problem[] {
  const path = joinPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: joinPath([...issue.path, k]), message: unknownFieldMessage(k, fieldsAt(scenarioSchema, issue.path, data)) }));
    case 'invalid_type': {
      const got = describeValue(issue.input);
      if (issue.input === undefined) return [{ path, message: `is required (${issue.expected})` }];
      // z.number().int() reports a fraction as the type "int": the schema's own words when it has
      // them, else the words the app uses everywhere (zod's "Invalid input: expected int, received number" is no sentence).
      if (issue.expected === 'int' && typeof issue.input === 'number') {
        const words = issue.message.startsWith('Invalid input') ? 'must be a whole number' : issue.message;
        return [{ path, message: `${words}, got ${got}` }];
      }
      // A field that says what it takes (z.number({ error: … })) says it, as the rest do ("status:
      // must be an HTTP status from 400 to 599, got "abc""); zod's generic words are no sentence.
      if (!issue.message.startsWith('Invalid input')) return [{ path, message: `${issue.message}, got ${got}` }];
      return [{ path, message: `expected ${issue.expected}, got ${got}` }];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const opts = (issue as { options?: unknown[] }).options ?? [];
        // The issue's input is the whole object; what was wrong is its discriminator field.
        const input = issue.input as Record<string, unknown> | undefined;
        const value = input !== null && typeof input === 'object' ? input[issue.discriminator as string] : input;
        const got = value === undefined ? 'nothing' : describeValue(value);
        // zod stops at the discriminator: the line's other fields are checked as far as they can be without a type
        // (fields no type has, fields every type has), so one pass lists them (a fault with no type and a bad `at`).
        const objectPath = issue.path.at(-1) === issue.discriminator ? issue.path.slice(0, -1) : issue.path;
        const others = untypedFieldProblems(scenarioSchema, objectPath, input, issue.discriminator as string, data, (i) => toProblems(i, data));
        const missing = value === undefined ? 'is required: ' : '';
        return [{ path, message: `${missing}must be one of ${opts.map((o) => JSON.stringify(o)).join(', ')}; got ${got}` }, ...others];
      }
      // A union of alternatives (e.g. a distribution object or a bare duration): report the
      // alternative that got furthest, i.e. whose issues have the longest paths.
      const best = issue.errors
        .map((errs) => errs)
        .sort((a, b) => depth(b) - depth(a))[0];
      // No alternative took the value's type (it is missing, or `true` for a distribution):
      // the union's own words say what it takes, when it has them (zod's generic "Invalid input" otherwise).
      if (depth(best ?? []) < 1 && !issue.message.startsWith('Invalid input')) {
        return [{ path, message: issue.input === undefined ? `is required (${issue.message})` : `expected ${issue.message}, got ${describeValue(issue.input)}` }];
      }
      if (best && best.length) return best.flatMap((i) => toProblems({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue, data));
      return [{ path, message: 'is not valid here' }];
    }
    case 'invalid_value':
      return [{ path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(issue.input)}` }];
    case 'too_small':
    case 'too_big': {
      // The schema's own words when it has them; zod's generic "Too small: ..." otherwise.
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const generic = issue.message.startsWith('Too');
      const what = issue.code === 'too_small' ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      const message = generic ? `must be ${what} ${String(bound)}` : issue.message;
      // An array's length speaks for itself ("needs at least one service").
      if (Array.isArray(issue.input)) return [{ path, message }];
      // A text too long is said by its length: echoing it would repeat what was too long.
      if (typeof issue.input === 'string' && issue.code === 'too_big') return [{ path, message: `${message}, got ${issue.input.length.toLocaleString('en-US')}` }];
      return [{ path, message: `${message}, got ${describeValue(issue.input)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  // An alternative that refused the input's type (e.g. "expected object" for the bare
  // duration "5 parsecs") got less far than one that took the type and refused the value.
  let d = 0;
  for (const i of issues) d = Math.max(d, i.path.length + (i.code === 'invalid_union' ? 0 : i.code === 'invalid_type' ? 0.5 : 1));
  return d;
}

/** A schema path as the dotted path problems carry (`services.0.replicas`). */
export function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? quoteText(v) : JSON.stringify(v);
}
