// The field a person most likely meant by a key nothing knows: shared by the scenario's own
// checks (parse.ts) and the manifest importer (import/documents.ts), so both say "did you mean"
// by one rule; and the fields a scenario's schema allows at a path, to pick from.
import { defOf, wrapped, type SchemaDef } from './zodWalk';

/**
 * The name in `names` that `key` is a near miss of (`replcas` for `replicas`, `timout` for
 * `timeout`): one letter off for keys of 5 characters or more, two for 9 or more, a case
 * difference or two neighbouring letters swapped counting as one edit. Shorter keys are never
 * matched (`tls` and `tcp` are both real fields). The nearest wins; the first listed on a tie.
 * Undefined when none is that near, or when `key` is itself one of `names`.
 */
export function nearestName(key: string, names: Iterable<string>): string | undefined {
  if (key.length < 5) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    if (name === key) return undefined;
    const d = editDistance(key.toLowerCase(), name.toLowerCase()) + (key.toLowerCase() === name.toLowerCase() ? 1 : 0);
    if (d <= (key.length >= 9 ? 2 : 1) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** Names a message lists at most: past it the list is cut, so a 4,000-service file's unknown name is one short line, not 40 KB. */
export const LISTED_NAMES = 10;

/**
 * `names` as a problem lists them after a name that names nothing (`typed`): all of them, comma
 * separated ('none' when empty), up to LISTED_NAMES; past that the first LISTED_NAMES and how many
 * more, led by `typed`'s near miss when there is one (nearestName): 'nearest "svc-0999"; svc-0000,
 * svc-0001, ... and 3,990 more'. Pure.
 */
export function listNames(names: Iterable<string>, typed?: string): string {
  const all = [...names];
  if (all.length === 0) return 'none';
  if (all.length <= LISTED_NAMES) return all.join(', ');
  const near = typed === undefined ? undefined : nearestName(typed, all);
  return `${near === undefined ? '' : `nearest "${near}"; `}${all.slice(0, LISTED_NAMES).join(', ')} and ${(all.length - LISTED_NAMES).toLocaleString('en-US')} more`;
}

/**
 * What a problem says of a key no field at its place has: "unknown field", the near miss meant
 * when there is one (nearestName), and the fields allowed there, all of them in the schema's order
 * (a level has at most a few dozen, so the list is never cut): 'unknown field; did you mean
 * replicas? (fields here: name, description, replicas, ...)'. Just "unknown field" when `fields`
 * is empty (a place the schema does not describe). Pure.
 */
export function unknownFieldMessage(key: string, fields: Iterable<string>): string {
  const all = [...fields];
  const meant = nearestName(key, all);
  return `unknown field${meant === undefined ? '' : `; did you mean ${meant}?`}${all.length ? ` (fields here: ${all.join(', ')})` : ''}`;
}

/**
 * What a problem says of a name that names nothing, worded as an unknown field's
 * (unknownFieldMessage): 'unknown service "ordrs"; did you mean orders? (services: frontend,
 * orders, cart)'. `kind` is what was looked for ("service", "mesh"), `label` the list's name
 * ("services"); the near miss by nearestName, the list by listNames (cut past LISTED_NAMES, its
 * near miss said up front instead of as "nearest"). Pure.
 */
export function unknownNameMessage(kind: string, typed: string, names: Iterable<string>, label = `${kind}s`): string {
  const all = [...names];
  const meant = nearestName(typed, all);
  return `unknown ${kind} "${typed}"${meant === undefined ? '' : `; did you mean ${meant}?`} (${label}: ${listNames(all)})`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours, one each (3 when the lengths differ by more than 2). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The options of a discriminated union that `value`'s discriminator selects; all of them when it selects none (missing, or no option's). */
function branchesOf(def: SchemaDef, value: unknown): unknown[] {
  const options = def.options ?? [];
  const key = def.discriminator;
  if (key === undefined || value === null || typeof value !== 'object' || !(key in value)) return options;
  const tag = (value as Record<string, unknown>)[key];
  const chosen = options.filter((o) => (o as { _zod?: { propValues?: Record<string, Set<unknown>> } })?._zod?.propValues?.[key]?.has(tag));
  return chosen.length ? chosen : options;
}

/**
 * The field names an object at `path` of `schema` may have, for a "did you mean" beside an
 * unknown field. In a discriminated union (a distribution's or a fault's `type`), the branch
 * that `data` (the whole input the path is into) selects by its discriminator: `mena` in an
 * exponential distribution is looked for among `type` and `mean`, not a lognormal's `median`.
 * Every branch where the data selects none (no `data`, the discriminator missing or unknown),
 * and every branch of a plain union. Empty where the path leads to no object. Pure.
 */
export function fieldsAt(schema: unknown, path: readonly PropertyKey[], data?: unknown): Set<string> {
  const out = new Set<string>();
  const child = (v: unknown, k: PropertyKey): unknown => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined);
  // `v`: the data at path[0..i), undefined once the data does not go that far.
  const walk = (s: unknown, i: number, v: unknown, depth: number): void => {
    const def = defOf(s);
    if (def === undefined || depth > 64) return;
    const w = wrapped(def);
    if (w !== null) return walk(w.inner, i, v, depth + 1);
    switch (def.type) {
      case 'union':
        for (const o of branchesOf(def, v)) walk(o, i, v, depth + 1);
        return;
      case 'intersection':
        walk(def.left, i, v, depth + 1);
        walk(def.right, i, v, depth + 1);
        return;
      case 'array':
        if (i < path.length && typeof path[i] === 'number') walk(def.element, i + 1, child(v, path[i]), depth + 1);
        return;
      case 'record':
        if (i < path.length) walk(def.valueType, i + 1, child(v, path[i]), depth + 1);
        return;
      case 'object':
        if (i === path.length) for (const k of Object.keys(def.shape ?? {})) out.add(k);
        else if (typeof path[i] === 'string' && def.shape && path[i] in def.shape) walk(def.shape[path[i] as string], i + 1, child(v, path[i]), depth + 1);
        return;
    }
  };
  walk(schema, 0, data, 0);
  return out;
}
