import { describe, expect, it, vi } from 'vitest';
import { createAddressBarWriter, followInAddressBar, PLAYING_URL_INTERVAL_MS, URL_INTERVAL_MS } from '../../src/ui/sim/addressBar';
import { useFakeAddressBar } from './fakeAddressBar';

// The address bar while a run plays (session 44): written every PLAYING_URL_INTERVAL_MS, not
// every URL_INTERVAL_MS, and at once when an `acted` change (a pause) comes.
describe('address bar writer', () => {
  const writes = useFakeAddressBar();

  it('writes a playing clock every PLAYING_URL_INTERVAL_MS and a paused one at once', () => {
    let t = 0;
    let playing = true;
    const listeners: ((s: { t: number; playing: boolean }) => void)[] = [];
    const store = { getState: () => ({ t, playing }), subscribe: (l: (s: { t: number; playing: boolean }) => void) => (listeners.push(l), () => {}) };
    const writer = createAddressBarWriter(() => `?t=${t}ms`, () => false, () => (playing ? PLAYING_URL_INTERVAL_MS : URL_INTERVAL_MS));
    followInAddressBar(store, (s, b) => s.t !== b.t || s.playing !== b.playing, writer, (s, b) => b.playing && !s.playing);
    vi.advanceTimersByTime(0);
    expect(writes).toEqual(['/?t=0ms']);
    // 4 s of play at 60 frames a second: two writes (2 s and 4 s), not eight.
    for (let f = 1; f <= 240; f++) {
      vi.advanceTimersByTime(1000 / 60);
      t = Math.round((f * 1000) / 60);
      for (const l of listeners) l(store.getState());
    }
    expect(writes.length).toBe(3);
    // Paused at 4.1 s: written at once, whatever the throttle says.
    vi.advanceTimersByTime(100);
    t = 4100;
    playing = false;
    for (const l of listeners) l(store.getState());
    expect(writes.at(-1)).toBe('/?t=4100ms');
  });
});
