// The world's edges and routes, wired once every service, gateway, client and host exists:
// clients to their targets, services to their calls (wireCalls.ts), gateways to their upstreams.
// World calls it at the end of its build. Edges and routes are made in the scenario's order, so
// their ids and the draw records their streams take are the same for a seed from run to run.
import { invariant, type Distribution, type HistogramLog, type Simulation } from '../sim-engine';
import type { Policy } from '../scenario';
import { buildCluster, type ClusterSite } from './build';
import type { ClientActor } from './Client';
import { EdgeStats } from './EdgeStats';
import type { Cluster } from './envoy/cluster';
import type { HeaderSets } from './envoy/routeTable';
import type { GatewayActor } from './Gateway';
import type { ServiceActor } from './Service';
import type { Topology } from './Topology';
import { wireCalls } from './wireCalls';

/** What wiring reads of the world, and the lists it fills (`topology.edges`, `edgeStats`, `routes`). */
export interface WorldWiring extends ClusterSite {
  readonly sim: Simulation;
  readonly topology: Topology;
  readonly edgeStats: EdgeStats[];
  readonly histogramLog: HistogramLog | null;
  readonly routes: Cluster[];
  readonly headerSets: HeaderSets;
  readonly clients: readonly ClientActor[];
  readonly services: readonly ServiceActor[];
  readonly gateways: readonly GatewayActor[];
}

/**
 * Wires the world `w` (mutates it, its clients, services and gateways): an edge and a route for
 * each client (on its host, `clientHosts[k]`), each service's calls, and each gateway's upstreams.
 * `byName` gives a service's or gateway's actor id by name.
 */
export function wireWorld(w: WorldWiring, clientHosts: readonly number[], byName: ReadonlyMap<string, number>): void {
  // One edge per caller -> callee pair: a service that calls another many times (500 `{service: t}`
  // calls, or a call's routes naming a service another call names) has one link, whose figures
  // sum its calls (its routes all say this edge); the picture draws one line where it drew 500.
  const pairs = new Map<string, number>();
  const edge = (from: number, to: number) => {
    const key = `${from}>${to}`;
    const had = pairs.get(key);
    if (had !== undefined) return had;
    const e = { id: w.topology.edges.length, from, to, mtls: false };
    pairs.set(key, e.id);
    w.topology.edges.push(e);
    w.edgeStats.push(new EdgeStats());
    if (w.histogramLog !== null) w.edgeStats[e.id].logLatency(w.histogramLog);
    return e.id;
  };
  const callee = (name: string) => {
    const id = byName.get(name);
    invariant(id !== undefined, `unknown service or gateway ${name}`);
    return w.sim.actor(id) as ServiceActor;
  };
  w.clients.forEach((client, k) => {
    const target = callee(client.spec.target);
    client.headers = w.headerSets.intern(client.spec.headers);
    client.target = target.id;
    client.edge = edge(client.id, target.id);
    client.route = route(w, client.edge, clientHosts[k], target, client.spec.policy, client.spec.latency, true);
  });
  const wiring = { seed: w.seed, headerSets: w.headerSets, hostName: (h: number) => w.network.hosts[h].name, callee, edge, cluster: (e: number, h: number, to: ServiceActor, p: Policy | undefined, l: Distribution | undefined) => route(w, e, h, to, p, l, true) };
  for (const svc of w.services) wireCalls(svc, wiring);
  for (const gw of w.gateways) {
    for (const name of gw.upstreamNames()) {
      const to = callee(name);
      const e = edge(gw.id, to.id);
      const policy = gw.gateway.routes.find((r) => r.service === name)?.policy;
      const routes = gw.hosts.map((h) => route(w, e, h, to, policy, undefined, false));
      gw.setUpstream(name, gw.addDownstream(to.id, e, 1, routes));
    }
  }
}

/** The route (cluster) from one caller host to a callee, with the policy its caller applies; added to `w.routes`. */
function route(w: WorldWiring, edgeId: number, callerHost: number, callee: ServiceActor, routePolicy: Policy | undefined, latency: Distribution | undefined, istioDefaults: boolean): Cluster {
  const linkName = `${w.topology.nodes[w.topology.edges[edgeId].from].name}->${callee.name}`;
  const r = buildCluster(w, w.routes.length, edgeId, linkName, callerHost, callee, routePolicy, latency, istioDefaults);
  w.routes.push(r);
  if (r.mtls) w.topology.edges[edgeId].mtls = true;
  return r;
}
