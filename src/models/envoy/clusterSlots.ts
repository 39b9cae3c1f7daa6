// Where one cluster's hot numbers lie: its circuit-breaker gauges and, per upstream host, the
// numbers the balancer, the outlier detector and the connection pool move on every request, side
// by side in cache lines of one Float64Array (a block of the world's DrawRecords, shared by many
// clusters). NOTE: bent for speed (issue 14.2: CPU per request flat in size). At 1,000 services a
// request finds its cluster cold; spread over a dozen small typed arrays and records (hostActive,
// busy, connecting, ejection times, consecutive errors, latency offsets, the gauges), those
// numbers were about 25 cache misses a request, each array a header and its data apart. Laid
// here they are one line for the cluster and one per host.

/** Doubles in a cache line: the stride of the layout. */
export const LINE = 8;

/** The cluster-wide numbers, in its first line (Envoy's cluster gauges and counters). */
export const G = {
  /** Requests on a connection (Envoy's rq_active). */
  activeRequests: 0,
  /** Requests waiting for a connection (rq_pending). */
  pendingRequests: 1,
  /** Retries in progress (rq_retry_open's gauge). */
  activeRetries: 2,
  /** Connections open or opening (cx_active). */
  connections: 3,
  /** Hosts ejected by outlier detection now. */
  ejectedCount: 4,
  /** Requests that reused a pooled connection (upstream_cx_http1/2 reuse). */
  reused: 5,
  /** Connections opened (upstream_cx_total). */
  opened: 6,
} as const;

/** Upstream host i's numbers, in line i + 1. */
export const H = {
  /** Requests on a connection to it (Envoy's host rq_active; least request reads it). */
  active: 0,
  /** HTTP/1.1 connections to it carrying a request. */
  busy: 1,
  /** Connections to it being opened. */
  connecting: 2,
  /** When its ejection ends, ms (0: not ejected), on a detection interval. */
  ejectedUntil: 3,
  /** Consecutive 5xx answers from it (outlier detection). */
  consecutive5xx: 4,
  /** Consecutive 502-504 answers from it (outlier detection). */
  consecutiveGateway: 5,
  /** Where its one-way latency's draw record starts in the cluster's `latencyBlock`. */
  latencyAt: 6,
} as const;

/** A cluster's place: its first line starts at double `p` of `s`; host i's at `hostAt(p, i)`. */
export interface Slots {
  readonly s: Float64Array;
  readonly p: number;
}

/** Lines a cluster of `hosts` upstream hosts takes. */
export function slotLines(hosts: number): number {
  return hosts + 1;
}

/** Where host i's line starts, given its cluster's first line `p`. */
export function hostAt(p: number, i: number): number {
  return p + LINE * (i + 1);
}

/** Slots of their own for a cluster of `hosts` hosts, zeroed (a detector or pool made outside a world: tests). */
export function ownSlots(hosts: number): Slots {
  return { s: new Float64Array(LINE * slotLines(hosts)), p: 0 };
}
