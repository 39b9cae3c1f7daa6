import { describe, expect, it, vi } from 'vitest';
import { createAddressBarWriter, followInAddressBar, PLAYING_URL_INTERVAL_MS, URL_INTERVAL_MS } from '../../src/ui/sim/addressBar';
import { useFakeAddressBar } from './fakeAddressBar';
import { pairStopped } from '../../src/ui/compare/pairLink';

// The compare view's address bar while the pair plays (session 45): written every
// PLAYING_URL_INTERVAL_MS as the single view's is (it was every URL_INTERVAL_MS), and at once on
// a pause, the end or a seek's landing (pairStopped), with the writer wired as pairLink wires it.
describe('compare address bar', () => {
  const writes = useFakeAddressBar();

  it('counts a pause, the end, a failure and a seek landing as stopping, and play, a pause held or a seek starting as not', () => {
    const at = (status: string, seekingTo: number | null = null) => ({ status, seekingTo });
    expect(pairStopped(at('paused'), at('playing'))).toBe(true);
    expect(pairStopped(at('done'), at('playing'))).toBe(true);
    expect(pairStopped(at('failed'), at('playing'))).toBe(true);
    expect(pairStopped(at('paused'), at('paused', 5000))).toBe(true);
    expect(pairStopped(at('playing'), at('paused'))).toBe(false);
    expect(pairStopped(at('playing'), at('playing'))).toBe(false);
    expect(pairStopped(at('paused', 5000), at('paused'))).toBe(false);
  });

  it('writes a playing pair every PLAYING_URL_INTERVAL_MS, a pause and a seek landing at once', () => {
    let state = { simTime: 0, status: 'playing', seekingTo: null as number | null };
    const listeners: ((s: typeof state) => void)[] = [];
    const store = { getState: () => state, subscribe: (l: (s: typeof state) => void) => (listeners.push(l), () => {}) };
    const set = (next: Partial<typeof state>) => {
      state = { ...state, ...next };
      for (const l of listeners) l(state);
    };
    const writer = createAddressBarWriter(() => `?t=${state.simTime}ms${state.status === 'playing' ? '' : '&paused'}`, () => false, () => (state.status === 'playing' ? PLAYING_URL_INTERVAL_MS : URL_INTERVAL_MS));
    followInAddressBar(store, (s, b) => s.simTime !== b.simTime || s.status !== b.status, writer, pairStopped);
    vi.advanceTimersByTime(0);
    expect(writes).toEqual(['/?t=0ms']);
    // 4 s of play at 60 frames a second: written at 2 s and 4 s (it was 8 times at 500 ms).
    for (let f = 1; f <= 240; f++) {
      vi.advanceTimersByTime(1000 / 60);
      set({ simTime: Math.round((f * 1000) / 60) });
    }
    expect(writes.length).toBe(3);
    // Paused at 4.1 s: at once, inside the throttle's 2 s.
    vi.advanceTimersByTime(100);
    set({ simTime: 4100, status: 'paused' });
    expect(writes.at(-1)).toBe('/?t=4100ms&paused');
    // A seek to 9 s lands 50 ms later: at once too.
    set({ seekingTo: 9000 });
    vi.advanceTimersByTime(50);
    set({ simTime: 9000, seekingTo: null });
    expect(writes.at(-1)).toBe('/?t=9000ms&paused');
  });
});
