import { describe, expect, it } from 'vitest';
import { World, summarize, type WorldObserver } from '../../src/models';
import type { Scenario } from '../../src/scenario';
import { relErr, scenario, scenarioFile } from './helpers';

/** Recounts every request's fate from the observer hook, independently of the world's counters. */
class FateCounter implements WorldObserver {
  ended = 0;
  ok = 0;
  okAfterWarmup = 0;
  okLatencySum = 0;
  readonly byCause = new Map<string, number>();

  constructor(private readonly world: World) {}

  transmit(): void {}

  requestEnded(_client: number, cause: string, latencyMs: number): void {
    this.ended++;
    if (cause === 'ok') {
      this.ok++;
      if (this.world.sim.now - latencyMs >= this.world.warmup) {
        this.okAfterWarmup++;
        this.okLatencySum += latencyMs;
      }
    } else {
      this.byCause.set(cause, (this.byCause.get(cause) ?? 0) + 1);
    }
  }
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Checks the request accounting against independent recounts. Returns the first broken rule,
 * or null. `timeouts` says whether timed-out requests may still hold their records.
 */
function accountingProblem(world: World, fates: FateCounter, timeouts: boolean): string | null {
  const t = world.sim.now.toFixed(3);
  const clientSent = sum(world.clients.map((c) => c.sent));
  if (world.sent !== clientSent) return `t=${t}: world sent ${world.sent}, clients sent ${clientSent}`;
  if (world.sent !== world.ok + world.failed + world.inFlight) return `t=${t}: sent != ok + failed + inFlight`;
  if (world.inFlight < 0) return `t=${t}: inFlight ${world.inFlight} < 0`;
  if (fates.ended !== world.ok + world.failed) return `t=${t}: ${fates.ended} fates observed, world says ${world.ok + world.failed}`;
  if (fates.ok !== world.ok) return `t=${t}: ${fates.ok} ok observed, world says ${world.ok}`;
  if (world.failures.total !== world.failed) return `t=${t}: failures tally ${world.failures.total} != failed ${world.failed}`;
  for (const [cause, n] of fates.byCause) {
    if (world.failures.get(cause) !== n) return `t=${t}: ${n} ${cause} observed, tally says ${world.failures.get(cause)}`;
  }
  // Every live request holds its root call, so there are never fewer live calls than requests. An untraced request
  // in a world without client timeouts has no Request record: its root call (requestId -1) is its record.
  const clientIds = new Set(world.clients.map((c) => c.id));
  let roots = 0;
  world.calls.forEachLive((c) => {
    if (c.requestId < 0 && clientIds.has(c.caller)) roots++;
  });
  const records = world.requests.inUse + roots;
  if (world.calls.inUse < records) return `t=${t}: ${world.calls.inUse} calls < ${records} requests`;
  if (timeouts ? records < world.inFlight : records !== world.inFlight) {
    return `t=${t}: ${records} request records for ${world.inFlight} requests in flight`;
  }
  if (sum(world.sentPerSecond.toArray()) !== world.sent) return `t=${t}: sent per second does not add up to sent`;
  if (sum(world.okPerSecond.toArray()) !== world.ok) return `t=${t}: ok per second does not add up to ok`;
  if (sum(world.failedPerSecond.toArray()) !== world.failed) return `t=${t}: failed per second does not add up to failed`;
  if (world.latency.count !== fates.okAfterWarmup) return `t=${t}: latency histogram has ${world.latency.count}, observed ${fates.okAfterWarmup}`;
  if (relErr(world.latency.sum, fates.okLatencySum) > 1e-9 && fates.okLatencySum > 0) return `t=${t}: latency sums differ`;
  return null;
}

/**
 * Runs a scenario to its duration in one-second steps checking the accounting at each, then
 * lets in-flight requests drain. Returns the world and the first problem found (or null).
 */
function runChecked(s: Scenario, options: { timeouts?: boolean; drainMs?: number } = {}) {
  const world = new World(s, s.seed);
  const fates = new FateCounter(world);
  world.observer = fates;
  world.start();
  let problem: string | null = null;
  for (let t = 1000; t <= world.duration && !problem; t += 1000) {
    world.sim.runUntil(t);
    problem = accountingProblem(world, fates, options.timeouts ?? false);
  }
  const atDuration = summarize(world, 0);
  world.sim.runUntil(world.duration + (options.drainMs ?? 60_000));
  problem ??= accountingProblem(world, fates, options.timeouts ?? false);
  return { world, fates, problem, atDuration };
}

/** After draining: nothing in flight, no record or event left behind, and no new sends. */
function expectDrained(world: World, sentAtDuration: number) {
  expect(world.sent).toBe(sentAtDuration);
  expect(world.inFlight).toBe(0);
  expect(world.ok + world.failed).toBe(world.sent);
  expect(world.requests.inUse).toBe(0);
  expect(world.calls.inUse).toBe(0);
  expect(world.attempts.inUse).toBe(0);
  // Nothing is left but each sidecar's certificate timers (a renewal and an expiry check).
  expect(world.sim.pending).toBe(2 * world.sidecars.filter((sc) => !sc.inline).length);
  for (const svc of world.services) {
    for (const r of svc.replicas) {
      expect(r.busy).toBe(0);
      expect(r.queued).toBe(0);
    }
  }
}

describe('every request has one fate (conservation)', () => {
  it('hello-mesh: sent = ok + failed + in flight throughout, and everything drains', () => {
    const { world, problem, atDuration } = runChecked(scenarioFile('hello-mesh.json'));
    expect(problem).toBeNull();
    expect(atDuration.requests.inFlight).toBeGreaterThan(0);
    expectDrained(world, atDuration.requests.sent);
  });

  it('a tiny queue: queue-full failures at two layers are counted once each, and everything drains', () => {
    const s = scenario({
      name: 'tiny-queue',
      seed: 3,
      duration: '20s',
      network: { latency: { type: 'uniform', min: '0.1ms', max: '0.3ms' } },
      clients: [{ name: 'load', type: 'open', rate: 1500, target: 'edge' }],
      services: [
        { name: 'edge', concurrency: 2, queueCapacity: 1, serviceTime: { type: 'exponential', mean: '1ms' }, calls: [{ service: 'backend' }] },
        { name: 'backend', concurrency: 1, queueCapacity: 0, serviceTime: { type: 'exponential', mean: '0.8ms' } },
      ],
    });
    const { world, problem, atDuration } = runChecked(s);
    expect(problem).toBeNull();
    // The backend's refusals reach the client with their cause, beside the edge's own.
    expect(world.failures.toObject()).toEqual({ 'queue-full': world.failed });
    expect(world.services[1].failed).toBeGreaterThan(0);
    expect(world.services[0].failed).toBeGreaterThan(world.services[1].failed);
    expectDrained(world, atDuration.requests.sent);
    // A request is ok exactly when the backend answered it ok: no failure is lost on the way up.
    expect(world.ok).toBe(world.services[1].ok);
    expect(world.failed).toBe(world.services[0].failed);
  });

  it('client timeouts shorter than the service time: each request ends once, late answers are dropped, nothing leaks', () => {
    const s = scenario({
      name: 'timeouts',
      seed: 4,
      duration: '20s',
      network: { latency: '0.2ms' },
      clients: [{ name: 'impatient', type: 'open', rate: 150, target: 'front', timeout: '6ms' }],
      services: [
        { name: 'front', concurrency: 4, serviceTime: { type: 'exponential', mean: '2ms' }, calls: [{ service: 'slow' }] },
        { name: 'slow', concurrency: 2, serviceTime: { type: 'exponential', mean: '5ms' } },
      ],
    });
    const { world, problem, atDuration } = runChecked(s, { timeouts: true });
    expect(problem).toBeNull();
    expect(world.failures.get('timeout')).toBeGreaterThan(0.2 * world.sent);
    expect(world.ok).toBeGreaterThan(0.2 * world.sent);
    // No ok request took longer than the timeout: a late answer never counts.
    expect(world.latency.max).toBeLessThanOrEqual(6);
    expectDrained(world, atDuration.requests.sent);
  });

  it('every request times out when the service is slower than the timeout', () => {
    const s = scenario({
      name: 'all-timeouts',
      duration: '5s',
      clients: [{ name: 'c', type: 'open', rate: 50, arrival: 'constant', target: 'svc', timeout: '10ms' }],
      services: [{ name: 'svc', concurrency: 100, serviceTime: '50ms' }],
    });
    const { world, problem, atDuration } = runChecked(s, { timeouts: true });
    expect(problem).toBeNull();
    expect(world.sent).toBe(250);
    expect(world.failures.toObject()).toEqual({ timeout: 250 });
    // The service still did the work: its answers arrived after the client gave up.
    expect(world.services[0].ok).toBe(250);
    expectDrained(world, atDuration.requests.sent);
  });

  it('errors at two depths surface as http-5xx, counted once per request, and everything drains', () => {
    const s = scenario({
      name: 'errors',
      seed: 5,
      duration: '30s',
      network: { latency: { type: 'exponential', mean: '0.3ms' } },
      clients: [{ name: 'load', type: 'open', rate: 400, target: 'api' }],
      services: [
        {
          name: 'api',
          replicas: 2,
          concurrency: 4,
          errorRate: 0.02,
          serviceTime: { type: 'lognormal', median: '1ms', sigma: 0.5 },
          calls: [{ service: 'users' }, { service: 'orders', probability: 0.5 }],
          callMode: 'parallel',
        },
        { name: 'users', concurrency: 4, errorRate: 0.05, serviceTime: { type: 'exponential', mean: '1ms' }, calls: [{ service: 'db' }] },
        { name: 'orders', concurrency: 4, errorRate: 0.1, loadBalancer: 'random', replicas: 3, serviceTime: { type: 'exponential', mean: '2ms' } },
        { name: 'db', concurrency: 8, errorRate: 0.01, serviceTime: { type: 'exponential', mean: '0.5ms' } },
      ],
    });
    const { world, problem, atDuration } = runChecked(s);
    expect(problem).toBeNull();
    expect(world.failures.toObject()).toEqual({ 'http-5xx': world.failed });
    // A request fails if any layer it touches fails. api errors before calling anyone, so:
    // P(ok) = 0.98 * (0.95 * 0.99) * (1 - 0.5 * 0.1) = 0.8756.
    const pOk = 0.98 * (0.95 * 0.99) * (1 - 0.5 * 0.1);
    // SE of the share over ~12k requests: 0.003.
    expect(Math.abs(world.ok / world.sent - pOk)).toBeLessThan(0.015);
    expectDrained(world, atDuration.requests.sent);
  });

  it('a mesh under stress (retries, per-try and route timeouts, circuit breakers, ejections, faults, loss, mTLS refusals) keeps the books and drains', () => {
    const s = scenario({
      name: 'stress',
      seed: 8,
      duration: '20s',
      network: { placement: {}, loss: 0.01 },
      clients: [
        { name: 'users', type: 'open', rate: 300, target: 'gw', timeout: '300ms', sidecar: true },
        { name: 'outsider', type: 'open', rate: 20, target: 'flaky' },
        // Meshed, on Istio's default retries (503 only): flaky's 500s reach it as http-5xx.
        { name: 'insider', type: 'open', rate: 20, target: 'flaky', sidecar: true },
      ],
      services: [
        {
          name: 'gw',
          replicas: 2,
          concurrency: 16,
          sidecar: true,
          serviceTime: { type: 'exponential', mean: '1ms' },
          calls: [
            {
              service: 'flaky',
              policy: {
                timeout: '50ms',
                retries: { attempts: 3, perTryTimeout: '10ms', retryOn: ['5xx', 'reset', 'connect-failure', 'gateway-error'] },
                circuitBreaker: { maxRequests: 20, maxPendingRequests: 5 },
                outlierDetection: { consecutive5xx: 3, interval: '1s', baseEjectionTime: '2s', maxEjectionPercent: 50 },
                fault: { delay: { percent: 10, fixed: '20ms' }, abort: { percent: 5, status: 503 } },
              },
            },
          ],
        },
        { name: 'flaky', replicas: 3, concurrency: 2, queueCapacity: 3, sidecar: true, mtls: 'STRICT', errorRate: 0.2, serviceTime: { type: 'exponential', mean: '3ms' } },
      ],
    });
    const { world, problem, atDuration } = runChecked(s, { timeouts: true });
    expect(problem).toBeNull();
    // The stress really happened: several kinds of failure.
    expect(Object.keys(world.failures.toObject()).length).toBeGreaterThanOrEqual(3);
    expect(world.ok).toBeGreaterThan(0);
    expectDrained(world, atDuration.requests.sent);
  });

  it('a closed loop with timeouts and errors keeps the books and drains', () => {
    const s = scenario({
      name: 'closed',
      seed: 6,
      duration: '30s',
      clients: [{ name: 'users', type: 'closed', users: 25, thinkTime: { type: 'exponential', mean: '20ms' }, target: 'svc', timeout: '8ms' }],
      services: [{ name: 'svc', concurrency: 2, errorRate: 0.05, serviceTime: { type: 'exponential', mean: '2ms' } }],
    });
    const { world, problem, atDuration } = runChecked(s, { timeouts: true });
    expect(problem).toBeNull();
    expect(world.failures.get('timeout')).toBeGreaterThan(0);
    expect(world.failures.get('http-5xx')).toBeGreaterThan(0);
    expectDrained(world, atDuration.requests.sent);
  });
});

describe('closed-loop clients', () => {
  it('obey the interactive response time law: throughput = N / (R + Z) within 3%', () => {
    // 20 users thinking 10 ms on average against one exponential 1 ms server: heavily loaded.
    const users = 20;
    const Z = 10;
    const s = scenario({
      name: 'interactive',
      seed: 1,
      duration: '300s',
      warmup: '5s',
      clients: [{ name: 'users', type: 'closed', users, thinkTime: { type: 'exponential', mean: `${Z}ms` }, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: { type: 'exponential', mean: '1ms' } }],
    });
    const world = new World(s, s.seed);
    world.runUntil();
    const perSecond = world.okPerSecond.toArray().slice(s.warmup / 1000, s.duration / 1000);
    const X = sum(perSecond) / (s.duration - s.warmup); // per ms
    const R = world.latency.mean;
    expect(relErr(X, users / (R + Z))).toBeLessThan(0.03);
    // The server is nearly saturated, so throughput is close to (and below) mu = 1 per ms.
    expect(X).toBeLessThan(1);
    expect(X).toBeGreaterThan(0.9);
  });

  it('with one user and constant times, send one request per (service time + think time)', () => {
    const s = scenario({
      name: 'one-user',
      duration: '1s',
      clients: [{ name: 'u', type: 'closed', users: 1, thinkTime: '9ms', target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '1ms' }],
    });
    const world = new World(s, s.seed);
    world.runUntil();
    // Sends at 9, 19, 29, ..., 999 ms: 100 of them; the last answer comes at exactly 1 s.
    expect(world.sent).toBe(100);
    expect(world.ok).toBe(100);
    expect(world.latency.min).toBe(1);
    expect(world.latency.max).toBe(1);
  });
});

describe('random streams per actor, seen from a whole world', () => {
  const hello = scenarioFile('hello-mesh.json');
  const figures = (w: World) => {
    const s = summarize(w, 0);
    return { frontend: s.services.frontend, catalog: s.services.catalog, cart: s.services.cart };
  };
  const run = (s: Scenario) => {
    const w = new World(s, 7);
    w.runUntil();
    return w;
  };

  it('adding an unconnected service (shifting every actor id) changes none of the other figures', () => {
    const base = run(hello);
    // Plain, so it adds no sidecar (a sidecar would add its own control-plane events).
    const idle = { ...hello.services[0], name: 'idle', calls: [], sidecar: false, mtls: 'PERMISSIVE' as const, policy: undefined };
    const withIdle = run({ ...hello, services: [idle, ...hello.services] });
    expect(figures(withIdle)).toEqual(figures(base));
    const a = summarize(base, 0);
    const b = summarize(withIdle, 0);
    expect(b.requests).toEqual(a.requests);
    expect(b.latencyMs).toEqual(a.latencyMs);
    expect(b.events).toBe(a.events);
  });

  it('adding a separate client and service pair changes none of the original services figures', () => {
    const base = run(hello);
    const other: Scenario = {
      ...hello,
      clients: [{ ...hello.clients[0], name: 'batch', target: 'reports' }, ...hello.clients],
      // A plain service (no sidecar, no policy) that the external client can reach.
      services: [...hello.services, { ...hello.services[1], name: 'reports', sidecar: false, mtls: 'PERMISSIVE', policy: undefined }],
    };
    const withOther = run(other);
    expect(figures(withOther)).toEqual(figures(base));
    expect(withOther.services[3].arrivals).toBeGreaterThan(0);
  });

  it('renaming a service does change its draws (the stream follows the name)', () => {
    const base = run(hello);
    const renamed = run({
      ...hello,
      services: hello.services.map((s) => (s.name === 'cart' ? { ...s, name: 'basket' } : s.name === 'frontend' ? { ...s, calls: [s.calls[0], { ...s.calls[1], service: 'basket' }] } : s)),
    });
    expect(summarize(renamed, 0).services.basket.latencyMs).not.toEqual(figures(base).cart.latencyMs);
  });
});
