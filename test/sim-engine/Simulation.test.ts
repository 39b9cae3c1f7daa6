import { describe, expect, it } from 'vitest';
import { InvariantError, Simulation, TraceHash, type Actor } from '../../src/sim-engine';

/** An actor that records (time, kind, a) of every event it receives. */
function recorder(sim: Simulation, name = 'rec') {
  const seen: Array<[number, number, number]> = [];
  const actor = sim.addActor((id): Actor => ({ id, name, receive: (kind, a) => seen.push([sim.now, kind, a]) }));
  return { actor, seen };
}

/** An actor that reschedules itself every `period` ms forever. */
function ticker(sim: Simulation, period: number) {
  return sim.addActor(
    (id): Actor => ({
      id,
      name: 'ticker',
      receive: () => {
        sim.schedule(period, 1, id);
      },
    }),
  );
}

/** A wall clock that moves `perRead` ms forward each time it is read. */
function fakeWallClock(perRead = 1) {
  let t = 0;
  let reads = 0;
  const clock = () => {
    reads++;
    return (t += perRead);
  };
  return { clock, reads: () => reads };
}

describe('Simulation', () => {
  it('gives actors dense ids in the order they are added', () => {
    const sim = new Simulation();
    const a = recorder(sim, 'a').actor;
    const b = recorder(sim, 'b').actor;
    expect([a.id, b.id, sim.actorCount]).toEqual([0, 1, 2]);
    expect(sim.actor(1)).toBe(b);
  });

  it('refuses an actor that does not keep the id it was given', () => {
    const sim = new Simulation();
    expect(() => sim.addActor(() => ({ id: 5, name: 'liar', receive: () => {} }))).toThrow(InvariantError);
  });

  it('step processes exactly one event, advancing the clock to its time', () => {
    const sim = new Simulation();
    const { actor, seen } = recorder(sim);
    sim.schedule(3, 1, actor.id, 10);
    sim.schedule(1, 2, actor.id, 20);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(1);
    expect(seen).toEqual([[1, 2, 20]]);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(3);
    expect(sim.events).toBe(2);
  });

  it('step returns false and leaves the clock alone when nothing is pending', () => {
    const sim = new Simulation();
    recorder(sim);
    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(0);
    expect(sim.events).toBe(0);
  });

  it('runUntil processes every event at or before the given time and leaves the clock there', () => {
    const sim = new Simulation();
    const { actor, seen } = recorder(sim);
    for (const t of [1, 5, 10, 10.000001, 20]) sim.schedule(t, 1, actor.id, t);
    expect(sim.runUntil(10)).toBe(3);
    expect(seen.map(([t]) => t)).toEqual([1, 5, 10]);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(2);
    expect(sim.peek()).toBe(10.000001);
  });

  it('runUntil also runs events that are scheduled during the run and fall inside it', () => {
    const sim = new Simulation();
    const t = ticker(sim, 2);
    sim.schedule(0, 1, t.id);
    expect(sim.runUntil(9)).toBe(5); // at 0, 2, 4, 6, 8
    expect(sim.now).toBe(9);
    expect(sim.peek()).toBe(10);
  });

  it('runUntil moves the clock to the given time even when no event is pending', () => {
    const sim = new Simulation();
    recorder(sim);
    expect(sim.runUntil(42)).toBe(0);
    expect(sim.now).toBe(42);
  });

  it('runUntil never moves the clock backwards', () => {
    const sim = new Simulation();
    recorder(sim);
    sim.runUntil(42);
    sim.runUntil(10);
    expect(sim.now).toBe(42);
  });

  it('peek reports the time of the next event, or Infinity when none is pending', () => {
    const sim = new Simulation();
    const { actor } = recorder(sim);
    expect(sim.peek()).toBe(Infinity);
    const h = sim.schedule(4, 1, actor.id);
    sim.schedule(6, 1, actor.id);
    expect(sim.peek()).toBe(4);
    expect(sim.cancel(h)).toBe(true);
    expect(sim.peek()).toBe(6);
  });

  it('runs events scheduled for the same time in the order they were scheduled', () => {
    const sim = new Simulation();
    const { actor, seen } = recorder(sim);
    // Events at 2 are interleaved with the ties at 1, so the heap must reorder around them.
    for (let i = 0; i < 50; i++) sim.schedule(i % 3 === 0 ? 2 : 1, 1, actor.id, i);
    sim.runUntil(2);
    const ids = Array.from({ length: 50 }, (_, i) => i);
    expect(seen.map(([, , a]) => a)).toEqual([...ids.filter((i) => i % 3 !== 0), ...ids.filter((i) => i % 3 === 0)]);
  });

  it('post runs an event as schedule does, in one order with scheduled and cancelled ones, with no handle', () => {
    const run = (usePost: boolean) => {
      const sim = new Simulation();
      const { actor, seen } = recorder(sim);
      // Every third event through post; ties at 1 and 2 among scheduled ones, some far ahead
      // (the calendar's overflow), and every seventh scheduled one cancelled.
      for (let i = 0; i < 300; i++) {
        const delay = [1, 2, 0.5, 40, 1e6][i % 5];
        if (usePost && i % 3 === 0) expect(sim.post(delay, 1, actor.id, i)).toBeUndefined();
        else {
          const h = sim.schedule(delay, 1, actor.id, i);
          if (i % 3 !== 0 && i % 7 === 0) sim.cancel(h);
        }
      }
      sim.runUntil(2e6);
      return { seen, hash: sim.traceHash() };
    };
    const posted = run(true);
    expect(posted.seen).toHaveLength(300 - 28);
    expect(posted).toEqual(run(false));
  });

  it('postNext runs an event as post does, its delay read from nextDelay, and refuses a negative or NaN one there', () => {
    const run = (useNext: boolean) => {
      const sim = new Simulation();
      const { actor, seen } = recorder(sim);
      for (let i = 0; i < 300; i++) {
        const delay = [1, 2, 0.5, 40, 1e6, 0.1 + 0.2][i % 6];
        if (useNext && i % 2 === 0) {
          sim.nextDelay[0] = delay;
          expect(sim.postNext(1, actor.id, i, i / 4)).toBeUndefined();
        } else sim.post(delay, 1, actor.id, i, i / 4);
        if (i % 50 === 0) sim.runUntil(sim.now + 0.75); // later events are filed from a clock that is not 0
      }
      sim.runUntil(2e6);
      return { seen, hash: sim.traceHash() };
    };
    const next = run(true);
    expect(next.seen).toHaveLength(300);
    expect(next.seen[0]).toEqual([1, 1, 0]); // filed at 0 by postNext, 1 ms on
    expect(next).toEqual(run(false));
    const sim = new Simulation();
    const { actor } = recorder(sim);
    for (const bad of [-1, NaN]) {
      sim.nextDelay[0] = bad;
      expect(() => sim.postNext(1, actor.id)).toThrow(InvariantError);
    }
    expect(sim.pending).toBe(0);
  });

  it('a cancelled event never reaches its actor', () => {
    const sim = new Simulation();
    const { actor, seen } = recorder(sim);
    const h = sim.schedule(1, 1, actor.id, 1);
    sim.schedule(2, 1, actor.id, 2);
    expect(sim.isPending(h)).toBe(true);
    sim.cancel(h);
    expect(sim.isPending(h)).toBe(false);
    sim.runUntil(10);
    expect(seen.map(([, , a]) => a)).toEqual([2]);
  });

  it('throws an InvariantError for a negative or NaN delay', () => {
    const sim = new Simulation();
    const { actor } = recorder(sim);
    expect(() => sim.schedule(-1, 1, actor.id)).toThrow(InvariantError);
    expect(() => sim.schedule(NaN, 1, actor.id)).toThrow(InvariantError);
    expect(sim.pending).toBe(0);
  });

  it('throws an InvariantError for an absolute time in the past', () => {
    const sim = new Simulation();
    const { actor } = recorder(sim);
    sim.runUntil(10);
    expect(() => sim.scheduleAt(9, 1, actor.id)).toThrow(InvariantError);
    sim.scheduleAt(10, 1, actor.id);
    expect(sim.pending).toBe(1);
  });

  it('stops the run when an actor throws, with the exception reaching the caller', () => {
    const sim = new Simulation();
    const { actor, seen } = recorder(sim);
    const bomb = sim.addActor(
      (id): Actor => ({
        id,
        name: 'bomb',
        receive: () => {
          throw new Error('boom');
        },
      }),
    );
    sim.schedule(1, 1, actor.id, 1);
    sim.schedule(2, 1, bomb.id);
    sim.schedule(3, 1, actor.id, 3);
    expect(() => sim.runUntil(10)).toThrow('boom');
    expect(seen.map(([, , a]) => a)).toEqual([1]);
    expect(sim.now).toBe(2);
    expect(sim.pending).toBe(1);
  });

  describe('runFor', () => {
    it('returns false when the wall-clock budget runs out, checking the clock every 256 events', () => {
      const sim = new Simulation();
      const t = ticker(sim, 1);
      sim.schedule(0, 1, t.id);
      const wall = fakeWallClock(1);
      // The first read sets the deadline 5 ms ahead; each later read (one per 256 events)
      // advances 1 ms, so the fifth check finds the budget spent.
      expect(sim.runFor(5, Infinity, wall.clock)).toBe(false);
      expect(sim.events).toBe(5 * 256);
      expect(wall.reads()).toBe(6);
      expect(sim.now).toBe(5 * 256 - 1);
    });

    it('returns true, with the clock at the target, when it reaches the target time within budget', () => {
      const sim = new Simulation();
      const t = ticker(sim, 1);
      sim.schedule(0, 1, t.id);
      const wall = fakeWallClock(1);
      expect(sim.runFor(1000, 3000.5, wall.clock)).toBe(true);
      expect(sim.events).toBe(3001); // events at 0, 1, ..., 3000
      expect(sim.now).toBe(3000.5);
      expect(sim.peek()).toBe(3001);
    });

    it('returns true when the queue empties before the target time', () => {
      const sim = new Simulation();
      const { actor } = recorder(sim);
      sim.schedule(5, 1, actor.id);
      expect(sim.runFor(10, 100, fakeWallClock().clock)).toBe(true);
      expect(sim.now).toBe(100);
      expect(sim.events).toBe(1);
    });

    it('resumes where it stopped, so slices add up to the same run as one call', () => {
      const sliced = new Simulation();
      const whole = new Simulation();
      for (const sim of [sliced, whole]) {
        const t = ticker(sim, 0.75);
        sim.schedule(0, 1, t.id);
      }
      whole.runUntil(4000);
      const wall = fakeWallClock(1);
      let slices = 0;
      while (!sliced.runFor(2, 4000, wall.clock)) slices++;
      expect(slices).toBeGreaterThan(1);
      expect(sliced.now).toBe(4000);
      expect(sliced.events).toBe(whole.events);
      expect(sliced.traceHash()).toBe(whole.traceHash());
    });
  });

  describe('traceHash', () => {
    it('is the same for the same events and differs when two events swap order', () => {
      const run = (order: number[]) => {
        const sim = new Simulation();
        const { actor } = recorder(sim);
        for (const a of order) sim.schedule(1, 1, actor.id, a);
        sim.runUntil(2);
        return sim.traceHash();
      };
      expect(run([1, 2, 3])).toBe(run([1, 2, 3]));
      expect(run([1, 2, 3])).not.toBe(run([1, 3, 2]));
      expect(run([1, 2, 3])).toMatch(/^[0-9a-f]{16}$/);
    });

    it('runUntil (its steps written out) hashes as step (through TraceHash.add) and as TraceHash over the recorded events', () => {
      const run = (byStep: boolean) => {
        const sim = new Simulation();
        const heard: [number, number, number, number][] = [];
        sim.recorder = (time, kind, target, a) => heard.push([time, kind, target, a]);
        // Two actors bouncing events with times of every exponent and payloads past 2^24 and below 0.
        let n = 0;
        for (let k = 0; k < 2; k++) {
          sim.addActor((id) => ({
            id,
            name: `a${id}`,
            receive() {
              if (++n < 400) sim.post(((n * 7919) % 13) / 3 + (n % 5 === 0 ? 1e6 : 0), 1 + (n % 200), (id + n) % 2, n % 3 === 0 ? -n : n + (n % 11 === 0 ? 2 ** 25 : 0));
            },
          }));
        }
        for (let i = 0; i < 8; i++) sim.schedule(i * 0.1, 1, i % 2, i);
        if (byStep) while (sim.step());
        else sim.runUntil(Infinity);
        return { hash: sim.traceHash(), heard };
      };
      const looped = run(false);
      const stepped = run(true);
      expect(looped.heard.length).toBeGreaterThan(300);
      expect(looped.heard).toEqual(stepped.heard);
      expect(looped.hash).toBe(stepped.hash);
      const h = new TraceHash();
      for (const [time, kind, target, a] of looped.heard) h.add(time, kind, target, a);
      expect(looped.hash).toBe(h.digest());
    });

    it('stays the hash of the processed events when an actor steps the simulation inside runUntil', () => {
      const sim = new Simulation();
      const heard: [number, number, number, number][] = [];
      sim.recorder = (time, kind, target, a) => heard.push([time, kind, target, a]);
      const actor = sim.addActor((id) => ({
        id,
        name: 'nested',
        receive(kind: number, a: number) {
          if (a < 60) sim.post(a % 4 === 0 ? 0 : 0.5, 1 + (a % 3), id, a + 1);
          // Every fifth event runs the next one itself, before returning to runUntil's loop.
          if (a % 5 === 0) sim.step();
        },
      }));
      sim.schedule(0, 1, actor.id, 0);
      sim.runUntil(100);
      expect(heard.length).toBe(61);
      const h = new TraceHash();
      for (const [time, kind, target, a] of heard) h.add(time, kind, target, a);
      expect(sim.traceHash()).toBe(h.digest());
    });
  });
});

describe('Simulation.handleKind', () => {
  /** Two actors exchanging kinds 1 and 2; kind 2 optionally through a kind receiver. */
  function run(withReceiver: boolean): { log: string[]; hash: string } {
    const sim = new Simulation();
    const log: string[] = [];
    for (let n = 0; n < 2; n++) {
      sim.addActor((id) => ({
        id,
        name: `a${id}`,
        receive(kind: number, a: number, b: number) {
          log.push(`${sim.now} actor ${id} kind ${kind} ${a} ${b}`);
          if (a < 6) sim.schedule(1 + (a % 3), 1 + (a % 2), (id + 1) % 2, a + 1, b * 2);
        },
      }));
    }
    if (withReceiver) {
      sim.handleKind(2, {
        onKind(kind, a, b, target) {
          sim.actor(target).receive(kind, a, b);
        },
      });
    }
    sim.schedule(0, 1, 0, 0, 1);
    sim.schedule(0.5, 2, 1, 3, 5);
    sim.runUntil(100);
    return { log, hash: sim.traceHash() };
  }

  it('sends every event of a registered kind to its receiver, with the target, and the run and trace hash stay the same', () => {
    const seen: [number, number, number, number][] = [];
    const sim = new Simulation();
    sim.addActor((id) => ({ id, name: 'x', receive: () => seen.push([-1, -1, -1, -1]) }));
    sim.handleKind(7, { onKind: (kind, a, b, target) => seen.push([kind, a, b, target]) });
    sim.schedule(1, 7, 0, 4, 2.5);
    sim.schedule(2, 3, 0, 0, 0);
    // A kind past the table's 64 still reaches its target.
    sim.schedule(3, 99, 0, 0, 0);
    sim.runUntil(10);
    expect(seen).toEqual([
      [7, 4, 2.5, 0],
      [-1, -1, -1, -1],
      [-1, -1, -1, -1],
    ]);
    const plain = run(false);
    const routed = run(true);
    expect(routed.log).toEqual(plain.log);
    expect(routed.log.length).toBe(11);
    expect(routed.hash).toBe(plain.hash);
  });

  it('refuses a kind outside 0-63', () => {
    const sim = new Simulation();
    expect(() => sim.handleKind(64, { onKind: () => undefined })).toThrow(/event kind 64 must be an integer in 0-63/);
    expect(() => sim.handleKind(1.5, { onKind: () => undefined })).toThrow(InvariantError);
  });
});
