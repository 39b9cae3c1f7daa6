// Share pressed during a seek (trial N16, 2): the link is made once the run stands at the seek's
// target, so it holds the moment the screen then shows, and meanwhile the button's row says so
// ("seeking: the link will hold 60.0 s"). A link made mid-seek held the clock's passing value
// (t=24300ms while the screen showed 25.0 s, seeking to 60 s): a fresh tab opened another trace.
// Plain TypeScript: the single view's store and the compare view's both fit `SeekStore`.
import { formatMoment } from '../format';

/** What Share says while it waits for a seek to `toMs` (simulated ms) to land. Pure. */
export function seekingShareNote(toMs: number): string {
  return `seeking: the link will hold ${formatMoment(toMs)}`;
}

/** The part of a store Share waits on: `seekingTo` is the seek's target in ms, null when none runs. */
export interface SeekStore {
  getState(): { seekingTo: number | null };
  subscribe(listener: (s: { seekingTo: number | null }) => void): () => void;
}

/**
 * Resolves once `store` holds no seek (`seekingTo` null), at once when none runs; a seek that
 * starts another on landing (a second End) is waited for too. `gone()` true (the view closed)
 * resolves it as well: the caller asks again whether to make its link.
 */
export function whenSeekLands(store: SeekStore, gone: () => boolean = () => false): Promise<void> {
  if (store.getState().seekingTo === null || gone()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe((s) => {
      if (s.seekingTo !== null && !gone()) return;
      off();
      resolve();
    });
  });
}
