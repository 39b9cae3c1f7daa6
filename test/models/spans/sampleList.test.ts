// "Follow a request" unticked lists the 1-in-N sample alone (TraceStore.list's sampleOnly): its failed
// share is the run's, where the sample plus every kept failure was nearly all failures (N7's trial).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Tracer, World } from '../../../src/models';
import { parseScenarioText } from '../../../src/scenario';
import { WORKER_TRACE_OPTIONS } from '../../../src/workers/hostRun';

it("retry-storm at 20 s (payments down since 10 s): the sample's 30 newest hold ok and failed requests; the sample and every kept failure, its 30 newest are all failed", () => {
  const text = readFileSync(new URL('../../../scenarios/retry-storm.json', import.meta.url), 'utf8');
  const r = parseScenarioText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const world = new World(r.scenario, r.scenario.seed);
  world.tracer = new Tracer(world, WORKER_TRACE_OPTIONS);
  world.start();
  world.runUntil(20_000);
  const share = (rows: { cause: string | null }[]) => rows.filter((x) => x.cause !== null).length / rows.length;
  const kept = world.tracer.list(false, 30);
  const sample = world.tracer.list(false, 30, true);
  // The whole sample, newest first.
  const all = world.tracer.list(false, 10_000, true);
  expect(kept.length).toBe(30);
  expect(sample.length).toBe(30);
  expect(share(kept)).toBe(1);
  expect(share(sample)).toBeLessThan(1);
  expect(share(sample)).toBeGreaterThan(0);
  // Ids are the order sent.
  const ids = all.map((x) => x.id);
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  // Failed only and sampled: the sample's own failures.
  expect(world.tracer.list(true, 10_000, true).length).toBe(all.filter((x) => x.cause !== null).length);
});
