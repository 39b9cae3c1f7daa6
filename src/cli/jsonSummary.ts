import type { RunSummary } from '../models';
import type { LatencySummary } from '../sim-engine';
import type { LatencyCounts } from './latencyCounts';

/**
 * `--json`'s run summary: RunSummary with `latencyMs` null wherever no latency was measured.
 * Latencies count only ok requests sent after the warm-up, so a service, edge or gateway whose ok
 * requests were all sent in the warm-up (or that had none) has an empty histogram, whose summary
 * reads 0 for every quantile: no measurement, not a zero latency. JSON readers get null there
 * rather than a 0 they would average or plot.
 */
export type JsonSummary = Omit<RunSummary, 'latencyMs' | 'services' | 'edges' | 'gateways'> & {
  latencyMs: LatencySummary | null;
  services: Record<string, Omit<RunSummary['services'][string], 'latencyMs'> & { latencyMs: LatencySummary | null }>;
  edges: Record<string, Omit<RunSummary['edges'][string], 'latencyMs'> & { latencyMs: LatencySummary | null }>;
  gateways: Record<string, Omit<RunSummary['gateways'][string], 'latencyMs'> & { latencyMs: LatencySummary | null }>;
};

/** The summary for `--json` (see JsonSummary), by the histogram sizes in `counts`. Pure: copies what it changes. */
export function jsonSummary(s: RunSummary, counts: LatencyCounts): JsonSummary {
  const keep = (l: LatencySummary | null, n: number | undefined) => (l === null || n === 0 ? null : l);
  const map = <T extends { latencyMs: LatencySummary | null }>(o: Record<string, T>, n: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { ...v, latencyMs: keep(v.latencyMs, n[k]) }]));
  return {
    ...s,
    latencyMs: keep(s.latencyMs, counts.requests),
    services: map(s.services, counts.services),
    edges: map(s.edges, counts.edges),
    gateways: map(s.gateways, counts.gateways),
  };
}
