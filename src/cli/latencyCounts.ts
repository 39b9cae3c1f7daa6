import type { World } from '../models';

/**
 * How many latencies a run measured, per figure the summary prints: requests end to end, each
 * service and each edge. Latencies are only those of requests sent after the warm-up, while the
 * ok counts beside them include warm-up requests; so a service whose ok requests were all sent
 * in the warm-up has an ok count and no latency, and its summary's zeros (an empty histogram's
 * p50 is 0) are no measurement. The table prints "-" there (see `formatSummary`), `--json` null
 * (`jsonSummary`). Reads the
 * world; changes nothing.
 */
export interface LatencyCounts {
  requests: number;
  /** By service name. */
  services: Record<string, number>;
  /** By edge name, `caller->callee` as in RunSummary.edges. */
  edges: Record<string, number>;
  /** By gateway name. */
  gateways: Record<string, number>;
}

/** The latency counts of a world after its run (the histograms' sizes). */
export function latencyCounts(world: World): LatencyCounts {
  const services: Record<string, number> = {};
  for (const s of world.services) services[s.name] = s.latency.count;
  const edges: Record<string, number> = {};
  const { nodes } = world.topology;
  for (const e of world.topology.edges) edges[`${nodes[e.from].name}->${nodes[e.to].name}`] = world.edgeStats[e.id].latency.count;
  const gateways: Record<string, number> = {};
  for (const g of world.gateways) gateways[g.name] = g.latency.count;
  return { requests: world.latency.count, services, edges, gateways };
}
