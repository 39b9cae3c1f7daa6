/**
 * The grid of a sweep: `--set path=v1,v2,...` options, their cartesian product, and each point
 * applied to a scenario's raw data (before validation, so the scenario's own checks judge it).
 *
 * Paths are the scenario's field paths as its validation messages write them
 * (`services.3.policy.retries.attempts`), where a list of named parts (services, clients,
 * gateways, meshes, routes...) also takes a part's name in place of its index
 * (`services.payments.policy.retries.attempts`).
 */

/** One `--set`: a field path and the values it takes, in the order given. */
export interface Axis {
  path: string;
  values: unknown[];
}

/** One point of the grid: a value per axis, in axis order. */
export type Point = unknown[];

/** Splits `a,b,[1,2],{"x":1,"y":2}` at the commas outside brackets, braces and quotes. */
function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((v) => v.trim());
}

/** A value as typed: JSON when it reads as JSON (3, true, {"type":"exponential"}), else the text itself ("5ms", "STRICT"). */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Parses one `--set path=v1,v2,...`. Problems are `--set path: message` lines; the path is
 * checked against a scenario later, by `resolvePath`.
 */
export function parseSet(text: string): { ok: true; axis: Axis } | { ok: false; problem: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { ok: false, problem: `--set: expected path=v1,v2,... e.g. --set services.payments.policy.retries.attempts=0,1,2,3, got "${text}"` };
  const path = text.slice(0, eq).trim();
  if (path.split('.').some((s) => s === '')) return { ok: false, problem: `--set ${path}: a field path has no empty parts (e.g. services.payments.replicas)` };
  const raw = splitValues(text.slice(eq + 1));
  if (raw.some((v) => v === '')) return { ok: false, problem: `--set ${path}: empty value in "${text.slice(eq + 1)}" (give each value, separated by commas)` };
  // A value opened as a JSON object or list but not closed as one is a slip in the JSON, not text
  // (it was judged as text: '"{\"type\":\"exponential\"" is not a duration').
  for (const v of raw) {
    if (!/^[[{]/.test(v)) continue;
    try {
      JSON.parse(v);
    } catch (e) {
      return { ok: false, problem: `--set ${path}=${v}: not valid JSON (${(e as Error).message}); a value starting with { or [ is read as JSON; in single quotes, so the shell keeps JSON's double quotes: --set '${path}={"field":"value"}'` };
    }
  }
  const values = raw.map(parseValue);
  // JSON reads a number past the largest double (1e400) as Infinity, which no field takes and which printed as null
  // ("--set services.web.replicas=null: expected number, got Infinity"): said as the number typed (session 42).
  const huge = raw.find((_, i) => hasNonFinite(values[i]));
  if (huge !== undefined) return { ok: false, problem: `--set ${path}=${huge}: a number beyond ±1.8e308, which reads as Infinity; give a finite number` };
  const seen = new Set<string>();
  for (const v of values) {
    const key = JSON.stringify(v);
    if (seen.has(key)) return { ok: false, problem: `--set ${path}: ${key} is given twice (each value is one point of the grid)` };
    seen.add(key);
  }
  return { ok: true, axis: { path, values } };
}

/** Whether a parsed value is, or holds, a number that is not finite. */
function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

/** Every combination of the axes' values, the first axis slowest ("row-major"). One empty point for no axes. */
export function gridPoints(axes: readonly Axis[]): Point[] {
  let points: Point[] = [[]];
  for (const a of axes) points = points.flatMap((p) => a.values.map((v) => [...p, v]));
  return points;
}

/** "services" -> "service", "meshes" -> "mesh": what one element of a named list is called. */
function singular(key: string): string {
  if (/(sh|ch|ss|x)es$/.test(key)) return key.slice(0, -2);
  return key.endsWith('s') ? key.slice(0, -1) : key;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Resolves `path` in `data` to the index path the scenario's messages use
 * (`services.payments.policy` -> `services.3.policy`). Missing object fields are allowed (a
 * `--set` may add `policy` to a service that has none); a name or index that is not in its
 * list, or a step into a value that is not an object or list, is a problem.
 */
export function resolvePath(data: unknown, path: string): { ok: true; indexPath: string[] } | { ok: false; problem: string } {
  const parts = path.split('.');
  const out: string[] = [];
  let at: unknown = data;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    // Said as typed (services.payments, not services.1): the user's words, not the file's indices.
    const here = i > 0 ? parts.slice(0, i).join('.') : '(scenario)';
    if (Array.isArray(at)) {
      const key = parts[i - 1] ?? '';
      let index = /^\d+$/.test(part) ? Number(part) : at.findIndex((e) => isObject(e) && e.name === part);
      if (index < 0 || index >= at.length) {
        const names = at.map((e) => (isObject(e) && typeof e.name === 'string' ? e.name : null));
        const named = names.every((n) => n !== null) && names.length > 0;
        const has = at.length === 0 ? `${here} is empty` : named ? `${key} are ${names.join(', ')}` : `${here} has ${at.length}: ${at.length === 1 ? 'index 0' : `indices 0 to ${at.length - 1}`}`;
        return { ok: false, problem: `--set ${path}: unknown ${singular(key)} "${part}" (${has})` };
      }
      out.push(String(index));
      at = at[index];
    } else if (isObject(at)) {
      out.push(part);
      at = at[part];
      // A field the file leaves out: created when the value is set (the schema then judges it).
      // But an index after it names an item of a list the file does not have: a --set changes
      // values, it adds no items (it would make an object keyed "3", which the schema refuses as
      // "expected array" at a path the user never typed).
      if (at === undefined && i < parts.length - 1) {
        if (/^\d+$/.test(parts[i + 1])) {
          return { ok: false, problem: `--set ${path}: ${here} has no ${part}, so no ${part}.${parts[i + 1]} (a --set changes what the file has; it cannot add items to a list)` };
        }
        at = {};
      }
    } else {
      return { ok: false, problem: `--set ${path}: ${here} is ${JSON.stringify(at)}, not an object or a list, so it has no "${part}"` };
    }
  }
  return { ok: true, indexPath: out };
}

/**
 * Sets `value` at an already resolved index path, creating missing objects on the way.
 * Impure: mutates `data` (pass a copy).
 */
export function setAt(data: unknown, indexPath: readonly string[], value: unknown): void {
  let at = data as Record<string, unknown>;
  for (let i = 0; i < indexPath.length - 1; i++) {
    const k = indexPath[i];
    if (at[k] === undefined) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[indexPath[indexPath.length - 1]] = structuredClone(value);
}

/** A point as `path=value` pairs, the values as typed (JSON for non-strings). */
export function describePoint(axes: readonly Axis[], point: Point): string {
  return axes.map((a, i) => `${a.path}=${formatValue(point[i])}`).join(' ');
}

/** A value as it would be typed on the command line. */
export function formatValue(v: unknown): string {
  // A string that would read back as something else ("true", "3", "a,b") keeps its JSON quotes.
  return typeof v === 'string' && parseValue(v) === v && !v.includes(',') ? v : JSON.stringify(v);
}
