// A problem's place as a person knows it: by name, not by position (trial S50: "services.2.replicas"
// made a platform engineer count list items). The checks keep the file's index paths (the editor
// finds a problem's line by them, the stand-in maps them); where a problem is shown, each index of
// an item with a name of its own is written as that name, the form `sweep --set` takes
// (`services.payments.replicas`, grid.ts resolvePath), so a path read in an error can be set.

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The name `list[index]` is known by, or null when it has none a path can hold: no string name, one that reads as an index or holds a '.', or one another item of the list has too. */
function nameAt(list: readonly unknown[], index: number): string | null {
  const item = list[index];
  const name = isObject(item) ? item.name : undefined;
  if (typeof name !== 'string' || name === '' || /^\d+$/.test(name) || name.includes('.')) return null;
  const first = list.findIndex((e) => isObject(e) && e.name === name);
  const again = list.findIndex((e, i) => i > first && isObject(e) && e.name === name);
  return again < 0 ? name : null;
}

/**
 * `path` (dotted, as problems carry it: `services.2.calls.0.service`) with each index of a named
 * item in `data` (the file as read) written as its name: `services.payments.calls.0.service`
 * (calls have no name, so keep their index). Parts `data` does not have are kept as written; a
 * key holding dots (a layout entry `a.b`) is found as the editor's line lookup finds it. Pure;
 * never throws. `(file)`, `(run)` and other parenthesised places come back as they are.
 */
export function namedPath(data: unknown, path: string): string {
  if (!path || path.startsWith('(')) return path;
  const segments = path.split('.');
  const out: string[] = [];
  let at: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (Array.isArray(at) && /^\d+$/.test(seg)) {
      const index = Number(seg);
      out.push(nameAt(at, index) ?? seg);
      at = at[index];
    } else if (isObject(at)) {
      // The longest run of segments that is a key here (a key may hold dots).
      let j = i;
      while (j < segments.length && !Object.hasOwn(at, segments.slice(i, j + 1).join('.'))) j++;
      if (j === segments.length) return [...out, ...segments.slice(i)].join('.');
      out.push(...segments.slice(i, j + 1));
      at = at[segments.slice(i, j + 1).join('.')];
      i = j;
    } else {
      return [...out, ...segments.slice(i)].join('.');
    }
  }
  return out.join('.');
}

/** Dotted paths with an index in them (`services.1`, `gateways.0.routes.2.service`), as messages quote other places. */
const QUOTED_PATH = /\b[A-Za-z]+(?:\.(?:\d+|[A-Za-z][\w-]*))*\.\d+(?:\.(?:\d+|[A-Za-z][\w-]*))*/g;

/**
 * A problem's message with each place it quotes written by name as namedPath writes its path
 * ("is also the name of services.1" -> "is also the name of services.orders"). Text that is no
 * path of `data` is kept. Pure; never throws.
 */
export function namedPathsIn(data: unknown, text: string): string {
  return text.replace(QUOTED_PATH, (p) => (isObject(data) && Object.hasOwn(data, p.split('.')[0]) ? namedPath(data, p) : p));
}

/** A problem with its path and the places its message quotes written by name (namedPath). Pure. */
export function namedProblem<P extends { path: string; message: string }>(data: unknown, p: P): P {
  return { ...p, path: namedPath(data, p.path), message: namedPathsIn(data, p.message) };
}
