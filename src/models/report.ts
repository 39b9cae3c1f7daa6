import type { LatencySummary } from '../sim-engine';
import type { World } from './World';

/** The figures of one run, as the CLI prints them with --json. Plain data. */
export interface RunSummary {
  scenario: string;
  seed: number;
  simulatedMs: number;
  events: number;
  wallMs: number;
  traceHash: string;
  requests: { sent: number; ok: number; failed: number; inFlight: number };
  failures: Record<string, number>;
  latencyMs: LatencySummary;
  services: Record<string, { requests: number; ok: number; failed: number; latencyMs: LatencySummary; utilization: number }>;
  /** Per caller -> callee edge, as the caller's router saw it (retries included in latency). */
  edges: Record<string, { requests: number; ok: number; failed: number; latencyMs: LatencySummary; retries: number }>;
  /** Per sidecar: CPU utilisation of its worker threads, passes made, CPU time in ms. */
  proxies: Record<string, { utilization: number; passes: number; cpuMs: number }>;
}

/** Summarises a world's run so far. `wallMs` is measured by the host. */
export function summarize(world: World, wallMs: number): RunSummary {
  const now = world.sim.now;
  const services: RunSummary['services'] = {};
  for (const s of world.services) {
    services[s.name] = {
      requests: s.arrivals,
      ok: s.ok,
      failed: s.failed,
      latencyMs: s.latency.summary(),
      utilization: s.utilization(now),
    };
  }
  const edges: RunSummary['edges'] = {};
  const retries = new Array<number>(world.edgeStats.length).fill(0);
  for (const r of world.routes) retries[r.edge] += r.retriesStarted;
  for (const e of world.topology.edges) {
    const name = `${world.topology.nodes[e.from].name}->${world.topology.nodes[e.to].name}`;
    edges[name] = world.edgeStats[e.id].summary(retries[e.id]);
  }
  const proxies: RunSummary['proxies'] = {};
  for (const sc of world.sidecars) {
    proxies[sc.name] = { utilization: sc.utilization(now), passes: sc.passes, cpuMs: sc.cpuMs(now) };
  }
  return {
    scenario: world.scenario.name,
    seed: world.seed,
    simulatedMs: now,
    events: world.sim.events,
    wallMs,
    traceHash: world.sim.traceHash(),
    requests: { sent: world.sent, ok: world.ok, failed: world.failed, inFlight: world.inFlight },
    failures: world.failures.toObject(),
    latencyMs: world.latency.summary(),
    services,
    edges,
    proxies,
  };
}
