// How small presenter mode lets node text get before it folds the picture into group tiles. The
// single view keeps 14 px (issue 11 item 8); a compare pane is half a screen, and there two
// pictures of 12 px names read better in a room than two piles of one-node tiles with cut names
// (issue 12 new-user pass: at 1024x768 every ready-made pair folded at 14 px).
import { createContext } from 'react';
import { PRESENTER_MIN_SCALE } from './layoutTypes';

/** A floor on presenter mode's drawing: its least scale, and the node text it means on screen. */
export interface PresenterFloor {
  /** Least design-to-CSS-px scale the drawing may take; below it the picture folds. */
  minScale: number;
  /** The node text that scale gives (18 design units × minScale), in CSS px, for the fold note. */
  px: number;
  /**
   * Whether the drawing's columns keep room for a presenter-size link label between two boxes
   * (LayoutOptions.roomy: PresenterSize.gapXRoomy, 120 units, rather than gapXStage's 64).
   */
  roomy: boolean;
  /**
   * Whether the drawing tries every way to stay whole before it folds into group tiles: with
   * `roomy`, presenter mode's own columns (64 units) when only those keep the floor, and a picture
   * of SMALL_PICTURE_NODES or fewer (readableText.ts) drawn whole below the floor when neither
   * does (topologyFit.ts presenterDrawing). Tiles of so few nodes hold one node each and had their
   * titles cut ("stor…", "catal…", "ledg…" in a compare pane at 1024x768).
   */
  fitBeforeFold: boolean;
  /**
   * Whether the picture takes the large text (readableText.ts: presenter mode's geometry when its
   * own names would be under READABLE_NAME_PX) in a window of any width, not only a narrow one. A
   * compare pane is half a screen: at 1600x1000 two-meshes-via-gateway's names were 9.3 px there
   * (the large text draws 11.3), and both panes are drawn at the smaller fit (compare/paneScale.ts).
   */
  readableAnyWidth: boolean;
}

/** Node text in presenter mode, design units (styles.css `.app.presenter .topo-node text`). */
export const PRESENTER_TEXT_UNITS = 18;

/** The single view's floor: PRESENTER_MIN_SCALE, names at 14 px or more. */
export const SINGLE_PRESENTER_FLOOR: PresenterFloor = { minScale: PRESENTER_MIN_SCALE, px: 14, roomy: false, fitBeforeFold: false, readableAnyWidth: false };

/**
 * A compare pane's floor: names at 12 px or more (12/18 = 0.667). 12 px is the smallest text the
 * app shows anywhere (the counters' labels, the fold note), and at 1024x768 it lets every
 * ready-made pair but the two load tests keep its full drawing side by side or stacked. Its
 * columns are roomy, as the single view's large text's: a pane draws its link labels at
 * presenter size (renderTopology, `.compare-fit` and `.compare-presenter`), and in 64-unit gaps
 * config-rollout's '190 req/s' had no spot clear of shoppers and frontend's '+5' at 1024x768.
 * It fits before it folds (`fitBeforeFold`): two runs of control-plane-boundary, l4-vs-l7 and
 * gateway-and-mesh (7 to 9 nodes, a branch's pair) at 1024x768 missed 12 px in roomy columns
 * (11.8, 11.2, 10.8 px) and came out as one-node tiles with names cut to four letters; in presenter
 * mode's own columns they keep 13.9, 13.2 and 12.7 px.
 */
export const COMPARE_PRESENTER_FLOOR: PresenterFloor = { minScale: 12 / PRESENTER_TEXT_UNITS, px: 12, roomy: true, fitBeforeFold: true, readableAnyWidth: true };

/** The floor a TopologyView keeps in presenter mode; a compare pane provides its own. */
export const PresenterFloorContext = createContext<PresenterFloor>(SINGLE_PRESENTER_FLOOR);
