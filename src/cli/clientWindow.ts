// `run FILE --client NAME [--from T --to T]` (session 45, C5 1): one client's requests and the
// latency of its ok ones, from the per-second series as the app's latency chart scoped to that
// client reads it (workers/clientLatency.ts), so the chart's point at a second is what
// `--from S --to S+1` prints.
import { formatDuration } from '../scenario';
import { mergedClientLatency } from '../workers/clientLatency';
import type { SeriesBucket } from '../workers/series';
import type { WindowArg } from './window';

/** Client `client`'s requests that ended in [fromMs, toMs) and the latency of its ok ones. Plain data. */
export interface ClientWindow {
  client: string;
  fromMs: number;
  toMs: number;
  /** Its requests that ended in the window (by the time they ended), ok and failed. */
  ended: number;
  ok: number;
  failed: number;
  /** Its ok requests sent after the warm-up that ended in the window, and their latency (ms; null when none). */
  latencyCount: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number } | null;
}

/**
 * The figures of `client` over `w` (its end the run's, `durationMs`, when absent), from `buckets`
 * recorded with that client's histograms kept (runWithWindow's `client`): the whole buckets inside
 * the window, latency merged from each one's histogram (within the histogram's 0.39%; a one-bucket
 * window reads that bucket's own quantiles, ClientBucket.p50-p99). Pure.
 */
export function clientWindow(buckets: readonly SeriesBucket[], bucketMs: number, client: string, w: WindowArg, durationMs: number): ClientWindow {
  const toMs = w.toMs ?? durationMs;
  const inWindow = buckets.filter((b) => b.t >= w.fromMs && b.t + bucketMs <= toMs);
  let ok = 0;
  let failed = 0;
  for (const b of inWindow) {
    ok += b.clients[client]?.ok ?? 0;
    failed += b.clients[client]?.failed ?? 0;
  }
  const h = mergedClientLatency(inWindow, client);
  const latencyMs = h.count > 0 ? { mean: h.mean, p50: h.quantile(0.5), p90: h.quantile(0.9), p99: h.quantile(0.99) } : null;
  return { client, fromMs: w.fromMs, toMs, ended: ok + failed, ok, failed, latencyCount: h.count, latencyMs };
}

const secs = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The client's lines under a run's summary: "client shoppers, its requests that ended 0 s – 20 s:
 * 2,024 (ok 2,024, failed 0)" and "  latency of its ok requests: mean … p50 … p90 … p99 … (1,800
 * measured: sent after the warm-up)", or that none was measured. Pure.
 */
export function formatClientWindow(c: ClientWindow): string {
  const head = `client ${c.client}, its requests that ended ${secs(c.fromMs)} – ${secs(c.toMs)}: ${count(c.ended)} (ok ${count(c.ok)}, failed ${count(c.failed)})`;
  const l = c.latencyMs;
  const latency = l
    ? `  latency of its ok requests: mean ${formatDuration(l.mean)}   p50 ${formatDuration(l.p50)}   p90 ${formatDuration(l.p90)}   p99 ${formatDuration(l.p99)}   (${count(c.latencyCount)} measured: sent after the warm-up; the app's latency chart for ${c.client})`
    : '  latency of its ok requests: - (none measured: no ok request of it sent after the warm-up ended in the window)';
  return `${head}\n${latency}`;
}

/** A client a run has not, as `--client: message` naming the file's clients, or null when it has it. Pure. */
export function unknownRunClient(name: string, file: string, names: readonly string[]): string | null {
  return names.includes(name) ? null : `--client: no client "${name}" in ${file} (clients: ${names.join(', ')})`;
}
