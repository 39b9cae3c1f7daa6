// Share pressed during a seek waits for it and says what the link will hold (trial N16, 2).
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seekingShareNote, whenSeekLands } from '../../src/ui/sim/shareAfterSeek';

describe('shareAfterSeek', () => {
  it('says the moment the link will hold', () => {
    expect(seekingShareNote(60_000)).toBe('seeking: the link will hold 60.0 s');
    expect(seekingShareNote(24_300)).toBe('seeking: the link will hold 24.3 s');
  });

  it('resolves at once with no seek, and only once a seek (and one started on its landing) lands', async () => {
    const store = createStore<{ seekingTo: number | null }>(() => ({ seekingTo: null }));
    await whenSeekLands(store);
    store.setState({ seekingTo: 60_000 });
    let landed = false;
    const p = whenSeekLands(store).then(() => (landed = true));
    store.setState({ seekingTo: 30_000 });
    await Promise.resolve();
    expect(landed).toBe(false);
    store.setState({ seekingTo: null });
    await p;
    expect(landed).toBe(true);
  });

  it('resolves when the view goes, the seek still running', async () => {
    const store = createStore<{ seekingTo: number | null }>(() => ({ seekingTo: 5_000 }));
    let gone = false;
    const p = whenSeekLands(store, () => gone);
    gone = true;
    store.setState({ seekingTo: 5_000 });
    await p;
  });
});
