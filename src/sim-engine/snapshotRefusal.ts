// Why a snapshot's deep copy (snapshot.ts) was refused, and where: the value it met that it cannot
// copy (a function with no revivable tag, an object of a class nobody taught it), named by its
// path from the root so the state to fix can be found without a debugger.

/** A copy refused: `path` names where the value that cannot be copied lies, from the root. */
export class SnapshotError extends Error {
  constructor(readonly path: string, why: string) {
    super(`${path}: ${why}`);
    this.name = 'SnapshotError';
  }
}

/** Thrown inside the walk; turned into a SnapshotError with the path once the walk has unwound. */
export class Unknown {
  constructor(readonly value: object, readonly what: string) {}
}

/**
 * The path from `root` to `target` (breadth first, so the shortest), as `root.a.b[3]`: Map values
 * as `.get(key)`, Set members as `{i}`. Only walked after a copy failed, so it may be slow.
 */
function pathTo(root: unknown, target: object, rootName: string, keep: Set<object>): string | null {
  const seen = new Set<unknown>();
  let level: [unknown, string][] = [[root, rootName]];
  while (level.length > 0) {
    const next: [unknown, string][] = [];
    for (const [v, p] of level) {
      if (v === target) return p;
      if (v === null || typeof v !== 'object' || seen.has(v) || keep.has(v) || ArrayBuffer.isView(v)) continue;
      seen.add(v);
      if (Array.isArray(v)) v.forEach((x, i) => next.push([x, `${p}[${i}]`]));
      else if (v instanceof Map) for (const [k, x] of v) next.push([k, `${p}.keys(${String(k)})`], [x, `${p}.get(${String(k)})`]);
      else if (v instanceof Set) [...v].forEach((x, i) => next.push([x, `${p}{${i}}`]));
      else for (const k of Object.keys(v)) next.push([(v as Record<string, unknown>)[k], `${p}.${k}`]);
    }
    level = next;
  }
  return null;
}

/**
 * Rethrows `e` if the walk did not throw it; else throws the SnapshotError for it, naming the
 * refused value's path from `root` (called `rootName`; `keep`'s objects are shared, not walked).
 */
export function refuse(e: unknown, root: unknown, rootName: string, keep: Iterable<object>): never {
  if (!(e instanceof Unknown)) throw e;
  const path = pathTo(root, e.value, rootName, new Set(keep)) ?? '(unknown path)';
  const name = typeof e.value === 'function' && e.value.name ? ` (${e.value.name})` : '';
  throw new SnapshotError(path, `${e.what}${name} cannot be copied into a snapshot: tag it with revivable() or stateless() (src/sim-engine/revivable.ts), or keep its state as plain data`);
}
