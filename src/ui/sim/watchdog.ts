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
 * Settles as `answer` does, or rejects with WorkerHung when `answer` is still pending `ms`
 * after the call, counted only while this thread was free to hear it (see LATE_MS).
 */
export function withDeadline<T>(answer: Promise<T>, ms: number, timers: Timers = pageTimers): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const start = timers.now();
    let settled = false;
    let handle: unknown;
    const arm = (wait: number) => {
      const due = timers.now() + wait;
      handle = timers.setTimeout(() => {
        if (settled) return;
        if (timers.now() - due > LATE_MS) arm(GRACE_MS);
        else {
          settled = true;
          reject(new WorkerHung(timers.now() - start));
        }
      }, wait);
    };
    arm(ms);
    answer.then(
      (v) => {
        if (settled) return;
        settled = true;
        timers.clearTimeout(handle);
        resolve(v);
      },
      (e: unknown) => {
        if (settled) return;
        settled = true;
        timers.clearTimeout(handle);
        reject(e);
      },
    );
  });
}
