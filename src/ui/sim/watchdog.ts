// A deadline on a worker's answer. The engine answers an `advance` within its wall budget
// (12 ms), so one that has not answered in seconds is stuck: in a loop that never reads the
// wall clock, or dead without a word. Plain TypeScript, no DOM beyond timers.

/** The worker has not answered within the deadline. */
export class WorkerHung extends Error {
  constructor(readonly waitedMs: number) {
    super(`the simulation worker did not answer for ${Math.round(waitedMs / 1000)} s`);
    this.name = 'WorkerHung';
  }
}

/** Timers and a clock in ms; the page's by default, a test's own in tests. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const pageTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * A timer that fires this much later than asked means this thread (not the worker) was busy
 * or asleep (a long layout, a background tab): the answer may be waiting in the queue, so the
 * deadline is given GRACE_MS more rather than declared missed.
 */
export const LATE_MS = 500;
export const GRACE_MS = 500;

/**
 * Longest wait for one answer when a person is told the worker is late (LateWatch), wall ms
 * from the call. A worker starved of CPU on a busy machine (load 40 on 2 cores gives it ~5% of a
 * core) can take tens of seconds over a step of a 1,000-service scenario, which is not a hang;
 * a browser's own "page unresponsive" prompt likewise waits and asks rather than kills.
 */
export const HARD_DEADLINE_MS = 60_000;

/**
 * Told about calls that missed their deadline, so a person can see the wait and end it
 * (sim/slowWorker.ts). `late` gets the wall ms the call has waited and `giveUp`, which rejects
 * the call with WorkerHung; it returns a handle that `settled` gets once the call settles:
 * `answered` true when the worker answered (or failed with its own error), false when the call
 * was given up (by `giveUp` or HARD_DEADLINE_MS).
 */
export interface LateWatch {
  late(waitedMs: number, giveUp: () => void): number;
  settled(handle: number, answered: boolean): void;
}

/**
 * Settles as `answer` does, or rejects with WorkerHung when `answer` is still pending `ms`
 * after the call, counted only while this thread was free to hear it (see LATE_MS). With a
 * `watch`, the deadline does not reject: the call is reported late and waits on, up to
 * HARD_DEADLINE_MS, unless the watch gives it up first.
 */
export function withDeadline<T>(answer: Promise<T>, ms: number, timers: Timers = pageTimers, watch?: LateWatch): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = timers.now();
    let settled = false;
    let handle: unknown;
    let lateHandle: number | null = null;
    const finish = (answered: boolean) => {
      settled = true;
      timers.clearTimeout(handle);
      if (lateHandle !== null) watch?.settled(lateHandle, answered);
    };
    const hung = () => {
      if (settled) return;
      finish(false);
      reject(new WorkerHung(timers.now() - start));
    };
    const arm = (wait: number) => {
      const due = timers.now() + wait;
      handle = timers.setTimeout(() => {
        if (settled) return;
        if (timers.now() - due > LATE_MS) arm(GRACE_MS);
        else if (watch && lateHandle === null) {
          lateHandle = watch.late(timers.now() - start, hung);
          arm(Math.max(0, HARD_DEADLINE_MS - (timers.now() - start)));
        } else hung();
      }, wait);
    };
    arm(ms);
    answer.then(
      (v) => {
        if (settled) return;
        finish(true);
        resolve(v);
      },
      (e: unknown) => {
        if (settled) return;
        finish(true);
        reject(e);
      },
    );
  });
}
