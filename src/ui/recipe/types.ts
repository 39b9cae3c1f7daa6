// A run is a recipe: which scenario, which seed, and what a person did to it live (faults
// injected and cleared at their points). With a moment and a speed it is what a link holds.
import type { LiveAction } from '../../workers/protocol';

/** The scenario of a run: one shipped in scenarios/ by name, or a text carried in full (an opened file, a link's). */
export type ScenarioRef = { kind: 'builtin'; id: string } | { kind: 'inline'; text: string; fileName?: string };

/** Everything that decides what a run does. Plain data. */
export interface Recipe {
  scenario: ScenarioRef;
  /** The seed given in place of the scenario's own, or null for the scenario's. */
  seed: number | null;
  /** Faults injected and cleared live, in run order (see LiveAction). */
  actions: LiveAction[];
  /** Nodes dragged by hand: design-unit centres by node name (over the scenario's own `layout`). */
  layout?: Record<string, { x: number; y: number }>;
}

/** What a link holds: the recipe, the moment (simulated ms) and the speed's id. */
export interface LinkState {
  recipe: Recipe;
  tMs: number;
  /**
   * The time of the run's next event after `tMs` (`Frame.nextEventMs`), when known: any moment
   * in `[tMs, tBeforeMs)` runs the same events, so the link may write a shorter one
   * (url.ts `formatT`).
   */
  tBeforeMs?: number;
  speedId: string;
  /**
   * The sender's picture's columns a row (linkArrangement.ts linkColumns), written last as `cols=`
   * by a share link so the opener draws the same rows; not part of the run (nor its trace hash).
   */
  cols?: number;
}
