// Where the canvas view's lanes are drawn on screen, for its node labels to keep off them
// (session 50: canvas-flood's "web: proxies saturated · ≈15,000 waiting" sat on the c -> web
// lane at 1024x768). Lanes are drawn only between tiles (laneSpans, laneGaps), so a name inside
// its tile never meets one; a label under a node at a tile's bottom edge, or wider than a
// one-node tile, can. Pure; screen CSS px.
import type { GroupLayout } from './groupLayout';
import { groupEdgeEnds } from './canvasFrame';
import { lanePieces, segmentInBox } from './laneSpans';

/** A drawn stretch of a lane on screen, CSS px. */
export interface ScreenSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Screen pixels per cell of the index: as the label grid's (labelGrid.ts). */
const CELL = 120;

/** Asks whether a box meets a lane drawn on screen. */
export interface LaneIndex {
  /** True when some segment runs through the box (x, y, w, h: CSS px) grown by `pad` px each side. Pure. */
  meets(x: number, y: number, w: number, h: number, pad?: number): boolean;
}

/**
 * An index of `segments` by cell of CELL px, so a box asks only the segments whose cells it
 * covers (a zoomed-in full load test draws ~2,000 lanes and ~300 names). Segments off the stage
 * (`stageW` x `stageH`) are left out. Pure.
 */
export function laneIndex(segments: readonly ScreenSegment[], stageW: number, stageH: number): LaneIndex {
  const cells = new Map<number, ScreenSegment[]>();
  const cols = Math.ceil(stageW / CELL) + 1;
  const key = (gx: number, gy: number) => gy * cols + gx;
  for (const s of segments) {
    const x0 = Math.max(0, Math.min(s.x0, s.x1));
    const x1 = Math.min(stageW, Math.max(s.x0, s.x1));
    const y0 = Math.max(0, Math.min(s.y0, s.y1));
    const y1 = Math.min(stageH, Math.max(s.y0, s.y1));
    if (x1 < x0 || y1 < y0) continue;
    // Filed under every cell its box covers (a cell it only passes near costs a box test).
    for (let gx = Math.floor(x0 / CELL); gx <= Math.floor(x1 / CELL); gx++) {
      for (let gy = Math.floor(y0 / CELL); gy <= Math.floor(y1 / CELL); gy++) {
        const k = key(gx, gy);
        const list = cells.get(k);
        if (list) list.push(s);
        else cells.set(k, [s]);
      }
    }
  }
  return {
    meets(x, y, w, h, pad = 1) {
      const box = { x: x - pad, y: y - pad, w: w + 2 * pad, h: h + 2 * pad };
      const seen = new Set<ScreenSegment>();
      for (let gx = Math.max(0, Math.floor(box.x / CELL)); gx <= Math.floor((box.x + box.w) / CELL); gx++) {
        for (let gy = Math.max(0, Math.floor(box.y / CELL)); gy <= Math.floor((box.y + box.h) / CELL); gy++) {
          for (const s of cells.get(key(gx, gy)) ?? []) {
            if (seen.has(s)) continue;
            seen.add(s);
            if (segmentInBox(s.x0, s.y0, s.x1, s.y1, box)) return true;
          }
        }
      }
      return false;
    },
  };
}

/**
 * The lanes as drawn on screen: zoomed in (`detail`), each edge's pieces (lanePieces of `spans`
 * less `gaps`) but hidden ones; zoomed out, one line per pair of groups (groupEdgeEnds) but
 * those with a hidden end. `sx`, `sy` map design units to CSS px. Pure.
 */
export function drawnLaneSegments(
  layout: GroupLayout,
  edges: readonly { id: number; from: number; to: number }[],
  spans: Float32Array,
  gaps: Float32Array | null,
  hiddenEdges: Uint8Array,
  hiddenGroup: Uint8Array,
  detail: boolean,
  sx: (x: number) => number,
  sy: (y: number) => number,
): ScreenSegment[] {
  const out: ScreenSegment[] = [];
  if (!detail) {
    layout.groupEdges.forEach((ge, i) => {
      if (hiddenGroup[ge.from] || hiddenGroup[ge.to] || ge.from === ge.to) return;
      const [x0, y0, x1, y1] = groupEdgeEnds(layout, i);
      out.push({ x0: sx(x0), y0: sy(y0), x1: sx(x1), y1: sy(y1) });
    });
    return out;
  }
  for (const e of edges) {
    if (hiddenEdges[e.id]) continue;
    const dx = layout.x[e.to] - layout.x[e.from];
    const dy = layout.y[e.to] - layout.y[e.from];
    for (const [t0, t1] of lanePieces(spans, gaps, e.id)) {
      out.push({ x0: sx(layout.x[e.from] + t0 * dx), y0: sy(layout.y[e.from] + t0 * dy), x1: sx(layout.x[e.from] + t1 * dx), y1: sy(layout.y[e.from] + t1 * dy) });
    }
  }
  return out;
}
