import type { Route } from '../envoy/cluster';
import type { ConnPools } from '../envoy/connPools';
import type { Network } from '../net/Network';
import { ISTIO_DRAIN_TIME_MS } from '../proxy/calibration';

/** What the drain reaches of the world (World has it; nothing here imports World). */
export interface PlaintextDrainHost {
  readonly sim: { readonly now: number };
  readonly routes: readonly Route[];
  readonly network: Network;
  readonly dataPlane: { readonly pools: ConnPools };
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
 * Back to PERMISSIVE drains nothing: new plaintext connections are accepted, and are not drained.
 * NOTE: a connection still open from a drain called off that way is kept, as a new one would be;
 * and one carrying a request when the drain time ends finishes it rather than being reset.
 * mTLS connections are on the chain STRICT keeps: never drained.
 */
export class PlaintextDrain {
  /** The drain time, ms. */
  static readonly ms = ISTIO_DRAIN_TIME_MS;
  /** By host id: the plaintext routes into it, as [route index, the host's index in the route] pairs. */
  private readonly into: number[][];

  constructor(private readonly world: PlaintextDrainHost) {
    // Plaintext as envoy/upstreamConnect.ts judges it: the caller has no sidecar in a mesh.
    this.into = world.network.hosts.map(() => []);
    for (const r of world.routes) {
      if (r.sidecar !== null && r.sidecar.mesh) continue;
      r.hosts.forEach((h, i) => this.into[h].push(r.index, i));
    }
  }

  /**
   * Host `host`'s inbound listener lost its plaintext filter chain (`strict`) or got it back: the
   * plaintext connections into it start draining, or new ones are no longer drained. Returns true
   * when a drain began whose end (in `PlaintextDrain.ms`) the caller must schedule. Mutates the pools.
   */
  chainChanged(host: number, strict: boolean): boolean {
    const w = this.world;
    const into = this.into[host];
    for (let k = 0; k < into.length; k += 2) {
      const r = w.routes[into[k]];
      if (strict) w.dataPlane.pools.drain(r, into[k + 1], w.sim.now);
      else w.dataPlane.pools.undrain(r, into[k + 1]);
    }
    return strict && into.length > 0;
  }

  /** The drain time of host `host`'s removed plaintext chain is over: what is left open on it closes. */
  end(host: number): void {
    const w = this.world;
    const into = this.into[host];
    for (let k = 0; k < into.length; k += 2) w.dataPlane.pools.drainEnd(w.routes[into[k]], into[k + 1], w.sim.now, PlaintextDrain.ms);
  }
}
