// Envoy's connection pools of one upstream cluster in one caller proxy, one per upstream host:
// the state every protocol's pool keeps (ready, busy and connecting connections, and the requests
// pending for one), and the counts Envoy's cluster stats print.
// Follows envoyproxy/envoy source/common/conn_pool/conn_pool_base.cc (ConnPoolImplBase: its
// ready_clients_, busy_clients_, connecting_clients_ and pending_streams_ lists) and
// source/common/http/conn_pool_base.cc. The HTTP/1.1 behaviour over it is http1ConnPool.ts.

/**
 * Per upstream host: idle connections (the time each opened, the last used on top), busy ones,
 * connects in progress, and attempts waiting for one (FIFO, attempt ids). Plain data.
 *
 * HTTP/2 (next): a second behaviour beside Http1ConnPool over this state, where a busy connection
 * carries up to max concurrent streams, so `busy` counts connections and a per-connection stream
 * count joins it; `maxRequestsPerConnection` closes a connection after its n-th request. The
 * router picks the behaviour by the route's protocol (DataPlane.poolFor).
 */
export class ConnPool {
  readonly idle: number[][];
  readonly busy: Int32Array;
  readonly connecting: Int32Array;
  readonly waiters: number[][];
  /** Connections opened, failed to open, and requests that reused a pooled one. */
  opened = 0;
  connectFailures = 0;
  reused = 0;

  constructor(hosts: number) {
    this.idle = Array.from({ length: hosts }, () => []);
    this.busy = new Int32Array(hosts);
    this.connecting = new Int32Array(hosts);
    this.waiters = Array.from({ length: hosts }, () => []);
  }
}

/** Connection states of an attempt (Attempt.conn): none yet, pending in a pool, on a connection, done with it. */
export const Conn = { none: 0, waiting: 1, sent: 3, closed: 4 } as const;
