import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { bracketDepth, deepestBlockLine, MAX_BLOCK_COLUMN, MAX_DEPTH, notText } from '../textGuards';
import type { ImportMessage } from './types';
import { nearestName } from '../nearMiss';
import { explainYamlError, pathAtOffset } from '../yamlWords';

/**
 * Multi-document YAML into plain data with the line of every field, and a record of which
 * fields a reader took, so that every field left is reported (never silently dropped).
 */

/** A path segment: a map key or a list index. */
export type Seg = string | number;

/** Writes a path as people read it: `spec.http[0].timeout`, `metadata.annotations["a.b/c"]`. */
export function formatPath(path: readonly Seg[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) s += s ? `.${p}` : p;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}

/** One YAML document of a file: its data, where each field is, and what a reader took of it. */
export class ManifestDoc {
  /** Paths a reader took, as formatted paths; a taken path takes all below it. */
  private readonly taken = new Set<string>();
  /** The keys a reader asked for under each map (formatted path of the map), written or not. */
  private readonly asked = new Map<string, Set<string>>();
  /** Where a reader looked inside a value that is no map or list (`spec: hello`), by formatted path. */
  private readonly notContainers = new Map<string, { path: Seg[]; value: unknown; wanted: 'map' | 'list' }>();

  constructor(
    readonly file: string,
    /** 1-based line of the document's first content. */
    readonly line: number,
    readonly data: unknown,
    /** Line of each field by formatted path. */
    readonly lines: Record<string, number>,
  ) {}

  /** The line of a path, or of its nearest parent that has one. */
  lineOf(path: readonly Seg[]): number {
    for (let n = path.length; n > 0; n--) {
      const l = this.lines[formatPath(path.slice(0, n))];
      if (l !== undefined) return l;
    }
    return this.line;
  }

  /** The value at a path (undefined when absent), marking it taken. */
  take(path: readonly Seg[]): unknown {
    this.taken.add(formatPath(path));
    return this.peek(path);
  }

  /**
   * The field a reader asked for beside `path` and found missing, when `path`'s key is a near
   * miss of its name (`replcas` for `replicas`, `timout` for `timeout`): one letter off for keys
   * of 5 characters or more, two for 9 or more, a case difference or two letters swapped counting
   * as one. Shorter keys are never matched: `tls` and `tcp` are both Istio's. Undefined otherwise.
   */
  nearMiss(path: readonly Seg[]): string | undefined {
    const key = path[path.length - 1];
    if (typeof key !== 'string') return undefined;
    const parent = path.slice(0, -1);
    const missing = [...(this.asked.get(formatPath(parent)) ?? [])].filter((name) => this.valueAt([...parent, name]) === undefined);
    return nearestName(key, missing);
  }

  /** The value at a path, without taking it (the reader asked for it, though: see nearMiss). */
  peek(path: readonly Seg[]): unknown {
    const last = path[path.length - 1];
    if (typeof last === 'string') {
      const parent = formatPath(path.slice(0, -1));
      const keys = this.asked.get(parent) ?? new Set<string>();
      keys.add(last);
      this.asked.set(parent, keys);
    }
    return this.valueAt(path);
  }

  private valueAt(path: readonly Seg[]): unknown {
    let v: unknown = this.data;
    for (const [i, p] of path.entries()) {
      if (v === null || v === undefined) return undefined;
      // A scalar where a reader looks inside: a shape error, said once (see shapeErrors).
      if (typeof v !== 'object' || (typeof p === 'string' && Array.isArray(v))) {
        const at = path.slice(0, i);
        this.notContainers.set(formatPath(at), { path: at, value: v, wanted: typeof p === 'number' ? 'list' : 'map' });
        return undefined;
      }
      v = (v as Record<string | number, unknown>)[p];
    }
    return v;
  }

  /**
   * Fields a reader looked inside that are no map or list (`spec: hello`, `spec.http: 3`), each
   * as a message: Kubernetes refuses them, and reading on would only drop what is below.
   */
  shapeErrors(): ImportMessage[] {
    const what = (v: unknown) => (Array.isArray(v) ? 'a list' : JSON.stringify(v));
    return [...this.notContainers.values()].map((x) => this.at(x.path, `expected a ${x.wanted}, got ${what(x.value)}`));
  }

  /** A message at a path of this document. */
  at(path: readonly Seg[], message: string): ImportMessage {
    return { file: this.file, line: this.lineOf(path), path: formatPath(path), message };
  }

  /**
   * The fields no reader took, each as the largest subtree nothing was taken from
   * (`spec.http[0].mirror`, not each of its leaves), in document order.
   */
  untaken(): Seg[][] {
    const out: Seg[][] = [];
    const anyTakenBelow = (prefix: string) => {
      for (const t of this.taken) if (t.startsWith(prefix) && (t.length === prefix.length || t[prefix.length] === '.' || t[prefix.length] === '[')) return true;
      return false;
    };
    const walk = (v: unknown, path: Seg[]) => {
      const key = formatPath(path);
      if (path.length && this.taken.has(key)) return;
      if (path.length && !anyTakenBelow(key)) {
        out.push(path);
        return;
      }
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
    };
    walk(this.data, []);
    return out;
  }
}

/**
 * The largest manifest or workload file read, in characters (about bytes): 5 MB of Deployments
 * took the yaml package 3.6 s and 400 MB here (1 MB: 0.9 s), so 50 MB would take minutes and
 * gigabytes. A cluster's whole Istio config is rarely 1 MB; etcd keeps one object under 1.5 MB.
 */
export const MAX_MANIFEST_CHARS = 5_000_000;

/** Bytes as people read a file's size: `50.0 MB`, `812 KB`. */
export function formatSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`;
}

/**
 * What makes a manifest file's text unreadable before any parsing, as one message, or null:
 * larger than MAX_MANIFEST_CHARS, binary data or bytes that were not UTF-8 (never quoted back),
 * or nesting (brackets, block indentation) deep enough to overflow the YAML parser's stack,
 * the bounds the scenario reader uses (src/scenario/read.ts). Linear in the text.
 */
export function checkManifestText(file: string, text: string): ImportMessage | null {
  const at = (line: number, message: string): ImportMessage => ({ file, line, path: '', message });
  if (text.length > MAX_MANIFEST_CHARS) return at(1, `is ${formatSize(text.length)}, more than the ${formatSize(MAX_MANIFEST_CHARS)} a manifest file may be (5 MB of manifests takes seconds and 400 MB to read); split it, or import only the resources of one mesh`);
  const bom = text.startsWith('\uFEFF') ? 3 : 0;
  const bad = notText(bom ? text.slice(1) : text, bom, 'manifests are YAML text files');
  if (bad) return at(1, bad.message);
  if (bracketDepth(text) > MAX_DEPTH) return at(1, `malformed YAML: brackets nest more than ${MAX_DEPTH} deep; a manifest needs a handful`);
  const deep = deepestBlockLine(text);
  if (deep) return at(deep.line, `malformed YAML: content starts at column ${deep.column}, nested deeper than ${MAX_BLOCK_COLUMN} columns; a manifest needs a few dozen`);
  return null;
}

/**
 * Reads a file's YAML documents; empty documents (a trailing `---`, comments only, a bare
 * `null`) are skipped, as kubectl skips them. Text `checkManifestText` refuses is one error;
 * of a document's syntax errors only the first is given (those after it are its echoes).
 */
export function readManifestText(file: string, text: string): { docs: ManifestDoc[]; errors: ImportMessage[] } {
  const lc = new LineCounter();
  const errors: ImportMessage[] = [];
  const docs: ManifestDoc[] = [];
  const refused = checkManifestText(file, text);
  if (refused) return { docs, errors: [refused] };
  const body = text.replace(/^\uFEFF/, '');
  let parsed;
  try {
    // Merge keys (`<<: *labels`) as kubectl's YAML reader (go-yaml) merges them: the keys beside `<<` win.
    parsed = parseAllDocuments(body, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: true });
  } catch (e) {
    return { docs, errors: [{ file, line: 1, path: '', message: `cannot read as YAML (${(e as Error).message})` }] };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const d of list) {
    const e = d.errors[0];
    if (e) {
      // Led by the field it is in and our words, the parser's own after (yamlWords.ts).
      const w = explainYamlError(body, d.errors, e);
      const at = pathAtOffset(d.contents as Node | null, w.offset);
      errors.push({ file, line: lc.linePos(w.offset).line, path: formatPath(at), message: `malformed YAML: ${w.words}${w.detail === null ? '' : ` (the YAML parser: ${w.detail})`}` });
      continue;
    }
    if (d.contents === null || (isScalar(d.contents) && d.contents.value === null)) continue;
    const lines: Record<string, number> = {};
    const walk = (node: Node | null, path: Seg[]) => {
      if (node === null) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const k = String(pair.key.value);
          const p = [...path, k];
          if (pair.key.range) lines[formatPath(p)] = lc.linePos(pair.key.range[0]).line;
          walk(pair.value as Node | null, p);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const p = [...path, i];
          const n = item as Node;
          if (n && n.range) lines[formatPath(p)] = lc.linePos(n.range[0]).line;
          walk(n, p);
        });
      }
    };
    walk(d.contents as Node, []);
    const start = (d.contents as Node).range?.[0] ?? 0;
    let data: unknown;
    try {
      // At most 100 alias expansions: a few nested aliases can otherwise blow up to gigabytes.
      data = d.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      // An alias to no anchor: said at the alias (the parser names it, not where it is).
      const alias = /^Unresolved alias.*: (\S+)$/.exec(why);
      const at = alias ? body.indexOf(`*${alias[1]}`, start) : -1;
      if (at >= 0) {
        errors.push({ file, line: lc.linePos(at).line, path: formatPath(pathAtOffset(d.contents as Node | null, at)), message: `malformed YAML: this alias (*${alias![1]}) refers to no anchor (&${alias![1]}) set before it (the YAML parser: ${why})` });
        continue;
      }
      errors.push({ file, line: lc.linePos(start).line, path: '', message: `malformed YAML: ${/Excessive alias count/.test(why) ? 'its aliases expand too far (more than 100 expansions)' : why}` });
      continue;
    }
    docs.push(new ManifestDoc(file, lc.linePos(start).line, data, lines));
  }
  return { docs, errors };
}


