import { describe, expect, it } from 'vitest';
import { formatProblems, validateScenario, type Problem } from '../../src/scenario';
import { expectedRequests, meanOf, responseBounds } from '../../src/scenario/work';

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems;
}

function valid(data: unknown) {
  const r = validateScenario(data);
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.scenario;
}

/** The case: 10 users, think time 0, calling a service whose service time is 0, for 10 s. */
function zeroTime(): any {
  return {
    name: 'spin',
    duration: '10s',
    clients: [{ name: 'users', type: 'closed', users: 10, thinkTime: '0ms', target: 'api' }],
    services: [
      { name: 'api', serviceTime: '0ms', calls: [{ service: 'db' }] },
      { name: 'db', serviceTime: { type: 'uniform', min: '0ms', max: '2ms' } },
    ],
  };
}

describe('a closed loop where time cannot advance', () => {
  it('is refused at the client\'s thinkTime, naming the services on its way', () => {
    expect(problemsOf(zeroTime())).toEqual([
      {
        path: 'clients.0.thinkTime',
        message:
          'is always 0, and a request to "api" can be answered in no simulated time (service time, gateway CPU, sidecar passes and network latency can all be 0 on its way through api, db): its 10 users would send again at the same instant for ever and the clock would never advance; give thinkTime, a service time or the network latency a least value above 0',
      },
    ]);
  });

  it.each([
    ['a think time of {uniform 0..0}', (d: any) => (d.clients[0].thinkTime = { type: 'uniform', min: 0, max: 0 })],
    ['a sidecar with its default (lognormal) costs', (d: any) => (d.services[0].sidecar = true)],
    ['network placement, whose lognormal latencies have no least value', (d: any) => (d.network = { placement: {} })],
    ['a call made only sometimes, which may be skipped', (d: any) => (d.services[0].calls = [{ service: 'db', probability: 0.5, latency: '1ms' }])],
  ])('is refused with %s', (_, change) => {
    const d = zeroTime();
    change(d);
    expect(problemsOf(d).map((p) => p.path)).toEqual(['clients.0.thinkTime']);
  });

  it.each([
    ['a think time that is only often small (exponential)', (d: any) => (d.clients[0].thinkTime = { type: 'exponential', mean: '1ms' })],
    ['a least service time above 0 further down', (d: any) => (d.services[1].serviceTime = { type: 'uniform', min: '0.1ms', max: '2ms' })],
    ['a flat network latency of 1 ms', (d: any) => (d.network = { latency: '1ms' })],
    ["the client's own latency", (d: any) => (d.clients[0].latency = { type: 'pareto', scale: '0.1ms', shape: 2 })],
    ['a sidecar pass that costs CPU', (d: any) => (d.services[1].sidecar = { cpuPerPass: '0.01ms' })],
    ['gateway CPU on the way', (d: any) => {
      d.gateways = [{ name: 'edge', cpuPerRequest: '0.1ms', routes: [{ service: 'api' }] }];
      d.clients[0].target = 'edge';
    }],
  ])('is accepted with %s', (_, change) => {
    const d = zeroTime();
    change(d);
    valid(d);
  });

  it('through a gateway, takes its nearest route: a zero-time target is enough', () => {
    const d = zeroTime();
    d.services.push({ name: 'slow', serviceTime: '5ms' });
    d.gateways = [{ name: 'edge', cpuPerRequest: '0ms', routes: [{ service: 'slow', match: { pathPrefix: '/slow' } }, { service: 'db' }] }];
    d.clients[0].target = 'edge';
    const ps = problemsOf(d);
    expect(ps.map((p) => p.path)).toEqual(['clients.0.thinkTime']);
    expect(ps[0].message).toContain('on its way through edge, db)');
  });
});

describe('closed loops of any size', () => {
  const closed = (users: number, duration: string, thinkTime: unknown = { type: 'exponential', mean: '1s' }) => ({
    name: 'load',
    duration,
    clients: [{ name: 'users', type: 'closed', users, thinkTime, target: 'api' }],
    services: [{ name: 'api', serviceTime: '1ms' }],
  });

  it('estimates a closed loop as users × duration / (mean think + least response)', () => {
    const s = valid(closed(100, '10s', '9ms'));
    // 100 users × 10,000 ms / (9 ms think + 1 ms service) = 100,000 requests.
    expect(expectedRequests(s)).toBeCloseTo(100_000, 6);
    expect(responseBounds(s)(s.clients[0]).ms).toBe(1);
  });

  it('refuses 1,000,000 users for a year like an open loop, naming the client and its figures', () => {
    expect(problemsOf(closed(1_000_000, '8760h'))).toEqual([
      {
        path: 'clients',
        message:
          'would send about 31,504,495,504,496 requests over the duration, more than 50,000,000 (a run of many minutes); most from clients.0 ("users": 1,000,000 users, each sending again after its answer (at least 1.00 ms) and a think time (mean 1.00 s)); lower a rate or the users, or shorten the duration',
      },
    ]);
  });

  it('refuses 1,000,000 users for 1,000,000 hours at the duration, past a year', () => {
    expect(problemsOf(closed(1_000_000, '1000000h'))).toEqual([{ path: 'duration', message: 'must be at most 8760h (one year of simulated time), got "1000000h"' }]);
  });

  it('counts open and closed loops together', () => {
    const d: any = closed(1000, '1000s', '9ms'); // 1000 × 1,000,000 ms / 10 ms = 100M alone
    expect(problemsOf(d)[0].message).toMatch(/^would send about 100,000,000 requests/);
    d.clients[0].users = 400; // 40M closed + 20M open
    d.clients.push({ name: 'web', type: 'open', rate: 20_000, target: 'api' });
    expect(problemsOf(d)[0].message).toMatch(/^would send about 60,000,000 requests .* most from clients.0 \("users": 400 users/);
  });

  it('takes the mean of a normal think time as the engine draws it, cut at zero', () => {
    // Normal(0, 10 ms) cut at 0 has mean 10/√(2π) ≈ 3.989 ms, not 0.
    expect(meanOf({ type: 'normal', mean: 0, stddev: 10 })).toBeCloseTo(3.98942, 4);
    expect(meanOf({ type: 'normal', mean: 100, stddev: 1 })).toBeCloseTo(100, 6);
  });
});

describe('a call loop through a gateway', () => {
  const withGateway = (): any => ({
    name: 'loop',
    duration: '10s',
    clients: [{ name: 'users', type: 'open', rate: 10, target: 'a' }],
    services: [
      { name: 'a', serviceTime: '1ms', calls: [{ service: 'g' }] },
      { name: 'b', serviceTime: '1ms' },
    ],
    gateways: [{ name: 'g', routes: [{ service: 'a' }] }],
  });

  it('is refused when a service calls a gateway that routes back to it, naming the loop a -> g -> a', () => {
    expect(problemsOf(withGateway())).toEqual([{ path: 'services.0.calls', message: 'calls and gateway routes form a loop: a -> g -> a' }]);
  });

  it('is refused through a canary target, starting at a service', () => {
    const d = withGateway();
    d.gateways[0].routes = [{ service: 'a', canary: [{ service: 'a', weight: 90 }, { service: 'c', weight: 10 }] }];
    d.services[0].calls = [];
    d.services[1].calls = [{ service: 'g' }];
    d.services.push({ name: 'c', serviceTime: '1ms', calls: [{ service: 'b' }] });
    d.clients[0].target = 'c';
    expect(problemsOf(d)).toEqual([{ path: 'services.1.calls', message: 'calls and gateway routes form a loop: b -> g -> c -> b' }]);
  });

  it('accepts a gateway between services that do not come back (egress)', () => {
    const d = withGateway();
    d.gateways[0].routes = [{ service: 'b' }];
    valid(d);
  });
});

describe('messages', () => {
  it('say "none" for an empty list of services', () => {
    const ps = problemsOf({ name: 'x', clients: [{ name: 'c', type: 'open', rate: 1, target: 'api' }], services: [] });
    expect(ps).toContainEqual({ path: 'clients.0.target', message: 'unknown service "api" (services: none)' });
  });
});
