import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { loadText, nearCapacity, offeredLoad, replicasFor, validateScenario, type Scenario } from '../../src/scenario';
import { scenarioFile } from '../models/helpers';

function scenario(data: Record<string, unknown>): Scenario {
  const r = validateScenario({ name: 't', duration: '20s', ...data });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/** users at `rate` req/s -> gateway api -> front (2 replicas x 4 workers, 10 ms) -> db at probability 0.5, 1 replica x 2 workers at 5 ms. */
const shop = (rate: number, extra: Record<string, unknown> = {}) =>
  scenario({
    clients: [{ name: 'users', type: 'open', rate, target: 'api' }, { name: 'batch', type: 'closed', users: 500, thinkTime: '1ms', target: 'db' }],
    gateways: [{ name: 'api', replicas: 1, concurrency: 2, cpuPerRequest: '1ms', routes: [{ match: { pathPrefix: '/shop' }, service: 'front' }, { service: 'front', canary: [{ service: 'front', weight: 3 }, { service: 'front-v2', weight: 1 }] }] }],
    services: [
      { name: 'front', replicas: 2, concurrency: 4, serviceTime: '10ms', calls: [{ service: 'db', probability: 0.5 }] },
      { name: 'front-v2', serviceTime: '10ms', calls: [{ service: 'db' }] },
      { name: 'db', replicas: 1, concurrency: 2, serviceTime: { type: 'exponential', mean: '5ms' } },
    ],
    ...extra,
  });

describe('offered load against capacity (replicas x concurrency / mean service time)', () => {
  it('mm1: 500 req/s at a server of 1 ms is 50% of its 1,000 req/s, the utilisation the run measures (0.503)', () => {
    const s = scenarioFile('mm1.json');
    const [l] = offeredLoad(s);
    expect(l).toMatchObject({ kind: 'service', name: 'server', offeredPerS: 500, capacityPerS: 1000, utilization: 0.5 });
    expect(runScenario({ ...s, duration: 20_000 }).summary.services.server.utilization).toBeCloseTo(0.5, 1);
    expect(nearCapacity(s)).toEqual([]);
  });

  it('follows a gateway canary by weight and a call by its probability; a closed loop is left out: front 240 + front-v2 80, db 200 req/s', () => {
    const loads = Object.fromEntries(offeredLoad(shop(320)).map((l) => [l.name, l]));
    // Path / takes the canary route: 3/4 to front, 1/4 to front-v2; db gets half of front's and all of front-v2's.
    expect(loads.front).toMatchObject({ offeredPerS: 240, capacityPerS: 800, utilization: 0.3 });
    expect(loads['front-v2']).toMatchObject({ offeredPerS: 80, capacityPerS: 100, utilization: 0.8 });
    expect(loads.db).toMatchObject({ offeredPerS: 200, capacityPerS: 400 });
    expect(loads.db.from).toEqual([{ client: 'users', perS: 200 }]);
    expect(loads.api).toMatchObject({ kind: 'gateway', offeredPerS: 320, capacityPerS: 2000 });
  });

  it('warns from 90%: front-v2 at 90 of 100 req/s is near capacity, at 89 it is not; the words name the rate, the capacity and what makes it', () => {
    expect(nearCapacity(shop(356)).map((l) => l.name)).toEqual([]);
    const [l] = nearCapacity(shop(360));
    expect(l.name).toBe('front-v2');
    expect(loadText(l)).toBe('front-v2 is offered 90 req/s, 90% of its capacity of 100 req/s (1 replica × 1 worker / 10 ms mean service time)');
    expect(replicasFor(l)).toBe(2);
  });

  it('a request no gateway route matches goes no further: users on host other.shop with every route matching a host reach the gateway only', () => {
    const s = scenario({
      clients: [{ name: 'users', type: 'open', rate: 100, target: 'api', host: 'other.shop' }],
      gateways: [{ name: 'api', routes: [{ match: { host: 'shop' }, service: 'front' }] }],
      services: [{ name: 'front', serviceTime: '50ms' }],
    });
    expect(offeredLoad(s).map((l) => l.name)).toEqual(['api']);
  });
});
