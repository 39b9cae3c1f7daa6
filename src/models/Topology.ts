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
}

/** A directed edge caller -> callee as plain data. */
export interface TopologyEdge {
  id: number;
  from: number;
  to: number;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}
