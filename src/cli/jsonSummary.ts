import type { RunSummary } from '../models';
import type { LatencySummary } from '../sim-engine';
import type { LatencyCounts } from './latencyCounts';
import { changeKey, type ChangeNote } from '../models/lint/changeNotes';

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
  /**
   * `reach`: how far a policy change reaches the requests (policyReach.ts): 'all' its callers'
   * routes, 'some', 'none' (overridden by every caller's own route policy, not applied, or already
   * in force); null for the other change types.
   */
  changes: (RunSummary['changes'][number] & { reach?: 'all' | 'some' | 'none' | null })[];
};

/**
 * The summary for `--json` (see JsonSummary), by the histogram sizes in `counts` and the scenario's change `notes`;
 * `wallMs` to 0.1 ms (a wall-clock reading: its float tail, 461.9392250000001, is noise; trial N8, finding 7), in
 * run, compare and replay alike. Pure: copies what it changes.
 */
export function jsonSummary(s: RunSummary, counts: LatencyCounts, notes: readonly ChangeNote[] = []): JsonSummary {
  const reach = new Map(notes.map((n) => [n.key, n.reach]));
  const keep = (l: LatencySummary | null, n: number | undefined) => (l === null || n === 0 ? null : l);
  const map = <T extends { latencyMs: LatencySummary | null }>(o: Record<string, T>, n: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { ...v, latencyMs: keep(v.latencyMs, n[k]) }]));
  return {
    ...s,
    wallMs: Math.round(s.wallMs * 10) / 10,
    latencyMs: keep(s.latencyMs, counts.requests),
    services: map(s.services, counts.services),
    edges: map(s.edges, counts.edges),
    gateways: map(s.gateways, counts.gateways),
    changes: s.changes.map((c) => ({ ...c, reach: reach.get(changeKey(c)) ?? null })),
  };
}
