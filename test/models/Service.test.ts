import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { scenario } from './helpers';

function run(input: unknown): World {
  const s = scenario(input);
  const w = new World(s, s.seed);
  w.runUntil();
  return w;
}

/** A gateway calling `a` (3 ms) then `b` (5 ms), with constant latencies and no queueing. */
function fanOut(callMode: 'sequential' | 'parallel') {
  return run({
    name: 'fan-out',
    duration: '10s',
    network: { latency: '0.5ms' },
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'gw', latency: '1ms' }],
    services: [
      { name: 'gw', serviceTime: '2ms', calls: [{ service: 'a' }, { service: 'b' }], callMode },
      { name: 'a', serviceTime: '3ms' },
      { name: 'b', serviceTime: '5ms' },
    ],
  });
}

describe('services', () => {
  // The first request also opens each connection (one TCP round trip per hop); later ones
  // reuse the pooled connections, so 99 of the 100 requests take exactly the steady time.

  it('sequential calls add up: 1 + 2 + (0.5 + 3 + 0.5) + (0.5 + 5 + 0.5) + 1 = 14 ms end to end', () => {
    const w = fanOut('sequential');
    expect(w.ok).toBe(100);
    // First request: + 2 ms connecting to gw, + 1 ms to a, + 1 ms to b.
    expect([w.latency.min, w.latency.max]).toEqual([14, 18]);
    expect(Math.abs(w.latency.quantile(0.98) - 14) / 14).toBeLessThan(0.005);
    // The gateway holds the request from arrival to answer: 2 + 4 + 6 (+ 1 + 1 the first time).
    expect([w.services[0].latency.min, w.services[0].latency.max]).toEqual([12, 14]);
  });

  it('parallel calls overlap: 1 + 2 + max(4, 6) + 1 = 10 ms end to end', () => {
    const w = fanOut('parallel');
    expect(w.ok).toBe(100);
    // First request: + 2 ms connecting to gw, + 1 ms to a and b at once.
    expect([w.latency.min, w.latency.max]).toEqual([10, 13]);
    expect(Math.abs(w.latency.quantile(0.98) - 10) / 10).toBeLessThan(0.005);
    expect([w.services[0].latency.min, w.services[0].latency.max]).toEqual([8, 9]);
  });

  it('queues requests FIFO behind a busy worker', () => {
    // Sends at 0, 1 and 2 ms into one worker taking 10 ms: answers at 10, 20 and 30.
    const w = run({
      name: 'fifo',
      duration: '3ms',
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '10ms' }],
    });
    w.sim.runUntil(100);
    expect(w.sent).toBe(3);
    expect([w.latency.min, w.latency.max, w.latency.sum]).toEqual([10, 28, 10 + 19 + 28]);
  });

  it('makes a call with its probability', () => {
    const w = run({
      name: 'maybe',
      seed: 2,
      duration: '100s',
      clients: [{ name: 'c', type: 'open', rate: 200, target: 'gw' }],
      services: [
        { name: 'gw', concurrency: 50, serviceTime: '0.1ms', calls: [{ service: 'rare', probability: 0.3 }] },
        { name: 'rare', concurrency: 50, serviceTime: '0.1ms' },
      ],
    });
    // About 20k requests: SE of the share 0.0032.
    expect(Math.abs(w.services[1].arrivals / w.services[0].arrivals - 0.3)).toBeLessThan(0.015);
  });

  it('answers a share errorRate of its requests with http-5xx', () => {
    const w = run({
      name: 'flaky',
      seed: 3,
      duration: '100s',
      clients: [{ name: 'c', type: 'open', rate: 200, target: 'svc' }],
      services: [{ name: 'svc', concurrency: 50, errorRate: 0.1, serviceTime: '0.1ms' }],
    });
    expect(Math.abs(w.failed / w.sent - 0.1)).toBeLessThan(0.006);
    expect(w.failures.toObject()).toEqual({ 'http-5xx': w.failed });
  });

  it('stops a sequential chain at the first failed call', () => {
    const w = run({
      name: 'chain',
      duration: '1s',
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 100, target: 'gw' }],
      services: [
        { name: 'gw', serviceTime: '1ms', calls: [{ service: 'broken' }, { service: 'after' }] },
        { name: 'broken', errorRate: 1, serviceTime: '1ms' },
        { name: 'after', serviceTime: '1ms' },
      ],
    });
    expect(w.failures.toObject()).toEqual({ 'http-5xx': 100 });
    expect(w.services[2].arrivals).toBe(0);
  });

  it('in parallel mode calls every downstream even when one of them fails', () => {
    const w = run({
      name: 'fan',
      duration: '1s',
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 100, target: 'gw' }],
      services: [
        { name: 'gw', serviceTime: '1ms', calls: [{ service: 'broken' }, { service: 'after' }], callMode: 'parallel' },
        { name: 'broken', errorRate: 1, serviceTime: '1ms' },
        { name: 'after', serviceTime: '1ms' },
      ],
    });
    expect(w.failures.toObject()).toEqual({ 'http-5xx': 100 });
    expect(w.services[2].arrivals).toBe(100);
  });

  it('round robin spreads requests evenly over replicas', () => {
    const w = run({
      name: 'rr',
      duration: '10s',
      clients: [{ name: 'c', type: 'open', rate: 1000, target: 'svc' }],
      services: [{ name: 'svc', replicas: 4, concurrency: 10, serviceTime: '0.5ms' }],
    });
    w.sim.runUntil(20_000);
    const served = w.services[0].replicas.map((r) => r.served);
    expect(Math.max(...served) - Math.min(...served)).toBeLessThanOrEqual(1);
  });

  it('random balancing gives each replica about its share', () => {
    const w = run({
      name: 'random',
      seed: 4,
      duration: '40s',
      clients: [{ name: 'c', type: 'open', rate: 1000, target: 'svc' }],
      services: [{ name: 'svc', replicas: 4, concurrency: 10, loadBalancer: 'random', serviceTime: '0.5ms' }],
    });
    w.sim.runUntil(50_000);
    const served = w.services[0].replicas.map((r) => r.served);
    const total = served.reduce((a, b) => a + b, 0);
    // About 40k requests: SE of each share 0.0022.
    for (const n of served) expect(Math.abs(n / total - 0.25)).toBeLessThan(0.01);
    // And it is not round robin in disguise.
    expect(Math.max(...served) - Math.min(...served)).toBeGreaterThan(1);
  });

  it('reports utilization as busy worker time over worker time', () => {
    // 100 requests/s of 2 ms each on 2 replicas x 1 worker: 0.1.
    const w = run({
      name: 'util',
      duration: '10s',
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 100, target: 'svc' }],
      services: [{ name: 'svc', replicas: 2, serviceTime: '2ms' }],
    });
    expect(w.services[0].utilization(w.sim.now)).toBeCloseTo(0.1, 12);
  });

  it('leaves requests sent during the warmup out of the latency figures but counts them', () => {
    const w = run({
      name: 'warm',
      duration: '10s',
      warmup: '4s',
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '1ms' }],
    });
    expect(w.sent).toBe(100);
    expect(w.latency.count).toBe(60);
    expect(w.services[0].latency.count).toBe(60);
  });
});
