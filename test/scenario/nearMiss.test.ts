import { describe, expect, it } from 'vitest';
import { validateScenario, type Problem } from '../../src/scenario';
import { fieldsAt } from '../../src/scenario/nearMiss';
import { scenarioSchema } from '../../src/scenario/schema';

/** A small valid scenario with `patch` laid over it. */
function scenario(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'shop',
    duration: '10s',
    clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
    services: [{ name: 'api', serviceTime: '2ms' }],
    ...patch,
  };
}

/** The message validation gives at `path` (undefined when none is there). */
function messageAt(data: unknown, path: string): string | undefined {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems.find((p: Problem) => p.path === path)?.message;
}

/** The fields every client has, before its type's own. */
const CLIENT = 'name, description, target, timeout, latency, zone, region, external, sidecar, mesh, boundary, certificate, consumer, credentials, host, path, version, headers, policy, flattened';

const withServiceTime = (serviceTime: unknown) => scenario({ services: [{ name: 'api', serviceTime }] });

describe('"did you mean" inside a discriminated union draws on the branch its type selects', () => {
  it("suggests a lognormal's median, not an exponential's mean, for meian in a lognormal distribution", () => {
    // One edit from both `mean` (exponential, normal) and `median` (lognormal): every branch's
    // fields together named `mean`, which a lognormal does not take.
    expect(messageAt(withServiceTime({ type: 'lognormal', meian: '5ms', sigma: 0.5 }), 'services.0.serviceTime.meian')).toBe('unknown field; did you mean median? (fields here: type, median, sigma)');
    expect(messageAt(withServiceTime({ type: 'exponential', meian: '5ms' }), 'services.0.serviceTime.meian')).toBe('unknown field; did you mean mean? (fields here: type, mean)');
  });

  it("suggests no lognormal field (median) for medain in an exponential distribution, which takes only type and mean", () => {
    expect(messageAt(withServiceTime({ type: 'exponential', medain: '5ms' }), 'services.0.serviceTime.medain')).toBe('unknown field (fields here: type, mean)');
    expect(messageAt(withServiceTime({ type: 'exponential', mean: '5ms', sigmaa: 1 }), 'services.0.serviceTime.sigmaa')).toBe('unknown field (fields here: type, mean)');
  });

  it('follows the data through a union to a union below it: a latency fault whose delay is a lognormal', () => {
    const data = scenario({ faults: [{ type: 'latency', service: 'api', delay: { type: 'lognormal', meian: '5ms', sigma: 0.5 } }] });
    expect(messageAt(data, 'faults.0.delay.meian')).toBe('unknown field; did you mean median? (fields here: type, median, sigma)');
  });

  it("suggests service for a fault kind that has one (kill-service), and nothing for packet-loss, which does not", () => {
    const data = scenario({ faults: [{ type: 'kill-service', servcie: 'api' }, { type: 'packet-loss', rate: 0.1, servcie: 'api' }] });
    expect(messageAt(data, 'faults.0.servcie')).toBe('unknown field; did you mean service? (fields here: type, service, at, for)');
    expect(messageAt(data, 'faults.1.servcie')).toBe('unknown field (fields here: type, rate, at, for)');
  });

  it('suggests arrival in an open client only: a closed client has no arrival', () => {
    const open = scenario({ clients: [{ name: 'users', type: 'open', rate: 10, target: 'api', arival: 'constant' }] });
    const closed = scenario({ clients: [{ name: 'users', type: 'closed', users: 5, target: 'api', arival: 'constant' }] });
    expect(messageAt(open, 'clients.0.arival')).toBe(`unknown field; did you mean arrival? (fields here: ${CLIENT}, type, rate, arrival)`);
    expect(messageAt(closed, 'clients.0.arival')).toBe(`unknown field (fields here: ${CLIENT}, type, users, thinkTime)`);
  });

  it('offers every branch where the data selects none (no data, or a type no branch has)', () => {
    const path = ['services', 0, 'serviceTime'];
    const all = fieldsAt(scenarioSchema, path);
    expect([...all].sort()).toEqual(['max', 'mean', 'median', 'min', 'scale', 'shape', 'sigma', 'stddev', 'type', 'value']);
    expect(fieldsAt(scenarioSchema, path, withServiceTime({ type: 'gamma', mean: '1ms' }))).toEqual(all);
    expect([...fieldsAt(scenarioSchema, path, withServiceTime({ type: 'pareto' }))].sort()).toEqual(['scale', 'shape', 'type']);
  });
});

describe('an unknown name gets the near miss an unknown field gets', () => {
  const shop = (patch: Record<string, unknown>) =>
    scenario({
      clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
      services: [{ name: 'api', serviceTime: '2ms', calls: [{ service: 'orders' }] }, { name: 'orders', serviceTime: '2ms' }],
      ...patch,
    });

  it('says "did you mean orders?" for a fault, a change and a client naming "ordrs"', () => {
    expect(messageAt(shop({ faults: [{ type: 'kill-service', service: 'ordrs', at: '1s' }] }), 'faults.0.service')).toBe('unknown service "ordrs"; did you mean orders? (services: api, orders)');
    expect(messageAt(shop({ changes: [{ type: 'policy', service: 'ordrs', at: '1s', policy: { timeout: '1s' } }] }), 'changes.0.service')).toBe('unknown service "ordrs"; did you mean orders? (services: api, orders)');
    expect(messageAt(shop({ clients: [{ name: 'users', type: 'open', rate: 10, target: 'ordrs' }] }), 'clients.0.target')).toBe('unknown service "ordrs"; did you mean orders? (services: api, orders)');
  });

  it('lists the names alone when none is near ("katalog" is two letters from nothing here)', () => {
    expect(messageAt(shop({ faults: [{ type: 'kill-service', service: 'katalog', at: '1s' }] }), 'faults.0.service')).toBe('unknown service "katalog" (services: api, orders)');
  });
});
