import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario';
import { summarize } from '../../src/models/report';
import { Tracer } from '../../src/models/spans/Tracer';
import type { Trace, TracerOptions } from '../../src/models/spans/types';
import { World } from '../../src/models/World';
import { WORKER_TRACE_OPTIONS } from '../../src/workers/SimHost';
import { scenario, scenarioFile } from './helpers';
import { LegacyTracer } from './spansLegacy/Tracer';

// The tracer records requests as numbers and builds the spans only when a kept trace is read
// (TraceRecord, materialize.ts). These runs check that what it keeps is exactly what the
// recorder before it (a copy in spansLegacy/, which built every span as it went) kept: every
// span's name, parent, role, kind, service, times, error and attributes in the order they were
// set (the OTLP export lists them in that order), the list's rows, and the requests in flight.

/**
 * A trace as data whose comparison also checks each span's attribute order. Without
 * 'meshsim.envoy.response_flags', which came after the legacy recorder (trial N15, finding 4;
 * test/models/spans/responseFlagSpans.test.ts checks it), and without an expired certificate's TLS attributes
 * (session 52, F3; test/models/spans/tlsExpiredSpan.test.ts checks them), nor a timed-out try's timer length (session 53,
 * F6; test/models/spans/timedOutTry.test.ts checks it).
 */
const LATER = (k: string) =>
  k === 'meshsim.envoy.response_flags' || k === 'meshsim.tls.refused_by' || k.startsWith('meshsim.tls.expired_cert.') || k === 'meshsim.retry.per_try_timeout_ms' || k === 'meshsim.route.timeout_ms';
function plain(t: Trace): unknown {
  return { ...t, spans: t.spans.map((s) => ({ ...s, attrs: Object.entries(s.attrs).filter(([k]) => !LATER(k)) })) };
}

interface Outcome {
  hash: string;
  kept: unknown[];
  list: unknown;
  /** Sampled requests still in flight at the end, as the app reads them (SimHost.requestSpans). */
  live: unknown[];
}

function run(s: Scenario, durationMs: number, options: TracerOptions | null, legacy: boolean): Outcome {
  const sc = { ...s, duration: durationMs };
  const world = new World(sc, sc.seed);
  if (options !== null) world.tracer = legacy ? (new LegacyTracer(world, options) as unknown as Tracer) : new Tracer(world, options);
  world.runUntil();
  const tracer = world.tracer;
  const live: unknown[] = [];
  world.requests.forEachLive((r) => {
    if (r.trace !== null && r.trace.sampled) live.push(plain(legacy ? (r.trace as unknown as Trace) : tracer!.materialize(r.trace)));
  });
  return {
    hash: summarize(world, 0).traceHash,
    // (Fault marks, faults/faultMarks.ts, note a legacy trace's `faults` on it; the compact recorder keeps them apart.)
    kept: tracer?.all().map(({ faults: _f, ...t }: Trace & { faults?: unknown }) => plain(t)) ?? [],
    // (The legacy recorder's rows have no `retries` nor `faults`, which came after it.)
    list: tracer?.list(false, 100_000).map(({ retries: _r, faults: _f, ...row }) => row) ?? [],
    live,
  };
}

/** mesh-only with an injected delay and abort on calls to catalog and a partition of catalog from 15 s to 17 s. */
function meshWithFaults(): Scenario {
  const raw = structuredClone(scenarioFile('mesh-only.json')) as unknown as Record<string, unknown>;
  const services = raw.services as Record<string, unknown>[];
  services[1].policy = { fault: { abort: { percent: 3, status: 503 }, delay: { percent: 10, fixed: '20ms' } } };
  raw.faults = [...(raw.faults as unknown[]), { type: 'partition', between: [['frontend'], ['catalog']], at: '15s', for: '2s' }];
  return scenario(raw);
}

/** Two workers at 90% load: most requests wait in the service's queue (queue spans). */
function busy(): Scenario {
  return scenario({
    name: 'busy',
    clients: [{ name: 'c', type: 'open', rate: 180, target: 'a' }],
    services: [{ name: 'a', concurrency: 2, serviceTime: { type: 'exponential', mean: '10ms' } }],
    duration: '10s',
  });
}

const CASES: [string, () => Scenario, number, TracerOptions][] = [
  ['a busy service (requests queue)', busy, 10_000, { sampleEvery: 3, maxFailed: 100 }],
  // The app's options without what the legacy recorder had not (retried ok requests kept, the failed ring by cause).
  ['istio-load-test (the app options)', () => scenarioFile('istio-load-test.json'), 2500, { ...WORKER_TRACE_OPTIONS, maxRetried: 0, eachCause: false }],
  ['retry-storm', () => scenarioFile('retry-storm.json'), 30_000, { sampleEvery: 7, maxSampled: 300, maxFailed: 300, maxRecording: 2000 }],
  ['zone-failover (killed replicas: refused connects)', () => scenarioFile('zone-failover.json'), 30_000, { sampleEvery: 5, maxFailed: 400 }],
  ['mesh-only with a partition and fault delays', meshWithFaults, 20_000, { sampleEvery: 5, maxFailed: 400 }],
  ['gateway-and-mesh', () => scenarioFile('gateway-and-mesh.json'), 30_000, { sampleEvery: 4, maxFailed: 300 }],
  ['idle-timeout-race', () => scenarioFile('idle-timeout-race.json'), 30_000, { sampleEvery: 4, maxFailed: 300 }],
];

describe('the compact span recorder', () => {
  const roles = new Set<string>();
  const failedWhere = new Set<string>();

  it.each(CASES)('keeps exactly the traces the span-by-span recorder kept, and leaves the run alone: %s', (_name, make, ms, options) => {
    const s = make();
    const now = run(s, ms, options, false);
    const before = run(s, ms, options, true);
    expect(now.hash).toBe(before.hash);
    expect(now.hash).toBe(run(s, ms, null, false).hash);
    expect(now.kept.length).toBeGreaterThan(20);
    expect(now.kept).toEqual(before.kept);
    expect(now.list).toEqual(before.list);
    expect(now.live).toEqual(before.live);
    for (const t of now.kept as { spans: { role: string; attrs: [string, unknown][] }[] }[]) {
      for (const sp of t.spans) {
        roles.add(sp.role);
        for (const [k, v] of sp.attrs) if (k === 'meshsim.failed') failedWhere.add(String(v));
      }
    }
  });

  it('covered every kind of span in those runs', () => {
    expect([...roles].sort()).toEqual(['app', 'backoff', 'call', 'connect', 'fault', 'network', 'pool', 'proxy', 'queue', 'request', 'server', 'tls', 'try']);
    // A message lost to the partition, and tries failed by the host, the router and further down.
    for (const where of ['partitioned: lost, TCP gave up', 'answered by the host', 'seen by the router', 'further down', 'on this hop']) expect(failedWhere).toContain(where);
    // A try its router's per-try timer ended says so, and how long the timer ran (session 53, F6).
    expect([...failedWhere].some((w) => w.startsWith('ended by the per-try timeout of '))).toBe(true);
  });
});
