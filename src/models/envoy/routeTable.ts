// Envoy's route table for one call at one caller (Istio's VirtualService `http[]` as the caller's
// sidecar holds it): the first route whose match the request satisfies, then one of its weighted
// clusters. Follows envoyproxy/envoy source/common/router/config_impl.cc (RouteMatcher::route and
// RouteEntryImplBase::matchRoute: routes tried in order, the first match wins, none is a 404 with
// response flag NR; HeaderUtility::matchHeaders: every header listed, exact value;
// WeightedClusterEntry / pickWeightedCluster: one random value per request over the summed weights).
//
// Request headers come from the client and never change on the way (the apps forward them, as
// Bookinfo's forward `end-user`), so every header set a run can see is known when the world is
// built: each is interned to a small id (HeaderSets), and each table keeps, by that id, the route
// it matches. A request carries its id; matching on the hot path is one array read.
import { streamFor, type Rng } from '../../sim-engine';
import type { Policy, ServiceSpec } from '../../scenario';
import { CF, type Call } from '../Call';
import { compilePolicy, type CompiledPolicy } from '../proxy/policy';
import type { Cluster } from './cluster';

/**
 * Request header sets interned to dense ids, built once with the world. Id 0 is the empty set (a
 * client that sends no headers). Names are lower case, as the schema requires and Envoy matches.
 */
export class HeaderSets {
  /** By id: the set's headers. */
  readonly sets: ReadonlyMap<string, string>[] = [new Map()];
  private readonly ids = new Map<string, number>([['', 0]]);

  /** The id of this header set (a new one the first time it is seen). */
  intern(headers: Readonly<Record<string, string>> | undefined): number {
    const entries = Object.entries(headers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = entries.map(([k, v]) => `${k}\u0000${v}`).join('\u0001');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(new Map(entries));
      this.ids.set(key, id);
    }
    return id;
  }

  /** Number of distinct sets (ids are 0 to size - 1). */
  get size(): number {
    return this.sets.length;
  }
}

/** Whether a request with `headers` satisfies a route's match: every header listed, exact value (none listed: every request). */
export function headersMatch(match: Readonly<Record<string, string>> | undefined, headers: ReadonlyMap<string, string>): boolean {
  if (match === undefined) return true;
  for (const name in match) if (headers.get(name) !== match[name]) return false;
  return true;
}

/** One route's spec as the table reads it (the scenario's `calls[].routes[]`, parsed). */
export interface RouteSpec {
  match?: { headers: Readonly<Record<string, string>> };
  to: readonly { service: string; weight: number }[];
  policy?: Policy;
}

/** A destination of the call: a service, the caller->service edge, and the caller's cluster for it from each caller replica. */
export interface RouteDestination {
  name: string;
  spec: ServiceSpec;
  /** Actor id of the service. */
  service: number;
  edge: number;
  /** By caller replica index. */
  clusters: Cluster[];
}

/** What a picked (route, destination) pair sends on. */
export interface RouteEntry {
  readonly dest: RouteDestination;
  /**
   * The route's policy for this destination where it differs from the cluster's (null: the
   * cluster's own, which config changes keep current). Only the route-level fields of it are read
   * (timeout, retries, fault); the cluster-level ones (balancer, breakers, outlier detection) are
   * the cluster's, as in Envoy.
   */
  readonly policy: CompiledPolicy | null;
}

/**
 * The raw policy a call's route applies to its requests: the call's `policy`, overridden field by
 * field by the route's (the importer's VirtualService settings go on the route).
 */
export function routePolicy(callPolicy: Policy | undefined, route: RouteSpec): Policy | undefined {
  if (route.policy === undefined) return callPolicy;
  return { ...(callPolicy ?? {}), ...route.policy };
}

/**
 * The raw policy of the caller's cluster for destination `name` of a call: the call's policy
 * merged with the first route that names it (a destination several routes name shares one
 * cluster, as an Envoy cluster is shared by the routes that name it).
 */
export function clusterPolicy(callPolicy: Policy | undefined, routes: readonly RouteSpec[], name: string): Policy | undefined {
  const first = routes.find((r) => r.to.some((d) => d.service === name));
  return first === undefined ? callPolicy : routePolicy(callPolicy, first);
}

/**
 * The policy a caller's service applies on its cluster to `calleeName` (what World.wire compiled
 * it from): the first call that reaches it, through its routes or as its `service`.
 */
export function callPolicyTo(calls: readonly { service: string; policy?: Policy; routes?: readonly RouteSpec[] }[], calleeName: string): Policy | undefined {
  for (const k of calls) {
    if (k.routes === undefined) {
      if (k.service === calleeName) return k.policy;
    } else if (k.routes.some((r) => r.to.some((d) => d.service === calleeName))) return clusterPolicy(k.policy, k.routes, calleeName);
  }
  return undefined;
}

/**
 * One call's routes at one caller service (every replica of it: each picks with its own stream and
 * sends on its own clusters). Plain data after construction; `pick` allocates nothing.
 */
export class RouteTable {
  /** By header-set id: the first route that set matches, or -1 (Envoy: 404, "route not found"). */
  readonly firstRoute: Int32Array;
  /** Every (route, destination) pair, route by route in the spec's order. */
  readonly entries: RouteEntry[] = [];
  /** The call's destinations, its `service` first. */
  readonly destinations: readonly RouteDestination[];
  /** By route: its first entry, its number of entries, and its entries' running weight sums. */
  private readonly start: number[] = [];
  private readonly count: number[] = [];
  private readonly cumulative: Float64Array[] = [];
  /** By route: whether a draw is needed (two or more destinations with weight). */
  private readonly split: boolean[] = [];

  constructor(
    routes: readonly RouteSpec[],
    callPolicy: Policy | undefined,
    destinations: readonly RouteDestination[],
    headerSets: HeaderSets,
    /** By caller replica: the stream a weighted pick draws from (one number per call, only for a split). */
    private readonly rngs: readonly Rng[],
  ) {
    this.destinations = destinations;
    const byName = new Map(destinations.map((d) => [d.name, d]));
    for (const route of routes) {
      const raw = routePolicy(callPolicy, route);
      const sums = new Float64Array(route.to.length);
      let total = 0;
      let weighted = 0;
      this.start.push(this.entries.length);
      this.count.push(route.to.length);
      route.to.forEach((t, i) => {
        const dest = byName.get(t.service)!;
        total += t.weight;
        sums[i] = total;
        if (t.weight > 0) weighted++;
        this.entries.push({ dest, policy: this.overridePolicy(dest, raw, clusterPolicy(callPolicy, routes, t.service)) });
      });
      this.cumulative.push(sums);
      this.split.push(weighted > 1);
    }
    this.firstRoute = new Int32Array(headerSets.size);
    for (let h = 0; h < headerSets.size; h++) this.firstRoute[h] = routes.findIndex((r) => headersMatch(r.match?.headers, headerSets.sets[h]));
  }

  /** The route's own compiled policy where its raw policy differs from its destination cluster's, else null. */
  private overridePolicy(dest: RouteDestination, raw: Policy | undefined, ofCluster: Policy | undefined): CompiledPolicy | null {
    if (JSON.stringify(raw ?? null) === JSON.stringify(ofCluster ?? null)) return null;
    const c = dest.clusters[0];
    return compilePolicy(dest.spec, raw, c.policy.l7, c.sidecar !== null, true);
  }

  /**
   * Aims a call from caller replica `replica` (its `headers` set): the picked destination's
   * service, edge and cluster, and the route's policy where it differs. No route matched: the
   * call's own `service` (`fallback`), marked `noRoute` for the router to answer 404.
   */
  aim(call: Call, replica: number, fallback: { service: number; edge: number; routes: readonly Cluster[] }): void {
    const e = this.pick(replica, call.headers);
    if (e < 0) {
      call.service = fallback.service;
      call.edge = fallback.edge;
      call.route = fallback.routes[replica];
      call.flags |= CF.noRoute;
      return;
    }
    const entry = this.entries[e];
    call.service = entry.dest.service;
    call.edge = entry.dest.edge;
    call.route = entry.dest.clusters[replica];
    call.policy = entry.policy;
  }

  /**
   * The entry a request with header set `headers` takes from caller replica `replica`: its first
   * matching route, then a destination by weight (one draw from the replica's stream when the route
   * splits), or -1 when no route matches.
   */
  pick(replica: number, headers: number): number {
    const k = this.firstRoute[headers];
    if (k < 0) return -1;
    const first = this.start[k];
    if (!this.split[k]) {
      // One destination with weight (or one at all): no draw.
      const sums = this.cumulative[k];
      for (let i = 0; i < sums.length; i++) if (sums[i] > (i === 0 ? 0 : sums[i - 1])) return first + i;
      return first;
    }
    const sums = this.cumulative[k];
    const u = this.rngs[replica]() * sums[sums.length - 1];
    const n = this.count[k];
    for (let i = 0; i < n - 1; i++) if (u < sums[i]) return first + i;
    return first + n - 1;
  }
}

/** What building a caller's table needs of one of its calls (the scenario's `calls[j]`). */
export interface RoutedCall {
  service: string;
  policy?: Policy;
  routes?: readonly RouteSpec[];
}

/**
 * The table of call number `j` of a caller whose replicas' hosts are named `hostNames`: one
 * destination per service its routes name (the call's `service` first), made by `destination`
 * from the cluster policy it gets (clusterPolicy), and a stream per replica named
 * `<host>/routes/<j>`.
 */
export function buildRouteTable(call: RoutedCall, j: number, hostNames: readonly string[], seed: number, headerSets: HeaderSets, destination: (name: string, policy: Policy | undefined) => RouteDestination): RouteTable {
  const routes = call.routes!;
  const names = [...new Set([call.service, ...routes.flatMap((r) => r.to.map((d) => d.service))])];
  const dests = names.map((name) => destination(name, clusterPolicy(call.policy, routes, name)));
  return new RouteTable(routes, call.policy, dests, headerSets, hostNames.map((h) => streamFor(seed, `${h}/routes/${j}`)));
}
