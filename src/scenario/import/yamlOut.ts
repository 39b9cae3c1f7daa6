import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ScenarioInput } from '../schema';
import type { SourceRef } from './types';

/**
 * An imported scenario as YAML, each value followed by a comment naming the manifest fields it
 * came from (`replicas: 2 # platform/apps.yaml:20 spec.replicas`); a map or list value gets its
 * comment on the line above its key. The comments are the provenance a reader checks the
 * import against; meshsim ignores them when it reads the file. Pure.
 */
export function scenarioYaml(scenario: ScenarioInput, provenance: Record<string, SourceRef[]>, header?: string): string {
  const doc = new Document(scenario, { aliasDuplicateObjects: false });
  for (const [path, refs] of Object.entries(provenance)) {
    const segs = path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
    const text = ' ' + [...new Set(refs.map((r) => `${r.file}:${r.line} ${r.path}`))].join('; ');
    const parent = segs.length > 1 ? (doc.getIn(segs.slice(0, -1), true) as Node | undefined) : (doc.contents as Node);
    const last = segs[segs.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (!pair) continue;
      if (isScalar(pair.value)) pair.value.comment = text;
      else if (isScalar(pair.key)) pair.key.commentBefore = text;
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last];
      if (isScalar(item)) item.comment = text;
      else if (item && typeof item === 'object') (item as Node).commentBefore = text;
    }
  }
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0 });
}
