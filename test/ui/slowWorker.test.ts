import { afterEach, describe, expect, test, vi } from 'vitest';
import { ANSWERED_SHOWN_MS, pageLateWatch, slowWorkerStore, stopSlowWorker } from '../../src/ui/sim/slowWorker';

describe('the slow-worker notice state', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a late call answered says "answered after" for ANSWERED_SHOWN_MS (2.5 s), then nothing, instead of flashing away', () => {
    vi.useFakeTimers();
    const h = pageLateWatch.late(4000, () => {});
    expect(slowWorkerStore.getState().count).toBe(1);
    expect(slowWorkerStore.getState().sinceMs).not.toBeNull();
    vi.advanceTimersByTime(1500);
    pageLateWatch.settled(h, true);
    const s = slowWorkerStore.getState();
    expect(s.sinceMs).toBeNull();
    expect(s.answeredAfterMs).toBeGreaterThanOrEqual(4000);
    vi.advanceTimersByTime(ANSWERED_SHOWN_MS - 1);
    expect(slowWorkerStore.getState().answeredAfterMs).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(slowWorkerStore.getState().answeredAfterMs).toBeNull();
  });

  test('"Stop the run" gives every late call up and leaves no "answered" line', () => {
    let given = 0;
    const calls = [1, 2].map(() =>
      pageLateWatch.late(5000, () => {
        given += 1;
        pageLateWatch.settled(calls.shift()!, false);
      }),
    );
    expect(slowWorkerStore.getState().count).toBe(2);
    stopSlowWorker();
    expect(given).toBe(2);
    expect(slowWorkerStore.getState()).toMatchObject({ sinceMs: null, count: 0, answeredAfterMs: null });
  });

  test('while one of two late calls is still waiting, the notice keeps counting, with no "answered" line', () => {
    const a = pageLateWatch.late(4000, () => {});
    const b = pageLateWatch.late(4500, () => {});
    pageLateWatch.settled(a, true);
    expect(slowWorkerStore.getState()).toMatchObject({ count: 1, answeredAfterMs: null });
    expect(slowWorkerStore.getState().sinceMs).not.toBeNull();
    pageLateWatch.settled(b, false);
    expect(slowWorkerStore.getState()).toMatchObject({ sinceMs: null, count: 0, answeredAfterMs: null });
  });
});
