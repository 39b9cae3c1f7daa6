import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { scenario } from '../helpers';

/** A sidecar whose passes cost nothing. */
const freeSidecar = { cpuPerPass: '0ms', passLatency: '0ms' };

function world(input: unknown) {
  const s = scenario(input);
  const w = new World(s, s.seed);
  const ended: { cause: string; at: number }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause) => ended.push({ cause, at: w.sim.now }) };
  return { w, ended };
}

const count = (xs: { cause: string }[]) => xs.reduce<Record<string, number>>((t, e) => ((t[e.cause] = (t[e.cause] ?? 0) + 1), t), {});

describe("panic threshold (Envoy's healthy_panic_threshold)", () => {
  /** 100 req/s for 10 s to one replica that always fails, outlier detection at a 100% cap, no retries. */
  const run = (via: 'gateway' | 'sidecar', policy: object = {}) => {
    const od = { retries: { attempts: 0 }, outlierDetection: { maxEjectionPercent: 100 }, ...policy };
    return world({
      name: `panic-${via}`,
      duration: '10s',
      network: { samePod: '0ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 100, target: via === 'gateway' ? 'gw' : 'svc', sidecar: via === 'sidecar' ? freeSidecar : false }],
      services: [{ name: 'svc', replicas: 1, serviceTime: '1ms', errorRate: 1, sidecar: freeSidecar, policy: via === 'sidecar' ? od : undefined }],
      gateways: via === 'gateway' ? [{ name: 'gw', replicas: 1, cpuPerRequest: '0ms', routes: [{ service: 'svc', policy: od }] }] : [],
    });
  };

  it('a gateway (Envoy: 50%) keeps sending to its only, ejected host: every request is http-5xx, 995 in panic', () => {
    const { w } = run('gateway');
    w.runUntil(20_000);
    expect(w.failures.toObject()).toEqual({ 'http-5xx': 1000 });
    // Ejected after the 5th failure: every pick after it is a panic pick.
    expect(w.routes.find((r) => r.policy.outlier)!.ejections[0]).toBe(1);
    const edges = summarize(w, 0).edges;
    expect(edges['gw->svc'].panic).toBe(995);
    expect(edges['c->gw'].panic).toBe(0);
  });

  it('a sidecar (Istio: 0%) answers no-healthy-upstream once its only host is ejected: 5 http-5xx, then 995', () => {
    const { w } = run('sidecar');
    w.runUntil(20_000);
    expect(w.failures.toObject()).toEqual({ 'http-5xx': 5, 'no-healthy-upstream': 995 });
    expect(summarize(w, 0).edges['c->svc'].panic).toBe(0);
  });

  it('policy.healthyPanicThreshold sets it per route: 0 at a gateway gives the sidecar result, 50 at a sidecar the gateway one', () => {
    const gw = run('gateway', { healthyPanicThreshold: 0 }).w;
    gw.runUntil(20_000);
    expect(gw.failures.toObject()).toEqual({ 'http-5xx': 5, 'no-healthy-upstream': 995 });
    const sc = run('sidecar', { healthyPanicThreshold: 50 }).w;
    sc.runUntil(20_000);
    expect(sc.failures.toObject()).toEqual({ 'http-5xx': 1000 });
    expect(summarize(sc, 0).edges['c->svc'].panic).toBe(995);
  });
});

describe('locality-aware load balancing and failover (Istio localityLbSetting)', () => {
  /**
   * A caller in zone-a calls svc: replica 0 in zone-a, replica 1 in zone-b, which always fails.
   * 200 req/s for 20 s, no retries.
   */
  const run = (policy: object, faults: object[] = []) =>
    world({
      name: 'locality',
      duration: '20s',
      network: { samePod: '0ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 200, target: 'svc', zone: 'zone-a', sidecar: freeSidecar }],
      services: [{ name: 'svc', replicas: 2, zones: ['zone-a', 'zone-b'], serviceTime: '1ms', concurrency: 8, sidecar: freeSidecar, policy: { retries: { attempts: 0 }, ...policy } }],
      faults,
    });

  it('without outlier detection the failing zone-b replica takes half the requests (about 50% fail)', () => {
    const { w, ended } = run({});
    w.services[0].replicas[1].errorRate = 1;
    w.runUntil(30_000);
    const failed = ended.filter((e) => e.cause !== 'ok').length / ended.length;
    expect(failed).toBeGreaterThan(0.45);
    expect(failed).toBeLessThan(0.55);
  });

  it('with outlier detection the caller stays in its zone: nothing fails and zone-b gets nothing', () => {
    const { w, ended } = run({ outlierDetection: {} });
    w.services[0].replicas[1].errorRate = 1;
    w.runUntil(30_000);
    expect(count(ended)).toEqual({ ok: 4000 });
    expect(w.services[0].replicas[1].served).toBe(0);
  });

  it('localityLbSetting.enabled false spreads over both zones again: half fail until the zone-b replica is ejected', () => {
    const { w, ended } = run({ outlierDetection: { maxEjectionPercent: 50 }, localityLbSetting: { enabled: false } });
    w.services[0].replicas[1].errorRate = 1;
    w.runUntil(30_000);
    // Least request over both: 5 consecutive errors eject it early, then back every 30 s x n.
    expect(w.services[0].replicas[1].served).toBeGreaterThan(4);
    expect(ended.filter((e) => e.cause !== 'ok').length).toBe(w.services[0].replicas[1].served);
  });

  it('fails over to zone-b while the zone-a replica is down, and comes back when it returns', () => {
    // Both healthy; replica 0 (zone-a) is killed from 5 s to 10 s.
    const { w, ended } = run({ outlierDetection: { consecutive5xx: 1, interval: '1s', baseEjectionTime: '1s', maxEjectionPercent: 50 } }, [
      { type: 'kill-replica', service: 'svc', replica: 0, at: '5s', for: '5s' },
    ]);
    const servedAt = (t: number) => {
      w.runUntil(t);
      return w.services[0].replicas.map((r) => r.served);
    };
    // Before: every request stays in zone-a.
    expect(servedAt(5000)[1]).toBe(0);
    // During: zone-b takes them (a connect failure or two first, before ejection or the control plane).
    const at5 = servedAt(5000);
    const at10 = servedAt(10_000);
    expect(at10[1] - at5[1]).toBeGreaterThan(900);
    // After: back in zone-a once it is up and known again.
    const at12 = servedAt(12_000);
    const at20 = servedAt(20_000);
    expect(at20[1] - at12[1]).toBe(0);
    expect(at20[0] - at12[0]).toBe(1600);
    expect(ended.filter((e) => e.cause !== 'ok').length).toBeLessThan(5);
  });
});
