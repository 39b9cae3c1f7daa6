import type { TopologyNode } from './layoutTypes';
import { nearestName } from '../../scenario/nearMiss';

/**
 * The node a search for `query` finds: the one named exactly so (ignoring case), else the
 * first in name order whose name starts with it, else the first that contains it; null when
 * none does or the query is blank. Pure.
 */
export function findNode(nodes: readonly TopologyNode[], query: string): TopologyNode | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  let prefix: TopologyNode | null = null;
  let inside: TopologyNode | null = null;
  for (const n of nodes) {
    const name = n.name.toLowerCase();
    if (name === q) return n;
    if (name.startsWith(q)) {
      if (!prefix || n.name < prefix.name) prefix = n;
    } else if (name.includes(q) && (!inside || n.name < inside.name)) inside = n;
  }
  return prefix ?? inside;
}

/**
 * What a search that found nothing says: 'no node named "svc-0500"', with the name meant when
 * one is near: the same name with its number written without leading zeros ("svc-0500" for
 * svc-500, as istio-load-test-full names them), else one a letter or two off (nearestName, the
 * rule a scenario's own unknown names follow): '; did you mean svc-500?'. Pure.
 */
export function searchMissText(nodes: readonly TopologyNode[], query: string): string {
  const q = query.trim();
  const near = nodeMeant(nodes, q);
  return `no node named "${q}"${near ? `; did you mean ${near}?` : ''}`;
}

/** The name a search for `query` that found nothing most likely meant (see searchMissText), or undefined. Pure. */
export function nodeMeant(nodes: readonly TopologyNode[], query: string): string | undefined {
  const q = query.trim();
  const numbered = /^(.*?)(\d+)$/.exec(q);
  let near: string | undefined;
  if (numbered) {
    const [, stem, digits] = numbered;
    const n = Number(digits);
    near = nodes.find((x) => {
      const m = /^(.*?)(\d+)$/.exec(x.name);
      return m !== null && m[1].toLowerCase() === stem.toLowerCase() && Number(m[2]) === n;
    })?.name;
  }
  return near ?? nearestName(q, nodes.map((x) => x.name));
}
