import { describe, expect, it } from 'vitest';
import { EventQueue, streamFor } from '../../src/sim-engine';

/** Pops everything and returns the `a` payloads in pop order. */
function drain(q: EventQueue): number[] {
  const out: number[] = [];
  while (q.size > 0) {
    q.pop();
    out.push(q.a);
  }
  return out;
}

/** Pushes events whose payload `a` is their index, at the given times. Returns the handles. */
function pushAll(q: EventQueue, times: number[]): number[] {
  return times.map((t, i) => q.push(t, 1, 0, i, t));
}

interface RefEvent {
  time: number;
  seq: number;
  id: number;
  handle: number;
}

interface FuzzOptions {
  capacity?: number;
  grid?: number;
  /** Schedules like a simulation: at the last popped time plus this delay (op = operation number). */
  delay?: (rng: () => number, op: number) => number;
  queue?: EventQueue;
}

const bySchedule = (x: RefEvent, y: RefEvent) => x.time - y.time || x.seq - y.seq;

/**
 * Runs `ops` random pushes, pops, cancels and stale cancels against the queue and against a
 * sorted array kept as the reference. Returns a description of the first disagreement, or null.
 * Times sit on a coarse grid, so ties (which must leave FIFO) are common.
 */
function fuzz(seed: number, ops: number, options: FuzzOptions = {}): string | null {
  const rng = streamFor(seed, 'event-queue-fuzz');
  const grid = options.grid ?? 40;
  const q = options.queue ?? new EventQueue(options.capacity ?? 16);
  let now = 0;
  let pending: RefEvent[] = [];
  const gone: number[] = [];
  let seq = 0;
  let peakSize = 0;
  for (let op = 0; op < ops; op++) {
    const r = rng();
    if (r < 0.5 || pending.length === 0) {
      const time = options.delay ? now + options.delay(rng, op) : Math.floor(rng() * grid) / 2;
      const id = seq;
      const handle = q.push(time, 7, id % 13, id, time);
      pending.push({ time, seq: seq++, id, handle });
    } else if (r < 0.8) {
      pending.sort(bySchedule);
      const want = pending.shift()!;
      q.pop();
      now = q.time;
      if (q.a !== want.id || q.time !== want.time || q.b !== want.time || q.kind !== 7 || q.target !== want.id % 13) {
        return `op ${op}: popped (t=${q.time}, id=${q.a}), expected (t=${want.time}, id=${want.id})`;
      }
      gone.push(want.handle);
    } else if (r < 0.95) {
      const i = Math.floor(rng() * pending.length);
      const victim = pending[i];
      if (!q.cancel(victim.handle)) return `op ${op}: cancel of pending event ${victim.id} returned false`;
      if (q.isPending(victim.handle)) return `op ${op}: event ${victim.id} still pending after cancel`;
      pending.splice(i, 1);
      gone.push(victim.handle);
    } else if (gone.length > 0) {
      const h = gone[Math.floor(rng() * gone.length)];
      if (q.cancel(h)) return `op ${op}: cancel of a handle that already ran or was cancelled returned true`;
    }
    if (q.size !== pending.length) return `op ${op}: size ${q.size}, expected ${pending.length}`;
    const min = pending.reduce((m, e) => Math.min(m, e.time), Infinity);
    if (q.peekTime() !== min) return `op ${op}: peekTime ${q.peekTime()}, expected ${min}`;
    peakSize = Math.max(peakSize, pending.length);
  }
  pending.sort(bySchedule);
  const got = drain(q);
  const want = pending.map((e) => e.id);
  if (got.join() !== want.join()) return `final drain: got ${got.slice(0, 10).join()}..., expected ${want.slice(0, 10).join()}...`;
  if (peakSize <= (options.capacity ?? 16)) return `the run never grew the queue (peak ${peakSize}); the fuzz is too weak`;
  return null;
}

describe('EventQueue', () => {
  it('pops events in time order whatever order they were pushed in', () => {
    const rng = streamFor(11, 'heap-order');
    const q = new EventQueue();
    const times = Array.from({ length: 5000 }, () => rng() * 1000);
    pushAll(q, times);
    const popped: number[] = [];
    while (q.size > 0) {
      q.pop();
      popped.push(q.time);
    }
    expect(popped).toEqual([...times].sort((x, y) => x - y));
  });

  it('pops events scheduled for the same time in the order they were pushed (FIFO ties)', () => {
    const q = new EventQueue();
    // Interleave two instants so the heap has to reorder, and still keep each instant FIFO.
    const times = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 5 : 3));
    pushAll(q, times);
    const order = drain(q);
    const odd = times.map((_, i) => i).filter((i) => i % 2 === 1);
    const even = times.map((_, i) => i).filter((i) => i % 2 === 0);
    expect(order).toEqual([...odd, ...even]);
  });

  it('copies the popped event payload into time, kind, target, a and b', () => {
    const q = new EventQueue();
    q.push(2.5, 4, 9, -1, 0.125);
    q.pop();
    expect([q.time, q.kind, q.target, q.a, q.b]).toEqual([2.5, 4, 9, -1, 0.125]);
  });

  describe('cancel', () => {
    // Pushed in this order, times 1..7 form the heap [1,2,3,4,5,6,7]: 1 is the root,
    // 7 the last element and 2 an interior node.
    const ascending = [1, 2, 3, 4, 5, 6, 7];

    it('removes the root and leaves the others in order', () => {
      const q = new EventQueue();
      const h = pushAll(q, ascending);
      expect(q.cancel(h[0])).toBe(true);
      expect(q.size).toBe(6);
      expect(q.peekTime()).toBe(2);
      expect(drain(q)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('removes the last element of the heap', () => {
      const q = new EventQueue();
      const h = pushAll(q, ascending);
      expect(q.cancel(h[6])).toBe(true);
      expect(drain(q)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('removes an interior element, sifting the moved last element down', () => {
      const q = new EventQueue();
      const h = pushAll(q, ascending);
      expect(q.cancel(h[1])).toBe(true);
      expect(drain(q)).toEqual([0, 2, 3, 4, 5, 6]);
    });

    it('removes an interior element whose replacement must move up past its new parent', () => {
      // Pushed in this order the heap is [1, 10, 2, 11, 12, 3, 4]. Cancelling 11 (position 3)
      // moves 4 there, under 10, so 4 has to sift up.
      const q = new EventQueue();
      const h = pushAll(q, [1, 10, 2, 11, 12, 3, 4]);
      expect(q.cancel(h[3])).toBe(true);
      const times: number[] = [];
      while (q.size > 0) {
        q.pop();
        times.push(q.time);
      }
      expect(times).toEqual([1, 2, 3, 4, 10, 12]);
    });

    it('returns false for an event that already ran, and disturbs nothing', () => {
      const q = new EventQueue();
      const h = pushAll(q, [1, 2, 3]);
      q.pop();
      expect(q.isPending(h[0])).toBe(false);
      expect(q.cancel(h[0])).toBe(false);
      expect(q.size).toBe(2);
      expect(drain(q)).toEqual([1, 2]);
    });

    it('returns false when the same event is cancelled twice, and disturbs nothing', () => {
      const q = new EventQueue();
      const h = pushAll(q, [1, 2, 3]);
      expect(q.cancel(h[1])).toBe(true);
      expect(q.cancel(h[1])).toBe(false);
      expect(q.size).toBe(2);
      expect(drain(q)).toEqual([0, 2]);
    });

    it('returns false for a negative handle (the "no timeout" marker)', () => {
      const q = new EventQueue();
      pushAll(q, [1]);
      expect(q.cancel(-1)).toBe(false);
      expect(q.size).toBe(1);
    });

    it('does not cancel a new event that reuses the slot of a popped one', () => {
      const q = new EventQueue();
      const [old] = pushAll(q, [1]);
      q.pop();
      const fresh = q.push(2, 1, 0, 42, 0);
      // The slot really is reused: only the generation tells the two handles apart.
      expect(fresh % 0x1000000).toBe(old % 0x1000000);
      expect(fresh).not.toBe(old);
      expect(q.cancel(old)).toBe(false);
      expect(q.isPending(fresh)).toBe(true);
      expect(drain(q)).toEqual([42]);
    });

    it('does not cancel a new event that reuses the slot of a cancelled one', () => {
      const q = new EventQueue();
      const [old] = pushAll(q, [1]);
      expect(q.cancel(old)).toBe(true);
      // Cancel is lazy: the entry leaves the heap (and frees its slot) once it is on top.
      expect(q.peekTime()).toBe(Infinity);
      const fresh = q.push(2, 1, 0, 42, 0);
      expect(fresh % 0x1000000).toBe(old % 0x1000000);
      expect(q.cancel(old)).toBe(false);
      expect(q.size).toBe(1);
      expect(q.cancel(fresh)).toBe(true);
      expect(q.size).toBe(0);
    });
  });

  it('drops cancelled events in bulk (compaction) and still pops the rest in order with valid handles', () => {
    const q = new EventQueue(16);
    const rng = streamFor(11, 'compaction');
    const times = Array.from({ length: 10_000 }, () => Math.floor(rng() * 1000));
    const handles = times.map((t, i) => q.push(t, 1, 0, i, 0));
    // Cancel nine in ten: far more cancelled than pending, which rebuilds the heap.
    const kept: { t: number; i: number }[] = [];
    times.forEach((t, i) => {
      if (i % 10 === 0) kept.push({ t, i });
      else expect(q.cancel(handles[i])).toBe(true);
    });
    expect(q.size).toBe(1000);
    // Handles of kept events still cancel exactly them after the rebuild.
    expect(q.isPending(handles[0])).toBe(true);
    expect(q.isPending(handles[1])).toBe(false);
    kept.sort((x, y) => x.t - y.t || x.i - y.i);
    const popped: number[] = [];
    while (q.size > 0) {
      q.pop();
      popped.push(q.a);
    }
    expect(popped).toEqual(kept.map((k) => k.i));
  });

  it('keeps order and handles valid when it grows beyond its initial capacity', () => {
    const q = new EventQueue(16);
    const rng = streamFor(3, 'growth');
    const times = Array.from({ length: 1000 }, () => Math.floor(rng() * 100));
    const handles = pushAll(q, times);
    // Handles issued before the growth still cancel their own event.
    const cancelled = new Set([0, 5, 15, 500, 999]);
    for (const i of cancelled) expect(q.cancel(handles[i])).toBe(true);
    const want = times
      .map((t, i) => ({ t, i }))
      .filter(({ i }) => !cancelled.has(i))
      .sort((x, y) => x.t - y.t || x.i - y.i)
      .map(({ i }) => i);
    expect(drain(q)).toEqual(want);
  });

  it('reports Infinity as the next time when empty', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    const [h] = pushAll(q, [4]);
    expect(q.peekTime()).toBe(4);
    q.cancel(h);
    expect(q.peekTime()).toBe(Infinity);
  });

  describe('seeded fuzzing against a sorted reference', () => {
    it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('agrees with the reference for seed %i over 4000 operations', (seed) => {
      expect(fuzz(seed, 4000)).toBeNull();
    });

    // Regression cases kept by name: seed 20240 piles thousands of events on a handful of
    // instants (FIFO under heavy ties), seed 777 starts from the minimum capacity and grows
    // through several doublings while cancelling stale handles.
    it('regression seed 20240: heavy ties on four instants stay FIFO', () => {
      expect(fuzz(20240, 6000, { grid: 4 })).toBeNull();
    });

    it('regression seed 777: repeated growth from capacity 16 with cancels and stale handles', () => {
      expect(fuzz(777, 20000, { capacity: 16 })).toBeNull();
    });
  });

  describe('calendar in front of the heap', () => {
    // Delays like a mesh run's: zero (ties at the clock), sub-millisecond hops, timeouts of
    // seconds, and rare events a day ahead, with the density changing tenfold halfway through.
    const meshLike = (rng: () => number, op: number): number => {
      const r = rng();
      const scale = op < 20_000 ? 1 : 0.1;
      if (r < 0.3) return 0;
      if (r < 0.8) return -Math.log(1 - rng()) * scale;
      if (r < 0.97) return 1000 + rng() * 15_000;
      return 86_400_000 * rng();
    };

    it.each([1, 2, 3])('pops in (time, sequence) order through bucket moves, overflow drains and width rebuilds (seed %i)', (seed) => {
      const q = new EventQueue(16);
      expect(fuzz(seed, 40_000, { delay: meshLike, queue: q })).toBeNull();
      const d = q.diagnostics();
      expect(d.rebuilds).toBeGreaterThan(0);
      expect(d.drains).toBeGreaterThan(0);
    });

    it.each([
      ['up to 10^15 ms apart', (rng: () => number) => rng() * 1e15],
      ['from a picosecond to 10^12 ms apart', (rng: () => number) => 10 ** (rng() * 24 - 12)],
    ])('keeps (time, sequence) order with delays %s, and ends (bucket numbers never pass where doubles stop counting)', (_what, delay) => {
      const q = new EventQueue(16);
      expect(fuzz(4, 8000, { delay, queue: q })).toBeNull();
      expect(q.diagnostics().rebuilds).toBeGreaterThan(0);
    });

    it('recovers its width after a burst of near-ties shrank it, instead of restarting on every pop', () => {
      const q = new EventQueue(16);
      for (let i = 0; i < 3000; i++) q.push(i * 1e-13, 1, 0, i, 0);
      for (let i = 0; i < 3000; i++) q.pop();
      expect(q.diagnostics().width).toBeLessThan(1e-8);
      // Then 5000 events spread over 5000 ms: a bucket of 1e-9 ms is far too small.
      const rng = streamFor(6, 'width-recovery');
      for (let i = 0; i < 5000; i++) q.push(q.time + rng() * 5000, 1, 0, i, 0);
      const before = q.diagnostics().rebuilds;
      for (let i = 0; i < 20_000; i++) {
        q.pop();
        q.push(q.time + rng() * 5000, 1, 0, i, 0);
      }
      const after = q.diagnostics();
      expect(after.width).toBeGreaterThan(1);
      // A jump per pop (each O(count)) until the first width check, then a better width.
      expect(after.rebuilds - before).toBeLessThan(1100);
    });

    it('a drain takes only the overflow entries within the ring, so far timers are never walked (certificate renewals hours ahead)', () => {
      const q = new EventQueue();
      // 5,000 timers hours ahead (Istio's load test at 1,000 services holds 6,000: renewals and expiries).
      for (let i = 0; i < 5000; i++) q.push(3_600_000 + i, 1, 0, -1, 0);
      const rng = streamFor(7, 'far-timers');
      for (let i = 0; i < 1000; i++) q.push(-Math.log(1 - rng()), 1, 0, 0, 0);
      let pastRing = 0;
      let outOfOrder = 0;
      let early = 0;
      let last = 0;
      for (let i = 0; i < 300_000; i++) {
        q.pop();
        if (q.time < last) outOfOrder++;
        if (q.a !== 0) early++;
        last = q.time;
        // One in 50 a timer 50 to 100 ms ahead: past the ring (4,096 buckets of about 0.008 ms).
        const far = i % 50 === 0;
        if (far) pastRing++;
        q.push(q.time + (far ? 50 + 50 * rng() : -Math.log(1 - rng())), 1, 0, 0, 0);
      }
      expect([outOfOrder, early]).toEqual([0, 0]);
      const d = q.diagnostics();
      expect(d.drains).toBeGreaterThan(10);
      // Each entry leaves the overflow once; a drain that walked it whole would take 5,000 each time.
      expect(d.drained).toBeLessThanOrEqual(pastRing);
      expect(d.drained).toBeGreaterThan(1000);
      expect(d.overflow).toBeGreaterThanOrEqual(5000);
    });

    it('jumps over an empty stretch of calendar to the overflow, and pops what the jump reaches first', () => {
      const q = new EventQueue();
      pushAll(q, [0, 5e9, 3e9, 3e9, 7e12]);
      expect(drain(q)).toEqual([0, 2, 3, 1, 4]);
    });

    it('sizes its buckets from the event density near the clock', () => {
      const q = new EventQueue();
      const rng = streamFor(5, 'density');
      // The hold model at 1000 events per ms: about 8 events per bucket means 0.008 ms; the
      // width is rebuilt when it is off by more than a factor of two.
      for (let i = 0; i < 1000; i++) q.push(-Math.log(1 - rng()), 1, 0, 0, 0);
      for (let i = 0; i < 50_000; i++) {
        q.pop();
        q.push(q.time - Math.log(1 - rng()), 1, 0, 0, 0);
      }
      const { width, heap } = q.diagnostics();
      expect(width).toBeGreaterThan(0.008 / 2);
      expect(width).toBeLessThan(0.008 * 2);
      expect(heap).toBeLessThan(60);
    });

    it('pops the events of one bucket in time order whenever they were filed, through the ring or straight into the heap', () => {
      // Width 1 ms from the start: bucket k is [k, k + 1).
      const q = new EventQueue();
      q.push(4.2, 1, 0, 0, 0); // 4 buckets ahead: the ring
      q.push(1.5, 1, 0, 1, 0);
      q.pop(); // the calendar moves to bucket 1
      expect(q.a).toBe(1);
      q.push(4.8, 1, 0, 2, 0);
      q.push(4.1, 1, 0, 3, 0);
      expect(q.diagnostics().ring).toBeGreaterThan(0);
      expect(drain(q)).toEqual([3, 0, 2]);
    });

    it('refuses an event at a time that is not finite', () => {
      const q = new EventQueue();
      expect(() => q.push(Infinity, 1, 0, 0, 0)).toThrow(/time Infinity/);
      expect(() => q.push(NaN, 1, 0, 0, 0)).toThrow(/time NaN/);
    });
  });
});
