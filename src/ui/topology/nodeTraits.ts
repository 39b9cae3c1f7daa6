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
 * the namespace's own case (nodeMarks.css `.topo-ns`); null where the scenario gives none, or
 * where `shown` is false: a scenario of one namespace (namespaceTagsShown). Pure.
 */
export function namespaceTag(n: TopologyNode, shown: boolean): string | null {
  return shown && n.namespace ? `ns ${n.namespace}` : null;
}

/**
 * Whether boxes carry their namespace's tag: where `nodes` name two namespaces or more. One
 * namespace tells a box apart from none (imported Bookinfo read "ns bookinfo" on every box,
 * session 54); the inspector and Find still name it. Pure.
 */
export function namespaceTagsShown(nodes: readonly TopologyNode[]): boolean {
  let first: string | null = null;
  for (const n of nodes) {
    if (!n.namespace) continue;
    if (first === null) first = n.namespace;
    else if (n.namespace !== first) return true;
  }
  return false;
}

/** A control plane's name without the engine's `control-plane:` prefix. Pure. */
export function controlLabel(n: TopologyNode): string {
  return n.name.replace(/^control-plane:/, '');
}

/** Hexagons drawn for a node's proxies (one per replica, up to a limit). Pure. */
export function hexCount(n: TopologyNode): number {
  return n.sidecar ? Math.min(n.replicas, NodeSize.maxHexes) : 0;
}
