// A copy of a scenario the schema refused, with the refused parts taken out, so the checks of
// references between its parts (parse.ts checkReferences) can run on the rest: a person then
// sees an unknown service in a gateway route or a fault on a missing link beside the schema's
// problems, rather than only once those are fixed.

/** Where one schema issue is, and which keys it names (an unknown field's). */
export interface RefusedAt {
  readonly path: readonly PropertyKey[];
  /** For an unknown-fields issue: the unknown keys of the object at `path`. */
  readonly keys?: readonly string[];
}

/** The stand-in data and how to say its problems' paths in the file's terms. */
export interface StandIn {
  readonly data: unknown;
  /** Dotted paths of the fields taken out or given a stand-in value (as in the file). */
  readonly refused: readonly string[];
  /** Of those, the fields left to their default or given a stand-in value (not left out whole with their list element). */
  readonly defaulted: readonly string[];
  /** True when `duration` was refused: the checks of times against it mean nothing. */
  readonly durationRefused: boolean;
  /** A dotted path in `data` as the same place in the file (indices of lists with elements taken out move back). */
  readonly pathInFile: (path: string) => string;
}

/**
 * Lists whose elements nothing names by index or by a name others refer to: a refused element of
 * one is left out whole. (Services, clients and gateways are named by others: a refused field of
 * one is left to its default instead, and the element stays.) Numbers in a path are `#`.
 */
const DROPPABLE = new Set(['faults', 'changes', 'narrative', 'services.#.calls', 'gateways.#.routes', 'services.#.calls.#.routes']);

/**
 * Values for required fields, given where the refused one had no default: any valid value will
 * do, as the reference checks never read them (a duration is the exception: `durationRefused`).
 */
const STAND_IN: Readonly<Record<string, unknown>> = { serviceTime: '1ms', rate: 1, users: 1 };

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `data` (plain JSON-like data, not mutated) with what the issues point at taken out: an element
 * of a DROPPABLE list whole, else the refused field (an unknown field; a value the schema's
 * default replaces). `required` lists paths (from a second schema pass) whose fields are now
 * missing: they get a STAND_IN value. Returns null when an issue points at something that cannot
 * be taken out (the whole file, a list of services, a required field with no stand-in).
 * `keepElements`: an element of a DROPPABLE list stays, only its refused field is taken out (a
 * gateway's one route with a bad `retryOn` value: left out whole, the gateway had no route and
 * the rest failed the schema, so an unknown mesh elsewhere was said only once retryOn was fixed).
 */
export function standIn(data: unknown, issues: readonly RefusedAt[], required: readonly (readonly PropertyKey[])[] = [], keepElements = false): StandIn | null {
  if (!isRecord(data)) return null;
  const copy = clone(data) as Record<string, unknown>;
  const drops = new Map<string, Set<number>>(); // a list's dotted path -> indices to leave out
  const fields: (readonly PropertyKey[])[] = [];
  const refused: string[] = [];
  for (const issue of issues) {
    const at = issue.keys ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of at) {
      if (path.length === 0) return null;
      const d = keepElements ? null : droppableElement(path);
      if (d !== null) {
        const list = path.slice(0, d).join('.');
        if (!drops.has(list)) drops.set(list, new Set());
        drops.get(list)!.add(path[d] as number);
      } else fields.push(path);
      refused.push(path.join('.'));
    }
  }
  for (const path of fields) {
    const parent = at(copy, path.slice(0, -1));
    const last = path[path.length - 1];
    if (isRecord(parent) && typeof last === 'string') delete parent[last];
    // An element of another list (a mesh's trusted meshes, a step's highlights): left out.
    else if (Array.isArray(parent) && typeof last === 'number') {
      const list = path.slice(0, -1).join('.');
      if (!drops.has(list)) drops.set(list, new Set());
      drops.get(list)!.add(last);
    } else return null;
  }
  for (const path of required) {
    const key = path[path.length - 1];
    const parent = at(copy, path.slice(0, -1));
    if (typeof key !== 'string' || !(key in STAND_IN) || !isRecord(parent)) return null;
    parent[key] = STAND_IN[key];
  }
  // Left out last, deepest first, so the paths above stay good; the kept indices map paths back.
  const kept = new Map<string, number[]>();
  for (const list of [...drops.keys()].sort((a, b) => b.split('.').length - a.split('.').length)) {
    // Inside an element left out whole: nothing to do.
    if ([...drops.keys()].some((o) => o !== list && list.startsWith(`${o}.`) && drops.get(o)!.has(Number(list.slice(o.length + 1).split('.')[0])))) continue;
    const arr = at(copy, list.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
    if (!Array.isArray(arr)) return null;
    const out = drops.get(list)!;
    const keep = arr.map((_, i) => i).filter((i) => !out.has(i));
    kept.set(list, keep);
    arr.splice(0, arr.length, ...keep.map((i) => arr[i]));
  }
  const pathInFile = (path: string): string => {
    const segs = path.split('.');
    const outSegs: string[] = [];
    for (const s of segs) {
      const k = kept.get(outSegs.join('.'));
      outSegs.push(k !== undefined && /^\d+$/.test(s) && Number(s) < k.length ? String(k[Number(s)]) : s);
    }
    return outSegs.join('.');
  };
  const defaulted = fields.filter((p) => !Array.isArray(at(data, p.slice(0, -1)))).map((p) => p.join('.'));
  return { data: copy, refused, defaulted, durationRefused: refused.some((p) => p === 'duration'), pathInFile };
}

/** The index in `path` of the element of a DROPPABLE list it lies in (the outermost), or null. */
function droppableElement(path: readonly PropertyKey[]): number | null {
  for (let d = 1; d < path.length; d++) {
    if (typeof path[d] !== 'number') continue;
    const list = path.slice(0, d).map((s) => (typeof s === 'number' ? '#' : String(s))).join('.');
    if (DROPPABLE.has(list)) return d;
  }
  return null;
}

function at(v: unknown, path: readonly PropertyKey[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k as string];
  }
  return cur;
}

/** A deep copy of plain data (objects and arrays; anything else is shared). */
function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}
