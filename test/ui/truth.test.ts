// The picture tells the truth (issue 11, item 7), checked on the frames the worker packs: a failed
// try that is retried is not a failed dot, dots are sampled uniformly past MAX_DOTS, links count
// their failed TLS handshakes, and replicas ejected by outlier detection are counted with their
// return time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { dotStride } from '../../src/workers/frame';
import { Counter, DOT_STRIDE, DotFate, EDGE_STRIDE, EdgeField, MAX_DOTS, NODE_STRIDE, NodeField, type Frame } from '../../src/workers/protocol';

const scenario = (name: string) => readFileSync(`scenarios/${name}.json`, 'utf8');

function load(text: string): SimHost {
  const host = new SimHost(() => 0);
  const r = host.load(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return host;
}

const fates = (f: Frame) => {
  const out = { onItsWay: 0, failed: 0, retry: 0 };
  for (let j = 0; j < f.dots.length; j += DOT_STRIDE) {
    const fate = f.dots[j + 3];
    if (fate === DotFate.failed) out.failed++;
    else if (fate === DotFate.retry) out.retry++;
    else out.onItsWay++;
  }
  return out;
};

describe('dot fates', () => {
  it('draws the failed try that a retry saves as a retry, never as a failure, when every call ends ok', () => {
    // Replica 0 answers every request with 503; round robin sends each retry to replica 1, which
    // answers ok: every call succeeds after one failed try.
    const host = load(
      JSON.stringify({
        name: 'saved-by-retry',
        duration: '3s',
        network: { latency: '20ms' },
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 50, target: 'svc', sidecar: true, policy: { retries: { attempts: 2, retryOn: ['5xx'] } } }],
        services: [{ name: 'svc', replicas: 2, sidecar: true, concurrency: 10, serviceTime: '1ms' }],
        faults: [{ type: 'http-abort', service: 'svc', replica: 0, percent: 100, status: 503 }],
      }),
    );
    let failed = 0;
    let retry = 0;
    let last: Frame | null = null;
    for (let t = 0; t < 250; t++) {
      last = host.advance(10, 1e9);
      const f = fates(last);
      failed += f.failed;
      retry += f.retry;
    }
    expect(last!.counters[Counter.failed]).toBe(0);
    expect(last!.counters[Counter.ok]).toBeGreaterThan(100);
    expect(failed).toBe(0);
    // The failed tries' answers and the retries are there, as retries.
    expect(retry).toBeGreaterThan(100);
  });

  it('still draws the answer that fails the call as failed when no retry is left', () => {
    const host = load(
      JSON.stringify({
        name: 'all-fail',
        duration: '2s',
        network: { latency: '20ms' },
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 50, target: 'svc', sidecar: true, policy: { retries: { attempts: 2, retryOn: ['5xx'] } } }],
        services: [{ name: 'svc', sidecar: true, concurrency: 10, serviceTime: '1ms', errorRate: 1 }],
      }),
    );
    const seen = { failed: 0, retry: 0 };
    for (let t = 0; t < 100; t++) {
      const f = fates(host.advance(10, 1e9));
      seen.failed += f.failed;
      seen.retry += f.retry;
    }
    // Three tries per call, two of them retried: about twice as many retry dots as failed ones.
    expect(seen.failed).toBeGreaterThan(20);
    expect(seen.retry).toBeGreaterThan(1.5 * seen.failed);
  });
});

describe('dot sampling', () => {
  it('samples every k-th message past MAX_DOTS, k the least stride that fits', () => {
    expect(dotStride(0)).toBe(1);
    expect(dotStride(MAX_DOTS)).toBe(1);
    expect(dotStride(MAX_DOTS + 1)).toBe(2);
    expect(dotStride(20_000)).toBe(5);
    expect(dotStride(20_001)).toBe(6);
  });

  it('draws 1 in dotEvery messages of every age, not the oldest MAX_DOTS, when more are in flight', () => {
    // 12,000 users each keep a request or its answer on a 100 ms hop: about 12,000 messages in flight.
    const host = load(
      JSON.stringify({
        name: 'busy-wire',
        duration: '2s',
        network: { latency: { type: 'lognormal', median: '100ms', sigma: 0.4 } },
        clients: [{ name: 'c', type: 'closed', users: 12000, thinkTime: { type: 'exponential', mean: '5ms' }, target: 'svc' }],
        services: [{ name: 'svc', concurrency: 10000, serviceTime: '1ms' }],
      }),
    );
    host.advance(600, 1e9);
    const f = host.advance(150, 1e9);
    expect(f.counters[Counter.inFlight]).toBeGreaterThan(11000);
    expect(f.dotEvery).toBeGreaterThan(1);
    const n = f.dots.length / DOT_STRIDE;
    expect(n).toBeLessThanOrEqual(MAX_DOTS);
    expect(n).toBeGreaterThan(0.95 * MAX_DOTS);
    // Progress of the drawn messages spreads over the whole hop: young and old alike.
    const progress: number[] = [];
    for (let j = 0; j < f.dots.length; j += DOT_STRIDE) progress.push(f.dots[j + 1]);
    expect(Math.min(...progress)).toBeLessThan(0.1);
    expect(Math.max(...progress)).toBeGreaterThan(0.9);
  });
});

describe('broken locks and ejected replicas', () => {
  it('counts failed TLS handshakes on the cross-mesh link of two-meshes-direct', () => {
    const host = load(scenario('two-meshes-direct'));
    const f = host.advance(30_000, 1e9);
    const topo = (host as unknown as { world: { topology: { nodes: { mesh: string | null }[]; edges: { from: number; to: number }[] } } }).world.topology;
    let tls = 0;
    topo.edges.forEach((e, i) => {
      const n = f.edges[i * EDGE_STRIDE + EdgeField.tlsFailed];
      tls += n;
      // Only calls from one mesh into the other fail their handshake (the CAs differ).
      if (n > 0) expect(topo.nodes[e.from].mesh).not.toBe(topo.nodes[e.to].mesh);
    });
    // Each failed request failed a handshake at least once on the way (retries try again).
    expect(tls).toBeGreaterThanOrEqual(host.summary().failures['tls-unknown-ca']);
    expect(tls).toBeGreaterThan(0);
  });

  it('counts the inventory replica the proxies eject in mesh-only, with its return time', () => {
    const host = load(scenario('mesh-only'));
    const info = (host as unknown as { world: { topology: { nodes: { id: number; name: string }[] } } }).world.topology;
    const inventory = info.nodes.find((n) => n.name === 'inventory')!.id;
    const before = host.advance(19_000, 1e9);
    expect(before.nodes[inventory * NODE_STRIDE + NodeField.ejected]).toBe(0);
    const after = host.advance(6_000, 1e9);
    expect(after.nodes[inventory * NODE_STRIDE + NodeField.ejected]).toBe(1);
    const back = after.nodes[inventory * NODE_STRIDE + NodeField.ejectedUntil];
    // Ejected for at least baseEjectionTime (30 s) from after the replica hung at 20 s.
    expect(back).toBeGreaterThanOrEqual(50_000);
    expect(back).toBeLessThanOrEqual(after.simTime + 60_000);
  });
});
