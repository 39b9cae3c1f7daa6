/** What a node of the topology is; the UI picks a shape from it. */
export const NodeKind = { client: 'client', service: 'service', gateway: 'gateway', controlPlane: 'control-plane' } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/** A node as plain data for reports and the UI. Its index equals its actor id. */
export interface TopologyNode {
  id: number;
  name: string;
  kind: NodeKind;
  replicas: number;
  concurrency: number;
  /** Runs a sidecar beside each replica (services and clients). */
  sidecar: boolean;
  /** The mesh it belongs to (a bridging gateway: "from->to"), or null. */
  mesh: string | null;
  /** On the internet, outside every mesh (a third party, an external client). */
  external: boolean;
  protocol: 'http' | 'tcp';
  /** The team or line-of-business boundary it sits in (a service's or client's `boundary`), or null. */
  boundary: string | null;
  /** The Kubernetes namespace a service names (its `namespace`, as `meshsim import` writes it), or null. The engine never reads it. */
  namespace: string | null;
  /** Peer authentication at its sidecars as the scenario starts (a service's `mtls`); null without a sidecar, and for clients and gateways. */
  mtls: 'STRICT' | 'PERMISSIVE' | null;
  /**
   * A control plane: the boundaries whose proxies may not reach it (its mesh's
   * `controlPlane.denyBoundaries`, DOMAIN.md "control-plane reach"); empty for every other node.
   */
  denyBoundaries: readonly string[];
}

/** A directed edge caller -> callee as plain data. */
export interface TopologyEdge {
  id: number;
  from: number;
  to: number;
  /** Connections on this edge are mutual TLS (both ends meshed). */
  mtls: boolean;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}
