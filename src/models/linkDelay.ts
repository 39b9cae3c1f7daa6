import type { DataPlaneHost } from './dataPlaneHost';
import type { Cluster } from './envoy/cluster';

// A message's time on the wire between a caller's pod and one of its route's hosts: for the data
// plane's messages (DataPlane.ts), connection set-up (envoy/upstreamConnect.ts) and the race with
// an app closing its idle connection (envoy/http1ConnPool.ts).

/** One-way latency from route r's caller to its host `replica`, ms: the link, a latency fault, loss. */
export function oneWayDelay(w: DataPlaneHost, r: Cluster, replica: number): number {
  const place = r.pool.latencyPlace(replica);
  const base = place >= 0 ? w.network.latencyDrawAt(place) : (r.latency[replica]?.() ?? 0);
  const extra = r.faultDelay === null ? 0 : r.faultDelay();
  return base + extra + w.network.lossDelay();
}
