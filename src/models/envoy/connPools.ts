// The connection pool a route's requests go through, by the protocol its caller's proxy speaks
// upstream: HTTP/1.1 (http1ConnPool.ts) or HTTP/2 (http2ConnPool.ts), as Envoy's cluster picks
// its pool from the cluster's protocol options, with Istio's h2UpgradePolicy between sidecars.
// Follows envoyproxy/envoy source/common/upstream/cluster_manager_impl.cc (allocateConnPool by
// the upstream protocol) and Istio's DestinationRule connectionPool.http.h2UpgradePolicy.
import type { Attempt } from '../Call';
import type { DataPlaneHost } from '../dataPlaneHost';
import type { Cluster } from './cluster';
import { IDLE_STRIDE } from './connPool';
import { Http1ConnPool, type ConnectionUser } from './http1ConnPool';
export { idleRaceResetMs, type ConnectionUser } from './http1ConnPool';
import { Http2ConnPool } from './http2ConnPool';
import type { UpstreamConnector } from './upstreamConnect';

/**
 * True when route r speaks HTTP/2 upstream: its policy says HTTP/2, or it says UPGRADE and both
 * ends have sidecars (`r.mtls`: Istio upgrades only between sidecars). Read per request: a config
 * change may switch it, and connections already open keep their protocol's pool state.
 */
export function speaksHttp2(r: Cluster): boolean {
  const p = r.policy;
  return p.http2 === true || (p.h2Upgrade === true && r.mtls === true);
}

/** Both pools' behaviour behind one door: each call goes to the pool of the route's protocol. */
export class ConnPools {
  readonly http1: Http1ConnPool;
  readonly http2: Http2ConnPool;
  constructor(world: DataPlaneHost, dp: ConnectionUser, connector: UpstreamConnector) {
    this.http1 = new Http1ConnPool(world, dp, connector);
    this.http2 = new Http2ConnPool(world, dp, connector);
  }

  acquire(r: Cluster, att: Attempt): void {
    if (speaksHttp2(r) === true) this.http2.acquire(r, att);
    else this.http1.acquire(r, att);
  }

  /** A ConnectDone event for route r (a = route index, b = host and outcome). */
  connectDone(r: Cluster, packed: number): void {
    if (speaksHttp2(r) === true) this.http2.connectDone(r, packed);
    else this.http1.connectDone(r, packed);
  }

  /** `att`'s request is done with its connection (an answer came back): it is free again. */
  releaseConnection(r: Cluster, att: Attempt): void {
    if (att.connId >= 0) this.http2.releaseConnection(r, att);
    else this.http1.releaseConnection(r, att);
  }

  /** `att`'s request was reset or timed out on its connection (HTTP/1.1 closes it; HTTP/2 resets the stream). */
  closeBusy(r: Cluster, att: Attempt): void {
    if (att.connId >= 0) this.http2.closeBusy(r, att);
    else this.http1.closeBusy(r, att);
  }

  withdraw(r: Cluster, att: Attempt): void {
    this.http1.withdraw(r, att);
  }

  /**
   * Host i's server began draining this route's connections at `now` (a switch to STRICT removed
   * the plaintext filter chain they were accepted on; proxy/calibration.ts ISTIO_DRAIN_TIME_MS):
   * every connection open now is on the removed chain. HTTP/1.1 ones close as their answers come
   * back, HTTP/2 ones get GOAWAY. Mutates `r.pool`.
   */
  drain(r: Cluster, i: number, now: number): void {
    const pool = r.pool;
    if (pool.drainingSince === null) pool.drainingSince = new Float64Array(r.hosts.length).fill(-1);
    if (pool.drainBefore === null) pool.drainBefore = new Float64Array(r.hosts.length).fill(-Infinity);
    pool.drainingSince[i] = now;
    pool.drainBefore[i] = Infinity;
    this.http2.goAway(r, i, Infinity);
  }

  /**
   * Host i's listener has a plaintext filter chain again from `now` (back to PERMISSIVE): the
   * connections opened from now on are on the new chain and do not drain. Those opened before
   * stay on the removed one and keep draining until its drain time ends (Envoy does not hand a
   * connection to a new filter chain). Mutates `r.pool`.
   */
  undrain(r: Cluster, i: number, now: number): void {
    const pool = r.pool;
    if (pool.drainingSince === null || pool.drainBefore === null) return;
    pool.drainingSince[i] = -1;
    pool.drainBefore[i] = Math.min(pool.drainBefore[i], now);
  }

  /**
   * The drain time of a filter chain host i's server removed is over: the listener closes what
   * is still open on it, the connections opened before `before` ms (Infinity: all of them). Idle
   * ones close here; HTTP/2 ones still carrying streams are counted drained and close as their
   * streams end. Requests in flight on them are the caller's to reset, through its router
   * (mesh/PlaintextDrain.ts). Mutates `r.pool`.
   */
  drainEnd(r: Cluster, i: number, before: number): void {
    r.pool.drained += this.http1.closeIdleOpenedBefore(r, i, before);
    this.http2.goAway(r, i, before, true);
  }

  /** Host i's pod died: its idle connections close (both protocols). */
  closeIdle(r: Cluster, i: number): void {
    this.http1.closeIdle(r, i);
    this.http2.closeIdle(r, i);
  }
}
