// A service's calls wired into downstreams: for each call an edge and a cluster per replica, or,
// for a call with `routes`, an edge and clusters for each service its routes name and the table
// that picks one per request (envoy/routeTable.ts). World calls it while it wires.
import type { Distribution } from '../sim-engine';
import type { Policy } from '../scenario';
import type { Cluster } from './envoy/cluster';
import { buildRouteTable, type HeaderSets } from './envoy/routeTable';
import type { ServiceActor } from './Service';

/** What wiring a service's calls needs of the world. */
export interface CallWiring {
  readonly seed: number;
  readonly headerSets: HeaderSets;
  /** A host's name by id (the routes' streams are named after it). */
  hostName(host: number): string;
  /** A service or gateway by name. */
  callee(name: string): ServiceActor;
  /** A new edge caller -> callee (actor ids); its index. */
  edge(from: number, to: number): number;
  /** A new cluster on `edge` from `callerHost` to `callee`, with the policy of the caller's route. */
  cluster(edge: number, callerHost: number, callee: ServiceActor, policy: Policy | undefined, latency: Distribution | undefined): Cluster;
}

/** Wires every call of `svc` (its `spec.calls`, in order) as a downstream of it. */
export function wireCalls(svc: ServiceActor, w: CallWiring): void {
  svc.spec.calls.forEach((call, j) => {
    if (call.routes === undefined) {
      const to = w.callee(call.service);
      const e = w.edge(svc.id, to.id);
      svc.addDownstream(to.id, e, call.probability, svc.hosts.map((h) => w.cluster(e, h, to, call.policy, call.latency)));
      return;
    }
    const table = buildRouteTable(call, j, svc.hosts.map(w.hostName), w.seed, w.headerSets, (name, policy) => {
      const to = w.callee(name);
      const e = w.edge(svc.id, to.id);
      return { name, spec: to.spec, service: to.id, edge: e, clusters: svc.hosts.map((h) => w.cluster(e, h, to, policy, call.latency)) };
    });
    const d = table.destinations[0];
    svc.addDownstream(d.service, d.edge, call.probability, d.clusters, table);
  });
}
