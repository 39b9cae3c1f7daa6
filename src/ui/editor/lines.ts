// Where in the text a problem is: the line a person fixes it on. The scenario's problems name a
// dotted path (`services.2.replicas`), syntax problems a line and column; the editor puts its
// lint marks and its caret there. JSON is read as YAML (JSON is YAML 1.2) for the source ranges.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Problem } from '../../scenario';

/** A problem with the line (1-based) it is found on, or null when it has none (`(run)`, a whole-file problem). */
export interface ProblemAt extends Problem {
  line: number | null;
}

/** Above this many characters the text is not read a second time for lines: problems keep no line. */
const MAX_TEXT_FOR_LINES = 2_000_000;

/**
 * Finds the line of each problem in `text`: for `(file)` problems the "at line L" their message
 * gives (as readScenarioText words it); for a path, the line of the deepest part of the path the
 * text has (the key of a field, or the start of a list item), so `services.3.replicas` of a
 * service that leaves `replicas` out points at that service. In reading order: problems without
 * a line first (they concern the whole file), then by line; problems on one line keep their order.
 * Pure; never throws.
 */
export function locateProblems(text: string, problems: readonly Problem[]): ProblemAt[] {
  let lookup: ((path: string) => number | null) | null = null;
  const byPath = (path: string): number | null => {
    if (!lookup) lookup = pathLookup(text);
    return lookup(path);
  };
  const located = problems.map((p): ProblemAt => {
    if (p.path === '(file)') {
      const m = /\bat line (\d+)/.exec(p.message);
      return { ...p, line: m ? Number(m[1]) : null };
    }
    if (!p.path || p.path.startsWith('(')) return { ...p, line: null };
    return { ...p, line: byPath(p.path) };
  });
  // Array.prototype.sort is stable, so problems on one line keep the checker's order.
  return located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/**
 * The problems of a file a person opened, as the Open file… alert lists them: in reading order
 * (locateProblems), each found on a line named by it, its path becoming `line N: path` (so the
 * alert reads `line N: path: message`, as the editor's lint marks place it). A `(file)` problem
 * keeps its path, its message naming the line and column already ("malformed JSON at line 1,
 * column 1"); a problem with no line found (a whole-file problem, `(run)`) keeps its path too.
 * Pure; never throws.
 */
export function problemsWithLines(text: string, problems: readonly Problem[]): Problem[] {
  return locateProblems(text, problems).map(({ line, path, message }) => ({ path: line === null || path === '(file)' ? path : `line ${line}: ${path}`, message }));
}

/** A function from a dotted path to its line, over one read of the text. */
function pathLookup(text: string): (path: string) => number | null {
  if (text.length > MAX_TEXT_FOR_LINES) return () => null;
  const counter = new LineCounter();
  let root: Node | null;
  try {
    const doc = parseDocument(text, { lineCounter: counter, logLevel: 'silent' });
    root = (doc.contents as Node | null) ?? null;
  } catch {
    return () => null;
  }
  return (path) => {
    const offset = offsetOfPath(root, path.split('.'));
    return offset === null ? null : counter.linePos(offset).line;
  };
}

/**
 * The source offset of the deepest node along `segments` (a key's offset for a map entry).
 * A segment that is no key may be a key holding dots (a layout entry named `a.b`): the
 * following segments are joined to it until a key matches.
 */
function offsetOfPath(root: Node | null, segments: string[]): number | null {
  let node: unknown = root;
  let offset: number | null = root?.range?.[0] ?? null;
  for (let i = 0; i < segments.length; i++) {
    if (isSeq(node)) {
      const index = Number(segments[i]);
      const item: unknown = Number.isInteger(index) ? node.items[index] : undefined;
      if (!item || !(item as Node).range) break;
      node = item;
      offset = (item as Node).range![0];
    } else if (isMap(node)) {
      let found = false;
      for (let j = i; j < segments.length && !found; j++) {
        const key = segments.slice(i, j + 1).join('.');
        const pair = ((node as { items: unknown[] }).items).find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        if (isPair(pair) && isScalar(pair.key) && pair.key.range) {
          offset = pair.key.range[0];
          node = pair.value;
          i = j;
          found = true;
        }
      }
      if (!found) break;
    } else break;
  }
  return offset;
}
