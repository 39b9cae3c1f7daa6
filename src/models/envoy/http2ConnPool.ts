// Envoy's HTTP/2 connection pool: many streams on one connection per (caller proxy, upstream
// host), up to max concurrent streams each; a connection that has carried max requests per
// connection drains (no new streams) and closes when its last stream ends. Requests wait as
// pending only while a connection is being opened: once one is ready, a request attaches at once,
// so past max requests it overflows where HTTP/1.1 would have queued it as pending.
// Follows envoyproxy/envoy source/common/conn_pool/conn_pool_base.cc (newStreamImpl,
// attachStreamToClient, connecting_stream_capacity_, tryCreateNewConnections) and
// source/common/http/http2/conn_pool.cc (ActiveClient's concurrent stream limit). The state is
// the cluster's ConnPool.h2 (connPool.ts); the HTTP/1.1 pool is http1ConnPool.ts.
import { AF, type Attempt } from '../Call';
import type { DataPlaneHost } from '../dataPlaneHost';
import { Cause } from '../events';
import type { Cluster } from './cluster';
import { Conn, failPendingOnConnect, withdrawPending, type H2Conn } from './connPool';
import type { ConnectionUser } from './http1ConnPool';
import { CONNECT_OUTCOMES, OUTCOMES, type UpstreamConnector } from './upstreamConnect';

/**
 * The HTTP/2 pools' behaviour, one object for every cluster that speaks HTTP/2 (their state is
 * each cluster's `pool.h2`, the gauges its `resources`):
 * - a request takes a stream on a ready connection of its host with room (streams under max
 *   concurrent streams, not draining), within max requests (else overflow, Envoy's
 *   upstream_rq_pending_overflow: no queue for it);
 * - with no such connection it waits as pending (past max pending: overflow), and the pool opens
 *   connections while its pending requests outnumber the streams the connecting ones will offer,
 *   within max connections (a host with none always gets one);
 * - a connection that becomes ready takes pending requests up to its stream limit;
 * - a failed connect fails every request pending on that host;
 * - a reset or timed-out stream ends only that stream: the connection stays (an HTTP/2 RST_STREAM);
 * - an idle connection (no streams) closes at the pool's idle timeout.
 * The idle-timeout race with the app is HTTP/1.1's (http1ConnPool.ts): not modelled here.
 */
export class Http2ConnPool {
  constructor(private readonly world: DataPlaneHost, private readonly dp: ConnectionUser, private readonly connector: UpstreamConnector) {}

  private conns(r: Cluster, i: number): H2Conn[] {
    const pool = r.pool;
    if (pool.h2 === null) pool.h2 = Array.from({ length: r.hosts.length }, () => []);
    return pool.h2[i];
  }

  /** Streams one connection carries at once: max concurrent streams, and no more than its requests left. */
  private capacity(r: Cluster, c: H2Conn): number {
    if (c.draining) return 0;
    const p = r.policy;
    return Math.min(p.maxConcurrentStreams - c.streams, p.maxRequestsPerConnection - c.served);
  }

  /** A new request for host `att.replica`: a stream on a ready connection, a place in the queue, or overflow. */
  acquire(r: Cluster, att: Attempt): void {
    const i = att.replica;
    this.closeIdle(r, i, true);
    const conns = this.conns(r, i);
    for (const c of conns) if (this.capacity(r, c) > 0) return this.attach(r, att, c);
    const res = r.resources;
    if (res.pendingRequests >= r.policy.maxPending) {
      res.overflows++;
      att.conn = Conn.closed;
      return this.dp.attemptFailed(att, Cause.overflow, 503);
    }
    res.pendingRequests++;
    r.pool.waiters[i].push(att.id);
    att.conn = Conn.waiting;
    this.openFor(r, i);
  }

  /** Opens a stream for `att` on connection c, within max requests (else overflow: no queue). */
  private attach(r: Cluster, att: Attempt, c: H2Conn): void {
    const res = r.resources;
    if (res.activeRequests >= r.policy.maxRequests) {
      res.overflows++;
      att.conn = Conn.closed;
      return this.dp.attemptFailed(att, Cause.overflow, 503);
    }
    const reuse = c.served > 0;
    if (reuse) r.pool.reused++;
    if (att.trace !== null) this.world.tracer!.attached(att, this.world.sim.now, reuse);
    c.streams++;
    c.served++;
    if (c.served >= r.policy.maxRequestsPerConnection) c.draining = true;
    att.connId = c.id;
    att.connOpenedAt = c.openedAt;
    att.connClosesAt = Infinity; // the app's keep-alive race is HTTP/1.1's (Attempt.reset leaves it)
    res.activeRequests++;
    r.pool.addActive(att.replica, 1);
    att.flags |= AF.attached;
    att.conn = Conn.sent;
    this.dp.send(att);
  }

  /** Hands pending requests of host i to connections with room, first come first served. */
  private serveQueue(r: Cluster, i: number): void {
    const q = r.pool.waiters[i];
    const conns = this.conns(r, i);
    for (let k = 0; k < conns.length && q.length > 0; k++) {
      const c = conns[k];
      while (q.length > 0 && this.capacity(r, c) > 0) {
        const att = this.world.attempts.get(q.shift()!);
        r.resources.pendingRequests--;
        this.attach(r, att, c);
      }
    }
  }

  /**
   * Opens connections to host i while its pending requests outnumber the streams its connecting
   * ones will offer (Envoy's connecting_stream_capacity_), within max connections.
   */
  private openFor(r: Cluster, i: number): void {
    const pool = r.pool;
    const res = r.resources;
    const p = r.policy;
    const perConn = Math.min(p.maxConcurrentStreams, p.maxRequestsPerConnection);
    while (pool.waiters[i].length > pool.connecting[i] * perConn) {
      const none = this.conns(r, i).length + pool.connecting[i] === 0;
      if (res.connections >= p.maxConnections && !none) return;
      res.connections++;
      pool.connecting[i]++;
      pool.opened++;
      this.connector.connect(r, i);
    }
  }

  /** A ConnectDone event: the connection to host i is ready (pending requests take streams), or failed. */
  connectDone(r: Cluster, packed: number): void {
    const i = Math.floor(packed / OUTCOMES);
    const outcome = packed % OUTCOMES;
    const pool = r.pool;
    pool.connecting[i]--;
    const now = this.world.sim.now;
    const tracer = this.world.tracer;
    if (tracer !== null) tracer.connectDone(r, i, now, CONNECT_OUTCOMES[outcome], pool.waiters[i].map((id) => this.world.attempts.get(id)));
    if (outcome === 0) {
      this.conns(r, i).push({ id: pool.nextConnId++, openedAt: now, streams: 0, served: 0, idleSince: now, draining: false, goneAway: false });
      this.serveQueue(r, i);
      // Accepted on a filter chain its server has since removed: GOAWAY after its first streams.
      if (pool.drainBefore !== null && now < pool.drainBefore[i]) this.goAway(r, i, Infinity);
      return;
    }
    failPendingOnConnect(r.pool, r.resources, i, this.world.attempts, this.dp, CONNECT_OUTCOMES[outcome]!, this.world.sim.now);
    this.openFor(r, i);
  }

  /** `att`'s stream ended (an answer, or its reset): the connection takes pending requests, idles, or closes. */
  releaseConnection(r: Cluster, att: Attempt): void {
    const i = att.replica;
    const conns = this.conns(r, i);
    const k = conns.findIndex((c) => c.id === att.connId);
    att.connId = -1;
    if (k < 0) return; // its host died and the connection with it
    const c = conns[k];
    c.streams--;
    const now = this.world.sim.now;
    if (c.streams === 0) {
      c.idleSince = now;
      if (c.draining || now - c.openedAt >= r.policy.maxConnectionDuration) {
        conns.splice(k, 1);
        r.resources.connections--;
        // GOAWAY'd by a drain: it closed with its last stream, as Envoy's draining closes it.
        if (c.goneAway) r.pool.drained++;
        if (r.pool.waiters[i].length > 0) this.openFor(r, i);
        return;
      }
    }
    this.serveQueue(r, i);
    if (r.pool.waiters[i].length > 0) this.openFor(r, i);
  }

  /** A stream is reset (a timeout, a reset seen by the router): HTTP/2 ends the stream, not the connection. */
  closeBusy(r: Cluster, att: Attempt): void {
    this.releaseConnection(r, att);
  }

  /** A pending request gives up (a timeout): it leaves the queue. */
  withdraw(r: Cluster, att: Attempt): void {
    withdrawPending(r.pool, r.resources, att);
  }

  /**
   * Host i's server drains this route's connections opened before `before` ms (its listener
   * removed the filter chain they were accepted on) and sends GOAWAY on each: no new streams;
   * those without streams close now, the others as their last stream ends. Each counts once in
   * `pool.drained`: closed now, closed with its last stream (releaseConnection), or, with
   * `closing` (the drain time is over, the listener closes them), still carrying streams then.
   */
  goAway(r: Cluster, i: number, before: number, closing = false): void {
    if (r.pool.h2 === null) return;
    const conns = r.pool.h2[i];
    let kept = 0;
    for (const c of conns) {
      if (c.openedAt < before) {
        if (c.streams === 0) {
          r.resources.connections--;
          r.pool.drained++;
          continue;
        }
        if (closing) r.pool.drained++;
        c.goneAway = !closing;
        c.draining = true;
      }
      conns[kept++] = c;
    }
    conns.length = kept;
  }

  /**
   * Closes host i's connections without streams: all of them when its pod died (those still
   * carrying streams drain: their streams are reset), else those idle past the pool's idle
   * timeout (`expiredOnly`).
   */
  closeIdle(r: Cluster, i: number, expiredOnly = false): void {
    if (r.pool.h2 === null) return;
    const conns = r.pool.h2[i];
    const now = this.world.sim.now;
    let kept = 0;
    for (const c of conns) {
      const close = c.streams === 0 && (!expiredOnly || now - c.idleSince >= r.policy.idleTimeout);
      if (close) {
        r.resources.connections--;
        if (expiredOnly) r.pool.idleClosed++;
        continue;
      }
      if (!expiredOnly) c.draining = true;
      conns[kept++] = c;
    }
    conns.length = kept;
  }
}
