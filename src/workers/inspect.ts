import { ConfigState, backlogMs, heldAt, waitAt, type Route, type Trace, type World } from '../models';
import { replicaBase, replicaUtilization, type EdgeWindow } from './edgeWindow';
import { edgeCalls, type EdgeCalls } from './edgeCalls';
import { expiryConnections, type ExpiryConnections } from './expiryConnections';
import { certLife, gatewayIdentities, linkTrust, type CertLife, type GatewayIdentity, type LinkTrust } from './inspectIdentity';
import { EDGE_STRIDE, EdgeField } from './protocol';

/**
 * What the inspector shows about one node or edge, read from a World at its current time. Plain
 * data (no class instances, no Infinity: a limit that is off is null), so it crosses to the UI
 * as it is. Reading never changes the world.
 */

/** A circuit-breaker gauge with its limit (null: no limit). */
export interface Gauge {
  value: number;
  limit: number | null;
}

/** One caller proxy's view of one upstream service: Envoy's per-cluster state in that proxy. */
export interface RouteInspect {
  /** The caller's host (a replica or a client), and the callee service. */
  callerHost: string;
  callee: string;
  edge: number;
  /** Circuit-breaker gauges: requests on a connection, waiting for one, retries, connections. */
  activeRequests: Gauge;
  pendingRequests: Gauge;
  activeRetries: Gauge;
  connections: Gauge;
  overflows: number;
  retryOverflows: number;
  retriesStarted: number;
  /** Picks its balancer made in panic mode, health ignored (Envoy's lb_healthy_panic), since the start. */
  panics: number;
  /** Hosts this caller has ejected (outlier detection) and when each comes back (sim ms). */
  ejected: { host: string; replica: number; untilMs: number }[];
}

export interface ProxyInspect {
  name: string;
  busyWorkers: number;
  concurrency: number;
  /** Share of its workers' time busy since the start, 0..1. */
  cpuUtilization: number;
  cpuMs: number;
  passes: number;
  handshakes: number;
  /** CPU ms of passes it has taken but not yet run (Sidecar.backlogMs): 0 while it keeps up. */
  backlogMs: number;
  /** About how many messages it holds, waiting or on a worker (Sidecar.heldAt). */
  held: number;
  /** How long a pass arriving now would wait for a worker, ms (Sidecar.waitAt). */
  waitMs: number;
  l7: boolean;
  /** Its config: fresh (connected), stale (lost its control plane, keeps its last config), none. */
  config: 'fresh' | 'stale' | 'none';
  /** Config pushes it has taken; 0 when it never got one. */
  configVersion: number;
  /** Config changes (mesh/ConfigChanges.ts) this proxy runs, of those made so far: its config-change version. */
  changeVersion: number;
  changesMade: number;
  /** Endpoints its config has wrong now (a replica it still routes to that is down, or the reverse). */
  endpointsBehind: number;
  /** Its workload certificate: the CA that signed it and its life (expiry, renewal, last expiry), or null when it has none. */
  certificate: ({ ca: string } & CertLife) | null;
}

export interface ReplicaInspect {
  index: number;
  host: string;
  /** down: killed; slow: its CPU is slowed by a fault (`slowdown` > 1); else up. */
  state: 'up' | 'down' | 'slow';
  slowdown: number;
  busy: number;
  concurrency: number;
  queued: number;
  /** Share of its workers' time busy, 0..1: since the start here; SimHost.inspectNode gives it over the last simulated second (edgeWindow.ts), as the node's box says. */
  utilization: number;
  /** Requests it has served (each freed one of its workers) since the start. */
  served: number;
  /** Its host's zone and region (the scenario's `zones`, `region`; Istio's locality). */
  zone: string;
  region: string;
  /**
   * Over the link figures' window (the last simulated second, read at tenths: edgeWindow.ts),
   * set by SimHost.inspectNode: requests it served, their share of all its service's replicas
   * served (0..1; 0 when none served any), and its sidecar's CPU in use (0..1 of its workers;
   * null without a sidecar). Absent before the first tenth of a second.
   */
  recent?: { served: number; share: number; proxyCpu: number | null; fromMs: number; toMs: number };
  proxy: ProxyInspect | null;
  /** Callers that have this replica ejected now, and until when. */
  ejectedBy: { callerHost: string; untilMs: number }[];
}

export interface NodeInspect {
  id: number;
  name: string;
  kind: string;
  simTime: number;
  replicas: ReplicaInspect[];
  /** Each caller proxy's breaker and ejections toward this node. */
  callers: RouteInspect[];
  /** This node's own proxies toward each of its upstreams. */
  upstreams: RouteInspect[];
  /** For a control plane: whether it and its CA are up, and its counts. */
  controlPlane: { up: boolean; caUp: boolean; connections: number; pushes: number; issued: number; renewed: number; renewalsFailed: number; expired: number } | null;
  /** For a gateway: its own proxy's certificates, one per signing CA (two when it bridges meshes); absent otherwise. */
  identities?: GatewayIdentity[];
  /**
   * For a gateway: its CPU since the start over all its replicas, ms (`cpuMs`, GatewayActor.cpuMsAt, `run`'s gateway
   * cpu column), the part its upstream retries cost (`retryCpuMs`: each retryCpuShare × its mean cpuPerRequest) and
   * how many it made (`retries`), as `run`'s gateway table counts them; absent for any other node.
   */
  gatewayCpu?: { cpuMs: number; retryCpuMs: number; retries: number };
  /**
   * For a service with sidecars: its peer-authentication mode as its replicas' sidecars hold it now
   * (World.strictHost): 'STRICT' (mutual TLS only), 'PERMISSIVE' (plaintext too), or 'mixed' while a
   * change is reaching them; absent for a node without sidecars (T3's trial, 6: an imported
   * PeerAuthentication STRICT showed nowhere).
   */
  mtls?: 'STRICT' | 'PERMISSIVE' | 'mixed';
}

export interface EdgeInspect {
  id: number;
  from: string;
  to: string;
  simTime: number;
  /** Calls ended per simulated second, since the start. */
  requestsPerSec: number;
  /**
   * Calls ended per simulated second over the link labels' window, `(fromMs, toMs]`: the last
   * second of simulated time to the tenth (workers/edgeWindow.ts), and the requests sent on it
   * per second (every try, retries included, answered yet or not: EdgeField.sent), the figure the
   * link's label says. Set by SimHost;
   * absent before the first tenth of a second.
   */
  recent?: { perSecond: number; triesPerSecond?: number; fromMs: number; toMs: number };
  calls: number;
  ok: number;
  failed: number;
  /**
   * Ok calls whose latency `latencyMs` summarizes: those sent after the scenario's warm-up (the
   * hop's histogram size). 0 while every ok call was sent in the warm-up, or none ended ok.
   */
  latencyCount: number;
  /** Latency of ok calls on this hop sent after the warm-up, retries included (ms); null when `latencyCount` is 0. */
  latencyMs: { p50: number; p90: number; p99: number; mean: number } | null;
  /** Share of calls that failed on this hop, by cause, and that failed further down. */
  failedHere: Record<string, number>;
  failedFurtherDown: number;
  attemptsPerCall: number;
  retries: number;
  /**
   * Retries its callers' circuit breakers refused since the start (Envoy's upstream_rq_retry_overflow, summed over
   * the callers' clusters for the callee): a failed try the policy would retry, not retried because
   * circuitBreaker.maxRetries retries were in flight (Envoy's default 3 at a gateway), or the retry budget was spent.
   */
  retryOverflows: number;
  /** Host picks its callers' balancers made in panic mode (Envoy's lb_healthy_panic), since the start. */
  panics: number;
  /** Connections opened, reused by a request, failed to open; drained: closed by a server's listener drain (a switch to STRICT, mesh/PlaintextDrain.ts). Since the start. */
  connections: { opened: number; reused: number; failed: number; drained: number };
  mtls: boolean;
  /** On a mutual-TLS link: which CA signed each side's certificate and the roots each trusts; absent when a side has none. */
  trust?: LinkTrust;
  /** While either side's certificate on it has expired: the connections that outlive it and the handshakes that failed (expiryConnections.ts). */
  expiry?: ExpiryConnections;
  /** A service caller's calls to the callee that this one link carries, its figures their sum (edgeCalls.ts); absent for a client's or gateway's link. */
  scenarioCalls?: EdgeCalls;
}

const limit = (x: number): number | null => (Number.isFinite(x) ? x : null);

function routeInspect(w: World, r: Route): RouteInspect {
  const now = w.sim.now;
  const p = r.policy;
  const ejected: RouteInspect['ejected'] = [];
  for (let i = 0; i < r.hosts.length; i++) if (r.isEjected(i, now)) ejected.push({ host: w.network.hosts[r.hosts[i]].name, replica: i, untilMs: r.ejectedUntil[i] });
  return {
    callerHost: w.network.hosts[r.callerHost].name,
    callee: w.sim.actor(r.service).name,
    edge: r.edge,
    activeRequests: { value: r.activeRequests, limit: limit(p.maxRequests) },
    pendingRequests: { value: r.pendingRequests, limit: limit(p.maxPending) },
    activeRetries: { value: r.activeRetries, limit: limit(r.retryLimit()) },
    connections: { value: r.connections, limit: limit(p.maxConnections) },
    overflows: r.overflows,
    retryOverflows: r.retryOverflows,
    retriesStarted: r.retriesStarted,
    panics: r.panics,
    ejected,
  };
}

/** Everything the inspector shows about a node (by topology node id = actor id); null for an unknown id. */
export function inspectNode(w: World, id: number): NodeInspect | null {
  const node = w.topology.nodes.find((n) => n.id === id);
  if (!node) return null;
  const now = w.sim.now;
  const base = { id, name: node.name, kind: node.kind, simTime: now };
  const cp = w.controlPlanes.find((c) => c.id === id);
  if (cp) {
    const { up, caUp, connections, pushes, issued, renewed, renewalsFailed, expired } = cp;
    return { ...base, replicas: [], callers: [], upstreams: [], controlPlane: { up, caUp, connections, pushes, issued, renewed, renewalsFailed, expired } };
  }
  const svc = w.callees.find((c) => c.id === id);
  const callers = w.routes.filter((r) => r.service === id).map((r) => routeInspect(w, r));
  if (!svc) {
    // A client: its own route(s) out.
    const client = w.clients.find((c) => c.id === id);
    return { ...base, replicas: [], callers, upstreams: client?.route ? [routeInspect(w, client.route)] : [], controlPlane: null };
  }
  const ownHosts = new Set(svc.hosts);
  const replicas = svc.replicas.map((rep, i): ReplicaInspect => {
    const hostId = svc.hosts[i];
    const host = w.network.hosts[hostId];
    const sc = w.sidecarOfHost[hostId];
    let proxy: ProxyInspect | null = null;
    if (sc && !sc.inline) {
      let behind = 0;
      if (sc.config !== ConfigState.none) {
        // Only the services it routes to: views is sparse.
        sc.views.forEach((v, s) => {
          for (let k = 0; k < v.length; k++) if (v[k] !== w.live[s][k]) behind++;
        });
      }
      const cert = sc.clientIdentity;
      proxy = {
        name: sc.name,
        busyWorkers: sc.busyAt(now),
        concurrency: sc.concurrency,
        cpuUtilization: sc.utilization(now),
        cpuMs: sc.cpuMs(now),
        passes: sc.passes,
        handshakes: sc.handshakes,
        backlogMs: backlogMs(sc, now),
        held: heldAt(sc, now),
        waitMs: waitAt(sc, now),
        l7: sc.l7,
        config: sc.config === ConfigState.fresh ? 'fresh' : sc.config === ConfigState.stale ? 'stale' : 'none',
        configVersion: sc.configVersion,
        changeVersion: w.configChanges.versionOf(sc),
        changesMade: w.configChanges.applied.length,
        endpointsBehind: behind,
        certificate: cert ? { ca: cert.ca, ...certLife(cert.notAfter, w.controlPlanes.map((cp) => cp.credentialOf(sc)).find((c) => c !== undefined), now + host.skew) } : null,
      };
    }
    const ejectedBy: ReplicaInspect['ejectedBy'] = [];
    for (const r of w.routes) if (r.service === id && r.isEjected(i, now)) ejectedBy.push({ callerHost: w.network.hosts[r.callerHost].name, untilMs: r.ejectedUntil[i] });
    return {
      index: i,
      host: host.name,
      state: !host.up ? 'down' : rep.slowdown > 1 ? 'slow' : 'up',
      slowdown: rep.slowdown,
      busy: rep.busy,
      concurrency: rep.concurrency,
      queued: rep.queued,
      utilization: now > 0 ? rep.busyAreaAt(now) / (rep.concurrency * now) : 0,
      served: rep.served,
      zone: host.zone,
      region: host.region,
      proxy,
      ejectedBy,
    };
  });
  const upstreams = w.routes.filter((r) => ownHosts.has(r.callerHost)).map((r) => routeInspect(w, r));
  const identities = gatewayIdentities(w, id);
  const gw = w.gateways.find((g) => g.id === id);
  const gatewayCpu = gw ? { cpuMs: gw.cpuMsAt(now), retryCpuMs: gw.retryCpuMs, retries: gw.retries } : undefined;
  const meshed = gw ? [] : svc.hosts.filter((h) => w.sidecarOfHost[h] != null);
  const strict = meshed.filter((h) => w.strictHost[h]).length;
  const mtls = meshed.length === 0 ? undefined : strict === meshed.length ? 'STRICT' : strict === 0 ? 'PERMISSIVE' : 'mixed';
  return { ...base, replicas, callers, upstreams, controlPlane: null, ...(identities ? { identities } : {}), ...(gatewayCpu ? { gatewayCpu } : {}), ...(mtls ? { mtls } : {}) };
}

/** Everything the inspector shows about an edge (caller -> callee); null for an unknown id. */
export function inspectEdge(w: World, id: number): EdgeInspect | null {
  const e = w.topology.edges[id];
  const stats = w.edgeStats[id];
  if (!e || !stats) return null;
  const now = w.sim.now;
  const calls = stats.requests;
  const share = (n: number) => (calls === 0 ? 0 : n / calls);
  const failedHere: Record<string, number> = {};
  for (const [cause, n] of Object.entries(stats.failures.toObject())) failedHere[cause] = share(n);
  let opened = 0;
  let reused = 0;
  let failed = 0;
  let drained = 0;
  let retries = 0;
  let retryOverflows = 0;
  let panics = 0;
  for (const r of w.routes) {
    if (r.edge !== id) continue;
    retryOverflows += r.retryOverflows;
    panics += r.panics;
    opened += r.opened;
    reused += r.reused;
    failed += r.connectFailures;
    drained += r.pool.drained;
    retries += r.retriesStarted;
  }
  const h = stats.latency;
  const trust = e.mtls ? linkTrust(w, id) : null;
  const expiredAt = trust ? Math.min(trust.callerExpiredAtMs ?? Infinity, trust.calleeExpiredAtMs ?? Infinity) : Infinity;
  const expiry = Number.isFinite(expiredAt) ? expiryConnections(w, id, expiredAt) : null;
  const scenarioCalls = edgeCalls(w, id);
  return {
    id,
    from: w.sim.actor(e.from).name,
    to: w.sim.actor(e.to).name,
    simTime: now,
    requestsPerSec: now > 0 ? calls / (now / 1000) : 0,
    calls,
    ok: stats.ok,
    failed: stats.failed,
    latencyCount: h.count,
    latencyMs: h.count === 0 ? null : { p50: h.quantile(0.5), p90: h.quantile(0.9), p99: h.quantile(0.99), mean: h.mean },
    failedHere,
    failedFurtherDown: share(stats.failedDownstream),
    attemptsPerCall: calls === 0 ? 0 : stats.attempts / calls,
    retries,
    retryOverflows,
    panics,
    connections: { opened, reused, failed, drained },
    mtls: e.mtls,
    ...(trust ? { trust } : {}),
    ...(expiry ? { expiry } : {}),
    ...(scenarioCalls ? { scenarioCalls } : {}),
  };
}

/**
 * inspectNode with each replica's utilization over the link figures' window (`rates`,
 * edgeWindow.ts), as its box says, and its `recent` requests served and proxy CPU there; null
 * for an unknown id.
 */
export function inspectNodeNow(w: World, id: number, rates: EdgeWindow): NodeInspect | null {
  const node = inspectNode(w, id);
  const svc = w.callees.find((c) => c.id === id);
  if (node === null || svc === undefined) return node;
  const win = rates.window(w.sim.now);
  const base = replicaBase(w.callees, svc.index);
  const ms = win.toMs - win.fromMs;
  let all = 0;
  if (ms > 0 && base + svc.replicas.length <= win.served.length) for (let i = 0; i < svc.replicas.length; i++) all += win.served[base + i];
  const replicas = node.replicas.map((r) => {
    const u = replicaUtilization(win, svc, r.index, base);
    if (Number.isNaN(u)) return r;
    const served = win.served[base + r.index];
    const proxyCpu = r.proxy ? win.proxyCpuMs[base + r.index] / (Math.max(1, r.proxy.concurrency) * ms) : null;
    return { ...r, utilization: u, recent: { served, share: all > 0 ? served / all : 0, proxyCpu, fromMs: win.fromMs, toMs: win.toMs } };
  });
  return { ...node, replicas };
}

/**
 * inspectEdge with its calls ended and requests sent per second over the link figures' window (`rates`,
 * edgeWindow.ts), the link label's figure; null for an unknown id.
 */
export function inspectEdgeNow(w: World, id: number, rates: EdgeWindow): EdgeInspect | null {
  const e = inspectEdge(w, id);
  if (e === null) return null;
  const win = rates.window(w.sim.now);
  const i = id * EDGE_STRIDE;
  if (win.toMs <= win.fromMs || win.counts.length < i + EDGE_STRIDE) return e;
  const dt = (win.toMs - win.fromMs) / 1000;
  const calls = win.counts[i + EdgeField.calls];
  // req/s: the requests sent in the window, answered yet or not (as edgeRateOf, the label's figure); calls/s: those ended.
  return { ...e, recent: { perSecond: calls / dt, triesPerSecond: win.counts[i + EdgeField.sent] / dt, fromMs: win.fromMs, toMs: win.toMs } };
}

/**
 * The spans of a kept request (a copy), or null when it was not kept or has dropped out. A
 * sampled request still in flight (a ringed dot) gives its spans so far (`end` NaN): the tracer
 * keeps it only when it ends, so it is looked for among the live requests.
 */
export function requestTrace(w: World, requestId: number): Trace | null {
  const tracer = w.tracer;
  let t = tracer?.get(requestId) ?? null;
  if (t === null && tracer) {
    w.requests.forEachLive((r) => {
      // In flight: a 1-in-N one, or a retried one when both retried and failed ones are kept (it will be, whatever its fate).
      if (r.number === requestId && r.trace !== null && (r.trace.sampled || (r.trace.retries > 0 && tracer.maxRetried > 0 && tracer.maxFailed > 0))) t = tracer.materialize(r.trace);
    });
  }
  if (t === null) return null;
  const copy = structuredClone(t) as Trace;
  // A request in flight has spans planned to end later (a message on the wire ends when it
  // arrives): up to now they are open, as a waterfall drawn now must not show the future.
  const now = w.sim.now;
  if (copy.fate === null) for (const sp of copy.spans) if (sp.end > now) sp.end = Number.NaN;
  return copy;
}
