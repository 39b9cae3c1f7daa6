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
import type { DrawAt } from '../drawRecords';
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
  readonly outlier: OutlierDetector;
  readonly lb: LoadBalancer;
  readonly resources = new ResourceManager();
  readonly pool: ConnPool;
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
    /**
     * One-way latency to each upstream host (null: always zero). The data plane draws from each
     * one's record where it has one (`latencyPlaces`), else through the sampler: one stream.
     */
    readonly latency: readonly (Sampler | null)[],
    /** By upstream host, where its latency's draw record lies (Network.latencyPlace; -1: none), kept in the pool's host lines. */
    latencyPlaces: readonly number[],
    /**
     * Which upstream replicas this caller knows of: its proxy's view from the control plane, or
     * the live endpoints for a plain caller (kube-proxy). Shared, not copied.
     */
    readonly known: Uint8Array,
    /** World.membershipChanges: bumped whenever any caller's `known` changes (the balancer's count of known hosts follows it). */
    membershipChanges: Int32Array,
  ) {
    const n = hosts.length;
    this.outlier = new OutlierDetector(n);
    this.pool = new ConnPool(n);
    this.lb = new LoadBalancer(known, this.outlier, this.pool, rngAt.f, rngAt.p, membershipChanges);
    for (let i = 0; i < n; i++) this.pool.setLatencyPlace(i, latencyPlaces[i]);
  }

  /** Picks an upstream host (LoadBalancer.pick under this route's policy), or -1 when none is usable. */
  pick(now: number, key: number, avoid: readonly number[] | null = null): number {
    return this.lb.pick(this.policy, { now }, key, avoid);
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
  get ejectedUntil(): Float64Array {
    return this.outlier.ejectedUntil;
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
