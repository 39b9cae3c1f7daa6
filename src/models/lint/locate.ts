import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A file and a 1-based line; for a scenario imported from manifests, also the manifest field and its resource. */
export interface Place {
  file: string;
  line: number;
  /** The field in its manifest or workload file (`spec.http[0].timeout`). */
  path?: string;
  /** The manifest resource that holds it (absent for the workload file). */
  resource?: { kind: string; name: string; namespace: string };
  /** True when the path itself is written; false when the place is its nearest written parent's (the value is a default). */
  exact?: boolean;
}

/** Finds where a scenario path (`services.2.calls.0.policy.timeout`) is written; undefined when nowhere. */
export type Locator = (path: string) => Place | undefined;

/**
 * A locator over a scenario file's text (JSON or YAML: JSON is read as YAML, which it is, to
 * get each node's line). A path that is not written (a default) is placed at its nearest
 * written parent: `services.2.policy.retries` on a service without `policy` gives the line of
 * `services.2`. Text the YAML reader refuses gives a locator that places nothing.
 */
export function textLocator(file: string, text: string): Locator {
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
  } catch {
    return () => undefined;
  }
  if (doc.errors.length) return () => undefined;
  return (path) => {
    const keys = path === '' ? [] : path.split('.');
    let node: unknown = doc.contents;
    let at = lineOf(node as Node, lines);
    let exact = true;
    for (const k of keys) {
      let next: unknown;
      if (isMap(node)) next = node.get(k, true);
      else if (isSeq(node)) next = /^\d+$/.test(k) ? node.get(Number(k), true) : undefined;
      if (next === undefined || next === null) {
        exact = false;
        break;
      }
      // A map's entry is placed at its key, so `timeout: 3s` is found where it is written.
      const pair = isMap(node) ? node.items.find((p) => (p.key as { value?: unknown } | null)?.value === k) : undefined;
      const keyLine = pair ? lineOf(pair.key as Node, lines) : undefined;
      node = next;
      at = keyLine ?? lineOf(node as Node, lines) ?? at;
    }
    return at === undefined ? undefined : { file, line: at, exact };
  };
}

function lineOf(node: Node | null | undefined, lines: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lines.linePos(start).line;
}
