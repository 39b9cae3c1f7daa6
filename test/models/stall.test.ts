import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT, World, heldAt, stallLimit } from '../../src/models';
import type { Scenario } from '../../src/scenario';
import { RunStoppedError, StalledClockError } from '../../src/sim-engine';
import { scenario } from './helpers';

/**
 * Issue 10's first input: 10 closed-loop users with no think time calling a service with no
 * service time. Built from a valid file, then made degenerate, so the engine's guard is tested
 * whatever static validation refuses.
 */
function zeroTimeLoop(): Scenario {
  const s = scenario({
    name: 'zero-time-loop',
    duration: '10s',
    clients: [{ name: 'users', type: 'closed', users: 10, thinkTime: '1ms', target: 'api' }],
    services: [{ name: 'api', serviceTime: '1ms' }],
  });
  const zero = { type: 'constant', value: 0 } as const;
  return {
    ...s,
    clients: s.clients.map((c) => (c.type === 'closed' ? { ...c, thinkTime: zero } : c)),
    services: s.services.map((v) => ({ ...v, serviceTime: zero })),
  };
}

function stall(s: Scenario): StalledClockError {
  const w = new World(s, 1);
  try {
    w.runUntil();
  } catch (e) {
    if (e instanceof StalledClockError) return e;
    throw e;
  }
  throw new Error(`ran to ${w.sim.now} ms without stalling`);
}

describe('a world whose clock cannot advance', () => {
  it('stops at t = 0 after a million events, naming the client and the service', () => {
    const e = stall(zeroTimeLoop());
    expect(e.atMs).toBe(0);
    expect(e.limit).toBe(1_000_000);
    expect(e.actors).toEqual(['api', 'users']);
    expect(e.message).toContain('api (50%), users (50%)');
  });

  it('stops in a slice of the worker as in a whole run', () => {
    // The guard's count is the world's limit, whatever it is (the test above runs the default
    // million): 50,000 here, a twentieth of the events, both ways.
    const LIMIT = 50_000;
    const whole = new World(zeroTimeLoop(), 1);
    whole.sim.sameTimeLimit = LIMIT;
    let wholeError: unknown = null;
    try {
      whole.runUntil();
    } catch (e) {
      wholeError = e;
    }
    expect(wholeError).toBeInstanceOf(StalledClockError);
    const w = new World(zeroTimeLoop(), 1);
    w.sim.sameTimeLimit = LIMIT;
    let t = 0;
    const wall = () => (t += 0.01);
    let sliceError: unknown = null;
    try {
      while (!w.runFor(16, w.duration, wall));
    } catch (e) {
      sliceError = e;
    }
    expect(sliceError).toBeInstanceOf(StalledClockError);
    expect(w.sim.now).toBe(0);
    const [a, b] = [wholeError as StalledClockError, sliceError as StalledClockError];
    expect({ atMs: b.atMs, limit: b.limit, actors: b.actors, message: b.message }).toEqual({ atMs: 0, limit: LIMIT, actors: ['api', 'users'], message: a.message });
  });
});

describe('the stall limit of a world', () => {
  it('is a million for small scenarios and 64 per sender, host and proxy and per edge beyond', () => {
    const small = scenario({ name: 's', clients: [{ name: 'c', type: 'open', rate: 1, target: 'a' }], services: [{ name: 'a', serviceTime: '1ms' }] });
    expect(new World(small, 1).sim.sameTimeLimit).toBe(1_000_000);
    const big = scenario({
      name: 'b',
      clients: [{ name: 'c', type: 'closed', users: 100_000, target: 'a' }],
      services: [{ name: 'a', serviceTime: '1ms', calls: [{ service: 'b' }] }, { name: 'b', serviceTime: '1ms' }],
    });
    // 100,000 users + 3 hosts (a, b, the client), 2 edges.
    expect(stallLimit(big, 3, 0, 2)).toBe(64 * 100_003 * 3);
    expect(new World(big, 1).sim.sameTimeLimit).toBe(64 * 100_003 * 3);
  });

  it('lets 10,000 closed-loop users wake at once into a fan-out with no latency', () => {
    const zero = { type: 'constant', value: 0 } as const;
    const s = scenario({
      name: 'burst',
      duration: '2500ms',
      clients: [{ name: 'users', type: 'closed', users: 10_000, thinkTime: '1s', target: 'front' }],
      services: [
        { name: 'front', concurrency: 1000, serviceTime: '1ms', callMode: 'parallel', calls: [{ service: 'a' }, { service: 'b' }] },
        { name: 'a', concurrency: 1000, serviceTime: '1ms', calls: [{ service: 'c' }] },
        { name: 'b', concurrency: 1000, serviceTime: '1ms', calls: [{ service: 'c' }] },
        { name: 'c', concurrency: 1000, serviceTime: '1ms' },
      ],
    });
    // Every hop but the last takes no time: each user's request is 27,000 / 10,000 events at t = 1 s.
    const w = new World({ ...s, services: s.services.map((v) => (v.name === 'c' ? v : { ...v, serviceTime: zero })) }, 1);
    w.runUntil();
    expect(w.sent).toBe(20_000);
    expect(w.ok).toBe(20_000);
    expect(w.sim.sameTimeLimit).toBeGreaterThan(27_000 * 30);
  });
});

describe('a world with more in flight than memory holds', () => {
  /** An open loop of `rate` per second into one worker that takes a second a request. */
  function flood(rate: number, calls: Record<string, unknown>[] = []): World {
    const s = scenario({
      name: 'flood',
      duration: '1s',
      clients: [{ name: 'users', type: 'open', arrival: 'constant', rate, target: 'api' }],
      services: [{ name: 'api', serviceTime: '1s', callMode: 'parallel', calls }, { name: 'db', serviceTime: '1s', concurrency: 10_000 }],
    });
    return new World(s, 1);
  }

  it('is two million requests or calls by default', () => {
    expect(MAX_IN_FLIGHT).toBe(2_000_000);
    expect(flood(1).maxInFlight).toBe(2_000_000);
  });

  it('stops an open loop flooding an unbounded queue, naming the queue and its workers', () => {
    const w = flood(100_000);
    w.maxInFlight = 1000;
    let e: unknown;
    try {
      w.runUntil();
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(RunStoppedError);
    const r = e as RunStoppedError;
    // The 1,001st request, sent every 0.01 ms from t = 0: one in service, 999 waiting.
    expect(r.atMs).toBeCloseTo(10, 6);
    expect(w.sent).toBe(1001);
    expect(r.message).toBe(
      'clients: more than 1,000 requests or calls were in flight at once at t = 10 ms, more than a run can hold in memory (about 1 KB each); ' +
        "the largest backlogs are api's queue (999 waiting for 1 × 1 workers): give the services a queueCapacity (requests past it fail queue-full), more replicas or workers, or send less",
    );
  });

  it('names the saturated sidecars that hold the backlog, with their counts, before a shorter service queue', () => {
    // Session 36's trial N5 (F3): 2 replicas with sidecars flooded far past the proxies' CPU; the message named only
    // a service queue holding a small share of what was in flight.
    const s = scenario({
      name: 'proxy-flood',
      duration: '1s',
      clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 1_000_000, target: 'web' }],
      services: [{ name: 'web', replicas: 2, serviceTime: '1ms', concurrency: 4, sidecar: true }],
    });
    const w = new World(s, 1);
    w.maxInFlight = 20_000;
    let e: unknown;
    try {
      w.runUntil();
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(RunStoppedError);
    const msg = (e as RunStoppedError).message;
    // A request every microsecond from t = 0: the 20,001st at 20 ms. Both sidecars hold about 9,850 messages (the
    // requests not yet through them), 98% of those in flight; web's own queue holds 301.
    expect((e as RunStoppedError).atMs).toBeCloseTo(20, 6);
    expect(w.sidecars.filter((p) => !p.inline).map((p) => [p.name, heldAt(p, w.sim.now)])).toEqual([
      ['web-0/sidecar', 9847],
      ['web-1/sidecar', 9849],
    ]);
    expect(msg).toBe(
      'clients: more than 20,000 requests or calls were in flight at once at t = 20 ms, more than a run can hold in memory (about 1 KB each); ' +
        "the largest backlogs are web-1/sidecar (about 9,849 messages, a new one waits 864 ms), web-0/sidecar (about 9,847 messages, a new one waits 857 ms), web's queue (301 waiting for 2 × 4 workers): " +
        'give the services a queueCapacity (requests past it fail queue-full), more replicas or workers; give the sidecars more workers (sidecar.concurrency), or send less',
    );
  });

  it('counts the calls of a fan-out, which outnumber requests', () => {
    // Each request to api (10,000 workers) fans out to db three times: calls run ahead of requests.
    const s = scenario({
      name: 'fan',
      duration: '1s',
      clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 100_000, target: 'api' }],
      services: [
        { name: 'api', serviceTime: '0.001ms', concurrency: 10_000, callMode: 'parallel', calls: [{ service: 'db' }, { service: 'db' }, { service: 'db' }] },
        { name: 'db', serviceTime: '1s', concurrency: 10_000 },
      ],
    });
    const w = new World(s, 1);
    w.maxInFlight = 1000;
    expect(() => w.runUntil()).toThrow(RunStoppedError);
    expect(w.inFlight).toBeLessThan(400);
  });
});
