import { Cause, Ev } from '../events';
import type { Attempt } from '../Call';
import { ConfigState } from '../proxy/Sidecar';
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

/** Connection states of an attempt (Attempt.conn). */
export const Conn = { none: 0, waiting: 1, connecting: 2, sent: 3, closed: 4 } as const;

/** What the connection pools need from the data plane. */
export interface ConnectionUser {
  readonly id: number;
  /** Puts the attempt's request on the wire (it holds a connection). */
  send(att: Attempt): void;
  /** The attempt failed before reaching the callee. */
  attemptFailed(att: Attempt, cause: string, status: number): void;
  /** One-way latency from the route's caller to one of its hosts. */
  oneWay(r: Route, replica: number): number;
}

/**
 * Connection pools per (caller host, upstream host), as Envoy keeps them: reuse an idle
 * connection, open a new one within the circuit breaker's max connections (TCP connect, then
 * the mTLS handshake), or wait in the pending queue up to max pending; past that, overflow.
 * Counters live on the Route; this class only moves attempts between them.
 */
export class Connections {
  constructor(private readonly world: World, private readonly dp: ConnectionUser) {}

  /** A connection from the pool, a new one, a place in the pending queue, or overflow. */
  acquire(r: Route, att: Attempt): void {
    const i = att.replica;
    const p = r.policy;
    if (r.mtls && r.idle[i] > 0 && !this.certificatesValid(r, att.host)) {
      // A certificate behind these connections has expired: close them, handshake again.
      r.connections -= r.idle[i];
      r.idle[i] = 0;
    }
    if (r.idle[i] > 0) {
      r.idle[i]--;
      r.busy[i]++;
      att.conn = Conn.sent;
      this.dp.send(att);
    } else if (r.connections < p.maxConnections) {
      r.connections++;
      r.connecting[i]++;
      att.conn = Conn.connecting;
      this.connect(r, att);
    } else if (r.pendingRequests < p.maxPending) {
      r.pendingRequests++;
      r.waiters[i].push(att.id);
      att.conn = Conn.waiting;
    } else {
      r.overflows++;
      att.conn = Conn.closed;
      this.dp.attemptFailed(att, Cause.overflow, 503);
    }
  }

  /** TCP connect (one round trip), then the TLS 1.3 handshake (one more, plus CPU) under mTLS. */
  connect(r: Route, att: Attempt): void {
    const w = this.world;
    const from = w.network.hosts[r.callerHost];
    const to = w.network.hosts[att.host];
    const now = w.sim.now;
    let outcome = 0;
    let delay: number;
    if (w.network.partitioned(from.id, to.id)) {
      delay = r.policy.connectTimeout;
      outcome = 2;
    } else {
      const rtt = this.dp.oneWay(r, att.replica) + this.dp.oneWay(r, att.replica);
      delay = rtt;
      const callee = w.sidecarOfHost[to.id];
      if (!to.up) outcome = 1;
      else if (callee && callee.config === ConfigState.none) {
        // Without config the proxy has no listeners: nothing accepts the connection.
        outcome = CONNECT_OUTCOMES.indexOf(Cause.noConfig);
      } else if (r.mtls && callee && callee.mesh) {
        delay += rtt + 2 * w.tlsHandshakeCpuMs;
        const client = r.sidecar!.clientIdentity;
        const server = callee.serverIdentity;
        const cause = mtlsHandshake(client, server, now + from.skew, now + to.skew);
        if (cause !== null) outcome = CONNECT_OUTCOMES.indexOf(cause as (typeof CONNECT_OUTCOMES)[number]);
      } else if (callee && callee.mesh && (!r.sidecar || !r.sidecar.mesh) && w.strictHost[to.id]) {
        // Plaintext into a STRICT sidecar: it resets the connection on the first bytes.
        outcome = CONNECT_OUTCOMES.indexOf(Cause.tlsPlaintextRejected);
      }
    }
    w.sim.schedule(delay, Ev.ConnectDone, this.dp.id, att.id, outcome);
  }

  connectDone(att: Attempt, outcome: number): void {
    const r = att.route!;
    const i = att.replica;
    r.connecting[i]--;
    if (outcome === 0) {
      r.busy[i]++;
      if (att.abandoned) {
        att.conn = Conn.closed;
        this.releaseConnection(r, i);
        return this.world.attempts.release(att);
      }
      att.conn = Conn.sent;
      return this.dp.send(att);
    }
    r.connections--;
    att.conn = Conn.closed;
    this.serveWaiters(r);
    if (att.abandoned) return this.world.attempts.release(att);
    this.dp.attemptFailed(att, CONNECT_OUTCOMES[outcome]!, 503);
  }

  /**
   * Pooled mTLS connections are only as good as the certificates behind them: once either has
   * expired (by the judging host's clock), Envoy drains them and the next request handshakes.
   */
  private certificatesValid(r: Route, host: number): boolean {
    const w = this.world;
    const now = w.sim.now;
    const client = r.sidecar?.clientIdentity;
    const server = w.sidecarOfHost[host]?.serverIdentity;
    if (!client || !server) return false;
    return now + w.network.hosts[r.callerHost].skew < server.notAfter && now + w.network.hosts[host].skew < client.notAfter;
  }

  /** Returns a healthy connection to the pool, or hands it to the first attempt waiting. */
  releaseConnection(r: Route, i: number): void {
    r.busy[i]--;
    const q = r.waiters[i];
    while (q.length > 0) {
      const att = this.world.attempts.get(q.shift()!);
      r.pendingRequests--;
      r.busy[i]++;
      att.conn = Conn.sent;
      return this.dp.send(att);
    }
    r.idle[i]++;
  }

  /** After a connection slot frees up, lets waiting attempts open new connections. */
  serveWaiters(r: Route): void {
    for (let i = 0; i < r.waiters.length && r.pendingRequests > 0; i++) {
      const q = r.waiters[i];
      while (q.length > 0 && r.connections < r.policy.maxConnections) {
        const att = this.world.attempts.get(q.shift()!);
        r.pendingRequests--;
        r.connections++;
        r.connecting[i]++;
        att.conn = Conn.connecting;
        this.connect(r, att);
      }
    }
  }

  /** A connection carrying an attempt is closed (reset, timeout): free its slot for waiters. */
  closeBusy(r: Route, i: number): void {
    r.busy[i]--;
    r.connections--;
    this.serveWaiters(r);
  }
}
