// Envoy's upstream cluster as one caller proxy holds it: the hosts of one service, with the
// cluster's load balancer, outlier detector, circuit breakers (resource manager) and connection
// pools. meshsim calls it a route (World.routes, Call.route): one per (caller host, callee).
// Follows envoyproxy/envoy source/common/upstream/cluster_manager_impl.cc (a cluster's
// per-thread state: its host set, load balancer and pools) and upstream_impl.cc.
//
// Why a folder named envoy/: its files are named for the Envoy source files they follow, so
// someone who knows Envoy finds each behaviour where Envoy keeps it; proxy/ keeps what is
// meshsim's own about a proxy (the sidecar's CPU queue, Istio's policy defaults, calibration).
import type { Rng, Sampler } from '../../sim-engine';
import type { CompiledPolicy } from '../proxy/policy';
import type { Sidecar } from '../proxy/Sidecar';
import { drawAtOf, type DrawAt } from '../drawRecords';
import { H, hostAt, type Slots } from './clusterSlots';
import { ConnPool } from './connPool';
import { LoadBalancer } from './loadBalancer';
import { OutlierDetector } from './outlierDetector';
import { ResourceManager } from './resourceManager';

/**
 * The caller's side of one route: a caller host (with its sidecar, or a plain client) calling
 * one service. Every proxy keeps its own, so limits and ejections are per caller, as in Envoy.
 * The figures below the pieces (`activeRequests`, `opened`, ...) are read-only views for
 * reports, the inspector and tests; the data plane works on the pieces themselves.
 */
export class Cluster {
  /**
   * Its hot numbers (clusterSlots.ts): the gauges in the line from `p` of `s`, each upstream
   * host's (requests on a connection, busy and connecting connections, ejection, consecutive
   * errors, latency record offset) in the lines after. The pieces below read and write them.
   */
  readonly s: Float64Array;
  readonly p: number;
  readonly outlier: OutlierDetector;
  readonly lb: LoadBalancer;
  readonly resources: ResourceManager;
  readonly pool: ConnPool;
  /**
   * Where each upstream host's one-way latency draw lives (drawRecords.ts; null: draw through
   * `latency`); its offset there is the host's `H.latencyAt` slot. NOTE: the data plane draws
   * from these (issue 14).
   */
  readonly latencyBlock: (Float64Array | null)[];
  /** The one block every host's latency record lies in, or null when they differ or one has none (then `latencyBlock`). */
  readonly latencyBlockAll: Float64Array | null;
  /** Extra one-way delay from a latency fault (a chaos fault on the link, not Envoy's), or null. */
  faultDelay: Sampler | null = null;

  constructor(
    /** Index in the world's routes (events name a route by it). */
    readonly index: number,
    readonly edge: number,
    /** Host id of the caller. */
    readonly callerHost: number,
    /** Actor id of the callee service. */
    readonly service: number,
    /** Host ids of the callee's replicas, by replica index. */
    readonly hosts: readonly number[],
    /** Replaced when a config change reaches the caller's proxy (mesh/ConfigChanges.ts). */
    public policy: CompiledPolicy,
    readonly sidecar: Sidecar | null,
    /** Whether connections on this route use mutual TLS (both ends meshed). */
    readonly mtls: boolean,
    /** The route's one random stream: fault filter, load balancer and backoff draw from it in turn. */
    readonly rng: Rng,
    /** Where `rng`'s state lies (streamAt over this record): the balancer draws from it directly. */
    rngAt: DrawAt,
    /** Its slot lines (clusterSlots.ts: slotLines(hosts.length) lines, zeroed). */
    at: Slots,
    /** One-way latency to each upstream host (null: always zero). */
    readonly latency: readonly (Sampler | null)[],
    /**
     * Which upstream replicas this caller knows of: its proxy's view from the control plane, or
     * the live endpoints for a plain caller (kube-proxy). Shared, not copied.
     */
    readonly known: Uint8Array,
  ) {
    const n = hosts.length;
    this.s = at.s;
    this.p = at.p;
    this.resources = new ResourceManager(at);
    this.outlier = new OutlierDetector(n, at);
    this.lb = new LoadBalancer(known, this.outlier, at, rngAt.f, rngAt.p);
    this.pool = new ConnPool(n, at);
    this.latencyBlock = latency.map((d) => drawAtOf(d)?.f ?? null);
    for (let i = 0; i < n; i++) at.s[hostAt(at.p, i) + H.latencyAt] = drawAtOf(latency[i])?.p ?? 0;
    const first = this.latencyBlock[0] ?? null;
    this.latencyBlockAll = first !== null && this.latencyBlock.every((f) => f === first) ? first : null;
  }

  /** Requests on a connection to host i (Envoy's host rq_active). */
  hostActive(i: number): number {
    return this.s[hostAt(this.p, i) + H.active];
  }
  /** Adds `d` (+1 or -1) to host i's requests on a connection. */
  addHostActive(i: number, d: number): void {
    this.s[hostAt(this.p, i) + H.active] += d;
  }
  /** Where host i's one-way latency draw record starts in its block (`latencyBlock`). */
  latencyAt(i: number): number {
    return this.s[hostAt(this.p, i) + H.latencyAt];
  }

  /** Picks an upstream host (LoadBalancer.pick under this route's policy), or -1 when none is usable. */
  pick(now: number, key: number, avoid: readonly number[] | null = null): number {
    return this.lb.pick(this.policy, now, key, avoid);
  }

  // ---- read-only figures -----------------------------------------------------------------

  get activeRequests(): number {
    return this.resources.activeRequests;
  }
  get pendingRequests(): number {
    return this.resources.pendingRequests;
  }
  get activeRetries(): number {
    return this.resources.activeRetries;
  }
  /** Connections open or opening. */
  get connections(): number {
    return this.resources.connections;
  }
  get overflows(): number {
    return this.resources.overflows;
  }
  get retryOverflows(): number {
    return this.resources.retryOverflows;
  }
  get retriesStarted(): number {
    return this.resources.retriesStarted;
  }
  /** Concurrent retries allowed now (ResourceManager.retryLimit). */
  retryLimit(): number {
    return this.resources.retryLimit(this.policy);
  }
  get opened(): number {
    return this.pool.opened;
  }
  get connectFailures(): number {
    return this.pool.connectFailures;
  }
  get reused(): number {
    return this.pool.reused;
  }
  /** When host i's ejection ends, ms (0: not ejected). */
  ejectedUntil(i: number): number {
    return this.outlier.ejectedUntil(i);
  }
  get ejections(): Int32Array {
    return this.outlier.ejections;
  }
  get ejectedCount(): number {
    return this.outlier.ejectedCount;
  }
  /** Picks made in panic mode, ignoring health (Envoy's lb_healthy_panic). */
  get panics(): number {
    return this.lb.panics;
  }
  isEjected(i: number, now: number): boolean {
    return this.outlier.isEjected(i, now);
  }
}

/** meshsim's name for a cluster as one caller holds it (World.routes, Call.route). */
export type Route = Cluster;
