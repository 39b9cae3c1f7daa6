// Calls to a simulation worker that are late: the page says so and lets a person stop the
// run, instead of stopping it on its own after a few seconds (a busy machine is not a hang).
// Plain TypeScript and a vanilla zustand store; RunNotices.SlowWorkerNotice shows it.
import { createStore } from 'zustand/vanilla';
import type { LateWatch } from './watchdog';

/** What the notice shows: since when (performance.now() ms, the oldest late call's start) calls have waited, or null. */
export interface SlowWorkerState {
  sinceMs: number | null;
  /** How many calls are late now (both panes' in the compare view). */
  count: number;
  /**
   * When the late calls have all been answered: how long the last wait was (ms), kept for
   * ANSWERED_SHOWN_MS so the notice says "answered after N s" instead of flashing away; null
   * otherwise, and never after a person's "Stop the run".
   */
  answeredAfterMs: number | null;
}

/** How long (ms) "answered after N s" stays on screen: long enough to read a short line. */
export const ANSWERED_SHOWN_MS = 2500;

export const slowWorkerStore = createStore<SlowWorkerState>(() => ({ sinceMs: null, count: 0, answeredAfterMs: null }));

/** The late calls' give-ups and the wall time each was made, by handle. */
const lateCalls = new Map<number, { startedMs: number; giveUp: () => void }>();
let nextHandle = 0;
let answeredTimer: ReturnType<typeof setTimeout> | undefined;

/** `answered`: the last settled call was answered, not given up (no "answered" line then). */
function publish(answered = false): void {
  let since: number | null = null;
  for (const c of lateCalls.values()) since = since === null ? c.startedMs : Math.min(since, c.startedMs);
  const before = slowWorkerStore.getState().sinceMs;
  clearTimeout(answeredTimer);
  if (since === null && before !== null && answered) {
    slowWorkerStore.setState({ sinceMs: null, count: 0, answeredAfterMs: performance.now() - before });
    answeredTimer = setTimeout(() => slowWorkerStore.setState({ answeredAfterMs: null }), ANSWERED_SHOWN_MS);
    return;
  }
  slowWorkerStore.setState({ sinceMs: since, count: lateCalls.size, answeredAfterMs: null });
}

/** The page's LateWatch (controllerApi.inTime uses it): late calls listed until they settle. */
export const pageLateWatch: LateWatch = {
  late(waitedMs, giveUp) {
    const handle = ++nextHandle;
    lateCalls.set(handle, { startedMs: performance.now() - waitedMs, giveUp });
    publish();
    return handle;
  },
  settled(handle, answered) {
    if (lateCalls.delete(handle)) publish(answered);
  },
};

/**
 * A person's "Stop the run": every late call rejects with WorkerHung, so its run stops as a
 * hung one does (runCore.fail terminates the worker and says so).
 */
export function stopSlowWorker(): void {
  for (const c of [...lateCalls.values()]) c.giveUp();
}
