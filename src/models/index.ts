export { World } from './World';
export { ServiceActor, Replica } from './Service';
export { ClientActor } from './Client';
export { Call, Request, Table } from './Call';
export { Ev, Cause, type EventKind } from './events';
export { summarize, type RunSummary } from './report';
export type { Topology, TopologyNode, TopologyEdge, NodeKind, Link } from './Topology';
export type { WorldObserver } from './Observer';
export { runScenario, type RunOptions } from './run';
