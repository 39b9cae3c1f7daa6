import { Tracer, World } from '../../../src/models';
import { WORKER_TRACE_OPTIONS } from '../../../src/workers/hostRun';
import type { Trace } from '../../../src/models';
import type { Scenario } from '../../../src/scenario';

/** Runs `s` with the app's tracer (WORKER_TRACE_OPTIONS) to `ms` (its end if left out) and returns every kept trace. */
export function traces(s: Scenario, ms?: number): Trace[] {
  const world = new World(s, s.seed);
  world.tracer = new Tracer(world, WORKER_TRACE_OPTIONS);
  world.start();
  world.runUntil(ms);
  const t = world.tracer;
  return t.list(false, 10_000).map((r) => t.get(r.id)!).filter((x) => x !== undefined);
}
