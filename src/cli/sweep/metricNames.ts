import { World } from '../../models';
import type { Scenario } from '../../scenario';
import type { MetricNames } from './metrics';

/**
 * The gateways, caller->callee edges and services a --metric may name, over every point of a
 * sweep (a --set may add a call): edges named as `run --json` names them ("web->db"), read from
 * the topology a World builds for the scenario (nothing runs). A name only some points have
 * reads null at the others. Pure but for building the worlds.
 */
export function scenarioMetricNames(scenarios: readonly Scenario[]): MetricNames {
  const gateway = new Set<string>();
  const edge = new Set<string>();
  const service = new Set<string>();
  for (const s of scenarios) {
    for (const g of s.gateways) gateway.add(g.name);
    for (const v of s.services) service.add(v.name);
    const { nodes, edges } = new World(s, s.seed).topology;
    for (const e of edges) edge.add(`${nodes[e.from].name}->${nodes[e.to].name}`);
  }
  return { gateway: [...gateway], edge: [...edge], service: [...service] };
}
