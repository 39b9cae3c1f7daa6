// The browser's Back and Forward across scenarios in the single view: each scenario a person opens
// (the picker, Open file…, a reload choice, the editor's Run, an import) is a history entry of its
// own, and Back/Forward reopen the entry's link as a fresh page would (its scenario, seed, live
// faults and changes, hand-placed nodes, moment). Moments within one run (playing, seeking) only
// ever replace the entry (addressBar.ts), so they never flood the history. Plain TypeScript.
import type { AppState } from '../state/store';

/** What `history.state` holds on an entry this page wrote, so Back/Forward onto it is the app's to restore. */
const MARK = 'meshsimEntry';

/**
 * Whether `state` (a popstate's or `history.state`) marks an entry the app wrote itself: one whose
 * address it reopens in place on Back/Forward. A link pasted into the tab that differs only in its
 * fragment makes an entry without the mark, which main.tsx loads as a fresh page. Pure.
 */
export function isAppEntry(state: unknown): boolean {
  return state !== null && typeof state === 'object' && (state as Record<string, unknown>)[MARK] === true;
}

/** The entry's history state with the app's mark added (other keys kept). Pure. */
function marked(state: unknown): Record<string, unknown> {
  return { ...(state !== null && typeof state === 'object' ? (state as Record<string, unknown>) : {}), [MARK]: true };
}

/** A store the history follows (zustand's vanilla store is one). */
interface Followed {
  getState(): AppState;
  subscribe(listener: (state: AppState, before: AppState) => void): () => void;
}

/** What followScenarioHistory needs of the controller. */
export interface HistoryHooks {
  /** The `?…#…` link of a state, at its counters' time (no frame: the one being left has been cleared), or null before a scenario loads. */
  linkOf(state: AppState): string | null;
  /** Drops the address bar's throttled write waiting for its turn (it would land on the wrong entry). */
  cancelWrite(): void;
  /** Asks for a throttled write of the run now (after a restore). */
  write(): void;
  /** Opens `search` as a link would on a fresh page (runLink's openLink). */
  restore(search: string): Promise<void>;
  /** True once the controller is disposed. */
  disposed(): boolean;
}

/** The running history follower; `restoring` is true from a Back/Forward until its link is open. */
export interface ScenarioHistory {
  readonly restoring: boolean;
  /** Stops following (unsubscribes, removes the popstate listener). */
  stop(): void;
}

/**
 * Makes scenario switches history entries, and Back/Forward restore them. A switch is the
 * recipe's scenario changing (each open sets a new one; a fault, change or seek keeps it): the entry
 * being left is first written with that run's own link (its last state, no half-second write lost),
 * then the new run's link is pushed. A popstate onto an entry the app wrote is restored with
 * `hooks.restore`, one after another (a second Back while the first is reopening waits, then opens
 * the address as it then reads); while restoring, nothing is pushed and the address bar is not
 * written, so a half-open run never overwrites the entry it is restoring. Before the first switch
 * the page's own entry is marked as the app's (its address unchanged).
 */
export function followScenarioHistory(store: Followed, hooks: HistoryHooks): ScenarioHistory {
  let restoring = 0;
  let chain: Promise<void> = Promise.resolve();
  if (typeof history !== 'undefined' && !isAppEntry(history.state)) history.replaceState(marked(history.state), '');

  const here = () => location.search + location.hash;
  const unsubscribe = store.subscribe((s, before) => {
    if (restoring > 0 || hooks.disposed() || !before.recipe || !s.recipe || s.recipe.scenario === before.recipe.scenario) return;
    hooks.cancelWrite();
    const left = hooks.linkOf(before);
    if (left !== null && left !== here()) history.replaceState(marked(history.state), '', `${location.pathname}${left}`);
    const opened = hooks.linkOf(s);
    if (opened !== null && opened !== here()) history.pushState(marked(null), '', `${location.pathname}${opened}`);
  });

  const onPop = (e: PopStateEvent) => {
    if (hooks.disposed() || !isAppEntry(e.state)) return;
    restoring++;
    hooks.cancelWrite();
    chain = chain
      .then(async () => {
        if (hooks.disposed() || restoring > 1) return; // a later Back/Forward opens the address as it reads then
        const search = here();
        if (search !== hooks.linkOf(store.getState())) await hooks.restore(search);
      })
      .catch(() => undefined)
      .finally(() => {
        if (--restoring === 0 && !hooks.disposed()) hooks.write();
      });
  };
  window.addEventListener('popstate', onPop);
  return {
    get restoring() {
      return restoring > 0;
    },
    stop() {
      unsubscribe();
      window.removeEventListener('popstate', onPop);
    },
  };
}
