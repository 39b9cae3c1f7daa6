// What the scenario's own walks over its zod 4 schema read (common.ts durationPaths, nearMiss.ts
// fieldsAt): a schema's definition, and the schema a wrapper stands for.

/** Zod 4's definition of a schema (`schema._zod.def`), as far as our walks read it. */
export interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  in?: unknown;
  valueType?: unknown;
  left?: unknown;
  right?: unknown;
  getter?: () => unknown;
  /** A discriminated union's key (`type`); each option's `_zod.propValues[discriminator]` holds its literals. */
  discriminator?: string;
}

/** The definition of zod schema `s`, or undefined when `s` is not one. */
export function defOf(s: unknown): SchemaDef | undefined {
  return (s as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/**
 * For a wrapper (optional, nullable, default, prefault, readonly, catch, nonoptional, a pipe's
 * input, a lazy schema), `{ inner }`: the schema it wraps, whose fields the data has (inner may
 * be undefined for a lazy getter that gives nothing). Null for any other kind.
 */
export function wrapped(def: SchemaDef): { inner: unknown } | null {
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return { inner: def.innerType };
    case 'pipe':
      return { inner: def.in };
    case 'lazy':
      return { inner: def.getter?.() };
    default:
      return null;
  }
}
