import type { WallClock } from '../sim-engine';
import type { Scenario } from '../scenario';
import { summarize, type RunSummary } from './report';
import { Tracer } from './spans/Tracer';
import type { TracerOptions } from './spans/types';
import { World } from './World';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's duration (ms). */
  durationMs?: number;
  /** Reads wall time in ms, for `wallMs`; the host supplies it (the engine has no timers). */
  wallClock?: WallClock;
  /** Keep spans of sampled requests (`world.tracer`); absent: no tracing. */
  traces?: TracerOptions;
}

/** Builds the world for a validated scenario, runs it to its duration, and summarises it. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): { world: World; summary: RunSummary } {
  const s = options.durationMs !== undefined ? { ...scenario, duration: options.durationMs } : scenario;
  const clock = options.wallClock ?? (() => 0);
  const t0 = clock();
  const world = new World(s, options.seed ?? s.seed);
  if (options.traces) world.tracer = new Tracer(world, options.traces);
  world.runUntil();
  return { world, summary: summarize(world, clock() - t0) };
}
