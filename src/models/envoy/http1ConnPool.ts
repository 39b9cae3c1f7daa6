// Envoy's HTTP/1.1 connection pool: one request per connection at a time, connections kept
// alive per (caller proxy, upstream host), requests pending while connections open, and the
// circuit breakers' max connections, max pending and max requests at the moments Envoy checks them.
// Follows envoyproxy/envoy source/common/conn_pool/conn_pool_base.cc (newStreamImpl,
// onUpstreamReady, purgePendingStreams, tryCreateNewConnections) and
// source/common/http/http1/conn_pool.cc. The state it moves is the cluster's ConnPool (connPool.ts).
// Connection lifetime: the pool's idle timeout (Envoy's idle_timeout, Istio's 1 h), the app's
// keep-alive timeout where the pool connects to the app itself, and the race between the two
// (Envoy's 503 "UC", upstream_reset_before_response_started{connection_termination}).
import { AF, type Attempt } from '../Call';
import type { DataPlaneHost } from '../dataPlaneHost';
import { Cause } from '../events';
import { oneWayDelay } from '../linkDelay';
import type { Cluster } from './cluster';
import { Conn, failPendingOnConnect, withdrawPending } from './connPool';
import { CONNECT_OUTCOMES, OUTCOMES, type UpstreamConnector } from './upstreamConnect';

/**
 * The idle-timeout race, judged as a request goes out on its connection `d` ms (one way) from its
 * host: when the app closes the connection (`att.connClosesAt`) before the request reaches it,
 * while its FIN has not reached the pool, the request is reset before any byte came back
 * (Envoy's 503 UC, retried only under `reset`). Returns the ms until the pool sees the close (the
 * FIN's way back), or -1 when the request arrives in time.
 */
export function idleRaceResetMs(att: Attempt, now: number, d: number): number {
  if (att.connClosesAt >= now + d) return -1;
  return Math.max(att.connClosesAt + d - now, 0);
}

/** What the connection pools need from the data plane. */
export interface ConnectionUser {
  /** Puts the attempt's request on the wire: it is attached to a connection. */
  send(att: Attempt): void;
  /** The attempt failed before reaching the callee. */
  attemptFailed(att: Attempt, cause: string, status: number): void;
}

/**
 * The HTTP/1.1 pools' behaviour, one object for every cluster (their state is each cluster's
 * `pool`; the gauges its `resources`):
 * - a request takes an idle connection if there is one;
 * - otherwise it waits as a *pending* request (past max pending: overflow) and the pool opens
 *   connections for its pending requests while the cluster is under max connections. A host
 *   with no connection at all always gets one, so its requests can never wait forever;
 * - a connection that becomes ready takes the first pending request;
 * - a failed connect fails every request pending on that host (they may retry elsewhere);
 * - a request put on a connection becomes *active*, within max requests (else overflow);
 * - an idle connection closes at the pool's idle timeout, or after max requests per connection;
 *   where the pool connects to the app itself (no sidecar there), the app closes it at its
 *   keep-alive timeout, and a request sent on it while the app's FIN is on its way is reset
 *   (`raceCheck`, DataPlane.send).
 * Plain data (snapshots copy it).
 */
export class Http1ConnPool {
  constructor(private readonly world: DataPlaneHost, private readonly dp: ConnectionUser, private readonly connector: UpstreamConnector) {}

  /** A new request for host `att.replica`: an idle connection, a place in the queue, or overflow. */
  acquire(r: Cluster, att: Attempt): void {
    const i = att.replica;
    const pool = r.pool;
    const res = r.resources;
    this.closeAged(r, i);
    if (pool.idleCount(i) > 0 && this.usableIdle(r, i) === true) return this.attach(r, att, true);
    if (res.pendingRequests >= r.policy.maxPending) {
      res.overflows++;
      att.conn = Conn.closed;
      return this.dp.attemptFailed(att, Cause.overflow, 503);
    }
    res.pendingRequests++;
    pool.waiters[i].push(att.id);
    att.conn = Conn.waiting;
    this.openFor(r, i);
  }

  /**
   * Puts a request on an idle connection of its host, within max requests; past it the request
   * overflows and the connection stays idle. (The pool's counts are settled before the failure
   * is reported: reporting it may start another request on this route at once.) `reuse`: the
   * connection carried a request before.
   */
  private attach(r: Cluster, att: Attempt, reuse: boolean): void {
    const i = att.replica;
    const res = r.resources;
    if (res.activeRequests >= r.policy.maxRequests) {
      res.overflows++;
      att.conn = Conn.closed;
      return this.dp.attemptFailed(att, Cause.overflow, 503);
    }
    const pool = r.pool;
    if (reuse === true) pool.reused++;
    if (att.trace !== null) this.world.tracer!.attached(att, this.world.sim.now, reuse);
    const top = pool.takeIdle(i); // off the stack, busy and active +1: its triple is still there
    att.connOpenedAt = pool.lines[top];
    const since = pool.lines[top + 1];
    att.connServed = pool.lines[top + 2];
    // The app closes it at its keep-alive timeout after its last answer (about when it went idle here).
    att.connClosesAt = reuse === true && att.calleeSidecar === null ? since + r.policy.appKeepAlive : Infinity;
    res.activeRequests++;
    att.flags |= AF.attached;
    att.conn = Conn.sent;
    this.dp.send(att);
  }

  /**
   * Hands host i's idle connections to its pending requests, first come first served. `fresh`:
   * the one on top was just opened, so its first request is not a reuse.
   */
  private serveQueue(r: Cluster, i: number, fresh = false): void {
    const pool = r.pool;
    const q = pool.waiters[i];
    while (q.length > 0 && pool.idleCount(i) > 0) {
      const att = this.world.attempts.get(q.shift()!);
      r.resources.pendingRequests--;
      this.attach(r, att, !fresh);
      fresh = false;
    }
  }

  /** Closes host i's idle connections (its pod died: its kernel closed them). */
  closeIdle(r: Cluster, i: number): void {
    r.resources.connections -= r.pool.clearIdle(i);
  }

  /**
   * Closes host i's idle connections opened before `before` ms (a listener's drain time ended on
   * the filter chain they were accepted on: connPools.ts drainEnd). Returns how many closed.
   * Mutates `r.pool` and the cluster's gauges.
   */
  closeIdleOpenedBefore(r: Cluster, i: number, before: number): number {
    const closed = r.pool.closeIdleOpened(i, before, 0, Infinity);
    r.resources.connections -= closed;
    return closed;
  }

  /**
   * Drops host i's idle connections that are closed by now and says whether one is left on top
   * to reuse. The pool's idle timer closed those idle `idleTimeout` or longer (the oldest are at
   * the bottom: all of them go). Where the pool connects to the app itself, the app closed those
   * idle `appKeepAlive` or longer; the pool knows once the app's FIN has crossed the network
   * (one one-way latency, a draw made only for such a connection). Before that the connection
   * still looks open: it is reused, and the request is reset (DataPlane.send checks
   * `att.connClosesAt`).
   */
  private usableIdle(r: Cluster, i: number): boolean {
    const pool = r.pool;
    const now = this.world.sim.now;
    const p = r.policy;
    while (pool.idleCount(i) > 0) {
      const since = pool.lines[pool.top(i) + 1];
      if (now - since >= p.idleTimeout) {
        pool.idleClosed += pool.idleCount(i);
        this.closeIdle(r, i);
        return false;
      }
      // Before the app's keep-alive ends, or with a sidecar in front of the app (which keeps it
      // open: the app's close time is Infinity), it is usable. NOTE: issue 14.4: the sidecar's
      // look-up only past the first test.
      const appClose = since + p.appKeepAlive;
      if (now < appClose || this.world.sidecarOfHost[r.hosts[i]] !== null) return true;
      if (now < appClose + oneWayDelay(this.world, r, i)) return true;
      pool.appClosed++;
      pool.popIdle(i);
      r.resources.connections--;
    }
    return false;
  }

  /** Closes host i's idle connections that have lived their maximum duration. */
  private closeAged(r: Cluster, i: number): void {
    const max = r.policy.maxConnectionDuration;
    if (max === Infinity) return;
    const now = this.world.sim.now;
    // In place: this runs for every request on a route with a maximum duration.
    r.resources.connections -= r.pool.closeIdleOpened(i, -Infinity, now, max);
  }

  /**
   * Opens connections while host i has more pending requests than connects in progress. At the
   * cluster's limit, idle connections past their maximum age (on any host) are closed first:
   * Envoy closes those on a timer, so they would not be holding the slots.
   */
  private openFor(r: Cluster, i: number): void {
    const pool = r.pool;
    const res = r.resources;
    while (pool.waiters[i].length > pool.connecting[i]) {
      const none = pool.idleCount(i) + pool.busy(i) + pool.connecting[i] === 0;
      if (res.connections >= r.policy.maxConnections && !none) {
        for (let h = 0; h < r.hosts.length; h++) this.closeAged(r, h);
        if (res.connections >= r.policy.maxConnections) return;
      }
      res.connections++;
      pool.connecting[i]++;
      pool.opened++;
      this.connector.connect(r, i);
    }
  }

  /** A ConnectDone event: the connection to host i of route r is ready, or failed. */
  connectDone(r: Cluster, packed: number): void {
    const i = Math.floor(packed / OUTCOMES);
    const outcome = packed % OUTCOMES;
    const pool = r.pool;
    pool.connecting[i]--;
    const tracer = this.world.tracer;
    if (tracer !== null) {
      const q = pool.waiters[i];
      const served = (outcome === 0 ? q.slice(0, 1) : q).map((id) => this.world.attempts.get(id));
      tracer.connectDone(r, i, this.world.sim.now, CONNECT_OUTCOMES[outcome], served);
    }
    if (outcome === 0) {
      const k = pool.pushIdleAt(i, 0); // NOTE: the times written here, not passed (pushIdleAt)
      pool.lines[k] = pool.lines[k + 1] = this.world.sim.now;
      return this.serveQueue(r, i, true);
    }
    failPendingOnConnect(r.pool, r.resources, i, this.world.attempts, this.dp, CONNECT_OUTCOMES[outcome]!, this.world.sim.now);
    this.openFor(r, i);
  }

  /**
   * A busy connection to host i is free again: the first pending request takes it, or it idles.
   * Past its maximum duration, or while its server's listener drains it (the answer said
   * Connection: close), it closes instead. (Certificates are checked only when a
   * connection is opened, as TLS does: an open connection outlives an expired certificate.)
   */
  releaseConnection(r: Cluster, att: Attempt): void {
    const i = att.replica;
    const now = this.world.sim.now;
    const pool = r.pool;
    const served = att.connServed + 1;
    const drain = pool.drainBefore !== null && att.connOpenedAt < pool.drainBefore[i];
    if (drain || now - att.connOpenedAt >= r.policy.maxConnectionDuration || served >= r.policy.maxRequestsPerConnection) {
      pool.addBusy(i, -1);
      if (drain) pool.drained++;
      r.resources.connections--;
      return this.openFor(r, i);
    }
    const k = pool.pushIdleAt(i, served, -1); // busy -1. NOTE: the times written here, not passed (pushIdleAt)
    pool.lines[k] = att.connOpenedAt;
    pool.lines[k + 1] = now;
    // No request pending on the cluster (the count is the sum of every host's queue): none here.
    if (r.resources.pendingRequests > 0) this.serveQueue(r, i);
  }

  /** A pending request gives up (a timeout): it leaves the queue. */
  withdraw(r: Cluster, att: Attempt): void {
    withdrawPending(r.pool, r.resources, att);
  }

  /** A connection carrying a request is closed (reset, timeout): the host's queue may open another. */
  closeBusy(r: Cluster, att: Attempt): void {
    const i = att.replica;
    r.pool.addBusy(i, -1);
    r.resources.connections--;
    this.openFor(r, i);
  }
}
