// Envoy's connection pools of one upstream cluster in one caller proxy, one per upstream host:
// the state every protocol's pool keeps (ready, busy and connecting connections, and the requests
// pending for one), the counts Envoy's cluster stats print, and what both protocols do to a
// host's pending requests (one withdrawn; all failed on a failed connect).
// Follows envoyproxy/envoy source/common/conn_pool/conn_pool_base.cc (ConnPoolImplBase: its
// ready_clients_, busy_clients_, connecting_clients_ and pending_streams_ lists) and
// source/common/http/conn_pool_base.cc. The HTTP/1.1 behaviour over it is http1ConnPool.ts, the HTTP/2
// one http2ConnPool.ts; connPools.ts picks one per route by its protocol.
import { Cause } from '../events';

/**
 * The head of a host's segment in ConnPool.lines: its idle count, its busy count, where its link
 * latency draw lies (Network.latencyPlace; -1: drawn through the route's sampler), its requests on
 * a connection (Envoy's host rq_active, which least request reads), then its idle triples from
 * `first`.
 */
export const HostLine = { idle: 0, busy: 1, latency: 2, active: 3, first: 4 } as const;

/** HostLine and IDLE_STRIDE as literals where used. NOTE: issue 14.4: a module constant is a context load at each use (EventQueue.ts). */
const enum H { idle = 0, busy = 1, latency = 2, active = 3, first = 4, STRIDE = 3 }

/** Numbers per idle connection in ConnPool.lines: openedAt, idleSince, served. */
export const IDLE_STRIDE = 3;

/**
 * Per upstream host: idle connections (three numbers each: the time it opened, the time it went
 * idle, the requests it has carried; the last used on top), busy ones, connects in progress, and
 * attempts waiting for one (FIFO, attempt ids). HTTP/2 connections (http2ConnPool.ts) are kept in
 * `h2`, one list per host, created on first use. Plain data.
 */
export class ConnPool {
  /**
   * Per host, one segment of `stride` doubles from `i * stride` (HostLine): its idle count, busy
   * count, where the route's one-way latency draw to it lies and its active requests, then its idle connections as triples [openedAt ms, idleSince ms, served]
   * (IDLE_STRIDE numbers each; idleSince nondecreasing bottom to top; served counts
   * maxRequestsPerConnection), bottom first. NOTE: issue 14.2: one flat array, so a request's
   * look at its host's idle stack is route -> pool -> this array, where an array of per-host
   * arrays was two dependent cold loads more (five at 1,000 services, the longest such chain);
   * a message to or from the host finds its latency draw in the same line.
   * Grows (a new array, room for twice as many in every segment) when a host's stack is full.
   */
  lines: Float64Array;
  /** Doubles per host in `lines`: HostLine.first + IDLE_STRIDE x the idle connections it has room for. */
  stride: number;
  readonly connecting: Int32Array;
  readonly waiters: number[][];
  /** HTTP/2 connections per host (null until a route speaks HTTP/2). */
  h2: H2Conn[][] | null = null;
  /** Per host, the connect deadlines (ms) of TLS handshakes in progress, oldest first (upstreamConnect.ts); null until one starts. */
  tlsDeadlines: number[][] | null = null;
  /** Next HTTP/2 connection id. */
  nextConnId = 0;
  /** Connections opened, failed to open, and requests that reused a pooled one. */
  opened = 0;
  connectFailures = 0;
  reused = 0;
  /** Idle connections closed by the pool's idle timeout, and by the app while idle (its keep-alive timeout). */
  idleClosed = 0;
  appClosed = 0;
  /**
   * Per host, the ms its server's inbound listener began draining this route's connections (a
   * switch to STRICT removed the plaintext filter chain they were accepted on:
   * mesh/ConfigChanges.ts, proxy/calibration.ts ISTIO_DRAIN_TIME_MS), or -1; null until a drain.
   * Which connections drain is `drainBefore`'s to say.
   */
  drainingSince: Float64Array | null = null;
  /**
   * Per host, the ms before which its connections were opened on a filter chain its server
   * removed: those drain (an HTTP/1.1 one closes as its answer comes back, Connection: close; an
   * HTTP/2 one has had GOAWAY). Infinity while the plaintext chain is gone (every connection
   * open is on the removed chain), the moment it came back when a drain was called off (those
   * opened since are on the new chain and stay), -Infinity before any drain; null until a drain.
   */
  drainBefore: Float64Array | null = null;
  /** Connections closed by a server's listener drain: as an answer came back, or at the drain's end. */
  drained = 0;
  /** Connects failed `tls-expired-cert` (new ones only: TLS checks at the handshake), and the first's ms or -1 (workers/expiryConnections.ts). */
  expiredCertFailures = 0;
  firstExpiredCertMs = -1;

  constructor(hosts: number) {
    // Room for two idle connections a host: one cache line (8 doubles) each.
    this.stride = H.first + 2 * H.STRIDE;
    this.lines = new Float64Array(hosts * this.stride);
    this.connecting = new Int32Array(hosts);
    this.waiters = Array.from({ length: hosts }, () => []);
  }

  /** Where host i's link latency draw lies (Network.latencyPlace), or -1. */
  latencyPlace(i: number): number {
    return this.lines[i * this.stride + H.latency];
  }

  /** Sets where host i's link latency draw lies (once, as the route is built). */
  setLatencyPlace(i: number, place: number): void {
    this.lines[i * this.stride + H.latency] = place;
  }

  /** Host i's requests on a connection (Envoy's host rq_active; least request reads it). */
  active(i: number): number {
    return this.lines[i * this.stride + H.active];
  }

  /** Adds `d` to host i's requests on a connection (attach +1, the attempt's end -1). */
  addActive(i: number, d: number): void {
    this.lines[i * this.stride + H.active] += d;
  }

  /** Host i's idle connections. */
  idleCount(i: number): number {
    return this.lines[i * this.stride + H.idle];
  }

  /** Host i's connections carrying a request (HTTP/1.1). */
  busy(i: number): number {
    return this.lines[i * this.stride + H.busy];
  }

  /** Adds `d` to host i's busy count. */
  addBusy(i: number, d: number): void {
    this.lines[i * this.stride + H.busy] += d;
  }

  /** Where host i's top idle connection's triple starts in `lines` (valid while it has one). */
  top(i: number): number {
    return i * this.stride + H.first + (this.lines[i * this.stride + H.idle] - 1) * H.STRIDE;
  }

  /** Takes host i's top idle connection off its stack (read it first through `top`). */
  popIdle(i: number): void {
    this.lines[i * this.stride + H.idle]--;
  }

  /**
   * Takes host i's top idle connection (it has one) to carry a request: off the stack, its busy
   * count and its active requests (Envoy's host rq_active) one more. Returns where its triple
   * starts in `lines` (openedAt, idleSince, served), still there to read. NOTE: issue 14.4: popIdle,
   * addBusy and addActive in one, the host's line found once (it runs on every request).
   */
  takeIdle(i: number): number {
    const f = this.lines;
    const at = i * this.stride;
    const n = f[at + H.idle] - 1;
    f[at + H.idle] = n;
    f[at + H.busy]++;
    f[at + H.active]++;
    return at + H.first + n * H.STRIDE;
  }

  /** Puts a connection idle on top of host i's stack: opened at `openedAt`, idle since `since` (ms), `served` requests carried. */
  pushIdle(i: number, openedAt: number, since: number, served: number): void {
    const k = this.pushIdleAt(i, served);
    this.lines[k] = openedAt;
    this.lines[k + 1] = since;
  }

  /**
   * Puts a connection idle on top of host i's stack, `served` requests carried, and returns where
   * its triple starts in `lines`: the caller writes its openedAt and idleSince (ms) at that index
   * and the next. Adds `busy` to its busy count (-1: a busy one going idle; the line found once).
   * NOTE: issue 14.4: the times are not passed: a double passed to a call V8 does not inline is a
   * fresh heap number (two a request's answer, 6 a 3-hop request).
   */
  pushIdleAt(i: number, served: number, busy = 0): number {
    let at = i * this.stride;
    const n = this.lines[at + H.idle];
    if (H.first + (n + 1) * H.STRIDE > this.stride) {
      this.grow();
      at = i * this.stride;
    }
    const f = this.lines;
    const k = at + H.first + n * H.STRIDE;
    f[k + 2] = served;
    f[at + H.idle] = n + 1;
    f[at + H.busy] += busy;
    return k;
  }

  /** Host i's idle connections' triples, bottom first, as a plain list (tests, the inspector). */
  idleOf(i: number): number[] {
    const from = i * this.stride + H.first;
    return Array.from(this.lines.subarray(from, from + this.idleCount(i) * H.STRIDE));
  }

  /**
   * Closes host i's idle connections opened before `before` ms or open `maxAge` ms or longer at
   * `now`, keeping the others in order. Returns how many closed. Mutates the stack only.
   */
  closeIdleOpened(i: number, before: number, now: number, maxAge: number): number {
    const f = this.lines;
    const at = i * this.stride;
    const from = at + H.first;
    const n = f[at + H.idle];
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const k = from + j * H.STRIDE;
      if (f[k] < before || now - f[k] >= maxAge) continue;
      const to = from + kept * H.STRIDE;
      f[to] = f[k];
      f[to + 1] = f[k + 1];
      f[to + 2] = f[k + 2];
      kept++;
    }
    f[at + H.idle] = kept;
    return n - kept;
  }

  /** Closes every idle connection of host i; returns how many. */
  clearIdle(i: number): number {
    const n = this.idleCount(i);
    this.lines[i * this.stride + H.idle] = 0;
    return n;
  }

  /** Room for twice as many idle connections in every segment, contents kept. */
  private grow(): void {
    const hosts = this.connecting.length;
    const stride = H.first + 2 * (this.stride - H.first);
    const next = new Float64Array(hosts * stride);
    for (let h = 0; h < hosts; h++) next.set(this.lines.subarray(h * this.stride, (h + 1) * this.stride), h * stride);
    this.lines = next;
    this.stride = stride;
  }
}

/** One HTTP/2 connection: its streams now, requests carried, and when it went idle. Plain data. */
export interface H2Conn {
  id: number;
  openedAt: number;
  /** Streams open on it now. */
  streams: number;
  /** Requests it has carried (maxRequestsPerConnection). */
  served: number;
  /** When its last stream ended, ms (its idle timer's start). */
  idleSince: number;
  /** No new streams: it closes when its last stream ends (max requests reached, or its host died). */
  draining: boolean;
  /**
   * Its server sent GOAWAY as its listener drains (a STRICT drain, mesh/PlaintextDrain.ts) and it
   * is not yet counted in `pool.drained`: it is when its last stream ends, or when the drain time
   * ends with streams still on it, whichever comes first (once).
   */
  goneAway: boolean;
}

/** Connection states of an attempt (Attempt.conn): none yet, pending in a pool, on a connection, done with it. */
export const Conn = { none: 0, waiting: 1, sent: 3, closed: 4 } as const;

/** What the pending-request functions below read and write of an attempt (Call.ts Attempt). */
interface PendingAttempt {
  id: number;
  /** Its host's index in the cluster. */
  replica: number;
  conn: number;
}

/** The cluster gauges a pending request moves (ResourceManager). */
interface PendingGauges {
  connections: number;
  pendingRequests: number;
}

/**
 * A connect to host i failed: its connection slot is given back, and every request pending on
 * the host fails with `cause` (503), oldest first. Envoy purges them all
 * (conn_pool_base.cc purgePendingStreams): a failed connect says the host is bad. They are taken
 * off the queue before any failure is reported, so a retry landing on this host waits anew.
 * Both protocols' pools call it (http1ConnPool.ts, http2ConnPool.ts), then open connections for
 * whatever is pending again (`now`, ms, dates a first tls-expired-cert). Mutates `pool`, `res` and the attempts.
 */
export function failPendingOnConnect<A extends PendingAttempt>(
  pool: ConnPool,
  res: PendingGauges,
  i: number,
  attempts: { get(id: number): A },
  dp: { attemptFailed(att: A, cause: string, status: number): void },
  cause: string,
  now: number,
): void {
  res.connections--;
  pool.connectFailures++;
  if (cause === Cause.tlsExpiredCert && pool.expiredCertFailures++ === 0) pool.firstExpiredCertMs = now;
  const q = pool.waiters[i];
  const failed = q.splice(0, q.length);
  res.pendingRequests -= failed.length;
  for (const id of failed) {
    const att = attempts.get(id);
    att.conn = Conn.closed;
    dp.attemptFailed(att, cause, 503);
  }
}

/** A pending request gives up (a timeout): it leaves its host's queue. Both protocols' pools call it. Mutates `pool`, `res` and `att`. */
export function withdrawPending(pool: ConnPool, res: PendingGauges, att: PendingAttempt): void {
  const q = pool.waiters[att.replica];
  q.splice(q.indexOf(att.id), 1);
  res.pendingRequests--;
  att.conn = Conn.closed;
}
