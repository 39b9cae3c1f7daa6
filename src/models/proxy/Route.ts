import type { Rng, Sampler } from '../../sim-engine';
import type { Sidecar } from './Sidecar';
import type { CompiledPolicy } from './policy';

/**
 * The caller's side of one route: a caller host (with its sidecar, or a plain client) calling
 * one service. Holds what Envoy keeps per upstream cluster in each proxy: load-balancer state,
 * circuit-breaker counters, outlier-detection state and a connection pool per upstream host.
 * Every proxy keeps its own, so limits and ejections are per caller, as in Envoy.
 */
export class Route {
  // Circuit-breaker gauges for the whole cluster: requests on a connection (Envoy's rq_active),
  // requests waiting for one (rq_pending), retries in progress, connections open or opening.
  activeRequests = 0;
  pendingRequests = 0;
  activeRetries = 0;
  connections = 0;
  // Per upstream host (callee replica): requests on a connection (least request reads it).
  readonly hostActive: Int32Array;
  readonly consecutive5xx: Int32Array;
  readonly consecutiveGateway: Int32Array;
  readonly ejectedUntil: Float64Array;
  readonly ejections: Int32Array;
  ejectedCount = 0;
  // Connection pools per upstream host: idle connections (the time each opened, the last
  // used on top), busy ones, connects in progress, and attempts waiting for one (FIFO).
  readonly idle: number[][];
  readonly busy: Int32Array;
  readonly connecting: Int32Array;
  readonly waiters: number[][];
  private rr = 0;
  /** The ring-hash ring, built on first use. */
  private ring: { points: Uint32Array; owners: Int32Array } | null = null;
  /** Extra one-way delay from a latency fault, or null. */
  faultDelay: Sampler | null = null;
  /** Stats: retries started, overflows; connections opened, failed to open, and reused. */
  retriesStarted = 0;
  retryOverflows = 0;
  overflows = 0;
  opened = 0;
  connectFailures = 0;
  reused = 0;

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
    readonly rng: Rng,
    /** One-way latency to each upstream host (null: always zero). */
    readonly latency: readonly (Sampler | null)[],
    /**
     * Which upstream replicas this caller knows of: its proxy's view from the control plane, or
     * the live endpoints for a plain caller (kube-proxy). Shared, not copied.
     */
    public known: Uint8Array,
  ) {
    const n = hosts.length;
    this.hostActive = new Int32Array(n);
    this.consecutive5xx = new Int32Array(n);
    this.consecutiveGateway = new Int32Array(n);
    this.ejectedUntil = new Float64Array(n);
    this.ejections = new Int32Array(n);
    this.idle = Array.from({ length: n }, () => []);
    this.busy = new Int32Array(n);
    this.connecting = new Int32Array(n);
    this.waiters = Array.from({ length: n }, () => []);
  }

  /** Brings back hosts whose ejection is over. */
  private unejectDue(now: number): void {
    if (this.ejectedCount === 0) return;
    for (let i = 0; i < this.hosts.length; i++) {
      if (this.ejectedUntil[i] > 0 && this.ejectedUntil[i] <= now) {
        this.ejectedUntil[i] = 0;
        this.ejectedCount--;
      }
    }
  }

  isEjected(i: number, now: number): boolean {
    return this.ejectedUntil[i] > now;
  }

  /** An upstream host the router may pick: known to this caller and not ejected. */
  private usable(i: number, now: number): boolean {
    return this.known[i] === 1 && !(this.ejectedUntil[i] > now);
  }

  /**
   * Picks an upstream host by the route's load balancer among the usable ones. Returns -1 when
   * none is left (`no-healthy-upstream`). `key` is the request's hash key (ring hash). With
   * `avoid` (the hosts this call already tried, under Istio's previous_hosts retry predicate),
   * the balancer picks again, up to 5 times, while it lands on one of them.
   */
  pick(now: number, key: number, avoid: readonly number[] | null = null): number {
    this.unejectDue(now);
    let healthy = 0;
    for (let i = 0; i < this.hosts.length; i++) if (this.usable(i, now)) healthy++;
    if (healthy === 0) return -1;
    let i = this.pickOnce(now, key, healthy, 0);
    if (avoid === null) return i;
    for (let attempt = 1; attempt <= HOST_SELECTION_RETRIES && avoid.includes(i); attempt++) i = this.pickOnce(now, key, healthy, attempt);
    return i;
  }

  private pickOnce(now: number, key: number, healthy: number, attempt: number): number {
    const n = this.hosts.length;
    switch (this.policy.lb) {
      case 'round-robin': {
        for (let k = 0; k < n; k++) {
          const i = this.rr++ % n;
          if (this.usable(i, now)) return i;
        }
        return -1;
      }
      case 'random':
        return this.nthUsable(Math.floor(this.rng() * healthy), now);
      case 'least-request': {
        // Envoy's power of two choices (unweightedHostPickNChoices): two draws *with*
        // replacement, so both may land on the same host; the fewer active requests wins.
        const ha = this.nthUsable(Math.floor(this.rng() * healthy), now);
        const hb = this.nthUsable(Math.floor(this.rng() * healthy), now);
        return this.hostActive[hb] < this.hostActive[ha] ? hb : ha;
      }
      case 'ring-hash':
        return this.ringLookup(mix(key), attempt, now);
    }
  }

  /**
   * Envoy's ring hash: every host owns RING_SIZE / n points on a ring of 32-bit hashes; a key
   * goes to the owner of the first point at or after its hash. Points of a host that is not
   * usable are skipped, which is the ring Envoy rebuilds without it: only that host's keys move,
   * and they spread over the others. A host-selection retry walks `attempt` points further.
   */
  private ringLookup(hash: number, attempt: number, now: number): number {
    const ring = this.ring ?? (this.ring = buildRing(this.hosts.length));
    const size = ring.points.length;
    // The first point >= hash (binary search), wrapping round.
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ring.points[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 0; k < size; k++) {
      const i = ring.owners[(lo + attempt + k) % size];
      if (this.usable(i, now)) return i;
    }
    return -1;
  }

  private nthUsable(k: number, now: number): number {
    for (let i = 0; i < this.hosts.length; i++) {
      if (!this.usable(i, now)) continue;
      if (k-- === 0) return i;
    }
    return -1;
  }

  /**
   * Records an attempt's outcome for outlier detection (Envoy's consecutive 5xx and gateway
   * errors). Ejects the host when a threshold is reached and the ejection cap allows; the host
   * returns at the first detection interval after base ejection time x ejections (at most
   * 300 s). The cap is the domain reference's and Envoy's before 1.27: max percent of the hosts, but at
   * least one. (Envoy's multiplier also falls back after healthy intervals; here it only grows.)
   * Returns true when this outcome ejected the host.
   */
  recordOutcome(i: number, status: number, now: number): boolean {
    const od = this.policy.outlier;
    if (!od) return false;
    if (status < 500) {
      this.consecutive5xx[i] = 0;
      this.consecutiveGateway[i] = 0;
      return false;
    }
    this.consecutive5xx[i]++;
    if (status >= 502 && status <= 504) this.consecutiveGateway[i]++;
    else this.consecutiveGateway[i] = 0;
    // Envoy trips when a count reaches the threshold exactly: errors past it (answers still on
    // their way while the host is ejected) need a success and a new run to trip it again.
    const tripped =
      (od.consecutive5xx > 0 && this.consecutive5xx[i] === od.consecutive5xx) ||
      (od.consecutiveGateway > 0 && this.consecutiveGateway[i] === od.consecutiveGateway);
    if (!tripped || this.isEjected(i, now)) return false;
    // Envoy starts counting afresh after every ejection decision, even one the cap refuses.
    this.consecutive5xx[i] = 0;
    this.consecutiveGateway[i] = 0;
    this.unejectDue(now);
    const cap = Math.max(1, Math.floor((this.hosts.length * od.maxPercent) / 100));
    if (this.ejectedCount >= cap) return false;
    this.ejections[i]++;
    // Base time x ejections, at most max_ejection_time (300 s, or the base if longer).
    const ejectFor = Math.min(od.baseEjection * this.ejections[i], Math.max(MAX_EJECTION_MS, od.baseEjection));
    this.ejectedUntil[i] = Math.ceil((now + ejectFor) / od.interval) * od.interval;
    this.ejectedCount++;
    return true;
  }

  /**
   * Concurrent retries allowed now: the breaker's max, or with a retry budget its share of the
   * requests active or pending (Envoy's RetryBudgetImpl), at least its minimum.
   */
  retryLimit(): number {
    const p = this.policy;
    if (!p.hasBudget) return p.maxRetries;
    return Math.max(p.budgetMin, Math.floor((p.budgetPercent / 100) * (this.activeRequests + this.pendingRequests)));
  }
}

/** Envoy's max_ejection_time default. */
const MAX_EJECTION_MS = 300_000;
/** Envoy's host_selection_retry_max_attempts under Istio's default retry policy. */
const HOST_SELECTION_RETRIES = 5;
/** Envoy's minimum_ring_size default. */
const RING_SIZE = 1024;

function buildRing(hosts: number): { points: Uint32Array; owners: Int32Array } {
  const per = Math.ceil(RING_SIZE / hosts);
  const entries: [number, number][] = [];
  for (let h = 0; h < hosts; h++) for (let k = 0; k < per; k++) entries.push([mix(mix(h + 1) ^ Math.imul(k + 1, 0x9e3779b9)), h]);
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { points: Uint32Array.from(entries, (e) => e[0]), owners: Int32Array.from(entries, (e) => e[1]) };
}

/** A 32-bit integer hash (murmur3's finaliser). */
function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
