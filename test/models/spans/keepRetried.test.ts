// Trial N10 (session 40): the mesh's retries could not be followed (mesh-only's 1 in 20 held no
// request with a try 2) and a rare failure cause was pushed out of the failed ring by a common one.
// The app's tracer now keeps the newest retried requests that ended ok, and its failed ring gives
// way by the commonest cause. Keeping is observation: the run's trace hash is the same.
import { expect, it } from 'vitest';
import { runScenario, Tracer, World } from '../../../src/models';
import { WORKER_TRACE_OPTIONS } from '../../../src/workers/hostRun';
import { scenarioFile } from '../helpers';

function at(file: string, ms: number, options = WORKER_TRACE_OPTIONS): World {
  const s = scenarioFile(file);
  const world = new World(s, s.seed);
  world.tracer = new Tracer(world, options);
  world.start();
  world.runUntil(ms);
  return world;
}

it('mesh-only at 23 s: retried requests that ended ok are kept and listed, each with a try marked as a retry', () => {
  const tracer = at('mesh-only.json', 23_000).tracer!;
  const retried = tracer.list(false, 30, false, 'retried');
  expect(retried.length).toBeGreaterThan(0);
  expect(retried.some((r) => r.cause === null)).toBe(true);
  for (const r of retried) expect(r.retries).toBeGreaterThan(0);
  const trace = tracer.get(retried[0].id)!;
  expect(trace.spans.some((s) => /^try [2-9]/.test(s.name))).toBe(true);
  // The 1-in-20 sample alone, as before: unticked "failed only" lists it.
  const sample = tracer.list(false, 30, true);
  expect(sample.every((r) => r.sampled)).toBe(true);
});

it('keeps no retried request unless asked (maxRetried 0, the default)', () => {
  const tracer = at('mesh-only.json', 23_000, { sampleEvery: 20, maxSampled: 200, maxFailed: 200 }).tracer!;
  expect(tracer.list(false, 10_000).filter((r) => r.retries > 0 && r.cause === null && !r.sampled)).toEqual([]);
});

it('gateway-only at 40 s, a ring of 20: with eachCause the failed ring still holds the rare cause (timeout) that a plain ring of the newest lost', () => {
  const plain = at('gateway-only.json', 40_000, { ...WORKER_TRACE_OPTIONS, maxFailed: 20, eachCause: false }).tracer!;
  const each = at('gateway-only.json', 40_000, { ...WORKER_TRACE_OPTIONS, maxFailed: 20 }).tracer!;
  // The failed ring's own (the 1-in-20 sample is listed with it).
  const ring = (t: Tracer) => t.list(true, 10_000).filter((r) => !r.sampled);
  const causes = (t: Tracer) => new Set(ring(t).map((r) => r.cause));
  const timeouts = (t: Tracer) => ring(t).filter((r) => r.cause === 'timeout').length;
  expect(causes(each).size).toBeGreaterThan(1);
  for (const c of causes(plain)) expect(causes(each).has(c)).toBe(true);
  expect(timeouts(each)).toBeGreaterThan(timeouts(plain));
  // A cause's filter lists that cause alone.
  const listed = each.list(true, 30, false, 'timeout');
  expect(listed.length).toBeGreaterThan(0);
  for (const r of listed) expect(r.cause).toBe('timeout');
  // Never more kept than the ring holds.
  expect(each.list(true, 10_000).filter((r) => !r.sampled).length).toBeLessThanOrEqual(20);
});

it('leaves the run alone: the same trace hash and figures with the app tracer, the old one, or none', () => {
  const s = scenarioFile('mesh-only.json');
  const off = runScenario(s, { durationMs: 30_000 }).summary;
  const on = runScenario(s, { durationMs: 30_000, traces: WORKER_TRACE_OPTIONS }).summary;
  const old = runScenario(s, { durationMs: 30_000, traces: { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 } }).summary;
  expect(on.traceHash).toBe(off.traceHash);
  expect(old.traceHash).toBe(off.traceHash);
  expect(on.failures).toEqual(off.failures);
});
