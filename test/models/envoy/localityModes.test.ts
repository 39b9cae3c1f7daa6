import { describe, expect, it } from 'vitest';
import { World } from '../../../src/models';
import { formatProblems, validateScenario } from '../../../src/scenario';
import { scenario } from '../helpers';

/** A sidecar whose passes cost nothing. */
const freeSidecar = { cpuPerPass: '0ms', passLatency: '0ms' };

/**
 * A caller in region-1/zone-a sends 200 req/s for 20 s (4,000 requests) to svc, one replica per
 * entry of `zones`, with `policy` (no retries).
 */
function run(zones: string[], policy: object, faults: object[] = []) {
  const s = scenario({
    name: 'locality-modes',
    duration: '20s',
    network: { samePod: '0ms' },
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 200, target: 'svc', zone: 'zone-a', region: 'region-1', sidecar: freeSidecar }],
    services: [{ name: 'svc', replicas: zones.length, zones, region: 'region-1', serviceTime: '1ms', concurrency: 8, sidecar: freeSidecar, policy: { retries: { attempts: 0 }, ...policy } }],
    faults,
  });
  const w = new World(s, s.seed);
  let ok = 0;
  w.observer = { transmit() {}, requestEnded: (_c, cause) => void (cause === 'ok' && ok++) };
  const served = (t: number) => {
    w.runUntil(t);
    return w.services[0].replicas.map((r) => r.served);
  };
  return { w, served, ok: () => ok };
}

describe("Istio's localityLbSetting.distribute: locality weights from the caller's locality", () => {
  it('sends 70/20/10% to zones a, b and c (within 4 standard deviations of 4,000 draws) and nothing to an unlisted zone d, without outlier detection', () => {
    const { served, ok } = run(['zone-a', 'zone-b', 'zone-c', 'zone-d'], {
      localityLbSetting: { distribute: [{ from: 'region-1/zone-a/*', to: { 'region-1/zone-a': 70, 'region-1/zone-b': 20, 'region-1/zone-c': 10 } }] },
    });
    const [a, b, c, d] = served(30_000);
    expect(a + b + c + d).toBe(4000);
    expect(ok()).toBe(4000);
    // Binomial standard deviations over 4,000 picks: 29 at 70%, 25 at 20%, 19 at 10%.
    expect(Math.abs(a - 2800)).toBeLessThan(116);
    expect(Math.abs(b - 800)).toBeLessThan(100);
    expect(Math.abs(c - 400)).toBeLessThan(76);
    expect(d).toBe(0);
  });

  it("a wildcard entry splits its weight over the zones it matches that no earlier entry took: a 50, b and c 25 each", () => {
    const { served } = run(['zone-a', 'zone-b', 'zone-c'], { localityLbSetting: { distribute: [{ from: '*', to: { 'region-1/zone-a': 50, 'region-1/*': 50 } }] } });
    const [a, b, c] = served(30_000);
    // Standard deviations: 32 at 50%, 27 at 25%.
    expect(Math.abs(a - 2000)).toBeLessThan(128);
    expect(Math.abs(b - 1000)).toBeLessThan(108);
    expect(Math.abs(c - 1000)).toBeLessThan(108);
  });

  it('a rule for another caller locality leaves one set of every host: least request spreads evenly', () => {
    const { served } = run(['zone-a', 'zone-b'], { localityLbSetting: { distribute: [{ from: 'region-2', to: { 'region-1/zone-a': 100 } }] } });
    const [a, b] = served(30_000);
    expect(a + b).toBe(4000);
    expect(Math.abs(a - 2000)).toBeLessThan(200);
  });
});

describe("Istio's localityLbSetting.failover: the named region before the other regions", () => {
  // Replica 0 in the caller's region, 1 in region-2, 2 in region-3; replica 0 is killed from 5 s to 10 s.
  const zones = ['zone-a', 'region-2/zone-a', 'region-3/zone-a'];
  const od = { outlierDetection: { consecutive5xx: 1, interval: '1s', baseEjectionTime: '1s', maxEjectionPercent: 50 } };
  const kill = [{ type: 'kill-replica', service: 'svc', replica: 0, at: '5s', for: '5s' }];

  it('fails over to region-3, as failover names it, and never to region-2; comes back when the local replica returns', () => {
    const { served } = run(zones, { ...od, localityLbSetting: { failover: [{ from: 'region-1', to: 'region-3' }] } }, kill);
    expect(served(5000)).toEqual([1000, 0, 0]);
    const at10 = served(10_000);
    expect(at10[1]).toBe(0);
    expect(at10[2]).toBeGreaterThan(900);
    const at12 = served(12_000);
    const at20 = served(20_000);
    expect(at20[0] - at12[0]).toBe(1600);
    expect([at20[1], at20[2] - at12[2]]).toEqual([0, 0]);
  });

  it('without failover both other regions are one priority: the failed-over load is split between them', () => {
    const { served } = run(zones, od, kill);
    const at10 = served(10_000);
    expect(at10[1]).toBeGreaterThan(300);
    expect(at10[2]).toBeGreaterThan(300);
  });

  it('a zone written region/zone puts that replica in the named region', () => {
    const { w } = run(zones, {});
    expect(w.services[0].hosts.map((h) => [w.network.hosts[h].region, w.network.hosts[h].zone])).toEqual([
      ['region-1', 'zone-a'],
      ['region-2', 'zone-a'],
      ['region-3', 'zone-a'],
    ]);
  });
});

describe('localityLbSetting validation', () => {
  const problems = (lb: object, zones: string[] = ['zone-a']) => {
    const r = validateScenario({
      name: 'v',
      duration: '1s',
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '1ms', zones, policy: { localityLbSetting: lb } }],
    });
    return r.ok ? '' : formatProblems(r.problems);
  };

  it('distribute weights must add up to 100, as Istio requires', () => {
    expect(problems({ distribute: [{ from: '*', to: { 'region-1/zone-a': 70, 'region-1/zone-b': 20 } }] })).toContain(
      'services.0.policy.localityLbSetting.distribute.0.to: weights must add up to 100, as Istio requires; got 90',
    );
  });

  it('distribute and failover cannot both be set', () => {
    expect(problems({ distribute: [{ from: '*', to: { '*': 100 } }], failover: [{ from: 'region-1', to: 'region-2' }] })).toContain(
      'services.0.policy.localityLbSetting.failover: cannot be set with distribute: Istio allows one of them (distribute replaces the failover priorities)',
    );
  });

  it('failover must name another region, once per region', () => {
    const p = problems({ failover: [{ from: 'region-1', to: 'region-1' }, { from: 'region-1', to: 'region-2' }] });
    expect(p).toContain('services.0.policy.localityLbSetting.failover.0.to: must be another region than from ("region-1"), as Istio requires');
    expect(p).toContain('services.0.policy.localityLbSetting.failover.1.from: region "region-1" already fails over in an earlier entry: one target region per region');
  });

  it('a locality is region, region/zone or *, and a zone entry zone or region/zone', () => {
    expect(problems({ distribute: [{ from: 'a/b/c/d', to: { '*': 100 } }] })).toContain('services.0.policy.localityLbSetting.distribute.0.from: must be a locality');
    expect(problems({}, ['r/z/x'])).toContain("services.0.zones.0: must be a zone, or region/zone (that zone in another region than the service's)");
  });
});
