// What a node is, read from its data, for the layout and the drawing: on the request path or
// not, its tags, a control plane's label, how many proxy hexagons it draws. Pure.
import { isBridge } from './meshRegions';
import { NodeSize, type TopologyNode } from './layoutTypes';

/**
 * True for nodes that requests pass through (clients, gateways, services); false for control
 * planes, which configure proxies from the side and are drawn above the request path.
 */
export function onRequestPath(n: TopologyNode): boolean {
  return n.kind !== 'control-plane';
}

/**
 * The small upper-case tags after a box's name: what kind of box it is when not a plain
 * service, and "TCP" for a service that speaks plain TCP. Pure.
 */
export function nodeTags(n: TopologyNode): string[] {
  const tags: string[] = [];
  if (n.kind === 'gateway') tags.push(isBridge(n) ? 'bridge' : 'API gateway');
  else if (n.external && n.kind !== 'client') tags.push('third party');
  if (n.protocol === 'tcp' && n.kind !== 'client') tags.push('TCP');
  return tags;
}

/**
 * The quiet tag after a box's name and tags that says its Kubernetes namespace ("ns shop"), in
 * the namespace's own case (styles.css `.topo-ns`); null where the scenario gives none. Pure.
 */
export function namespaceTag(n: TopologyNode): string | null {
  return n.namespace ? `ns ${n.namespace}` : null;
}

/** A control plane's name without the engine's `control-plane:` prefix. Pure. */
export function controlLabel(n: TopologyNode): string {
  return n.name.replace(/^control-plane:/, '');
}

/** Hexagons drawn for a node's proxies (one per replica, up to a limit). Pure. */
export function hexCount(n: TopologyNode): number {
  return n.sidecar ? Math.min(n.replicas, NodeSize.maxHexes) : 0;
}
