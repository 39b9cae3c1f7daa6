// How the topology stage draws its picture at a size: folded (replicas or group tiles) as
// presenter mode folds, with presenter mode's large text, or as it is. TopologyView's choice of
// drawing, as one hook over the readable-text rules (readableText.ts) and usePresenterFold.
import { useMemo } from 'react';
import type { ScenarioInfo } from '../../workers/protocol';
import type { NodePositions } from '../topology/layoutTypes';
import type { PresenterFloor } from '../topology/presenterFloor';
import { READABLE_FOLD_SCALE, READABLE_NAME_PX, READABLE_TEXT_WINDOW_QUERY, READABLE_WINDOW_QUERY, wantsLargeText, wantsReadableFold } from '../topology/readableText';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { NO_UNFOLDED, usePresenterFold } from './topologyFit';
import { useMatchMedia } from './useMatchMedia';
import type { StageSize } from './useStageSize';

/** What the stage's choice is made from. */
export interface StageModeInput {
  topology: ScenarioInfo['topology'] | null;
  size: StageSize | null;
  positions: NodePositions;
  unfolded: ReadonlySet<string>;
  presenterMode: boolean;
  /**
   * The drawing is kept readable beside the open inspector: no fold, and the large text only as
   * `keptLargeText` says (the picture keeps the geometry it had in the whole stage, keptPicture.ts).
   */
  keepReadable: boolean;
  /** With `keepReadable`: the picture was drawn with the large text in the whole stage (WholeStage.largeText). */
  keptLargeText?: boolean;
  floor: PresenterFloor;
  /**
   * The large text asked for by another picture drawn beside this one (a compare pane's other:
   * the store's largeTextShared, compare/paneScale.ts), so both take one geometry; taken only
   * where this picture may take the large text at all.
   */
  largeTextShared?: boolean;
}

/** How the stage draws its picture. */
export interface StageMode {
  /** 'all': as it is; 'replicas': unfolded replicas folded back; 'groups': as group tiles. */
  fold: 'all' | 'replicas' | 'groups';
  /** The names' floor the fold keeps, CSS px (said in the fold's note). */
  foldPx: number;
  /** The services drawn unfolded into replicas. */
  shownUnfolded: ReadonlySet<string>;
  /** Drawn as a canvas of group tiles. */
  large: boolean;
  /** Presenter mode's text and geometry outside presenter mode (readableText.ts). */
  largeText: boolean;
  /** This picture's own names would be under READABLE_NAME_PX and the large text draws them larger (its own wish, without `largeTextShared`). */
  wantsLargeText: boolean;
  /** The drawing's geometry is presenter mode's: presenter mode's or the large text's. */
  presenter: boolean;
  /** Columns with room for presenter-size link labels. */
  roomy: boolean;
  /** Drawn whole below the presenter floor (fitted to the stage, not held at the floor). */
  belowFloor: boolean;
}

/**
 * How the stage draws its picture for `i`, memoized on its parts. In a narrow window
 * (READABLE_WINDOW_QUERY) and outside presenter mode, a picture whose names would be under
 * 10 px folds as presenter mode folds or takes its large text (readableText.ts).
 */
export function useStageMode(i: StageModeInput): StageMode {
  const { topology, size, positions, unfolded, presenterMode, keepReadable, floor, largeTextShared = false, keptLargeText = false } = i;
  const narrowWindow = useMatchMedia(READABLE_WINDOW_QUERY);
  const textWindow = useMatchMedia(READABLE_TEXT_WINDOW_QUERY);
  // The large text up to 1,300 px (a 1280x720 projector), and in any window for a compare pane
  // (PresenterFloor.readableAnyWidth); the fold into tiles below stays the narrow window's.
  const narrow = narrowWindow || textWindow || floor.readableAnyWidth;
  // Outside presenter mode, a picture that presenter mode's text cannot draw whole with names of
  // 10 px or more folds as presenter mode folds, at that floor (readableText.ts), and says so.
  const readableFold = useMemo(
    () => narrowWindow && !presenterMode && !keepReadable && unfolded.size === 0 && topology !== null && topology.nodes.length <= LARGE_TOPOLOGY_NODES && size !== null && size.width >= 10 && size.height >= 10 && wantsReadableFold(topology, size.width, size.readHeight, { positions, unfolded }),
    [narrowWindow, presenterMode, keepReadable, topology, size, positions, unfolded],
  );
  // Whether to fold is judged on the stage's height under one row of tools (readHeight), as the
  // readable-text rule is: not on what the open legend's list takes. Judged on the stage's own
  // height, partial-adoption in presenter mode at 1024x768 (545 px; 472 needed) folded into nine
  // one-node group tiles whenever the legend was open (467 px), a choice the browser keeps, and
  // was drawn whole when not: two outcomes for one window.
  const foldSize = useMemo(() => (size ? { width: size.width, height: size.readHeight } : null), [size]);
  // A compare pane tries presenter mode's own columns, then a small picture whole below its floor, before folding (PresenterFloor.fitBeforeFold).
  const drawing = usePresenterFold(presenterMode || readableFold, topology, foldSize, positions, unfolded, presenterMode ? floor.minScale : READABLE_FOLD_SCALE, !presenterMode || floor.roomy, presenterMode && floor.fitBeforeFold);
  const fold = drawing.fold;
  const foldPx = presenterMode ? floor.px : READABLE_NAME_PX;
  // Replicas folded back into their service when presenter mode needs the room.
  const shownUnfolded = fold === 'all' ? unfolded : NO_UNFOLDED;
  const large = topology !== null && (topology.nodes.length > LARGE_TOPOLOGY_NODES || fold === 'groups');
  // Outside presenter mode, a picture whose names would be under 10 px takes presenter mode's
  // text and geometry when that draws them larger (readableText.ts): `presenter` below is the
  // drawing's geometry, presenter mode's or this; this one's columns are further apart (`roomy`,
  // PresenterSize.gapXRoomy) so the presenter-size link labels fit between the boxes.
  // A compare pane also takes it when the pane beside it does (largeTextShared): one geometry for both.
  const mayTakeLarge = narrow && !presenterMode && !keepReadable && unfolded.size === 0 && !large && topology !== null && size !== null && size.width >= 10 && size.height >= 10;
  const wantsLarge = useMemo(
    () => mayTakeLarge && topology !== null && size !== null && wantsLargeText(topology, size.width, size.height, { positions, unfolded: shownUnfolded }),
    [mayTakeLarge, topology, size, positions, shownUnfolded],
  );
  // Beside the inspector the picture keeps the text it had in the whole stage (keptPicture.ts).
  const keptLarge = keepReadable && keptLargeText && !presenterMode && unfolded.size === 0 && !large;
  const largeText = keptLarge || (mayTakeLarge && (wantsLarge || largeTextShared));
  const presenter = presenterMode || largeText;
  // Columns with room for presenter-size link labels: the large text's, and a compare pane's.
  const roomy = largeText || (presenterMode && floor.roomy && drawing.roomy);
  return { fold, foldPx, shownUnfolded, large, largeText, wantsLargeText: wantsLarge, presenter, roomy, belowFloor: drawing.belowFloor };
}
