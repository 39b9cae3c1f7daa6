// One bucket's latency quantile for the charts, of every client's ok requests or of one client's
// (session 45, C5 1): the single view's latency chart and the compare view's, scoped to a client,
// read each bucket's own figures for it (workers/clientLatency.ts). `run FILE --client NAME --from S
// --to S+1` prints the same numbers for the second at S.
import type { SeriesBucket } from '../../workers/protocol';

/** A latency quantile a chart draws. */
export type LatencyQuantile = 'p50' | 'p90' | 'p99';

/**
 * Quantile `q` (ms) of the ok requests measured in bucket `b` (sent after the warm-up), of client
 * `client`'s only or, when null, every client's; null where none was measured (the chart leaves a
 * gap), also for a client the bucket does not count (another run's, or a bucket made before
 * session 45, which kept no client latency). Pure.
 */
export function latencyPoint(b: SeriesBucket, client: string | null, q: LatencyQuantile): number | null {
  const c = client === null ? b : b.clients[client];
  return c !== undefined && c.latencyCount > 0 ? c[q] : null;
}

/**
 * The clients a series counts apart, in the run's order (every client: workers/series.ts
 * seriesFor), from its last bucket; none before the first bucket closes. Pure.
 */
export function seriesClients(buckets: readonly SeriesBucket[]): string[] {
  return buckets.length === 0 ? [] : Object.keys(buckets[buckets.length - 1].clients);
}
