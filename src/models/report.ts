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
  };
}
