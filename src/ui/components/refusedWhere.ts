// Where the counter strip says a circuit breaker refused retries (CounterStrip's RefusedRetries, session 43): the
// link by the name the inspector's picker gives it, or how many links.
import { humanNodeName } from '../inspector/picker';

/** The nodes and links read: the run's topology (RunInfo.topology). */
type Topologyish = {
  nodes: readonly { id: number; name: string; kind: string; mesh?: string | null }[];
  edges: readonly { id: number; from: number; to: number }[];
};

/**
 * Link `edge`'s name as the inspector's picker lists it, 'egress → partner'; null when there is no topology yet or
 * no edge of that id (-1: none). Pure.
 */
export function linkName(topology: Topologyish | null, edge: number): string | null {
  const e = topology?.edges.find((x) => x.id === edge);
  if (!topology || !e) return null;
  const name = (id: number) => {
    const n = topology.nodes.find((x) => x.id === id);
    return n ? humanNodeName(n) : String(id);
  };
  return `${name(e.from)} → ${name(e.to)}`;
}

/**
 * The strip's words for where retries were refused: 'on egress → partner' when one link had them (`link`, its name),
 * 'on 2 links' when `links` are several (`link` then names the one with the most: a press opens it); null when none
 * or the link is not known. Pure.
 */
export function refusedWhere(link: string | null, links: number): { words: string; link: string } | null {
  if (link === null || links <= 0) return null;
  return { words: links === 1 ? `on ${link}` : `on ${links} links`, link };
}
