// Both compare panes drawn at one scale: each pane's picture fits its own stage, so the same
// service came out at two sizes side by side (a new user's trial, session 35: gateway-only vs
// mesh-only at 1600x1000, 'catalog' 67 px wide in A and 52 px in B). The pane whose own fit is
// larger is drawn at the other's (the smaller fit, so both stay whole); and when one pane's names
// would be under 10 px and it takes the large text (readableText.ts), the other takes it too, so
// both are drawn in one geometry. Plain TypeScript over the panes' stores, no React; the stage
// draws with the cap (drawStage.ts, LayoutOptions.maxScale) and the shared text (useStageMode).
import type { AppState } from '../state/store';
import { READABLE_NAME_PX } from '../topology/readableText';
import { PRESENTER_TEXT_UNITS } from '../topology/presenterFloor';

/**
 * Least cap, CSS px per design unit: node names (18 units in either geometry) at READABLE_NAME_PX.
 * A pane whose own fit is smaller than this (istio-load-test's twenty nodes at 1600x1000) is
 * not followed below it: the other pane keeps names of 10 px rather than match unreadable ones.
 */
export const LEAST_SHARED_SCALE = READABLE_NAME_PX / PRESENTER_TEXT_UNITS;

/** What paneScaleCaps reads of a pane's store, and the cap it sets. */
type ScaleStore = {
  getState(): Pick<AppState, 'fitScale' | 'scaleCap' | 'largeTextWanted' | 'largeTextShared'>;
  setState(updater: (draft: AppState) => void): void;
  subscribe(listener: (state: AppState, previous: AppState) => void): () => void;
};

/**
 * Each pane's cap for its pictures' own fits (CSS px per design unit): the smaller fit, but not
 * under LEAST_SHARED_SCALE, for the pane whose fit is larger than that; null for the other. Null
 * for both when either fit is unknown (not drawn yet) or not a node's
 * size (group tiles): a pair drawn in two kinds of picture has no one scale. Non-finite or
 * non-positive fits count as unknown. Pure.
 */
export function paneScaleCaps(fits: readonly [number | null, number | null]): [number | null, number | null] {
  const [a, b] = fits;
  if (!usable(a) || !usable(b)) return [null, null];
  const cap = Math.max(Math.min(a, b), LEAST_SHARED_SCALE);
  return [a > cap ? cap : null, b > cap ? cap : null];
}

const usable = (f: number | null): f is number => f !== null && Number.isFinite(f) && f > 0;

/**
 * Keeps both panes at one scale from now on: whenever a pane's stage reports its own fit (the
 * store's fitScale), each pane's scaleCap is set from paneScaleCaps; whenever one reports its wish
 * for the large text (largeTextWanted), the other's largeTextShared is set to it. Each store is
 * written only when what it is given changes (a write redraws that pane). Returns the function
 * that stops it and takes the caps and the shared text off. Impure: subscribes to and writes both
 * stores. Fewer or more than two stores: does nothing.
 */
export function linkPaneScales(stores: readonly ScaleStore[]): () => void {
  if (stores.length !== 2) return () => {};
  const apply = () => {
    const caps = paneScaleCaps([stores[0].getState().fitScale, stores[1].getState().fitScale]);
    stores.forEach((s, i) => {
      const other = stores[1 - i].getState().largeTextWanted;
      const st = s.getState();
      if (st.scaleCap !== caps[i] || st.largeTextShared !== other)
        s.setState((d) => {
          d.scaleCap = caps[i];
          d.largeTextShared = other;
        });
    });
  };
  const off = stores.map((s) => s.subscribe((now, before) => (now.fitScale !== before.fitScale || now.largeTextWanted !== before.largeTextWanted) && apply()));
  apply();
  return () => {
    for (const o of off) o();
    for (const s of stores)
      if (s.getState().scaleCap !== null || s.getState().largeTextShared)
        s.setState((d) => {
          d.scaleCap = null;
          d.largeTextShared = false;
        });
  };
}
