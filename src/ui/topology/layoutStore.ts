// What a person changed in the drawing of the current scenario: nodes dragged by hand and
// services unfolded into their replicas. Apart from the app store (as the inspector's is), so
// the drawing's own state never re-renders the controls. `layoutOverrides` is what a share link
// should carry once the run's recipe (src/ui/recipe) holds positions; until then the dragged
// positions of each scenario are kept in this browser (localStorage) and come back on reload.
import { createStore } from 'zustand/vanilla';
import type { NodePositions } from './layoutTypes';

export interface LayoutState {
  /** Nodes dragged in this scenario (by name, design-unit centres), over its file's `layout`. */
  layoutOverrides: { scenario: string; positions: NodePositions } | null;
  /** Services of this scenario shown per replica. */
  unfolded: { scenario: string; names: readonly string[] } | null;
}

const KEY = 'meshsim-layout:';
/** Most positions kept per scenario in this browser; a scenario has at most this many nodes drawn by hand. */
const MAX_SAVED = 5000;

export const layoutStore = createStore<LayoutState>()(() => ({ layoutOverrides: null, unfolded: null }));

/** The positions dragged in `scenario` in this browser before, or none. Never throws. */
export function savedPositions(scenario: string): NodePositions {
  try {
    const text = localStorage.getItem(KEY + scenario);
    const v: unknown = text ? JSON.parse(text) : null;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, { x: number; y: number }> = {};
    for (const [name, p] of Object.entries(v as Record<string, unknown>).slice(0, MAX_SAVED)) {
      const q = p as { x?: unknown; y?: unknown } | null;
      if (q && typeof q.x === 'number' && typeof q.y === 'number' && Number.isFinite(q.x) && Number.isFinite(q.y)) out[name] = { x: q.x, y: q.y };
    }
    return out;
  } catch {
    return {};
  }
}

/** The dragged positions of `scenario` (from this browser when the store holds another's). */
export function overridesOf(scenario: string): NodePositions {
  const o = layoutStore.getState().layoutOverrides;
  return o && o.scenario === scenario ? o.positions : savedPositions(scenario);
}

/** Sets the dragged positions of `scenario`; `save` also keeps them in this browser. */
export function setOverrides(scenario: string, positions: NodePositions, save: boolean): void {
  layoutStore.setState({ layoutOverrides: { scenario, positions } });
  if (!save) return;
  try {
    if (Object.keys(positions).length === 0) localStorage.removeItem(KEY + scenario);
    else localStorage.setItem(KEY + scenario, JSON.stringify(positions));
  } catch {
    // Private mode or a full store: the positions last for this page only.
  }
}

/** Names of the unfolded services of `scenario`. */
export function unfoldedOf(scenario: string): readonly string[] {
  const u = layoutStore.getState().unfolded;
  return u && u.scenario === scenario ? u.names : [];
}

/** Unfolds a folded service of `scenario`, or folds an unfolded one. */
export function toggleUnfolded(scenario: string, name: string): void {
  const names = unfoldedOf(scenario);
  layoutStore.setState({ unfolded: { scenario, names: names.includes(name) ? names.filter((n) => n !== name) : [...names, name] } });
}
