// Opening an upstream connection: the TCP handshake (one round trip, or the connect timeout) and,
// under mTLS, the TLS 1.3 handshake with CPU on a worker of each end's proxy; its outcome (ready,
// refused, timed out, a TLS failure, no listener) goes back to the pool as a ConnectDone event.
// Follows envoyproxy/envoy source/common/network/connection_impl.cc (connect, connect timeout) and
// source/extensions/transport_sockets/tls/ (the handshake), with Istio's PeerAuthentication modes.
import type { Cluster } from './cluster';
import type { DataPlaneHost } from '../dataPlaneHost';
import { Cause, Ev } from '../events';
import { oneWayDelay } from '../linkDelay';
import { ConfigState, type Sidecar } from '../proxy/Sidecar';
import { HANDSHAKE_CAUSES, Handshake, mtlsCheck } from '../tls/Identity';

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
export function hostOfPacked(packed: number): number {
  return Math.floor(packed / OUTCOMES);
}

/** What opening a connection needs from the data plane: its actor id. */
export interface ConnectUser {
  readonly id: number;
}

/** Per host of route r, the connect deadlines of its TLS handshakes in progress (oldest first), created on first use. */
function tlsDeadlines(r: Cluster): number[][] {
  const pool = r.pool;
  if (pool.tlsDeadlines === null) pool.tlsDeadlines = Array.from({ length: r.hosts.length }, () => []);
  return pool.tlsDeadlines;
}

/** Opens connections for the pools; one for the whole data plane. Plain data. */
export class UpstreamConnector {
  constructor(private readonly world: DataPlaneHost, private readonly dp: ConnectUser) {}

  /** TCP connect (one round trip), then the TLS 1.3 handshake (one more, plus CPU) under mTLS. */
  connect(r: Cluster, i: number): void {
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
      const rtt = oneWayDelay(w, r, i) + oneWayDelay(w, r, i);
      delay = rtt;
      const callee = w.sidecarOfHost[to.id];
      if (rtt >= r.policy.connectTimeout) {
        // (A latency fault, or lost segments: the connect timer fires first. It covers the TLS
        // handshake too, up to the connection being ready: see tlsAtServer and tlsAtClient.)
        delay = r.policy.connectTimeout;
        outcome = TIMED_OUT;
      } else if (!to.up) outcome = 1;
      else if (callee && callee.config === ConfigState.none) {
        // Without config the proxy has no listeners: nothing accepts the connection.
        outcome = CONNECT_OUTCOMES.indexOf(Cause.noConfig);
      } else if (r.mtls && callee && callee.mesh) {
        const client = r.sidecar!.clientIdentity;
        const server = callee.serverIdentity;
        const check = mtlsCheck(client, server, now + from.skew, now + to.skew);
        const cause = HANDSHAKE_CAUSES[check];
        if (cause !== null) outcome = CONNECT_OUTCOMES.indexOf(cause as (typeof CONNECT_OUTCOMES)[number]);
        if (w.tracer !== null) {
          w.tracer.connectStart(r, i, now, rtt);
          // Whose certificate had expired and which proxy refused it, for the TLS span (the cause alone does not say).
          if (check === Handshake.serverExpired) w.tracer.tlsExpired(r, i, true, server!);
          else if (check === Handshake.clientExpired) w.tracer.tlsExpired(r, i, false, client!);
        }
        // TCP's round trip, then the ClientHello's way to the server's proxy.
        const hello = rtt + oneWayDelay(w, r, i);
        if (hello >= r.policy.connectTimeout) {
          w.sim.schedule(r.policy.connectTimeout, Ev.ConnectDone, this.dp.id, r.index, i * OUTCOMES + TIMED_OUT);
          return;
        }
        tlsDeadlines(r)[i].push(now + r.policy.connectTimeout);
        w.sim.schedule(hello, Ev.TlsAtServer, this.dp.id, r.index, i * OUTCOMES + outcome);
        return;
      } else if (callee && callee.mesh && (!r.sidecar || !r.sidecar.mesh) && w.strictHost[to.id]) {
        // Plaintext into a STRICT sidecar. The TCP connect succeeds: the sidecar's inbound listener
        // accepts any connection, and only then its tls_inspector reads the first bytes to pick a
        // filter chain (Envoy's listener filters and filter_chain_match on transport_protocol).
        // Under STRICT only the "tls" chain is left (Istio's PeerAuthentication), so the
        // plaintext request's first bytes match none and the listener closes the connection:
        // the caller sees a reset one more round trip later (its bytes' way in, the reset's
        // way back). The tracer puts the failure on that second leg (Tracer.connectDone).
        outcome = CONNECT_OUTCOMES.indexOf(Cause.tlsPlaintextRejected);
        if (w.tracer !== null) w.tracer.connectStart(r, i, now, rtt);
        w.sim.schedule(rtt + oneWayDelay(w, r, i) + oneWayDelay(w, r, i), Ev.ConnectDone, this.dp.id, r.index, i * OUTCOMES + outcome);
        return;
      }
    }
    if (w.tracer !== null) w.tracer.connectStart(r, i, now, delay);
    w.sim.schedule(delay, Ev.ConnectDone, this.dp.id, r.index, i * OUTCOMES + outcome);
  }

  /**
   * TLS 1.3 under mTLS: the server's proxy does its half (key exchange, signing, checking the
   * client's certificate) on one of its workers, as a pass would, and its flight goes back; then
   * the client's proxy does its half, and the connection is ready (or refused) when it is done.
   * The connect timeout covers the whole handshake, as Envoy's connect_timeout runs until the
   * transport socket is connected: a handshake slowed by busy proxies past it is cut at the
   * deadline as `connect-timeout`.
   */
  tlsAtServer(r: Cluster, packed: number): void {
    const w = this.world;
    const i = hostOfPacked(packed);
    const now = w.sim.now;
    const sc = w.sidecarOfHost[r.hosts[i]]!;
    const done = this.handshakeHalf(sc, now);
    if (w.tracer !== null) w.tracer.tlsHalf(r, i, true, now, sc.inline ? now : sc.lastStart, done);
    const back = done - now + oneWayDelay(w, r, i);
    // NOTE: the oldest handshake's deadline on this host: concurrent handshakes to one host may
    // finish out of order, and then one is judged by an earlier start (at most by their gap).
    const deadlines = tlsDeadlines(r)[i];
    if (now + back >= deadlines[0]) return this.timedOut(r, i, deadlines.shift()! - now);
    w.sim.schedule(back, Ev.TlsAtClient, this.dp.id, r.index, packed);
  }

  tlsAtClient(r: Cluster, packed: number): void {
    const now = this.world.sim.now;
    const i = hostOfPacked(packed);
    const done = this.handshakeHalf(r.sidecar!, now);
    const tracer = this.world.tracer;
    if (tracer !== null) tracer.tlsHalf(r, i, false, now, r.sidecar!.inline ? now : r.sidecar!.lastStart, done);
    const deadline = tlsDeadlines(r)[i].shift()!;
    if (done >= deadline) return this.timedOut(r, i, deadline - now);
    this.world.sim.schedule(done - now, Ev.ConnectDone, this.dp.id, r.index, packed);
  }

  /** The connect timer fires `after` ms from now (at least now) during a TLS handshake. */
  private timedOut(r: Cluster, i: number, after: number): void {
    this.world.sim.schedule(Math.max(after, 0), Ev.ConnectDone, this.dp.id, r.index, i * OUTCOMES + TIMED_OUT);
  }

  /** One end's half of a handshake; a gateway's own proxy's is the gateway's CPU, here a delay. */
  private handshakeHalf(sc: Sidecar, now: number): number {
    const cpu = this.world.tlsHandshakeCpuMs;
    return sc.inline ? now + cpu : sc.handshake(now, cpu);
  }
}
