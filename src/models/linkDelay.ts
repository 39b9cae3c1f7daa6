import type { DataPlaneHost } from './dataPlaneHost';
import type { Cluster } from './envoy/cluster';

// A message's time on the wire between a caller's pod and one of its route's hosts: for the data
// plane's messages (DataPlane.ts), connection set-up (envoy/upstreamConnect.ts) and the race with
// an app closing its idle connection (envoy/http1ConnPool.ts).

/**
 * Where `oneWayDelayInto` leaves its delay, ms, read straight after. NOTE: issue 14.4: a double
 * returned from a call V8 does not inline is a fresh heap number (DataPlane.send's, 3 a 3-hop
 * request).
 */
export const linkDelay = new Float64Array(1);

/** One-way latency from route r's caller to its host `replica`, ms: the link, a latency fault, loss. */
export function oneWayDelay(w: DataPlaneHost, r: Cluster, replica: number): number {
  oneWayDelayInto(w, r, replica);
  return linkDelay[0];
}

/** `oneWayDelay`, its result left in `linkDelay[0]` (the same draws in the same order). */
export function oneWayDelayInto(w: DataPlaneHost, r: Cluster, replica: number): void {
  const place = r.pool.latencyPlace(replica);
  let base = 0;
  if (place >= 0) {
    w.network.latencyDrawInto(place, linkDelay, 0); // NOTE: the draw stays a plain double (issue 14.4)
    base = linkDelay[0];
  } else base = r.latency[replica]?.() ?? 0;
  const extra = r.faultDelay === null ? 0 : r.faultDelay();
  linkDelay[0] = base + extra + w.network.lossDelay();
}
