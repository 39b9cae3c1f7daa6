import { describe, expect, it } from 'vitest';
import { DEFAULT_SAME_TIME_LIMIT, Simulation, StalledClockError, type Actor } from '../../src/sim-engine';

/** An actor that reschedules itself `delay` ms later, forever. */
function looper(sim: Simulation, name: string, delay: number, describe?: Actor['describe']) {
  return sim.addActor((id): Actor => ({ id, name, describe, receive: () => void sim.schedule(delay, 1, id) }));
}

/** Runs `f` and returns what it threw. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('the stalled-clock guard', () => {
  it('is a million events in a row by default', () => {
    expect(new Simulation().sameTimeLimit).toBe(DEFAULT_SAME_TIME_LIMIT);
    expect(DEFAULT_SAME_TIME_LIMIT).toBe(1_000_000);
  });

  it('stops a run whose events never advance the clock, naming the actors and the time', () => {
    const sim = new Simulation();
    sim.sameTimeLimit = 10_000;
    const a = looper(sim, 'users', 0);
    const b = looper(sim, 'api', 0);
    // Two actors at 1.5 ms, three events of a's to one of b's.
    sim.scheduleAt(1.5, 1, a.id);
    sim.scheduleAt(1.5, 1, a.id);
    sim.scheduleAt(1.5, 1, a.id);
    sim.scheduleAt(1.5, 1, b.id);
    const e = thrown(() => sim.runUntil(100));
    expect(e).toBeInstanceOf(StalledClockError);
    const s = e as StalledClockError;
    expect(s.atMs).toBe(1.5);
    expect(s.limit).toBe(10_000);
    expect(s.actors).toEqual(['users', 'api']);
    expect(s.sampled).toBe(4096);
    expect(s.counts).toEqual([
      { name: 'users', events: 3072 },
      { name: 'api', events: 1024 },
    ]);
    // The event that tripped the guard was not received: 9,999 ran.
    expect(sim.events).toBe(9_999);
    expect(s.message).toBe(
      'the simulated clock stopped at t = 1.5 ms: 10,000 events in a row happened at that time without time advancing, so the run would ' +
        'never end. The last 4,096 were for users (75%), api (25%). A loop that takes no time does this: a closed-loop client with ' +
        'thinkTime 0 whose requests end in no time, answered by services with serviceTime 0 and no latency, or failed at once (a ' +
        'connection refused by a killed replica, an abort, a 429 from a rate limit). Give one step of it a duration above zero, such as a think time.',
    );
  });

  it('names events by what the actor says they are about, when it says', () => {
    const sim = new Simulation();
    sim.sameTimeLimit = 100;
    const a = looper(sim, 'data-plane', 0, (_kind, x) => (x === 0 ? 'users -> api' : 'api -> db'));
    sim.schedule(2000, 1, a.id, 0);
    const e = thrown(() => sim.runUntil(Infinity)) as StalledClockError;
    expect(e.atMs).toBe(2000);
    expect(e.actors).toEqual(['users -> api']);
    expect(e.message).toContain('stopped at t = 2 s:');
    // Under STALL_SAMPLE events to the limit: every one of them is counted.
    expect(e.sampled).toBe(100);
  });

  it('lets a burst just under the limit pass, and counts afresh when time advances', () => {
    const sim = new Simulation();
    sim.sameTimeLimit = 1000;
    const { id } = sim.addActor((i): Actor => ({ id: i, name: 'burst', receive: () => {} }));
    for (let k = 0; k < 999; k++) sim.scheduleAt(5, 1, id);
    for (let k = 0; k < 999; k++) sim.scheduleAt(6, 1, id);
    expect(sim.runUntil(10)).toBe(1998);
    // The clock moved on to 10 ms with nothing there: a new burst at 10 ms counts from zero.
    for (let k = 0; k < 999; k++) sim.scheduleAt(10, 1, id);
    expect(sim.runUntil(20)).toBe(999);
    for (let k = 0; k < 1000; k++) sim.scheduleAt(30, 1, id);
    expect(() => sim.runUntil(40)).toThrow(StalledClockError);
  });

  it('trips in runFor slices as in runUntil', () => {
    const sim = new Simulation();
    sim.sameTimeLimit = 5000;
    looper(sim, 'spin', 0);
    sim.schedule(0, 1, 0);
    let t = 0;
    const wall = () => (t += 0.001);
    const e = thrown(() => {
      while (!sim.runFor(1, 1000, wall));
    });
    expect(e).toBeInstanceOf(StalledClockError);
    expect((e as StalledClockError).atMs).toBe(0);
  });

  it('never trips when every event advances the clock', () => {
    const sim = new Simulation();
    sim.sameTimeLimit = 10;
    looper(sim, 'tick', 0.5);
    sim.schedule(0, 1, 0);
    expect(sim.runUntil(100)).toBe(201);
  });

  it('refuses a limit below one', () => {
    expect(() => {
      new Simulation().sameTimeLimit = 0;
    }).toThrow('same-time limit 0 must be at least 1');
  });
});
