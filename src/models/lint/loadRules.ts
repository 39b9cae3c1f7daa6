// MS014: a service or gateway the open-loop clients load to 90% of its capacity or more
// (src/scenario/load.ts): replicas × concurrency / mean service time (a gateway's CPU per
// request). Nothing fails in the config, but the queue and the latency climb steeply there, and
// past 100% the queue grows for as long as the load lasts: the import of a realistic Istio set at
// 50 req/s gave a service 99% utilisation and nothing said so.
import { loadConsequence, loadRate, loadSources, loadText, nearCapacity, replicasFor, type Scenario } from '../../scenario';
import type { Locator } from './locate';
import { actorsOf } from './routes';
import { actorRef, finding } from './findings';
import type { Finding } from './types';

/**
 * MS014: each service and gateway offered NEAR_CAPACITY of its capacity or more, at its
 * `replicas` (where a fix most often goes; for manifests, its Deployment's spec.replicas). The
 * figure is the config's; simulate.ts adds the utilisation the healthy run measured. Pure.
 */
export function loadFindings(s: Scenario, locate: Locator, kind: 'scenario' | 'manifests' = 'scenario'): Finding[] {
  const actors = actorsOf(s);
  return nearCapacity(s).map((l) => {
    const field = `${l.kind === 'service' ? 'services' : 'gateways'}.${l.index}.replicas`;
    const n = replicasFor(l);
    const pct = Math.round(l.utilization * 100);
    const fix =
      kind === 'manifests'
        ? l.kind === 'service'
          ? `Raise spec.replicas of the Deployment of ${l.name} to ${n} (70% of capacity at this load), or its concurrency in the workload, or send it less`
          : `Run ${n} ingress gateway pods (70% of capacity at this load), or send it less`
        : `Set ${field}: ${n} (70% of capacity at this load), or raise its concurrency, or send it less`;
    return finding(
      'MS014',
      actorRef(actors.get(l.name)!, field, locate),
      field,
      `${loadText(l)}, from ${loadSources(l)}: ${loadConsequence(l)}`,
      {
        text: `offered ${loadRate(l.offeredPerS)} req/s, ${pct}% of its capacity of ${loadRate(l.capacityPerS)} req/s`,
        values: { offeredPerS: round(l.offeredPerS), capacityPerS: round(l.capacityPerS), utilization: round(l.utilization), replicas: l.replicas, concurrency: l.concurrency, meanMs: round(l.meanMs), replicasFor70: n },
      },
      fix,
    );
  });
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
