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
  return p.http2 || (p.h2Upgrade && r.mtls);
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
    if (speaksHttp2(r)) this.http2.acquire(r, att);
    else this.http1.acquire(r, att);
  }

  /** A ConnectDone event for route r (a = route index, b = host and outcome). */
  connectDone(r: Cluster, packed: number): void {
    if (speaksHttp2(r)) this.http2.connectDone(r, packed);
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
   * HTTP/1.1 ones close as their answers come back, HTTP/2 ones get GOAWAY. Mutates `r.pool`.
   */
  drain(r: Cluster, i: number, now: number): void {
    const pool = r.pool;
    if (pool.drainingSince === null) pool.drainingSince = new Float64Array(r.hosts.length).fill(-1);
    pool.drainingSince[i] = now;
    this.http2.goAway(r, i);
  }

  /**
   * A drain of host i's connections `drainMs` long may be over at `now`: if it began that long
   * ago or more, the listener closes the connections still open on the removed chain (idle ones;
   * one carrying a request closes as its answer comes back). Nothing happens if the drain was
   * called off or a later one began. Mutates `r.pool`.
   */
  drainEnd(r: Cluster, i: number, now: number, drainMs: number): void {
    const pool = r.pool;
    if (pool.drainingSince === null || pool.drainingSince[i] < 0 || pool.drainingSince[i] + drainMs > now) return;
    pool.drained += pool.idle[i].length / IDLE_STRIDE;
    this.http1.closeIdle(r, i);
    this.http2.goAway(r, i);
  }

  /** Host i accepts this route's connections again (back to PERMISSIVE): new ones are not drained. */
  undrain(r: Cluster, i: number): void {
    if (r.pool.drainingSince !== null) r.pool.drainingSince[i] = -1;
  }

  /** Host i's pod died: its idle connections close (both protocols). */
  closeIdle(r: Cluster, i: number): void {
    this.http1.closeIdle(r, i);
    this.http2.closeIdle(r, i);
  }
}
