// The canvas view's scene as the rest of the app sees it: what a scene offers (CanvasTopologyScene),
// the colours the legend shares with it, and a hit test on it. The scene itself
// (renderCanvasTopology.ts and the files it draws with) is its own chunk, loaded the first time a
// large or folded topology is drawn (drawStage.ts's loadCanvasView); this file is all the first
// page load carries of it.
import type { GroupLayout } from './groupLayout';
import type { Camera } from './camera';
import type { EdgeRate } from './edgeRates';
import type { DrawnScene } from './canvasMarks';

/**
 * The story's highlight (a narrative step's `highlight`), in the SVG view's colours (styles.css
 * `.topo-hl > .topo-hl-halo`: #f0e442 at 70%, 45% in the dark theme, edged #c4b200; a link's
 * band #f0e442 at 80%), so both views say it alike and the legend's swatch stands for both.
 * CSS colours.
 */
export const HIGHLIGHT = { fill: 'rgba(240, 228, 66, 0.7)', fillDark: 'rgba(240, 228, 66, 0.45)', stroke: '#c4b200', band: 'rgba(240, 228, 66, 0.8)' } as const;

/**
 * Fill of a node's square by state (idle, busy under 25%, under 75%, more, stale config, no
 * config, some replicas down, all down, sidecars saturated: with a heavy outline in --queued, canvasNodeLayer.ts); the
 * legend shows the same colours. CSS colours.
 */
export const NODE_STATE_FILLS = ['var(--surface)', '#cfe3f1', '#7fb3d9', 'var(--request)', 'var(--queued)', 'var(--failed)', '#b9c2cd', 'var(--down)', 'var(--queued-ink)'] as const;

/** Label text in presenter mode, CSS px (issue 11 item 8: node text >= 14 px at 1024x768); 12 px otherwise. */
export const PRESENTER_FONT = 14;

/** A large topology's canvas scene (createCanvasTopology): its layout, its state as figures and faults come, hit tests, and drawing. */
export interface CanvasTopologyScene {
  readonly layout: GroupLayout;
  /** 1 for each edge with an end in a hidden group (the traffic canvas skips it). */
  readonly hiddenEdges: Uint8Array;
  /**
   * Each edge's drawn stretch, two floats per edge id, [t0, t1] along it from its caller's centre
   * to its callee's: the part between the tiles of its ends (laneSpans.ts), so no lane runs over a
   * tile it only leaves or enters; NaN for none. The traffic canvas lights the same stretch.
   */
  readonly laneSpans: Float32Array;
  /** Where each edge's stretch crosses a tile other than its ends' ([g0, g1], NaN for none; laneSpans.ts laneGaps): not drawn there. */
  readonly laneGaps: Float32Array;
  /**
   * Takes a frame's node array (NODE_STRIDE floats per node); returns true when a node's state
   * as drawn changed. Mutates the scene, draws nothing.
   */
  updateLoad(nodes: Float32Array | null): boolean;
  /**
   * Takes each edge's recent figures; returns true when a group's or node's figures changed, or a
   * lane label's words (canvasLaneLabels.ts).
   */
  updateRates(rate: (edge: number) => EdgeRate | null): boolean;
  /** Highlights these node names and "from->to" edges (the narrative's step). */
  highlight(keys: readonly string[]): void;
  /** Marks the nodes that active faults act on. */
  showFaults(faults: readonly { type: string; target: string }[]): void;
  /** Hides or shows a group. */
  setHidden(group: number, hidden: boolean): void;
  isHidden(group: number): boolean;
  /** The node found last (drawn with a ring and its name), or null. */
  setFound(node: number | null): void;
  /** The node found last, as setFound left it, or null. */
  foundNode(): number | null;
  /** What the found node's label says after its name (laneTip's nodeRates, "99 req/s in"), '' with none found or no figures yet. */
  foundRates(): string;
  /** The group whose tile holds this design point, or -1. */
  groupAt(x: number, y: number): number;
  /**
   * The node whose square holds this design point (no slop), or null: a click there picks the
   * node, whatever unsampled dot passes over it (issue 11's new-user pass). Hidden groups are
   * skipped. Pure.
   */
  nodeAt(x: number, y: number): number | null;
  /**
   * The full title of the group tile (or title) under this stage point (CSS px, as drawn last),
   * for the tooltip of a title shortened to fit; null off every tile. Pure.
   */
  titleAt(x: number, y: number): string | null;
  /**
   * The tooltip over this stage point (CSS px, through `camera`) when each edge is drawn (zoomed
   * in): a node's requests in and out, or every lane under the pointer with its figures
   * (laneTip.ts); '' zoomed out, over a tile's title, or over neither. How a lane with no room for
   * its label says its rate. Pure.
   */
  tipAt(camera: Camera, x: number, y: number): string;
  /**
   * What a click at this design point selects: the node whose mark holds it (with `slop` design
   * units around it), else the drawn edge passing within `slop`; null for neither. Hidden groups
   * are skipped. Pure.
   */
  pickAt(x: number, y: number, slop: number): { kind: 'node' | 'edge'; id: number } | null;
  /**
   * Draws everything but the traffic. Impure: draws on `ctx`, and sets what it drew (a
   * `DrawnScene`) as the `meshsimDrawn` property of `ctx.canvas`, for tests. With `layersOnly`
   * it brings only its own cached layers (the base, the node marks) up to date for `ctx`'s size
   * and draws nothing on `ctx`: a first draw split over two tasks (see `prepare`).
   */
  draw(ctx: CanvasRenderingContext2D, camera: Camera, dpr: number, layersOnly?: boolean): void;
  /**
   * Gives the next of the scene's own canvases (the cached base, the node layer) its pixels at
   * `cw` x `ch` device px, ahead of the first `draw` at that size; true when it did (the caller
   * yields a task before the next), false when all have them. NOTE: a software-rasterised canvas
   * takes 15-60 ms to get its pixels (on its first operation after a resize): three of them in the
   * first draw of 1,000 services made one task of 130+ ms (bench:ui openLongestTaskMs). Optional:
   * `draw` does what is left. Impure: sizes and touches those canvases, draws nothing.
   */
  prepare(cw: number, ch: number): boolean;
  /** What the last `draw` drew, or null before the first. */
  drawn(): DrawnScene | null;
}

/** How the scene is drawn: `presenter` draws its labels at PRESENTER_FONT px. */
export interface CanvasTopologyOptions {
  presenter?: boolean;
}

/**
 * The node whose square is under the stage point (`x`, `y`) (CSS px from the stage's top left)
 * when `scene` is drawn through `camera`, or null. Pure.
 */
export function canvasNodeAt(scene: CanvasTopologyScene, camera: Camera, x: number, y: number): number | null {
  const l = scene.layout;
  return scene.nodeAt(((x - camera.x) / camera.k - l.tx) / l.scale, ((y - camera.y) / camera.k - l.ty) / l.scale);
}
