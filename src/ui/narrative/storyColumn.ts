// Presenter mode's story column at a projector's width, chosen per picture. At 1024x768 a fixed
// 200 px column read 2-4 words a line (N4-report 2), but a fixed 340 px one folded
// two-meshes-via-gateway's seven nodes into group tiles (session 35, U7): what a picture needs
// differs. Most leave room to spare (retry-storm's drawing kept 19.9 px names at 200 px and keeps
// 17.7 at 400), so the column takes the widest width at which the picture still keeps presenter
// mode's floor, and the picture keeps what it must.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { computeLayout } from '../topology/layout';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { PRESENTER_MIN_SCALE, type Topology } from '../topology/layoutTypes';

/**
 * The story column's widths presenter mode tries at a narrow window, CSS px, widest first. 200 is
 * the column it had (styles.css), 400 holds about 40 characters of 17 px text a line (its 18 px
 * padding a side off); the step of 20 px keeps the choice to eleven layouts.
 */
export const STORY_COLUMN_WIDTHS = [400, 380, 360, 340, 320, 300, 280, 260, 240, 220, 200] as const;

/**
 * A margin over the floor a chosen width keeps (2%): the stage's height measured here can differ
 * from the drawing's own by a pixel or two (a legend bar that wraps), and a picture just at the
 * floor would then fold after all.
 */
const FLOOR_MARGIN = 1.02;

/**
 * The story column's width, CSS px, for `topology` drawn in presenter mode in a window whose
 * grid is `span` px wide (the column plus the stage) and whose topology stage is `height` px tall:
 * the widest of STORY_COLUMN_WIDTHS at which presenter mode's layout (computeLayout with
 * `presenter`, no hand placing, no replicas unfolded) still draws the node text at
 * PRESENTER_MIN_SCALE × FLOOR_MARGIN or more, so the picture stays whole; the narrowest when no
 * wider one does (two-meshes-via-gateway's 14.7 px names at 1024x768). A picture that misses
 * the floor even beside the narrowest column is drawn as group tiles at any width (usePresenterFold),
 * and a topology of more than LARGE_TOPOLOGY_NODES is drawn on the canvas: both keep the narrowest,
 * the stage's room going to their tiles' labels. A null topology or a span or height under 10 px gives the narrowest. Pure.
 */
export function storyColumnWidth(topology: Topology | null, span: number, height: number): number {
  const narrowest = STORY_COLUMN_WIDTHS[STORY_COLUMN_WIDTHS.length - 1];
  if (!topology || span < 10 || height < 10) return narrowest;
  // A picture drawn as group tiles (a large topology on the canvas, or one that misses the floor
  // even beside the narrowest column) keeps the narrowest, as before: its tiles' labels need the
  // stage's room (beside 400 px the canvas view's presenter labels at 1024x768 had none, and
  // istio-load-test's presenter check ran out of time: session 36's CI).
  if (topology.nodes.length > LARGE_TOPOLOGY_NODES) return narrowest;
  const scale = (column: number) => computeLayout(topology, span - column, height, { presenter: true }).scale;
  if (scale(narrowest) < PRESENTER_MIN_SCALE) return narrowest;
  return STORY_COLUMN_WIDTHS.find((c) => c === narrowest || scale(c) >= PRESENTER_MIN_SCALE * FLOOR_MARGIN) ?? narrowest;
}

/** Windows this wide or narrower take a chosen column (styles.css's presenter media query, 1100 px). */
export const NARROW_PRESENTER_PX = 1100;

/**
 * The story column's width for the single view's `.app` grid in presenter mode at a narrow
 * window (NARROW_PRESENTER_PX or less), or null elsewhere (styles.css's own column). Measures the
 * app's width and the topology's height under one row of tools inside `stageRef` (main.stage)
 * on every resize of either, and chooses with storyColumnWidth; a new value only when the width changes. The span is
 * the app's width, as the column and the stage share the grid's width (the inspector, closed in a
 * talk, is not counted, so opening it does not move the story).
 */
export function useStoryColumn(appRef: RefObject<HTMLElement | null>, stageRef: RefObject<HTMLElement | null>, presenter: boolean, topology: Topology | null): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const app = appRef.current;
    const stage = stageRef.current;
    if (!presenter || !app || !stage) {
      setWidth(null);
      return;
    }
    const measure = () => {
      const span = app.clientWidth;
      if (span > NARROW_PRESENTER_PX) return setWidth(null);
      // Under one row of tools, as useStageSize's readHeight: a fold's note wraps the tools to a
      // second row, and a picture folded beside a wide column must not stay folded for it.
      const box = stage.querySelector<HTMLElement>('.topology') ?? stage;
      const bar = box.querySelector<HTMLElement>('.legend-bar');
      setWidth(storyColumnWidth(topology, span, box.clientHeight - (bar?.offsetHeight ?? 0)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(app);
    ro.observe(stage);
    return () => ro.disconnect();
  }, [appRef, stageRef, presenter, topology]);
  return width;
}
