import { describe, expect, it } from 'vitest';
import { runScenario, type Trace } from '../../src/models';
import { retriable, retryConditionsMatched, RetryOn, RETRY_ON_BITS } from '../../src/models/envoy/retryState';
import { Cause } from '../../src/models/events';
import { scenario, scenarioFile } from './helpers';
import type { TraceRecord } from '../../src/models/spans/TraceRecord';
import { sampledOneIn } from '../../src/sim-engine';

/** Every span lies inside its parent's time (within rounding) and its parent comes before it. */
function checkTree(t: Trace): void {
  const eps = 1e-9;
  for (const s of t.spans) {
    if (s.parent < 0) continue;
    expect(s.parent).toBeLessThan(s.id);
    const p = t.spans[s.parent];
    expect(s.start).toBeGreaterThanOrEqual(p.start - eps);
  }
}

describe('Tracer', () => {
  it.each(['retry-storm.json', 'mesh-only.json', 'control-plane-outage.json', 'gateway-and-mesh.json', 'partial-adoption.json'])(
    'leaves the run of %s unchanged: the same trace hash and figures with spans on or off',
    (file) => {
      const s = scenarioFile(file);
      const off = runScenario(s, { durationMs: Math.min(s.duration, 40_000) }).summary;
      const on = runScenario(s, { durationMs: Math.min(s.duration, 40_000), traces: { sampleEvery: 3, maxFailed: 1000 } });
      expect(on.summary.traceHash).toBe(off.traceHash);
      expect(on.summary.events).toBe(off.events);
      expect(on.summary.failures).toEqual(off.failures);
      expect(on.world.tracer!.all().length).toBeGreaterThan(0);
    },
  );

  it('keeps one request in N by a fixed scramble of its number (the 1st always), whatever its fate, and the newest failed ones up to the cap', () => {
    const s = scenarioFile('retry-storm.json');
    const { world, summary } = runScenario(s, { traces: { sampleEvery: 50, maxSampled: 1000, maxFailed: 20 } });
    const tracer = world.tracer!;
    const sampled = tracer.list(false, 10_000).filter((r) => r.sampled);
    // The numbers the scramble picks among those sent: every one of them, except any still in flight.
    const picked: number[] = [];
    for (let id = 1; id <= summary.requests.sent; id++) if (sampledOneIn(id - 1, 50)) picked.push(id);
    expect(picked[0]).toBe(1);
    // About 1 in 50: within four standard deviations of a binomial count.
    expect(Math.abs(picked.length - summary.requests.sent / 50)).toBeLessThan(4 * Math.sqrt(summary.requests.sent / 50));
    const ids = sampled.map((r) => r.id).sort((a, b) => a - b);
    expect(ids.slice(0, 4)).toEqual(picked.slice(0, 4));
    expect(ids.every((id) => sampledOneIn(id - 1, 50))).toBe(true);
    // Kept at their fate: all of them but those still in flight when the run ended.
    expect(sampled.length).toBeLessThanOrEqual(picked.length);
    expect(sampled.length).toBeGreaterThanOrEqual(picked.length - summary.requests.inFlight);
    const failed = tracer.list(true, 10_000).filter((r) => !r.sampled);
    expect(failed.length).toBe(20);
    // The ring holds the 20 that failed last: the same as in a run that keeps them all.
    const everyFailure = runScenario(s, { traces: { sampleEvery: 50, maxFailed: 100_000 } }).world.tracer!.list(true, 100_000).filter((r) => !r.sampled);
    // With room for all, every failed request is kept: those not sampled plus the sampled ones.
    expect(everyFailure.length + sampled.filter((r) => r.cause !== null).length).toBe(summary.requests.failed);
    const lastToEnd = [...everyFailure].sort((a, b) => b.start + b.durationMs - (a.start + a.durationMs)).slice(0, 20);
    expect(failed.map((r) => r.id).sort()).toEqual(lastToEnd.map((r) => r.id).sort());
    for (const r of failed) expect(r.cause).not.toBeNull();
  });

  it('spreads the kept requests over ten constant-rate clients sending in turn: each gets a tenth within 15% at 1 in 5 (n % 5 gave all to two)', () => {
    const ids = Array.from({ length: 10 }, (_, i) => i);
    const s = scenario({
      name: 'ten-in-turn',
      clients: ids.map((i) => ({ name: `load-${i}`, type: 'open', arrival: 'constant', rate: 1000, target: `svc-${i}` })),
      services: ids.map((i) => ({ name: `svc-${i}`, concurrency: 1000, serviceTime: '1ms' })),
      duration: '2s',
    });
    const { world } = runScenario(s, { traces: { sampleEvery: 5, maxSampled: 100_000, maxFailed: 0 } });
    const rows = world.tracer!.list(false, 100_000).filter((r) => r.sampled);
    expect(rows.length).toBeGreaterThan(3_500);
    const perClient = new Map<string, number>();
    for (const r of rows) perClient.set(r.client, (perClient.get(r.client) ?? 0) + 1);
    expect(perClient.size).toBe(10);
    for (const [client, n] of perClient) expect(Math.abs(n - rows.length / 10), `${client}: ${n} of ${rows.length}`).toBeLessThan(0.15 * (rows.length / 10));
  });

  it('records a failed retry-storm request through every layer: each try, its host, and why it was retried or not', () => {
    const { world } = runScenario(scenarioFile('retry-storm.json'), { durationMs: 30_000, traces: { sampleEvery: 1000, maxFailed: 50 } });
    const row = world.tracer!.list(true, 1)[0];
    expect(row.cause).toBe(Cause.http5xx);
    const t = world.tracer!.get(row.id)!;
    checkTree(t);
    const root = t.spans[0];
    expect(root.error).toBe(true);
    expect(root.attrs['meshsim.cause']).toBe('http-5xx');
    const tries = t.spans.filter((s) => s.role === 'try');
    // 2 retries at each of 3 meshed layers under the gateway: up to 1 + 3 + 9 + 27 tries.
    expect(tries.length).toBeGreaterThan(13);
    const toPayments = tries.filter((s) => String(s.attrs['meshsim.host']).startsWith('payments-'));
    expect(toPayments.length).toBeGreaterThanOrEqual(9);
    const reasons = toPayments.map((s) => String(s.attrs['meshsim.retry.reason']));
    expect(reasons.some((r) => r.startsWith('retry-on 5xx matched http-5xx (HTTP 503)'))).toBe(true);
    expect(reasons.some((r) => r === 'attempts exhausted: 3 tries = 1 + 2 retries')).toBe(true);
    // The hop that failed says so; those above it say the failure came from further down.
    const calls = t.spans.filter((s) => s.role === 'call');
    expect(calls.find((s) => s.name === 'call payments')!.attrs['meshsim.failed']).toBe('on this hop');
    expect(calls.find((s) => s.name === 'call web')!.attrs['meshsim.failed']).toBe('further down');
    // Proxy passes split their time into queue wait and CPU.
    const pass = t.spans.find((s) => s.role === 'proxy')!;
    expect(pass.attrs['meshsim.proxy.cpu_ms']).toBeGreaterThan(0);
    expect(pass.attrs['meshsim.proxy.queue_ms']).toBeGreaterThanOrEqual(0);
  });

  it('shows a new mTLS connection as a TCP connect then a TLS handshake with CPU at both ends', () => {
    const s = scenario({
      name: 'tls',
      network: { latency: '1ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'a', sidecar: true }],
      services: [{ name: 'a', sidecar: true, mtls: 'STRICT', serviceTime: '2ms' }],
      duration: '1s',
    });
    const { world } = runScenario(s, { traces: { sampleEvery: 1 } });
    const first = world.tracer!.get(1)!;
    checkTree(first);
    const tcp = first.spans.find((x) => x.role === 'connect')!;
    const tls = first.spans.find((x) => x.role === 'tls')!;
    expect(tcp.end - tcp.start).toBeCloseTo(2, 9); // one round trip of 1 ms each way
    expect(tls.start).toBeCloseTo(tcp.end, 9);
    // ClientHello (1 ms), the server's half (0.5 ms CPU), its flight back (1 ms), the client's half (0.5 ms).
    expect(tls.end - tls.start).toBeCloseTo(3, 9);
    expect(tls.attrs['meshsim.tls.server_cpu_ms']).toBeCloseTo(0.5, 9);
    expect(tls.attrs['meshsim.tls.client_cpu_ms']).toBeCloseTo(0.5, 9);
    const tryOne = first.spans.find((x) => x.role === 'try')!;
    expect(tryOne.attrs['meshsim.connection']).toBe('new');
    // The second request reuses the kept-alive connection: no connect of its own.
    const second = world.tracer!.get(2)!;
    expect(second.spans.some((x) => x.role === 'connect')).toBe(false);
    expect(second.spans.find((x) => x.role === 'try')!.attrs['meshsim.connection']).toBe('reused');
    const app = second.spans.find((x) => x.role === 'app')!;
    expect(app.end - app.start).toBeCloseTo(2, 9);
  });

  it('puts a failed handshake on the TLS span with its cause', () => {
    const { world } = runScenario(scenarioFile('two-meshes-direct.json'), { durationMs: 5000, traces: { sampleEvery: 1000, maxFailed: 10 } });
    const row = world.tracer!.list(true, 1)[0];
    const t = world.tracer!.get(row.id)!;
    const tls = t.spans.filter((x) => x.role === 'tls' && x.error);
    expect(tls.length).toBeGreaterThan(0);
    expect(tls[0].attrs['meshsim.cause']).toBe(Cause.tlsUnknownCa);
  });

  it('names every retry-on condition that matches whenever the router finds a failure retriable, and none otherwise', () => {
    const causes = [Cause.reset, Cause.timeout, Cause.connectRefused, Cause.tlsExpiredCert, Cause.overflow, Cause.noHealthyUpstream, Cause.http5xx];
    let checked = 0;
    for (let on = 0; on < 64; on++) {
      for (const cause of causes) {
        for (const status of [200, 404, 500, 502, 503, 504]) {
          for (const local of [true, false]) {
            const yes = retriable(on, [503], cause, status, local);
            const cond = retryConditionsMatched(on, [503], cause, status, local);
            expect(cond.length > 0).toBe(yes);
            if (cond.includes('5xx')) expect(on & RetryOn.fiveXx).not.toBe(0);
            // Each one named alone in `on` is retriable by itself.
            for (const c of cond) expect(retriable(on & RETRY_ON_BITS[c], [503], cause, status, local)).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(64 * 7 * 6 * 2);
  });
});

describe('Tracer, bounded', () => {
  it('records at most maxRecording requests in flight, still keeping the one in N, and none once all have ended', () => {
    // A closed loop of 50 users against a slow service: 50 requests always in flight.
    const s = scenario({
      name: 'busy',
      clients: [{ name: 'c', type: 'closed', users: 50, thinkTime: '1ms', target: 'a' }],
      services: [{ name: 'a', concurrency: 50, serviceTime: '100ms', errorRate: 0.5 }],
      duration: '5s',
    });
    const bounded = runScenario(s, { traces: { sampleEvery: 10, maxFailed: 10_000, maxRecording: 5 } });
    const all = runScenario(s, { traces: { sampleEvery: 10, maxFailed: 10_000 } });
    expect(bounded.summary.traceHash).toBe(all.summary.traceHash);
    const keptFailed = (w: typeof all.world) => w.tracer!.list(true, 1e6).filter((r) => !r.sampled).length;
    // Unbounded, every failure is kept; bounded to 5 in flight out of 50, about a tenth are.
    expect(keptFailed(all.world) + all.world.tracer!.list(true, 1e6).filter((r) => r.sampled).length).toBe(all.summary.requests.failed);
    expect(keptFailed(bounded.world)).toBeLessThan(keptFailed(all.world) / 4);
    expect(keptFailed(bounded.world)).toBeGreaterThan(0);
    // The 1-in-N ones are recorded whatever the bound.
    expect(bounded.world.tracer!.list(false, 1e6).filter((r) => r.sampled).length).toBe(all.world.tracer!.list(false, 1e6).filter((r) => r.sampled).length);
    expect(all.world.tracer!.inFlight).toBe(all.summary.requests.inFlight);
  });
});

describe('Tracer, buffers', () => {
  it('reuses the buffers of traces pushed out of the rings without ever sharing one between two live traces, and keeps each kept trace whole', () => {
    // Every request fails for 1 s (the service is killed): 10 users, 1 ms apart, ~10,000
    // failures, far more than the 200 failed traces kept, so the failed ring turns many times.
    const s = scenario({
      name: 'all-fail',
      clients: [{ name: 'c', type: 'closed', users: 10, thinkTime: '1ms', target: 'a' }],
      services: [{ name: 'a', serviceTime: '1ms' }],
      faults: [{ type: 'kill-service', service: 'a', at: '0s', for: '1s' }],
      duration: '1s',
    });
    const { world, summary } = runScenario(s, { traces: { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 } });
    expect(summary.requests.failed).toBeGreaterThan(5_000);
    const store = world.tracer as unknown as { failed: TraceRecord[]; sampled: TraceRecord[] };
    const live = [...store.failed, ...store.sampled];
    expect(store.failed).toHaveLength(200);
    // No two live records write into one buffer.
    expect(new Set(live.map((r) => r.rows)).size).toBe(live.length);
    expect(new Set(live.map((r) => r.attrs)).size).toBe(live.length);
    expect(live.every((r) => !r.dropped && r.used > 0)).toBe(true);
    // The newest failed ones are listed, and each reads as a whole tree.
    const list = world.tracer!.list(true, 1e6);
    expect(list.length).toBeGreaterThanOrEqual(200);
    for (const row of list.slice(0, 20)) checkTree(world.tracer!.get(row.id)!);
  });
});
