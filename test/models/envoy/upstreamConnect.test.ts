import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { scenario } from '../helpers';

const free = { cpuPerPass: '0ms', passLatency: '0ms' };

describe('connect timeout over TLS', () => {
  it('a TLS handshake queued behind a busy server proxy is cut by connectTimeout (connect-timeout, 503 UF)', () => {
    // `busy` floods api's sidecar (one worker, 40 ms a pass, two passes per request every 50 ms):
    // its backlog grows 30 ms every 50 ms. `probe` opens a new connection for each request
    // (maxRequestsPerConnection 1) with a 50 ms connect timeout: its first handshake, at 0 ms,
    // finds the worker free; from the second on, the server's half waits behind the backlog.
    const s = scenario({
      name: 'tls-cut',
      duration: '3s',
      network: { latency: '1ms', samePod: '0ms' },
      clients: [
        { name: 'busy', type: 'open', arrival: 'constant', rate: 20, target: 'api', sidecar: free },
        {
          name: 'probe', type: 'open', arrival: 'constant', rate: 1, target: 'api', sidecar: free,
          policy: { connectTimeout: '50ms', maxRequestsPerConnection: 1, retries: { attempts: 0 } },
        },
      ],
      services: [{ name: 'api', serviceTime: '0ms', concurrency: 100, sidecar: { cpuPerPass: '40ms', passLatency: '0ms', concurrency: 1 } }],
    });
    const w = new World(s, s.seed);
    const probe: { cause: string; latency: number }[] = [];
    w.observer = { transmit() {}, requestEnded: (c, cause, latency) => (w.sim.actor(c).name === 'probe' ? probe.push({ cause, latency }) : undefined) };
    w.runUntil(3000);
    expect(probe.slice(1)).toEqual([
      { cause: 'connect-timeout', latency: 50 },
      { cause: 'connect-timeout', latency: 50 },
    ]);
    expect(probe[0].cause).toBe('ok');
    const e = summarize(w, 0).edges['probe->api'];
    expect(e.responseFlags).toEqual({ UF: 2 });
    expect(e.httpErrors).toEqual({ '503': 2 });
  });

  it('without the busy proxy the same handshakes finish in time: 7 ms a request (TCP 2, TLS 2 + 1 ms of CPU, the request 2)', () => {
    const s = scenario({
      name: 'tls-ok',
      duration: '3s',
      network: { latency: '1ms', samePod: '0ms' },
      clients: [
        {
          name: 'probe', type: 'open', arrival: 'constant', rate: 1, target: 'api', sidecar: free,
          policy: { connectTimeout: '50ms', maxRequestsPerConnection: 1, retries: { attempts: 0 } },
        },
      ],
      services: [{ name: 'api', serviceTime: '0ms', sidecar: free }],
    });
    const w = new World(s, s.seed);
    const latencies: number[] = [];
    w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => latencies.push(cause === 'ok' ? latency : -1) };
    w.runUntil(3000);
    expect(latencies).toEqual([7, 7, 7]);
  });
});

describe('maxPendingRequests 0', () => {
  /** Ten requests in the first millisecond to `api` with maxPendingRequests 0, through a gateway or a sidecar. */
  function run(via: 'gateway' | 'sidecar') {
    const cb = { circuitBreaker: { maxPendingRequests: 0 } };
    const s = scenario({
      name: 'no-pending',
      duration: '0.95ms',
      network: { latency: '1ms', samePod: '0ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10_000, target: via === 'gateway' ? 'edge' : 'api', sidecar: via === 'sidecar' ? free : false, policy: via === 'sidecar' ? cb : undefined }],
      gateways: via === 'gateway' ? [{ name: 'edge', replicas: 1, cpuPerRequest: '0ms', routes: [{ service: 'api', policy: cb }] }] : [],
      services: [{ name: 'api', serviceTime: '1ms', concurrency: 10, sidecar: via === 'sidecar' ? free : false }],
    });
    const w = new World(s, s.seed);
    const causes: string[] = [];
    w.observer = { transmit() {}, requestEnded: (_c, cause) => causes.push(cause) };
    w.runUntil(1000);
    return { w, causes };
  }

  it("means no pending at a gateway's Envoy: a request that finds no ready connection overflows (503 UO)", () => {
    const { w, causes } = run('gateway');
    expect(causes).toEqual(Array(10).fill('overflow'));
    expect(summarize(w, 0).edges['edge->api'].responseFlags).toEqual({ UO: 10 });
  });

  it("is Istio's unset at a sidecar: the requests wait for connections and all succeed", () => {
    const { causes } = run('sidecar');
    expect(causes).toEqual(Array(10).fill('ok'));
  });
});
