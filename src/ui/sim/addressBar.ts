// Writing the run into the address bar as it moves, throttled: both controllers (the single
// view's and the compare view's) keep the page's link current this way, so a reload or a copied
// address opens the same moment.

/** Least wall time between two writes of the address bar, ms. */
export const URL_INTERVAL_MS = 500;
/**
 * Least wall time between two writes while the run plays, ms: the clock's moment is written
 * every 2 s, and at once on a pause (followInAddressBar's `acted`). A replaceState costs 0.6-86
 * ms of the main thread (session 44 at load 32, 0.8 ms most often), 4% of a playing page's
 * script at 500 ms.
 */
export const PLAYING_URL_INTERVAL_MS = 2000;

/** The throttled writer's handle. */
export interface AddressBarWriter {
  /** Asks for a write: at most one every `interval()` ms (URL_INTERVAL_MS unless told), and the last one asked for always lands. */
  write(): void;
  /**
   * Writes at once, outside the throttle (a write waiting for its turn is dropped, this one being
   * newer): for what a person did (a fault injected, a node dragged), so Back right after it
   * leaves an entry that has it. Throttled, Back within URL_INTERVAL_MS of a write dropped the
   * change from the entry left, and Forward reopened the run without it: once Back has been
   * pressed the page's entry is the one gone back to, so nothing can be written into the one left
   * (popstate comes after the move). Nothing while `disposed()`.
   */
  now(): void;
  /** Drops a write waiting for its turn (on dispose, and before a scenario switch or Back writes the history); later writes go on. */
  cancel(): void;
}

/**
 * A writer that puts `search()` (the link's `?…#…` part, null for none yet) into the address
 * bar with `history.replaceState` when it differs from the page's, unless `disposed()` (asked
 * again when the write is due: the single view's history holds writes while Back reopens an entry).
 * It only ever replaces the page's entry: a new entry is a scenario switch's (scenarioHistory.ts).
 * `interval()`: the least wall ms between two throttled writes, read at each ask (longer while
 * the run plays: PLAYING_URL_INTERVAL_MS).
 */
export function createAddressBarWriter(search: () => string | null, disposed: () => boolean, interval: () => number = () => URL_INTERVAL_MS): AddressBarWriter {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  const put = () => {
    lastAt = performance.now();
    const s = search();
    if (s !== null && s !== location.search + location.hash) history.replaceState(history.state, '', `${location.pathname}${s}`);
  };
  return {
    write() {
      if (disposed() || typeof history === 'undefined' || timer !== null) return;
      const wait = Math.max(0, lastAt + interval() - performance.now());
      timer = setTimeout(() => {
        timer = null;
        if (!disposed()) put();
      }, wait);
    },
    now() {
      if (disposed() || typeof history === 'undefined') return;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      put();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** A store the address bar can follow (zustand's vanilla store is one). */
export interface Followable<S> {
  getState(): S;
  subscribe(listener: (state: S) => void): () => void;
}

/**
 * Makes the address bar follow `store`: a write is asked of `writer` now, and on every change
 * for which `moved(state, before)` holds; written at once (writer.now) when `acted(state, before)`
 * holds too (what a person did, which Back may follow at once; the clock of a playing run stays
 * throttled: Chromium stops a page's replaceState calls past about 200 in 10 s). Returns the
 * unsubscribe function.
 */
export function followInAddressBar<S>(store: Followable<S>, moved: (state: S, before: S) => boolean, writer: AddressBarWriter, acted: (state: S, before: S) => boolean = () => false): () => void {
  let before = store.getState();
  const unsubscribe = store.subscribe((s) => {
    if (moved(s, before)) {
      if (acted(s, before)) writer.now();
      else writer.write();
    }
    before = s;
  });
  writer.write();
  return unsubscribe;
}

/** The absolute link for a `?…#…` part on this page (Share's link). */
export function absoluteLink(search: string): string {
  return `${location.origin}${location.pathname}${search}`;
}
