import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { scenario } from '../helpers';

const free = { cpuPerPass: '0ms', passLatency: '0ms' };

/**
 * Ten requests in the first millisecond (one every 0.1 ms) go through their sidecar to `api` (100 ms of work, ten workers), 5 ms one
 * way, under circuit breakers of 2 connections, 2 requests and 100 pending, with `policy` on top.
 */
function burst(policy: Record<string, unknown>, calleeSidecar: unknown = free) {
  const s = scenario({
    name: 'burst',
    duration: '0.95ms',
    network: { latency: '5ms', samePod: '0ms' },
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10_000, target: 'api', sidecar: free }],
    services: [
      {
        name: 'api',
        serviceTime: '100ms',
        concurrency: 10,
        sidecar: calleeSidecar,
        policy: { retries: { attempts: 0 }, circuitBreaker: { maxConnections: 2, maxRequests: 2, maxPendingRequests: 100 }, ...policy },
      },
    ],
  });
  const w = new World(s, s.seed);
  const causes: string[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause) => causes.push(cause) };
  return { w, causes };
}

describe('HTTP/1.1 and HTTP/2 pools under the same load', () => {
  it('HTTP/1.1 opens 2 connections and queues the other 8 requests as pending: none overflows', () => {
    const { w, causes } = burst({});
    w.runUntil(5);
    expect(w.routes[0].pendingRequests).toBe(10);
    // Ready at 21 ms: TCP's round trip, then TLS (one more, 0.5 ms of CPU at each end).
    w.runUntil(25);
    expect(w.routes[0].connections).toBe(2);
    expect(w.routes[0].activeRequests).toBe(2);
    expect(w.routes[0].pendingRequests).toBe(8);
    w.runUntil(10_000);
    expect(causes).toEqual(Array(10).fill('ok'));
    expect(w.routes[0].opened).toBe(2);
    expect(w.routes[0].overflows).toBe(0);
  });

  it('HTTP/2 opens 1 connection; once it is ready the 10 pending requests take streams: 2 fit under maxRequests, 8 overflow', () => {
    const { w, causes } = burst({ protocol: 'HTTP/2' });
    w.runUntil(5);
    expect(w.routes[0].pendingRequests).toBe(10);
    expect(w.routes[0].connections).toBe(1);
    w.runUntil(10_000);
    expect(causes.filter((c) => c === 'overflow')).toHaveLength(8);
    expect(causes.filter((c) => c === 'ok')).toHaveLength(2);
    expect(w.routes[0].opened).toBe(1);
    expect(w.routes[0].overflows).toBe(8);
    const e = summarize(w, 0).edges['c->api'];
    expect(e.responseFlags).toEqual({ UO: 8 });
    expect(e.httpErrors).toEqual({ '503': 8 });
  });

  it('HTTP/2 with 3 concurrent streams a connection opens 4 connections for 10 pending requests', () => {
    const { w } = burst({ protocol: 'HTTP/2', maxConcurrentStreams: 3, circuitBreaker: { maxConnections: 10, maxRequests: 100 } });
    w.runUntil(5);
    expect(w.routes[0].connections).toBe(4);
    w.runUntil(10_000);
    expect(w.routes[0].opened).toBe(4);
    expect(w.routes[0].overflows).toBe(0);
  });

  it('maxRequestsPerConnection 1 makes HTTP/1.1 open a connection for every request', () => {
    const { w, causes } = burst({ maxRequestsPerConnection: 1, circuitBreaker: { maxConnections: 2, maxRequests: 2, maxPendingRequests: 100 } });
    w.runUntil(10_000);
    expect(causes).toEqual(Array(10).fill('ok'));
    expect(w.routes[0].opened).toBe(10);
    expect(w.routes[0].reused).toBe(0);
  });

  it("h2UpgradePolicy UPGRADE speaks HTTP/2 between two sidecars only; DEFAULT is the mesh's DO_NOT_UPGRADE", () => {
    const upgraded = burst({ h2UpgradePolicy: 'UPGRADE' });
    upgraded.w.runUntil(10_000);
    expect(upgraded.w.routes[0].opened).toBe(1);
    expect(upgraded.w.routes[0].overflows).toBe(8);
    const plainCallee = burst({ h2UpgradePolicy: 'UPGRADE' }, false);
    plainCallee.w.runUntil(10_000);
    expect(plainCallee.w.routes[0].opened).toBe(2);
    expect(plainCallee.w.routes[0].overflows).toBe(0);
    const byDefault = burst({ h2UpgradePolicy: 'DEFAULT' });
    byDefault.w.runUntil(10_000);
    expect(byDefault.w.routes[0].opened).toBe(2);
  });
});
