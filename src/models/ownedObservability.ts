// The Ownership view's Observability row (ownership.ts imports it): who would record a hop's
// requests in a real deployment. Kept apart from the L7 features the engine applies: nothing here
// is simulated.

/** Who records a hop, and how it reads: the layer's badge (ownership.ts's Layer) and a line. Plain data. */
export interface HopRecorder {
  layer: 'gateway' | 'sidecar' | 'app';
  detail: string;
}

/** One end of a hop as observability sees it. Plain data. */
export interface HopEnd {
  /** The node's name ("edge only"). */
  name: string;
  /** Its proxy: a gateway's Envoy, an L7 or L4 sidecar, or none (no sidecar, or a third party's end). */
  proxy: 'gateway' | 'L7' | 'L4' | null;
}

/**
 * Who records each request of the hop `from` -> `to` in a real deployment: the proxies at its ends.
 * Istio's standard metrics (istio_requests_total and the duration histograms) are reported by the
 * client's and the server's proxy both, and each Envoy writes its own access log (Istio's "Standard
 * Metrics" page; Envoy's access-log docs); an L4 proxy (ztunnel, or a sidecar at L4) sees connections
 * and bytes, not requests, and so does any proxy on a TCP hop (`http` false). A hop with no proxy is
 * seen only by what the apps log themselves: partial adoption's blind spot. Not simulated as events
 * (the simulator sees every hop): this says what the design would let a person see. Every hop gets a
 * line; never owned twice. Pure.
 */
export function observabilityOf(from: HopEnd, to: HopEnd, http: boolean): HopRecorder {
  if (from.proxy === null && to.proxy === null) return { layer: 'app', detail: "no proxy: the apps' own logs only" };
  const layer: HopRecorder['layer'] = (from.proxy ?? to.proxy) === 'gateway' ? 'gateway' : 'sidecar';
  const requests = http && from.proxy !== 'L4' && to.proxy !== 'L4';
  const what = requests ? 'request metrics, logs' : 'bytes only (L4)';
  const word = (e: HopEnd, end: string) => (e.proxy === 'gateway' ? e.name : `${end}'s ${e.proxy === 'L7' ? 'sidecar' : 'L4 sidecar'}`);
  const where = from.proxy !== null && to.proxy !== null ? 'both ends' : `${from.proxy !== null ? word(from, 'caller') : word(to, 'callee')} only`;
  return { layer, detail: `${where}: ${what}` };
}
