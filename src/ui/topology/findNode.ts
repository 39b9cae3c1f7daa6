import type { TopologyNode } from './layoutTypes';
import { nearestName } from '../../scenario/nearMiss';

/**
 * The node a search for `query` finds: the one named exactly so (ignoring case), else the
 * first in name order whose name starts with it, else the first that contains it; else, by
 * Kubernetes namespace, the first in name order in the namespace `query` names ("shop",
 * "ns shop", "ns:shop" or "namespace shop"), or the node a DNS name such as "orders.shop"
 * names; null when none does or the query is blank. Pure.
 */
export function findNode(nodes: readonly TopologyNode[], query: string): TopologyNode | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  return byName(nodes, q) ?? byNamespace(nodes, q);
}

/** A namespace search: "ns shop", "ns:shop", "namespace shop", "shop", or "orders.shop" (name.namespace, as Kubernetes DNS names a Service). Pure. */
function byNamespace(nodes: readonly TopologyNode[], q: string): TopologyNode | null {
  const ns = /^(?:ns|namespace)\s*[:\s]\s*(\S+)$/.exec(q)?.[1] ?? q;
  let first: TopologyNode | null = null;
  for (const n of nodes) {
    const own = n.namespace?.toLowerCase();
    if (!own) continue;
    if (`${n.name.toLowerCase()}.${own}` === q || q.startsWith(`${n.name.toLowerCase()}.${own}.`)) return n;
    if (own === ns && (!first || n.name < first.name)) first = n;
  }
  return first;
}

function byName(nodes: readonly TopologyNode[], q: string): TopologyNode | null {
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
