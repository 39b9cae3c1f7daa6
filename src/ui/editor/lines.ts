// Where in the text a problem is: the line a person fixes it on. The scenario's problems name a
// dotted path (`services.2.replicas`), syntax problems a line and column; the editor puts its
// lint marks and its caret there. Once its line is found, a path is shown by name
// (`services.payments.replicas`, scenario/namedPath.ts). JSON is read as YAML (JSON is YAML 1.2) for the source ranges.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { namedProblem, type Problem } from '../../scenario';

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
  let read: TextRead | null = null;
  const byPath = (path: string): number | null => {
    read ??= readForLines(text);
    return read.line(path);
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
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  // Each place by its name (`services.payments.replicas`, namedPath), once its line is found by index.
  const data = problems.some((p) => /\.\d/.test(p.path) || /\.\d/.test(p.message)) ? (read ??= readForLines(text)).data : undefined;
  return data === undefined ? located : located.map((p) => namedProblem(data, p));
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

/**
 * The problems of a text with no lines to give (a share link's scenario), each path and each
 * place its message quotes written by name, as locateProblems writes them
 * (`services.payments.replicas`; namedPath). Order kept. Pure; never throws.
 */
export function namedProblems(text: string, problems: readonly Problem[]): Problem[] {
  if (!problems.some((p) => /\.\d/.test(p.path) || /\.\d/.test(p.message))) return [...problems];
  const { data } = readForLines(text);
  return data === undefined ? [...problems] : problems.map((p) => namedProblem(data, p));
}

/** One read of a text for its problems: each dotted path's line, and the data (undefined when not read). */
interface TextRead {
  line: (path: string) => number | null;
  data: unknown;
}

/** Reads `text` once (as YAML, which JSON is) for its lines and its data; nothing above MAX_TEXT_FOR_LINES. */
function readForLines(text: string): TextRead {
  if (text.length > MAX_TEXT_FOR_LINES) return { line: () => null, data: undefined };
  const counter = new LineCounter();
  let root: Node | null;
  let data: unknown;
  try {
    const doc = parseDocument(text, { lineCounter: counter, logLevel: 'silent' });
    root = (doc.contents as Node | null) ?? null;
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return { line: () => null, data: undefined };
  }
  return {
    line: (path) => {
      const offset = offsetOfPath(root, path.split('.'));
      return offset === null ? null : counter.linePos(offset).line;
    },
    data,
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
