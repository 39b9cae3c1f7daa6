import { AF, type Attempt } from '../Call';
import type { Route } from '../envoy/cluster';
import { Conn } from '../envoy/connPool';
import type { ConnPools } from '../envoy/connPools';
import type { Router } from '../envoy/router';
import type { Network } from '../net/Network';
import { ISTIO_DRAIN_TIME_MS } from '../proxy/calibration';

/** What the drain reaches of the world (World has it; nothing here imports World). */
export interface PlaintextDrainHost {
  readonly sim: { readonly now: number };
  readonly routes: readonly Route[];
  readonly network: Network;
  /** Attempts in flight: a drain's end resets those on the connections it closes. */
  readonly attempts: { forEachLive(f: (a: Attempt) => void): void };
  readonly dataPlane: { readonly pools: ConnPools; readonly router: Router };
}

/**
 * The plaintext connections into pods whose sidecar switches between PERMISSIVE and STRICT
 * (mesh/ConfigChanges.ts calls it as an `mtls` change reaches each sidecar).
 *
 * STRICT removes the plaintext filter chain of the sidecar's inbound listener. Envoy executes such
 * a filter-chain-only update by removing the chain, and "the connections owned by these destroying
 * filter chains will be drained as described in listener drain" (envoyproxy.io,
 * intro/arch_overview/listeners/network_filter_chain). Draining, the HTTP connection manager adds
 * Connection: close to HTTP/1 responses, sends HTTP/2 GOAWAY and closes connections on request
 * completion (intro/arch_overview/operations/draining), from the first moment under Istio's
 * `--drain-strategy immediate`; what is still open when the drain time ends (45 s, Istio's
 * drainDuration: proxy/calibration.ts ISTIO_DRAIN_TIME_MS) the listener closes. So: a plaintext
 * connection carries the request it has (or, idle, the next one) and closes with the answer; one
 * left idle closes at the drain's end. Either way the caller's next request needs a new
 * connection, which STRICT refuses (`tls-plaintext-rejected`, envoy/upstreamConnect.ts). Closed
 * connections count in each route's `pool.drained` (the run summary's `connections.drained`).
 * Back to PERMISSIVE drains nothing new: new plaintext connections are accepted, on the chain
 * the update adds, and are not drained. A drain called off that way (STRICT -> PERMISSIVE before
 * its 45 s end) keeps draining the connections it had: Envoy executes the update by adding a new
 * filter chain, and a connection owned by the removed one stays with it (it is never handed to
 * the new chain: a filter chain only update drains "the connections owned by these destroying
 * filter chains", network_filter_chain above; old connections never see the new chain,
 * envoyproxy/envoy#28656), so each still closes at its next answer or at the drain's end.
 * What is still open on the removed chain when the drain time ends is closed by the listener
 * ("any remaining connections are closed", configuration/listeners/lds, with --drain-time-s): a
 * request in flight on such a connection whose answer has not left the server is reset. Its
 * caller's Envoy sees the connection terminate before a response, 503 with the UC flag
 * ("upstream connect error or disconnect/reset before headers. reset reason: connection
 * termination"; envoyproxy/envoy#20702: "the expect behavior is resetting the request"), and
 * retries it where its retry_on has `reset`, `5xx` or `gateway-error` (envoy/retryState.ts; not
 * under Istio's default connect-failure,refused-stream,unavailable,cancelled,
 * retriable-status-codes). An answer already on the wire arrives: it left before the close.
 * NOTE: the caller's router sees the reset at the drain's end itself, not one one-way trip later
 * (the close's FIN crossing the network; the idle-timeout race models that trip, here it would
 * need an event per reset for well under a millisecond of a 45 s drain); and a request reset on
 * its way in still reaches the server's app, whose answer is dropped, as after a per-try timeout.
 * mTLS connections are on the chain STRICT keeps: never drained.
 */
export class PlaintextDrain {
  /** The drain time, ms. */
  static readonly ms = ISTIO_DRAIN_TIME_MS;
  /** By host id: the plaintext routes into it, as [route index, the host's index in the route] pairs. */
  private readonly into: number[][];
  /**
   * By host id: its drains under way, oldest first, each as the ms before which the connections
   * it drains were opened (Infinity while the plaintext chain stays removed; the moment it came
   * back when the drain was called off). Each drain lasts `ms`, so they end in this order.
   */
  private readonly drains: number[][];

  constructor(private readonly world: PlaintextDrainHost) {
    // Plaintext as envoy/upstreamConnect.ts judges it: the caller has no sidecar in a mesh.
    this.into = world.network.hosts.map(() => []);
    this.drains = world.network.hosts.map(() => []);
    for (const r of world.routes) {
      if (plaintext(r)) r.hosts.forEach((h, i) => this.into[h].push(r.index, i));
    }
  }

  /**
   * Host `host`'s inbound listener lost its plaintext filter chain (`strict`) or got it back: the
   * plaintext connections into it start draining, or new ones are no longer drained (those the
   * drain has keep draining). Returns true when a drain began whose end (in `PlaintextDrain.ms`)
   * the caller must schedule. Mutates the pools.
   */
  chainChanged(host: number, strict: boolean): boolean {
    const w = this.world;
    const into = this.into[host];
    if (into.length === 0) return false;
    const now = w.sim.now;
    for (let k = 0; k < into.length; k += 2) {
      const r = w.routes[into[k]];
      if (strict) w.dataPlane.pools.drain(r, into[k + 1], now);
      else w.dataPlane.pools.undrain(r, into[k + 1], now);
    }
    const d = this.drains[host];
    if (strict) d.push(Infinity);
    else if (d.length > 0 && d[d.length - 1] === Infinity) d[d.length - 1] = now;
    return strict;
  }

  /**
   * The drain time of host `host`'s oldest removed plaintext chain is over: the listener closes
   * what is left open on it. Requests in flight on those connections whose answers have not left
   * the server are reset (each retried or failed by its router, once); idle connections close.
   * Mutates the pools and the attempts.
   */
  end(host: number): void {
    const w = this.world;
    const before = this.drains[host].shift() ?? Infinity;
    const now = w.sim.now;
    // Rare (a drain's end): a scan of the attempts in flight, as a pod's death does (Service.kill).
    const cut: Attempt[] = [];
    w.attempts.forEachLive((a) => {
      if (a.host !== host || a.conn !== Conn.sent || (a.flags & AF.abandoned) !== 0 || a.connOpenedAt >= before || !plaintext(a.route!)) return;
      // Its answer left the server before the close (leftAt is set as it leaves the pod): it arrives.
      if (a.leftAt > 0 && a.leftAt <= now) return;
      cut.push(a);
    });
    const into = this.into[host];
    for (let k = 0; k < into.length; k += 2) w.dataPlane.pools.drainEnd(w.routes[into[k]], into[k + 1], before);
    for (const a of cut) {
      // An HTTP/1.1 connection carries one request: it is closed with it (HTTP/2 ones were counted by drainEnd).
      if (a.connId < 0) a.route!.pool.drained++;
      w.dataPlane.router.upstreamReset(a);
    }
  }
}

/** Plaintext as envoy/upstreamConnect.ts judges it: the caller has no sidecar in a mesh. */
function plaintext(r: Route): boolean {
  return r.sidecar === null || !r.sidecar.mesh;
}
