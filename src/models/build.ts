// Building the proxies and clusters of a world from a scenario: a sidecar with its draws laid in
// the world's proxy records, a gateway's inline proxy with its identities, and a caller's cluster
// for one callee with the policy its caller applies. World calls these while it wires; they
// return what they make and change nothing else but the records and the network's samplers.
import { stateless, streamAt, type Distribution, type Sampler } from '../sim-engine';
import type { ClientSpec, Policy, ServiceSpec } from '../scenario';
import type { DrawRecords } from './drawRecords';
import { Cluster } from './envoy/cluster';
import { CertSlot } from './mesh/Certificates';
import type { ControlPlane } from './mesh/ControlPlane';
import type { Host } from './net/Host';
import type { Network } from './net/Network';
import { DEFAULT_PASS_CPU, DEFAULT_PASS_LATENCY } from './proxy/calibration';
import { compilePolicy, type CompiledPolicy } from './proxy/policy';
import { ConfigState, Rec, Sidecar, recordDraw, type ProxyRecords } from './proxy/Sidecar';
import type { ServiceActor } from './Service';

/** Where a sidecar joins, and its certificate overrides. */
export interface Membership {
  mesh?: string;
  boundary?: string;
  certificate: ServiceSpec['certificate'];
}

/**
 * A sidecar beside a replica or a client on `host`, number `index` among the world's proxies,
 * joined to `cp` (mutates `cp`: a new member), its hot state in a record of `records`. Returns it
 * with its pod's loopback sampler (null: encoded in the record or zero).
 */
export function buildSidecar(index: number, host: Host, spec: Exclude<ServiceSpec['sidecar'], false>, m: Membership, cp: ControlPlane, records: ProxyRecords, network: Network, seed: number): { sc: Sidecar; loopback: Sampler | null } {
  const s = spec === true ? { mode: 'L7' as const, concurrency: 2, cpuPerPass: undefined, passLatency: undefined } : spec;
  const rec = records.alloc(s.concurrency);
  const cpu = recordDraw(rec, Rec.cpu, s.cpuPerPass ?? DEFAULT_PASS_CPU, seed, `${host.name}/sidecar`);
  const latency = recordDraw(rec, Rec.latency, s.passLatency ?? DEFAULT_PASS_LATENCY, seed, `${host.name}/sidecar-latency`);
  const sc = new Sidecar(index, `${host.name}/sidecar`, host.id, s.mode === 'L7', s.concurrency, cpu, latency, cp, false, rec);
  const cert = m.certificate;
  cp.join(sc, m.boundary, { ttl: cert.ttl, ca: cert.ca, trust: cert.trust ? new Set(cert.trust) : undefined }, cert.renew);
  const loopback = network.latencySampler(`pod/${host.name}`, host, host, undefined, { f: rec.f, p: rec.o + Rec.loopback });
  sc.setLoopback(loopback);
  return { sc, loopback };
}

/**
 * A gateway's own proxy: inline (its cost is the gateway's CPU), always configured. In a mesh it
 * holds that mesh's identity for both ends; as a bridge it ends mTLS with an identity from the
 * `inbound` mesh's CA and starts mTLS with one from the `outbound` mesh's. Each is a workload
 * certificate like a sidecar's (Istio's ingress and egress gateways get theirs from istiod
 * through istio-agent's SDS: the same 24 h TTL and renewal at half of it): issued now with its
 * mesh's `ca.ttl`, renewed and expired by that mesh's control plane (ControlPlane.holdGateway;
 * mutates `inbound` and `outbound`), so a CA down or cut off at renewal time expires its side's.
 */
export function buildGatewayProxy(index: number, host: Host, name: string, inbound: ControlPlane | null, outbound: ControlPlane | null): Sidecar {
  const zero = stateless(() => 0);
  const sc = new Sidecar(index, `${host.name}/proxy`, host.id, true, 1, zero, zero, inbound, true);
  sc.config = ConfigState.fresh;
  if (inbound !== null && inbound === outbound) inbound.holdGateway(sc, `${name}@${inbound.spec.name}`, CertSlot.both);
  else {
    inbound?.holdGateway(sc, `${name}@${inbound.spec.name}`, CertSlot.server);
    outbound?.holdGateway(sc, `${name}@${outbound.spec.name}`, CertSlot.client);
  }
  return sc;
}

/** Compiled policies by their content, so routes with the same policy share one (see `sharedPolicy`). */
export type PolicyCache = Map<string, CompiledPolicy>;

/**
 * The one policy object of `cache` equal to `p` (p itself the first time). NOTE: issue 14. The
 * router, pool and balancer read a route's policy on every request, about a dozen fields, each
 * number that is not a small integer (Infinity, most limits) a box of its own: one object per
 * route was several cache misses a request at 1,000 services, one shared object is none. Safe
 * because a compiled policy is never changed in place: a config change compiles a new one.
 */
export function sharedPolicy(cache: PolicyCache, p: CompiledPolicy): CompiledPolicy {
  const key = JSON.stringify(p, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  const known = cache.get(key);
  if (known !== undefined) return known;
  cache.set(key, p);
  return p;
}

/** What building a cluster reads of the world. */
export interface ClusterSite {
  readonly network: Network;
  readonly seed: number;
  /** By host id: the sidecar in that pod, or null. */
  readonly sidecarOfHost: readonly (Sidecar | null)[];
  /** Per callee: which replicas its EndpointSlice lists (a gateway's own proxy reads it). */
  readonly live: readonly Uint8Array[];
  /** Per callee: which replicas kube-proxy's rules send to (a caller without a proxy reads it). */
  readonly kubeProxyLive: readonly Uint8Array[];
  /** Bumped whenever a `known` array changes (World.membershipChanges); its balancers read it. */
  readonly membershipChanges: Int32Array;
  /** The policies its clusters share (sharedPolicy). */
  readonly policies: PolicyCache;
  /** Where each route's random stream keeps its state (one cache line each; DrawRecords). */
  readonly draws: DrawRecords;
}

/**
 * The cluster (route) number `index` on edge `edgeId` named `linkName`, from one caller host to a
 * callee, with the policy its caller applies (`istioDefaults`: a sidecar's or plain caller's, not
 * a gateway's own Envoy).
 */
export function buildCluster(w: ClusterSite, index: number, edgeId: number, linkName: string, callerHost: number, callee: ServiceActor, routePolicy: Policy | undefined, latency: Distribution | undefined, istioDefaults: boolean): Cluster {
  const sc = w.sidecarOfHost[callerHost];
  const hasProxy = sc !== null;
  const l7 = hasProxy && sc.l7 && callee.spec.protocol === 'http';
  const policy = sharedPolicy(w.policies, compilePolicy(callee.spec, routePolicy, l7, hasProxy, istioDefaults));
  const from = w.network.hosts[callerHost];
  const latencies = callee.hosts.map((h) => w.network.latencySampler(linkName, from, w.network.hosts[h], latency));
  const mtls = hasProxy && sc.mesh !== null && callee.hosts.some((h) => w.sidecarOfHost[h]?.mesh);
  // A sidecar knows what its control plane pushed; a gateway's own Envoy the EndpointSlice (EDS
  // from its controller, whose push is not modelled); a plain caller what kube-proxy's rules say.
  const known = sc ? sc.viewOf(callee.index, callee.replicas.length, w.live) : w.kubeProxyLive[callee.index];
  // streamFor's stream (the same draws) with its state in a record the balancer reads directly.
  const rngAt = w.draws.alloc();
  const rng = streamAt(w.seed, `${from.name}/route/${callee.name}`, rngAt.f, rngAt.p);
  const places = latencies.map((s) => w.network.latencyPlace(s));
  const cluster = new Cluster(index, edgeId, callerHost, callee.id, callee.hosts, policy, sc, mtls, rng, rngAt, latencies, places, known, w.membershipChanges);
  // Istio's locality priorities for this caller (used when the policy turns locality on).
  cluster.lb.setLocality(from, callee.hosts.map((h) => w.network.hosts[h]));
  return cluster;
}

/** A client's time between sends (open loop: Poisson or constant, from its rate in req/s) or think time (closed loop), in ms. */
export function clientGap(spec: ClientSpec): Distribution {
  if (spec.type !== 'open') return spec.thinkTime;
  return spec.arrival === 'poisson' ? { type: 'exponential', mean: 1000 / spec.rate } : { type: 'constant', value: 1000 / spec.rate };
}
