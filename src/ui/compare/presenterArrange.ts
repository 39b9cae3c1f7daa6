// Presenter mode in the compare view: the two pictures side by side or one above the other,
// whichever draws both larger in the room the window leaves them. A chain of services reads well
// in a wide, low pane (stacked); a mesh of several bands in a tall one (side by side). Pure
// geometry over computeLayout, no DOM.
import type { Topology } from '../topology/layoutTypes';
import { computeLayout } from '../topology/layout';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { COMPARE_PRESENTER_FLOOR } from '../topology/presenterFloor';

/** How the two panes sit in presenter mode. */
export type PaneArrangement = 'side' | 'stacked';

/** Sizes in CSS px. */
export interface Box {
  width: number;
  height: number;
}

/** What presenterArrangement decided, with the drawing scale each pane gets in each arrangement. */
export interface ArrangementChoice {
  arrangement: PaneArrangement;
  /** Each pane's presenter drawing scale (design units to CSS px), A then B, side by side. */
  side: [number, number];
  /** The same, stacked. */
  stacked: [number, number];
}

/**
 * A stacked arrangement must draw the smaller of the two pictures this much larger than side by
 * side to be picked (3%): side by side is how a room expects a comparison, and two nearly equal
 * scales would otherwise flip the panes on a small resize.
 */
export const STACK_GAIN = 1.03;

/**
 * Side by side or stacked, for presenter mode: the arrangement whose smaller presenter-drawing
 * scale (of A's and B's) is larger. `area` is the room both panes share; `chrome` what a pane
 * takes besides its picture (title, counters, borders), measured side by side; `gap` the space
 * between panes; `storyHeight` the part of `chrome.height` a pane's own story takes under the
 * picture side by side (CSS px, 0 without one), which stacked panes set in a column beside the
 * picture instead (paneStory.css: clamp(220px, 25%, 340px) of the pane's width). A topology drawn
 * as group tiles anyway (over LARGE_TOPOLOGY_NODES) counts as scale 1. Pure.
 */
export function presenterArrangement(topologies: readonly [Topology, Topology], area: Box, chrome: Box, gap: number, storyHeight = 0): ArrangementChoice {
  const scale = (t: Topology, w: number, h: number) => (t.nodes.length > LARGE_TOPOLOGY_NODES || w < 10 || h < 10 ? 1 : computeLayout(t, w, h, { presenter: true, roomy: COMPARE_PRESENTER_FLOOR.roomy }).scale);
  const sideBox = { width: (area.width - gap) / 2 - chrome.width, height: area.height - chrome.height };
  const storyColumn = storyHeight > 0 ? Math.min(340, Math.max(220, 0.25 * area.width)) : 0;
  const stackBox = { width: area.width - chrome.width - storyColumn, height: (area.height - gap) / 2 - (chrome.height - storyHeight) };
  const side: [number, number] = [scale(topologies[0], sideBox.width, sideBox.height), scale(topologies[1], sideBox.width, sideBox.height)];
  const stacked: [number, number] = [scale(topologies[0], stackBox.width, stackBox.height), scale(topologies[1], stackBox.width, stackBox.height)];
  const arrangement = Math.min(...stacked) > Math.min(...side) * STACK_GAIN ? 'stacked' : 'side';
  return { arrangement, side, stacked };
}
