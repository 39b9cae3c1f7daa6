import { Cause, Ev } from '../events';
import type { Attempt } from '../Call';
import { ConfigState, type Sidecar } from '../proxy/Sidecar';
import type { Route } from '../proxy/Route';
import { mtlsHandshake } from '../tls/Identity';
import type { World } from '../World';

/** Outcomes of a connection attempt, carried in an event's numeric payload. */
export const CONNECT_OUTCOMES = [
  null,
  Cause.connectRefused,
  Cause.connectTimeout,
  Cause.tlsUnknownCa,
  Cause.tlsExpiredCert,
  Cause.tlsNoCert,
  Cause.tlsPlaintextRejected,
  Cause.noConfig,
] as const;
const TIMED_OUT = 2;
/** Event payload b packs the upstream host's index with the outcome: index * OUTCOMES + outcome. */
export const OUTCOMES = 16;

/** The upstream host's index in a packed ConnectDone or TLS payload. */
function i0(packed: number): number {
  return Math.floor(packed / OUTCOMES);
}

/** Connection states of an attempt (Attempt.conn). */
export const Conn = { none: 0, waiting: 1, sent: 3, closed: 4 } as const;

/** What the connection pools need from the data plane. */
export interface ConnectionUser {
  readonly id: number;
  /** Puts the attempt's request on the wire: it is attached to a connection. */
  send(att: Attempt): void;
  /** The attempt failed before reaching the callee. */
  attemptFailed(att: Attempt, cause: string, status: number): void;
  /** One-way latency from the route's caller to one of its hosts. */
  oneWay(r: Route, replica: number): number;
}

/**
 * Envoy's HTTP/1.1 connection pools, one per (caller proxy, upstream host), one request per
 * connection at a time, kept alive (conn_pool_base.cc):
 * - a request takes an idle connection if there is one;
 * - otherwise it waits as a *pending* request (past max pending: overflow) and the pool opens
 *   connections for its pending requests while the cluster is under max connections. A host
 *   with no connection at all always gets one, so its requests can never wait forever;
 * - a connection that becomes ready takes the first pending request;
 * - a failed connect fails every request pending on that host (they may retry elsewhere);
 * - a request put on a connection becomes *active*, within max requests (else overflow).
 * A new connection costs a TCP round trip and, under mTLS, a TLS 1.3 handshake: one more round
 * trip and CPU on a worker of each proxy, queued with their passes. Counters live on the Route;
 * this class only moves requests.
 */
export class Connections {
  constructor(private readonly world: World, private readonly dp: ConnectionUser) {}

  /** A new request for host `att.replica`: an idle connection, a place in the queue, or overflow. */
  acquire(r: Route, att: Attempt): void {
    const i = att.replica;
    this.closeAged(r, i);
    if (r.idle[i].length > 0) return this.attach(r, att, true);
    if (r.pendingRequests >= r.policy.maxPending) {
      r.overflows++;
      att.conn = Conn.closed;
      return this.dp.attemptFailed(att, Cause.overflow, 503);
    }
    r.pendingRequests++;
    r.waiters[i].push(att.id);
    att.conn = Conn.waiting;
    this.openFor(r, i);
  }

  /**
   * Puts a request on an idle connection of its host, within max requests; past it the request
   * overflows and the connection stays idle. (The pool's counts are settled before the failure
   * is reported: reporting it may start another request on this route at once.) `reuse`: the
   * connection carried a request before.
   */
  private attach(r: Route, att: Attempt, reuse: boolean): void {
    const i = att.replica;
    if (r.activeRequests >= r.policy.maxRequests) {
      r.overflows++;
      att.conn = Conn.closed;
      return this.dp.attemptFailed(att, Cause.overflow, 503);
    }
    if (reuse) r.reused++;
    if (att.trace !== null) this.world.tracer!.attached(att, this.world.sim.now, reuse);
    att.connOpenedAt = r.idle[i].pop()!;
    r.busy[i]++;
    r.activeRequests++;
    r.hostActive[i]++;
    att.attached = true;
    att.conn = Conn.sent;
    this.dp.send(att);
  }

  /**
   * Hands host i's idle connections to its pending requests, first come first served. `fresh`:
   * the one on top was just opened, so its first request is not a reuse.
   */
  private serveQueue(r: Route, i: number, fresh = false): void {
    const q = r.waiters[i];
    while (q.length > 0 && r.idle[i].length > 0) {
      const att = this.world.attempts.get(q.shift()!);
      r.pendingRequests--;
      this.attach(r, att, !fresh);
      fresh = false;
    }
  }

  /** Closes host i's idle connections (its pod died: its kernel closed them). */
  closeIdle(r: Route, i: number): void {
    r.connections -= r.idle[i].length;
    r.idle[i] = [];
  }

  /** Closes host i's idle connections that have lived their maximum duration. */
  private closeAged(r: Route, i: number): void {
    const max = r.policy.maxConnectionDuration;
    if (max === Infinity) return;
    const now = this.world.sim.now;
    // In place: this runs for every request on a route with a maximum duration.
    const idle = r.idle[i];
    let kept = 0;
    for (const openedAt of idle) if (now - openedAt < max) idle[kept++] = openedAt;
    r.connections -= idle.length - kept;
    idle.length = kept;
  }

  /**
   * Opens connections while host i has more pending requests than connects in progress. At the
   * cluster's limit, idle connections past their maximum age (on any host) are closed first:
   * Envoy closes those on a timer, so they would not be holding the slots.
   */
  private openFor(r: Route, i: number): void {
    while (r.waiters[i].length > r.connecting[i]) {
      const none = r.idle[i].length + r.busy[i] + r.connecting[i] === 0;
      if (r.connections >= r.policy.maxConnections && !none) {
        for (let h = 0; h < r.hosts.length; h++) this.closeAged(r, h);
        if (r.connections >= r.policy.maxConnections) return;
      }
      r.connections++;
      r.connecting[i]++;
      r.opened++;
      this.connect(r, i);
    }
  }

  /** TCP connect (one round trip), then the TLS 1.3 handshake (one more, plus CPU) under mTLS. */
  private connect(r: Route, i: number): void {
    const w = this.world;
    const from = w.network.hosts[r.callerHost];
    const to = w.network.hosts[r.hosts[i]];
    const now = w.sim.now;
    let outcome = 0;
    let delay: number;
    if (w.network.partitioned(from.id, to.id)) {
      delay = r.policy.connectTimeout;
      outcome = TIMED_OUT;
    } else {
      const rtt = this.dp.oneWay(r, i) + this.dp.oneWay(r, i);
      delay = rtt;
      const callee = w.sidecarOfHost[to.id];
      if (rtt >= r.policy.connectTimeout) {
        // (A latency fault, or lost segments: the connect timer fires first. It covers the TCP
        // round trip only; a TLS handshake slowed by busy proxies is not cut off.)
        delay = r.policy.connectTimeout;
        outcome = TIMED_OUT;
      } else if (!to.up) outcome = 1;
      else if (callee && callee.config === ConfigState.none) {
        // Without config the proxy has no listeners: nothing accepts the connection.
        outcome = CONNECT_OUTCOMES.indexOf(Cause.noConfig);
      } else if (r.mtls && callee && callee.mesh) {
        const client = r.sidecar!.clientIdentity;
        const server = callee.serverIdentity;
        const cause = mtlsHandshake(client, server, now + from.skew, now + to.skew);
        if (cause !== null) outcome = CONNECT_OUTCOMES.indexOf(cause as (typeof CONNECT_OUTCOMES)[number]);
        if (w.tracer !== null) w.tracer.connectStart(r, i, now, rtt);
        // TCP's round trip, then the ClientHello's way to the server's proxy.
        w.sim.schedule(rtt + this.dp.oneWay(r, i), Ev.TlsAtServer, this.dp.id, r.index, i * OUTCOMES + outcome);
        return;
      } else if (callee && callee.mesh && (!r.sidecar || !r.sidecar.mesh) && w.strictHost[to.id]) {
        // Plaintext into a STRICT sidecar: it resets the connection on the first bytes.
        outcome = CONNECT_OUTCOMES.indexOf(Cause.tlsPlaintextRejected);
      }
    }
    if (w.tracer !== null) w.tracer.connectStart(r, i, now, delay);
    w.sim.schedule(delay, Ev.ConnectDone, this.dp.id, r.index, i * OUTCOMES + outcome);
  }

  /**
   * TLS 1.3 under mTLS: the server's proxy does its half (key exchange, signing, checking the
   * client's certificate) on one of its workers, as a pass would, and its flight goes back; then
   * the client's proxy does its half, and the connection is ready (or refused) when it is done.
   */
  tlsAtServer(r: Route, packed: number): void {
    const w = this.world;
    const i = Math.floor(packed / OUTCOMES);
    const now = w.sim.now;
    const sc = w.sidecarOfHost[r.hosts[i]]!;
    const done = this.handshakeHalf(sc, now);
    if (w.tracer !== null) w.tracer.tlsHalf(r, i, true, now, sc.inline ? now : sc.lastStart, done);
    w.sim.schedule(done - now + this.dp.oneWay(r, i), Ev.TlsAtClient, this.dp.id, r.index, packed);
  }

  tlsAtClient(r: Route, packed: number): void {
    const now = this.world.sim.now;
    const done = this.handshakeHalf(r.sidecar!, now);
    const tracer = this.world.tracer;
    if (tracer !== null) tracer.tlsHalf(r, i0(packed), false, now, r.sidecar!.inline ? now : r.sidecar!.lastStart, done);
    this.world.sim.schedule(done - now, Ev.ConnectDone, this.dp.id, r.index, packed);
  }

  /** One end's half of a handshake; a gateway's own proxy's is the gateway's CPU, here a delay. */
  private handshakeHalf(sc: Sidecar, now: number): number {
    const cpu = this.world.tlsHandshakeCpuMs;
    return sc.inline ? now + cpu : sc.handshake(now, cpu);
  }

  /** A ConnectDone event: the connection to host i of route r is ready, or failed. */
  connectDone(r: Route, packed: number): void {
    const i = Math.floor(packed / OUTCOMES);
    const outcome = packed % OUTCOMES;
    r.connecting[i]--;
    const tracer = this.world.tracer;
    if (tracer !== null) {
      const q = r.waiters[i];
      const served = (outcome === 0 ? q.slice(0, 1) : q).map((id) => this.world.attempts.get(id));
      tracer.connectDone(r, i, this.world.sim.now, CONNECT_OUTCOMES[outcome], served);
    }
    if (outcome === 0) {
      r.idle[i].push(this.world.sim.now);
      return this.serveQueue(r, i, true);
    }
    r.connections--;
    r.connectFailures++;
    // Envoy purges every request pending on the host: a failed connect says the host is bad.
    // They are taken off the queue first, so a retry landing on this host waits anew.
    const q = r.waiters[i];
    const failed = q.splice(0, q.length);
    r.pendingRequests -= failed.length;
    for (const id of failed) {
      const att = this.world.attempts.get(id);
      att.conn = Conn.closed;
      this.dp.attemptFailed(att, CONNECT_OUTCOMES[outcome]!, 503);
    }
    this.openFor(r, i);
  }

  /**
   * A busy connection to host i is free again: the first pending request takes it, or it idles.
   * Past its maximum duration it closes instead. (Certificates are checked only when a
   * connection is opened, as TLS does: an open connection outlives an expired certificate.)
   */
  releaseConnection(r: Route, i: number, openedAt: number): void {
    r.busy[i]--;
    if (this.world.sim.now - openedAt >= r.policy.maxConnectionDuration) {
      r.connections--;
      return this.openFor(r, i);
    }
    r.idle[i].push(openedAt);
    this.serveQueue(r, i);
  }

  /** A pending request gives up (a timeout): it leaves the queue. */
  withdraw(r: Route, att: Attempt): void {
    const q = r.waiters[att.replica];
    q.splice(q.indexOf(att.id), 1);
    r.pendingRequests--;
    att.conn = Conn.closed;
  }

  /** A connection carrying a request is closed (reset, timeout): the host's queue may open another. */
  closeBusy(r: Route, i: number): void {
    r.busy[i]--;
    r.connections--;
    this.openFor(r, i);
  }
}
