// Which part of each edge the canvas view draws as its line: the stretch between the tiles of its
// two ends, so that no line runs over the squares and names of a tile it only leaves or enters
// (N18's trial, item 7: in the full load test every lane ran through the service tiles). A lane
// inside one tile is drawn whole. Pure geometry, design units.
import type { GroupLayout } from './groupLayout';

/** An axis-aligned box: left, top, width, height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The part of the segment (x0, y0)-(x1, y1) that lies outside `from` (the box its start is in)
 * and `to` (the box its end is in), as fractions [t0, t1] of the way along it (0 and 1 with no
 * box). Null when nothing is left outside (the boxes meet along it). A start outside `from`
 * gives t0 = 0, an end outside `to` t1 = 1. Pure.
 */
export function spanOutsideBoxes(x0: number, y0: number, x1: number, y1: number, from: Box | null, to: Box | null): [number, number] | null {
  const t0 = from ? leaves(from, x0, y0, x1 - x0, y1 - y0) : 0;
  const t1 = to ? 1 - leaves(to, x1, y1, x0 - x1, y0 - y1) : 1;
  return t1 > t0 ? [t0, t1] : null;
}

/**
 * How far along (dx, dy) a point starting at (x, y) inside `box` leaves it, as a fraction
 * clamped to [0, 1]; 0 when it starts outside. Pure.
 */
function leaves(box: Box, x: number, y: number, dx: number, dy: number): number {
  if (x < box.x || x > box.x + box.w || y < box.y || y > box.y + box.h) return 0;
  let t = 1;
  if (dx > 0) t = Math.min(t, (box.x + box.w - x) / dx);
  else if (dx < 0) t = Math.min(t, (box.x - x) / dx);
  if (dy > 0) t = Math.min(t, (box.y + box.h - y) / dy);
  else if (dy < 0) t = Math.min(t, (box.y - y) / dy);
  return Math.max(0, Math.min(1, t));
}

/**
 * Each edge's drawn stretch (spanOutsideBoxes between the tiles of its ends), as two floats per
 * edge id, [t0, t1] along the line from its caller's centre to its callee's; an edge within one
 * tile is drawn whole (0, 1), one whose tiles meet along it not at all (NaN, NaN). Pure.
 */
export function laneSpans(layout: Pick<GroupLayout, 'groups' | 'groupOf' | 'x' | 'y'>, edges: readonly { id: number; from: number; to: number }[]): Float32Array {
  const spans = new Float32Array(2 * edges.length);
  for (const e of edges) {
    const a = layout.groupOf[e.from];
    const b = layout.groupOf[e.to];
    const span = a === b ? [0, 1] : spanOutsideBoxes(layout.x[e.from], layout.y[e.from], layout.x[e.to], layout.y[e.to], a >= 0 ? layout.groups[a] : null, b >= 0 ? layout.groups[b] : null);
    spans[2 * e.id] = span ? span[0] : Number.NaN;
    spans[2 * e.id + 1] = span ? span[1] : Number.NaN;
  }
  return spans;
}

/**
 * Where segment (x0, y0)-(x1, y1) runs inside `box`, as fractions [e0, e1] along it (Liang-Barsky),
 * or null where it misses the box. Pure.
 */
export function segmentInBox(x0: number, y0: number, x1: number, y1: number, box: Box): [number, number] | null {
  let e0 = 0;
  let e1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const sides: [number, number][] = [
    [-dx, x0 - box.x],
    [dx, box.x + box.w - x0],
    [-dy, y0 - box.y],
    [dy, box.y + box.h - y0],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) e0 = Math.max(e0, t);
    else e1 = Math.min(e1, t);
  }
  return e1 > e0 ? [e0, e1] : null;
}

/**
 * Where each edge's drawn stretch (`spans`) runs through a tile other than its ends' tiles, as two
 * floats per edge id, [g0, g1] along it (from the first such tile's border to the last one's:
 * one gap however many tiles it crosses); NaN, NaN where it crosses none. The lane is drawn,
 * lit and hit only outside its gap, so it covers no third tile's squares or names (canvas-flood's
 * c -> web ran across the svc tile). Edges x tiles work; pure.
 */
export function laneGaps(layout: Pick<GroupLayout, 'groups' | 'groupOf' | 'x' | 'y'>, edges: readonly { id: number; from: number; to: number }[], spans: Float32Array): Float32Array {
  const gaps = new Float32Array(2 * edges.length).fill(Number.NaN);
  for (const e of edges) {
    const a = layout.groupOf[e.from];
    const b = layout.groupOf[e.to];
    const t0 = spans[2 * e.id];
    const t1 = spans[2 * e.id + 1];
    if (a === b || !(t1 > t0)) continue;
    let g0 = Number.POSITIVE_INFINITY;
    let g1 = Number.NEGATIVE_INFINITY;
    for (const g of layout.groups) {
      if (g.index === a || g.index === b) continue;
      const inside = segmentInBox(layout.x[e.from], layout.y[e.from], layout.x[e.to], layout.y[e.to], g);
      if (!inside || inside[1] <= t0 || inside[0] >= t1) continue;
      g0 = Math.min(g0, Math.max(t0, inside[0]));
      g1 = Math.max(g1, Math.min(t1, inside[1]));
    }
    if (g1 > g0) {
      gaps[2 * e.id] = g0;
      gaps[2 * e.id + 1] = g1;
    }
  }
  return gaps;
}

/**
 * The pieces of edge `id` drawn: its stretch in `spans` less its gap in `gaps` (laneGaps), as
 * [t0, t1] pairs along it from its caller's centre, none empty; [] for a lane not drawn. Pure.
 */
export function lanePieces(spans: Float32Array, gaps: Float32Array | null | undefined, id: number): [number, number][] {
  const t0 = spans[2 * id];
  const t1 = spans[2 * id + 1];
  if (!(t1 > t0)) return [];
  const g0 = gaps ? gaps[2 * id] : Number.NaN;
  const g1 = gaps ? gaps[2 * id + 1] : Number.NaN;
  if (!(g1 > g0)) return [[t0, t1]];
  const out: [number, number][] = [];
  if (g0 > t0) out.push([t0, g0]);
  if (t1 > g1) out.push([g1, t1]);
  return out;
}

/**
 * Adds each edge's drawn stretch (`spans`, less its gap in `gaps`) to `ctx`'s path as a line, design units: every edge not
 * in `skip` (1 for hidden), and when `only` is given only those it marks 1, and when `onScreen`
 * is given only those whose stretch's box it accepts. Impure: adds to the current path, strokes
 * nothing.
 */
export function strokeSpans(
  ctx: CanvasRenderingContext2D,
  edges: readonly { id: number; from: number; to: number }[],
  layout: Pick<GroupLayout, 'x' | 'y'>,
  spans: Float32Array,
  gaps: Float32Array | null,
  skip: Uint8Array,
  only: Uint8Array | null,
  onScreen: ((x: number, y: number, w: number, h: number) => boolean) | null,
): void {
  for (const e of edges) {
    if (skip[e.id] || (only && !only[e.id])) continue;
    const dx = layout.x[e.to] - layout.x[e.from];
    const dy = layout.y[e.to] - layout.y[e.from];
    for (const [t0, t1] of lanePieces(spans, gaps, e.id)) {
      const x0 = layout.x[e.from] + t0 * dx;
      const y0 = layout.y[e.from] + t0 * dy;
      const x1 = layout.x[e.from] + t1 * dx;
      const y1 = layout.y[e.from] + t1 * dy;
      if (onScreen && !onScreen(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0))) continue;
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
    }
  }
}
