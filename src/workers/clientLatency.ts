// Each client's latency per series bucket (session 45, C5 1): the charts could be scoped to one
// client's failures (the compare view's "figures for"), not to its latency. The recorder's whole-run
// histogram is one; this keeps one more per client that ended an ok request in the open bucket.
import { Histogram, type HistogramData } from '../sim-engine';

/** One client's requests in a bucket (SeriesBucket.clients): ended ok and failed, by cause, and the latency of its ok ones. Plain data. */
export interface ClientBucket {
  ok: number;
  failed: number;
  causes: Record<string, number>;
  /** Its ok requests sent after the warm-up that ended in the bucket, and their quantiles (ms; 0 when none), as the bucket's own. */
  latencyCount: number;
  p50: number;
  p90: number;
  p99: number;
  /** Those latencies as a histogram's plain data, when the series keeps them (the CLI's `run --client` windows): absent otherwise. */
  latency?: HistogramData;
}

/** An empty ClientBucket. Pure. */
export const emptyClientBucket = (): ClientBucket => ({ ok: 0, failed: 0, causes: {}, latencyCount: 0, p50: 0, p90: 0, p99: 0 });

/**
 * The open bucket's latencies per client: a histogram for each client with an ok request measured
 * in it, made on its first (a bucket of istio-load-test-full's 1,000 clients makes one a client that
 * ended one), dropped when the bucket closes.
 */
export class ClientLatencies {
  private readonly open = new Map<string, Histogram>();

  /** @param keepData each closed bucket keeps each client's histogram data (ClientBucket.latency) */
  constructor(private readonly keepData: boolean) {}

  /** Client `client`'s ok request, sent after the warm-up, ended after `ms`. */
  record(client: string, ms: number): void {
    let h = this.open.get(client);
    if (h === undefined) this.open.set(client, (h = new Histogram()));
    h.record(ms);
  }

  /** Writes each client's count and quantiles into `clients` (the closing bucket's; clients not in it are skipped) and starts afresh. Mutates `clients`. */
  close(clients: Record<string, ClientBucket>): void {
    for (const [name, h] of this.open) {
      const c = clients[name];
      if (c === undefined) continue;
      c.latencyCount = h.count;
      c.p50 = h.quantile(0.5);
      c.p90 = h.quantile(0.9);
      c.p99 = h.quantile(0.99);
      if (this.keepData) c.latency = h.toData();
    }
    this.open.clear();
  }
}

/**
 * Client `client`'s ok requests that ended in `buckets` (those the caller picked, e.g. a window's),
 * merged from each bucket's kept histogram (ClientBucket.latency; a bucket without one adds nothing).
 * Pure.
 */
export function mergedClientLatency(buckets: readonly { clients: Record<string, ClientBucket> }[], client: string): Histogram {
  const h = new Histogram();
  for (const b of buckets) {
    const d = b.clients[client]?.latency;
    if (d) h.merge(Histogram.fromData(d));
  }
  return h;
}
