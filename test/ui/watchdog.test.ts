import { describe, expect, test } from 'vitest';
import { GRACE_MS, HARD_DEADLINE_MS, LATE_MS, WorkerHung, withDeadline, type LateWatch, type Timers } from '../../src/ui/sim/watchdog';

/**
 * A clock and timers moved by hand. `advance(ms, lateBy)` moves time on and fires the timers
 * that fell due, each `lateBy` ms after its time, as when this thread was busy meanwhile.
 */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      due.set(++next, { at: now + ms, fn });
      return next;
    },
    clearTimeout: (h) => void due.delete(h as number),
  };
  const advance = (ms: number, lateBy = 0) => {
    const until = now + ms;
    for (;;) {
      const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at).find(([, t]) => t.at + lateBy <= until);
      if (!first) break;
      due.delete(first[0]);
      now = first[1].at + lateBy;
      first[1].fn();
    }
    now = until;
  };
  return { timers, advance, pending: () => due.size };
}

/** Lets promise callbacks run. */
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the deadline on a worker answer', () => {
  test('an answer in time passes through, and its timer is cleared', async () => {
    const t = manualTimers();
    const p = withDeadline(Promise.resolve(42), 4000, t.timers);
    await expect(p).resolves.toBe(42);
    expect(t.pending()).toBe(0);
  });

  test('an error from the worker passes through as it is', async () => {
    const t = manualTimers();
    const boom = new Error('the simulated clock stopped at t = 5 s');
    await expect(withDeadline(Promise.reject(boom), 4000, t.timers)).rejects.toBe(boom);
  });

  test('no answer 4 s after the call is a hung worker', async () => {
    const t = manualTimers();
    let outcome: unknown = null;
    withDeadline(new Promise<number>(() => {}), 4000, t.timers).catch((e: unknown) => (outcome = e));
    t.advance(3999);
    await flush();
    expect(outcome).toBeNull();
    t.advance(1);
    await flush();
    expect(outcome).toBeInstanceOf(WorkerHung);
    expect((outcome as Error).message).toBe('the simulation worker did not answer for 4 s');
  });

  test('a deadline that fires late (this thread was busy) waits a grace period before giving up', async () => {
    const t = manualTimers();
    let outcome: unknown = null;
    let answer!: (v: number) => void;
    withDeadline(new Promise<number>((r) => (answer = r)), 4000, t.timers).then(
      (v) => (outcome = v),
      (e: unknown) => (outcome = e),
    );
    // The timer fires well after its time: the answer may be waiting behind it.
    t.advance(4000 + LATE_MS + 100, LATE_MS + 100);
    await flush();
    expect(outcome).toBeNull();
    answer(7);
    await flush();
    expect(outcome).toBe(7);
  });

  test('after a late deadline and its grace, still no answer is a hung worker', async () => {
    const t = manualTimers();
    let outcome: unknown = null;
    withDeadline(new Promise<number>(() => {}), 4000, t.timers).catch((e: unknown) => (outcome = e));
    t.advance(4000 + LATE_MS + 100, LATE_MS + 100);
    await flush();
    expect(outcome).toBeNull();
    t.advance(GRACE_MS);
    await flush();
    expect(outcome).toBeInstanceOf(WorkerHung);
  });

  /** A LateWatch that records what it was told and can give every late call up. */
  function recordingWatch() {
    const late = new Map<number, { waitedMs: number; giveUp: () => void }>();
    let next = 0;
    const settled: number[] = [];
    const answered: boolean[] = [];
    const watch: LateWatch = {
      late: (waitedMs, giveUp) => (late.set(++next, { waitedMs, giveUp }), next),
      settled: (h, a) => void (settled.push(h), answered.push(a), late.delete(h)),
    };
    return { watch, late, settled, answered };
  }

  test('with a watch, a call late by the deadline is reported late and still answers when the worker does (a busy machine is not a hang)', async () => {
    const t = manualTimers();
    const w = recordingWatch();
    let outcome: unknown = null;
    let answer!: (v: number) => void;
    withDeadline(new Promise<number>((r) => (answer = r)), 4000, t.timers, w.watch).then(
      (v) => (outcome = v),
      (e: unknown) => (outcome = e),
    );
    t.advance(3999);
    expect(w.late.size).toBe(0);
    t.advance(1);
    await flush();
    expect([...w.late.values()].map((c) => c.waitedMs)).toEqual([4000]);
    t.advance(20_000);
    await flush();
    expect(outcome).toBeNull();
    answer(9);
    await flush();
    expect(outcome).toBe(9);
    expect(w.settled).toEqual([1]);
    expect(w.answered).toEqual([true]);
    expect(w.late.size).toBe(0);
    expect(t.pending()).toBe(0);
  });

  test('with a watch, no answer by the hard deadline (60 s from the call) is a hung worker', async () => {
    const t = manualTimers();
    const w = recordingWatch();
    let outcome: unknown = null;
    withDeadline(new Promise<number>(() => {}), 4000, t.timers, w.watch).catch((e: unknown) => (outcome = e));
    t.advance(HARD_DEADLINE_MS - 1);
    await flush();
    expect(outcome).toBeNull();
    t.advance(1);
    await flush();
    expect(outcome).toBeInstanceOf(WorkerHung);
    expect((outcome as Error).message).toBe('the simulation worker did not answer for 60 s');
    expect(w.settled).toEqual([1]);
    expect(w.answered).toEqual([false]);
  });

  test('with a watch, giving a late call up rejects it as hung at once, with the seconds waited', async () => {
    const t = manualTimers();
    const w = recordingWatch();
    let outcome: unknown = null;
    withDeadline(new Promise<number>(() => {}), 4000, t.timers, w.watch).catch((e: unknown) => (outcome = e));
    t.advance(12_000);
    await flush();
    w.late.get(1)!.giveUp();
    await flush();
    expect(outcome).toBeInstanceOf(WorkerHung);
    expect((outcome as Error).message).toBe('the simulation worker did not answer for 12 s');
    expect(w.answered).toEqual([false]);
    expect(t.pending()).toBe(0);
  });

  test('with a watch, an answer in time is never reported late', async () => {
    const t = manualTimers();
    const w = recordingWatch();
    await expect(withDeadline(Promise.resolve(3), 4000, t.timers, w.watch)).resolves.toBe(3);
    t.advance(10_000);
    expect(w.late.size).toBe(0);
    expect(w.settled).toEqual([]);
  });
});
