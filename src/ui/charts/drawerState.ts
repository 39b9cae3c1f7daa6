// Whether the drawer under the topology (Charts, Events, Ownership) is open, for the parts of
// the page that make room differently when it is (the legend folds by default: see Legend.tsx).
import { createStore } from 'zustand/vanilla';

/** The drawer's state as the rest of the page reads it. Plain data. */
export interface DrawerState {
  /** A tab is open (the drawer takes the stage's lower part). */
  open: boolean;
}

/** Set by BottomDrawer whenever its tab changes (and on its first render); read by the legend. */
export const drawerStore = createStore<DrawerState>(() => ({ open: false }));
