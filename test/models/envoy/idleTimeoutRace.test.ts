import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { scenario, scenarioFile } from '../helpers';

/** A world from an inline scenario, recording every request's fate, latency and end time. */
function world(input: unknown) {
  const s = scenario(input);
  const w = new World(s, s.seed);
  const ended: { cause: string; latency: number }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => ended.push({ cause, latency }) };
  return { w, ended };
}

/**
 * One request every `periodMs` from a plain client to an app without a sidecar (Node's default
 * keep-alive timeout, 5 s), 5 ms one way, no service time. A connection goes idle when the answer
 * is back: 20 ms after a request that connected first, 10 ms after one that reused it. The app
 * closes it 5 s later; the pool sees the FIN 5 ms after that.
 */
function poller(periodMs: number, policy: Record<string, unknown> = {}, client: Record<string, unknown> = {}) {
  return world({
    name: 'poller',
    duration: `${periodMs * 6 - 1}ms`,
    network: { latency: '5ms', samePod: '0ms' },
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000 / periodMs, target: 'legacy', ...client }],
    services: [{ name: 'legacy', serviceTime: '0ms', policy }],
  });
}

/** A client with a sidecar that takes no time: its Envoy applies the callee's policy. */
const MESHED = { sidecar: { cpuPerPass: '0ms', passLatency: '0ms' } };

describe('the idle-timeout race (app keep-alive vs the pool)', () => {
  it('a request sent as the app closes its idle connection is reset before any byte came back; the next connects anew', () => {
    const { w, ended } = poller(5010);
    w.runUntil(60_000);
    // Request 0 connects (idle from 20 ms, closed at 5,020). Request 1 goes at 5,010 and reaches
    // the app at 5,015, in time (idle from 5,020, closed at 10,020). Request 2 goes at 10,020 as
    // the app closes it: reset when the FIN arrives, 5 ms later, and the connection is gone. And so on.
    expect(ended).toEqual([
      { cause: 'ok', latency: 20 },
      { cause: 'ok', latency: 10 },
      { cause: 'reset', latency: 5 },
      { cause: 'ok', latency: 20 },
      { cause: 'ok', latency: 10 },
      { cause: 'reset', latency: 5 },
    ]);
    const s = summarize(w, 0);
    expect(s.failures).toEqual({ reset: 2 });
    expect(s.edges['c->legacy'].connections).toEqual({ opened: 2, failed: 0, reused: 4, drained: 0 });
  });

  it('a connection the app closed more than a one-way latency ago is dropped by the pool, which connects anew', () => {
    // Each connection is idle from 20 ms after its request and closed by the app 5 s later; the
    // next request goes 5,030 ms after the last, 10 ms after the close: the FIN is back.
    const { w, ended } = poller(5030);
    w.runUntil(60_000);
    expect(ended.map((e) => `${e.cause} ${e.latency}`)).toEqual(Array(6).fill('ok 20'));
    expect(w.routes[0].pool.appClosed).toBe(5);
    expect(w.routes[0].opened).toBe(6);
  });

  it("a pool idle timeout shorter than the app keep-alive, the callee's policy applied by the caller's sidecar, makes the failures vanish", () => {
    const { w, ended } = poller(5010, { idleTimeout: '4s' }, MESHED);
    w.runUntil(60_000);
    expect(ended.map((e) => e.cause)).toEqual(Array(6).fill('ok'));
    expect(w.routes[0].pool.idleClosed).toBe(5);
    expect(w.routes[0].opened).toBe(6);
    expect(w.routes[0].pool.appClosed).toBe(0);
  });

  it("a caller without a proxy keeps its app's pool: the callee's idle timeout (a DestinationRule, client-side proxy config) does not reach it, and the race stays", () => {
    const { w, ended } = poller(5010, { idleTimeout: '4s' });
    w.runUntil(60_000);
    expect(ended.map((e) => e.cause)).toEqual(['ok', 'ok', 'reset', 'ok', 'ok', 'reset']);
    expect(w.routes[0].policy.idleTimeout).toBe(3_600_000);
    expect(w.routes[0].pool.idleClosed).toBe(0);
  });

  it('an app keep-alive longer than the gap keeps one connection for every request', () => {
    const { w, ended } = world({
      name: 'long-keepalive',
      duration: '30059ms',
      network: { latency: '5ms', samePod: '0ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000 / 5010, target: 'legacy' }],
      services: [{ name: 'legacy', serviceTime: '0ms', keepAliveTimeout: '65s' }],
    });
    w.runUntil(60_000);
    expect(ended.map((e) => e.latency)).toEqual([20, 10, 10, 10, 10, 10]);
    expect(w.routes[0].opened).toBe(1);
  });

  it("Istio's default retryOn does not retry the reset (UC); retryOn reset retries it on a new connection", () => {
    const plain = poller(5010, {}, MESHED);
    plain.w.runUntil(60_000);
    expect(plain.ended.map((e) => e.cause)).toEqual(['ok', 'ok', 'reset', 'ok', 'ok', 'reset']);
    const retried = poller(5010, { retries: { attempts: 2, retryOn: ['reset'], backoff: { base: '1ms' } } }, MESHED);
    retried.w.runUntil(60_000);
    expect(retried.ended.map((e) => e.cause)).toEqual(Array(6).fill('ok'));
    expect(summarize(retried.w, 0).edges['c->legacy'].retries).toBe(2);
  });

  it('a sidecar at the app takes the connections: its inbound proxy has the 1 h idle timeout, so no race', () => {
    const { w, ended } = world({
      name: 'meshed-callee',
      duration: '30059ms',
      network: { latency: '5ms', samePod: '0ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000 / 5010, target: 'legacy' }],
      services: [{ name: 'legacy', serviceTime: '0ms', sidecar: { cpuPerPass: '0ms', passLatency: '0ms' } }],
    });
    w.runUntil(60_000);
    expect(ended.map((e) => e.cause)).toEqual(Array(6).fill('ok'));
    expect(w.routes[0].opened).toBe(1);
  });
});

describe('scenarios/idle-timeout-race.json', () => {
  const s = scenarioFile('idle-timeout-race.json');
  it.each([s.seed, 2, 3])('resets (503 UC) fail about 1 in 5 batches before the fix and none after a 4 s proxy idle timeout (seed %i)', (seed) => {
    const w = new World(s, seed);
    const fates: { sentAt: number; cause: string }[] = [];
    w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => fates.push({ sentAt: w.sim.now - latency, cause }) };
    w.runUntil();
    w.sim.runUntil(w.duration + 5_000);
    const before = fates.filter((f) => f.sentAt < 30_000);
    const after = fates.filter((f) => f.sentAt >= 30_500);
    const failedBefore = before.filter((f) => f.cause !== 'ok');
    expect(failedBefore.every((f) => f.cause === 'reset')).toBe(true);
    expect(failedBefore.length / before.length).toBeGreaterThan(0.1);
    expect(failedBefore.length / before.length).toBeLessThan(0.3);
    expect(after.length).toBeGreaterThan(100);
    expect(after.filter((f) => f.cause !== 'ok')).toEqual([]);
    const hop = summarize(w, 0).edges['checkout->ledger'];
    expect(hop.responseFlags).toEqual({ UC: failedBefore.length });
    expect(hop.httpErrors).toEqual({ '503': failedBefore.length });
    expect(hop.retries).toBe(0);
  });
});
