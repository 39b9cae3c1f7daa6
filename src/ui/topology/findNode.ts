import type { TopologyNode } from './layoutTypes';

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
