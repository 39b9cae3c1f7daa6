// Dragging nodes by hand, in the SVG and the canvas view alike: a press on a node and a move of
// more than a few pixels drags it (the camera does not pan); a press and release in place is a
// click. Positions are node centres in the drawing's design units, the units of a scenario's
// `layout` field. The geometry is pure; `attachNodeDrag` listens on the stage.
import type { Camera } from './camera';
import { LARGE_TOPOLOGY_NODES, straightLanes, type GroupLayout } from './groupLayout';
import type { NodePositions } from './layoutTypes';

/** Pointer travel, CSS pixels, before a press on a node becomes a drag (as d3-drag's clickDistance). */
export const DRAG_THRESHOLD_PX = 4;

/** Where a drawing sits with the camera at rest: screen = tx + scale × design, CSS pixels. */
export interface BaseTransform {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/**
 * The design point under a screen point (CSS pixels from the stage's top left), through the
 * camera (screen = camera.k × (base) + camera.x) and the fitted drawing. Pure.
 */
export function screenToDesign(sx: number, sy: number, camera: Camera, base: BaseTransform): { x: number; y: number } {
  return { x: ((sx - camera.x) / camera.k - base.tx) / base.scale, y: ((sy - camera.y) / camera.k - base.ty) / base.scale };
}

/**
 * A dragged node's new centre: where it was plus how far the pointer moved, both in design
 * units, rounded to a tenth of a unit so a saved layout stays short. Pure.
 */
export function draggedTo(start: { x: number; y: number }, from: { x: number; y: number }, to: { x: number; y: number }): { x: number; y: number } {
  const r = (v: number) => Math.round(v * 10) / 10;
  return { x: r(start.x + to.x - from.x), y: r(start.y + to.y - from.y) };
}

/** `positions` with `name` at (x, y). Pure: a new object. */
export function withPosition(positions: NodePositions, name: string, x: number, y: number): NodePositions {
  return { ...positions, [name]: { x, y } };
}

/**
 * Whether group tiles of a topology of `nodes` nodes are its own drawing, so hand-placed positions
 * (and drags on the canvas) are in the tiles' design units: only above LARGE_TOPOLOGY_NODES. A
 * smaller picture folded into tiles (presenter mode, the readable fold) keeps its positions in the
 * SVG drawing's units, which mean nothing in the tiles': third-party-direct's partner at (802, 190)
 * landed right of the tiles' whole picture, off the canvas, and the fold drew 4 of its 5 nodes
 * (session 44). Pure.
 */
export function tilesOwnPositions(nodes: number): boolean {
  return nodes > LARGE_TOPOLOGY_NODES;
}

/**
 * Moves the group layout's nodes named in `positions` to their centres there, and their edges'
 * lanes with them. Impure: mutates `layout` (x, y, lanes). Unknown names are skipped.
 */
export function placeGroupNodes(layout: GroupLayout, names: readonly string[], edges: readonly { id: number; from: number; to: number }[], positions: NodePositions): void {
  const moved = new Set<number>();
  names.forEach((name, id) => {
    const at = Object.hasOwn(positions, name) ? positions[name] : undefined;
    if (!at || !Number.isFinite(at.x) || !Number.isFinite(at.y)) return;
    layout.x[id] = at.x;
    layout.y[id] = at.y;
    moved.add(id);
  });
  if (moved.size === 0) return;
  for (const e of edges) {
    if (moved.has(e.from) || moved.has(e.to)) layout.lanes[e.id] = straightLanes(layout.x[e.from], layout.y[e.from], layout.x[e.to], layout.y[e.to]);
  }
}

/** The node a press landed on, and its centre, design units. */
export interface DragTarget {
  name: string;
  x: number;
  y: number;
}

export interface DragHooks {
  /** The node under a pointer event, or null (the press then pans, as before). */
  pick(e: PointerEvent): DragTarget | null;
  /** The design point under a pointer event. */
  toDesign(e: PointerEvent): { x: number; y: number };
  /** The node moved to (x, y) while dragging (called at most once a frame). */
  move(name: string, x: number, y: number): void;
  /** The drag ended with the node at (x, y). */
  end(name: string, x: number, y: number): void;
}

/**
 * Listens on `stage` for drags of nodes. A press on a node cancels the pointerdown, so d3-zoom
 * (which listens for mousedown) does not pan; the click that follows a real drag is swallowed,
 * so nothing else takes it for a click. Returns a function that stops listening. Impure.
 */
export function attachNodeDrag(stage: HTMLElement, hooks: DragHooks): () => void {
  let drag: { id: number; target: DragTarget; from: { x: number; y: number }; sx: number; sy: number; moving: boolean; at: { x: number; y: number } } | null = null;
  let raf = 0;
  let swallowClick = false;
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = hooks.pick(e);
    if (!target) return;
    e.preventDefault();
    drag = { id: e.pointerId, target, from: hooks.toDesign(e), sx: e.clientX, sy: e.clientY, moving: false, at: { x: target.x, y: target.y } };
  };
  const onMove = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    if (!drag.moving && Math.hypot(e.clientX - drag.sx, e.clientY - drag.sy) <= DRAG_THRESHOLD_PX) return;
    if (!drag.moving) {
      // Captured only once it is a drag: a capture would send a plain click to the stage.
      stage.setPointerCapture?.(e.pointerId);
      drag.moving = true;
      stage.classList.add('topo-dragging');
    }
    drag.at = draggedTo(drag.target, drag.from, hooks.toDesign(e));
    if (!raf) {
      raf = requestAnimationFrame(() => {
        raf = 0;
        if (drag) hooks.move(drag.target.name, drag.at.x, drag.at.y);
      });
    }
  };
  const onUp = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    const d = drag;
    drag = null;
    stage.classList.remove('topo-dragging');
    cancelAnimationFrame(raf);
    raf = 0;
    if (d.moving) {
      swallowClick = true;
      // A click follows pointerup at once when it comes at all; never swallow a later one.
      setTimeout(() => (swallowClick = false), 0);
      hooks.end(d.target.name, d.at.x, d.at.y);
    }
  };
  const onClick = (e: MouseEvent) => {
    if (!swallowClick) return;
    swallowClick = false;
    e.stopPropagation();
    e.preventDefault();
  };
  stage.addEventListener('pointerdown', onDown);
  stage.addEventListener('pointermove', onMove);
  stage.addEventListener('pointerup', onUp);
  stage.addEventListener('pointercancel', onUp);
  stage.addEventListener('click', onClick, true);
  return () => {
    cancelAnimationFrame(raf);
    stage.removeEventListener('pointerdown', onDown);
    stage.removeEventListener('pointermove', onMove);
    stage.removeEventListener('pointerup', onUp);
    stage.removeEventListener('pointercancel', onUp);
    stage.removeEventListener('click', onClick, true);
  };
}
