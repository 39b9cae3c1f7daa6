// Keys that move a run (seek, step, next/previous step), pressed while it still opens, are kept and
// applied once it has landed, in the order pressed: they were dropped (N7's trial, finding 4: Shift+→
// right after opening a compare link at t=5s, or after `b`, and the runs stayed at 5.00 s). Session 37
// did the same for `b` while a scenario loads (ChangePanel, 0c01af7). Plain TypeScript, no React.

/** The store as the gate reads it: any zustand-like store. */
export interface GateStore<S> {
  getState(): S;
  subscribe(listener: (s: S) => void): () => void;
}

/** What a run's key handlers read of a key press. */
export type RunKey = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'preventDefault'>;

/** Keys held until a run has opened; see createOpeningKeys. */
export interface OpeningKeys {
  /**
   * A key handler's one step: `act(e)` now, or, while the run opens and `moves(e.key)`, its default
   * prevented now and a copy of it held for `act` once the run has opened.
   */
  pass(e: RunKey, moves: (key: string) => boolean, act: (e: RunKey) => void): void;
  /** Stops listening; keys still held are dropped. */
  dispose(): void;
}

/**
 * Holds keys from the moment `opening(s)` is true (the scenario loads) until `landed(s)` (loaded, and on
 * no seek: the link's moment reached, or none asked) and then runs them one after another, each reading
 * the state its forerunner left (a seek's target is in the store at once, so two Shift+→ add up to 2 s).
 * They run a task after the landing, so an opening that asks for its moment just after it is ready asks
 * first. Starts holding when the store is opening when made. Past the opening, keys go through as before.
 */
export function createOpeningKeys<S>(store: GateStore<S>, opening: (s: S) => boolean, landed: (s: S) => boolean): OpeningKeys {
  let open = !opening(store.getState()) && landed(store.getState());
  const held: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    // A second opening begun since: the rest wait for it.
    while (open && held.length > 0) held.shift()!();
  };
  const off = store.subscribe((s) => {
    if (opening(s)) open = false;
    else if (!open && landed(s)) {
      open = true;
      if (held.length > 0 && timer === null) timer = setTimeout(flush, 0);
    }
  });
  return {
    pass(e, moves, act) {
      if (open || !moves(e.key)) return act(e);
      e.preventDefault();
      const key: RunKey = { key: e.key, shiftKey: e.shiftKey, preventDefault: () => {} };
      held.push(() => act(key));
    },
    dispose() {
      off();
      if (timer !== null) clearTimeout(timer);
      held.length = 0;
    },
  };
}
