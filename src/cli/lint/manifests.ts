import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { checkManifestText } from '../../scenario/import/documents';

/**
 * Kubernetes and Istio manifests as lint reads them: each document's kind, name, namespace and
 * plain value, with the line of any field in it. Only what the manifest rules (manifestRules.ts)
 * need; mapping manifests to a scenario is the importer's job (src/scenario/import).
 */
export interface Manifest {
  kind: string;
  name: string;
  namespace: string;
  file: string;
  /** Line of the document's first node. */
  line: number;
  /** The document as plain data. */
  value: Record<string, unknown>;
  /** The 1-based line of a field (`['spec', 'http', 0, 'timeout']`), or of its nearest written parent. */
  lineAt(path: readonly (string | number)[]): number;
}

/** A manifest file that could not be read, as a `file:line: message` problem. */
export interface ManifestProblem {
  file: string;
  line: number;
  message: string;
}

/** Whether text looks like Kubernetes manifests: some document has both `apiVersion` and `kind`. */
export function looksLikeManifests(text: string): boolean {
  return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
}

/**
 * Reads every document of a multi-document YAML file. A document without `kind` or
 * `metadata.name` is skipped (a comment-only or empty one) unless it has content, which is a
 * problem. A namespace defaults to `default`, as kubectl applies it.
 */
export function readManifests(file: string, text: string): { manifests: Manifest[]; problems: ManifestProblem[] } {
  const lines = new LineCounter();
  const manifests: Manifest[] = [];
  const problems: ManifestProblem[] = [];
  // Too large, not text, or nested deep enough to overflow the YAML parser: as the importer refuses it.
  const refused = checkManifestText(file, text);
  if (refused) return { manifests, problems: [{ file, line: refused.line, message: refused.message }] };
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  } catch (e) {
    return { manifests, problems: [{ file, line: 1, message: `not YAML (${String(e)})` }] };
  }
  if (!Array.isArray(docs)) docs = [docs];
  for (const doc of docs) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      problems.push({ file, line: e.linePos?.[0].line ?? 1, message: e.message.split('\n')[0] });
      continue;
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const lineOf = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : undefined);
    const docLine = lineOf(doc.contents as Node) ?? 1;
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, line: docLine, message: 'a manifest is a mapping with apiVersion, kind and metadata' });
      continue;
    }
    const v = value as Record<string, unknown>;
    const meta = (v.metadata ?? {}) as Record<string, unknown>;
    if (typeof v.kind !== 'string' || typeof meta.name !== 'string') {
      problems.push({ file, line: docLine, message: `${typeof v.kind !== 'string' ? 'kind' : 'metadata.name'}: missing; a manifest needs a kind and a name` });
      continue;
    }
    const lineAt = (path: readonly (string | number)[]) => {
      let node: unknown = doc.contents;
      let at = docLine;
      for (const k of path) {
        let next: unknown;
        let keyLine: number | undefined;
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === k);
          next = pair?.value;
          keyLine = lineOf(pair?.key as Node);
        } else if (isSeq(node) && typeof k === 'number') next = node.items[k];
        if (next === undefined || next === null) {
          if (keyLine !== undefined) at = keyLine;
          break;
        }
        node = next;
        at = keyLine ?? lineOf(next as Node) ?? at;
      }
      return at;
    };
    manifests.push({ kind: v.kind, name: meta.name, namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default', file, line: docLine, value: v, lineAt });
  }
  return { manifests, problems };
}

/** A manifest path for people: `spec.http[0].route[1].destination.subset`. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
