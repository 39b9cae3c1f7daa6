// The marks the canvas view draws over its nodes and links that say what happened (issue 11,
// item 7, "the picture tells the truth"): a lock on a mutual-TLS link, broken and red when its
// handshakes failed, and a node's replicas as folds (strips) greyed when down or ejected. Each
// is drawn in screen pixels, so it keeps its size at any zoom, like the SVG view's. What was
// drawn is also kept as a list (`DrawnMark`), so a test can check the picture without reading
// pixels.

/** Screen pixels of a whole lock's disc, and of a broken one's (as the SVG view: 12 units). */
export const LOCK_RADIUS_PX = 9;
export const BROKEN_LOCK_RADIUS_PX = 12;
/** A link is given its intact lock only when it is this long on screen, CSS px (else clutter). */
export const LOCK_MIN_LINK_PX = 48;
/** A node's replicas are drawn as folds once its square spans this many CSS px on screen. */
export const FOLD_PX = 30;
/** Most folds drawn in one square; more replicas share them in proportion. */
export const MAX_FOLDS = 8;

/** A replica's state as the canvas draws it: from a frame's counts, down ones from the right. */
export type FoldState = 'up' | 'down' | 'ejected';

/**
 * One mark the scene drew, in CSS pixels from the canvas's top left. `edge` is "from->to" by
 * node names, or by group names for an edge standing for a pair of groups (zoomed out).
 */
export type DrawnMark =
  | { kind: 'lock'; x: number; y: number; edge: string }
  | { kind: 'broken-lock'; x: number; y: number; edge: string; failed: number }
  | { kind: 'ejected'; x: number; y: number; node: string; ejected: number; replicas: number; back: string }
  | { kind: 'saturated'; x: number; y: number; w: number; h: number; node: string; text: string }
  | { kind: 'fold'; x: number; y: number; w: number; h: number; node: string; index: number; state: FoldState }
  | { kind: 'label'; x: number; y: number; w: number; h: number; text: string; px: number; cx: number; cy: number }
  /** A lane's rate beside its line (canvasLaneLabels.ts): its box as drawn, its words, and its edge ("from->to"). */
  | { kind: 'lane-label'; x: number; y: number; w: number; h: number; text: string; edge: string }
  /** A highlighted node's halo (the story points at it): its box and colours as drawn. */
  | { kind: 'highlight'; x: number; y: number; w: number; h: number; node: string; fill: string; stroke: string }
  /**
   * A group tile's title: its box as drawn, the text drawn (shortened with "…" to its room) and
   * the text in full (the tile's tooltip); `tile` is the tile's box and `nodesTop` the top of its
   * first row of squares, CSS px.
   */
  | { kind: 'title'; x: number; y: number; w: number; h: number; text: string; full: string; group: string; px: number; tile: { x: number; y: number; w: number; h: number }; nodesTop: number };

/** What the scene drew last: its marks, and how many node squares of each drawn state. */
export interface DrawnScene {
  /** Cell spacing on screen, CSS px (the level of detail follows it). */
  cellPx: number;
  /** Each edge drawn on its own (zoomed in) rather than as one per pair of groups. */
  detail: boolean;
  nodes: number;
  marks: DrawnMark[];
}

/** The property of the scene's canvas element that holds its `DrawnScene` (for tests). */
export const DRAWN_PROPERTY = 'meshsimDrawn';

/**
 * The folds of a square of `replicas` replicas, `down` of them down and `ejected` ejected:
 * at most MAX_FOLDS, down ones from the right, then ejected ones, as the SVG view orders its
 * worker slots. A fold stands for `replicas / folds` replicas; a state with any replica gets at
 * least one fold. Pure.
 */
export function foldStates(replicas: number, down: number, ejected: number): FoldState[] {
  const k = Math.max(1, Math.min(replicas, MAX_FOLDS));
  const share = (count: number, room: number) => (count <= 0 || replicas <= 0 ? 0 : Math.min(room, Math.max(1, Math.round((count * k) / replicas))));
  const d = share(Math.min(down, replicas), k);
  const e = share(Math.min(ejected, Math.max(0, replicas - down)), k - d);
  return Array.from({ length: k }, (_, i): FoldState => (i >= k - d ? 'down' : i >= k - d - e ? 'ejected' : 'up'));
}

/** Colours the marks take (CSS colours, resolved from the theme). */
export interface MarkColours {
  surface: string;
  ink2: string;
  edgeStrong: string;
  failed: string;
  failedInk: string;
  down: string;
  muted: string;
  /** A down replica's fold: the canvas's "some replicas down" fill (NODE_STATE_FILLS[6]). */
  downFold: string;
}

/** A whole lock centred at (x, y), screen px; `ctx` is in screen px. Impure: draws. */
export function drawLock(ctx: CanvasRenderingContext2D, x: number, y: number, c: MarkColours): void {
  ctx.beginPath();
  ctx.arc(x, y, LOCK_RADIUS_PX, 0, 2 * Math.PI);
  ctx.fillStyle = c.surface;
  ctx.fill();
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = c.edgeStrong;
  ctx.stroke();
  shackle(ctx, x, y, -1.5, c.ink2);
  ctx.fillStyle = c.ink2;
  ctx.fillRect(x - 5.5, y - 1.5, 11, 8);
}

/**
 * A broken lock centred at (x, y), screen px: a red ring, an open shackle, a red body with a
 * crack, as the SVG view's `.topo-lock-broken`. Impure: draws.
 */
export function drawBrokenLock(ctx: CanvasRenderingContext2D, x: number, y: number, c: MarkColours): void {
  ctx.beginPath();
  ctx.arc(x, y, BROKEN_LOCK_RADIUS_PX, 0, 2 * Math.PI);
  ctx.fillStyle = c.surface;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = c.failed;
  ctx.stroke();
  shackle(ctx, x, y, -6.5, c.failedInk);
  ctx.fillStyle = c.failed;
  ctx.fillRect(x - 5.5, y - 1.5, 11, 8);
  ctx.beginPath();
  ctx.moveTo(x - 1, y - 1.5);
  ctx.lineTo(x + 1.2, y + 1.6);
  ctx.lineTo(x - 0.8, y + 3.4);
  ctx.lineTo(x + 1, y + 6.5);
  ctx.lineWidth = 1.4;
  ctx.strokeStyle = c.surface;
  ctx.stroke();
}

function shackle(ctx: CanvasRenderingContext2D, x: number, y: number, rightEnd: number, colour: string): void {
  ctx.beginPath();
  ctx.moveTo(x - 3.6, y - 1.5);
  ctx.lineTo(x - 3.6, y - 4.2);
  ctx.arc(x, y - 4.2, 3.6, Math.PI, 2 * Math.PI);
  ctx.lineTo(x + 3.6, y + rightEnd);
  ctx.lineWidth = 1.8;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/**
 * A node's square of side `side` at (x, y) (its top left, screen px) cut into folds, one per
 * state in `states`: a down fold filled grey, an ejected one light grey with a dashed outline,
 * an up one left as the square's own fill; thin lines between folds. Returns each fold's box.
 * Impure: draws.
 */
export function drawFolds(ctx: CanvasRenderingContext2D, x: number, y: number, side: number, states: readonly FoldState[], c: MarkColours): { x: number; y: number; w: number; h: number }[] {
  const w = side / states.length;
  const boxes = states.map((_, i) => ({ x: x + i * w, y, w, h: side }));
  states.forEach((s, i) => {
    if (s === 'up') return;
    const b = boxes[i];
    ctx.fillStyle = s === 'down' ? c.downFold : c.down;
    ctx.fillRect(b.x, b.y, b.w, b.h);
    if (s === 'ejected') {
      ctx.setLineDash([3, 2]);
      ctx.lineWidth = 1.2;
      ctx.strokeStyle = c.muted;
      ctx.strokeRect(b.x + 0.6, b.y + 0.6, b.w - 1.2, b.h - 1.2);
      ctx.setLineDash([]);
    }
  });
  if (states.length > 1) {
    ctx.beginPath();
    for (let i = 1; i < states.length; i++) {
      ctx.moveTo(x + i * w, y);
      ctx.lineTo(x + i * w, y + side);
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.edgeStrong;
    ctx.stroke();
  }
  return boxes;
}
