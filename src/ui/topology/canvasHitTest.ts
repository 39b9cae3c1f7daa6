// What is under a point of the canvas view of a large topology: a group's tile, a node's square,
// a tile's title, or what a click selects. Reads the scene's state (canvasSceneState.ts) and the
// titles as drawn last; hidden groups are skipped. Pure.
import { Cell } from './groupLayout';
import type { CanvasSceneState } from './canvasSceneState';

/** The group whose tile holds this design point, or -1. Pure. */
export function groupAt(s: CanvasSceneState, x: number, y: number): number {
  for (const g of s.layout.groups) if (!s.hidden[g.index] && x >= g.x && x <= g.x + g.w && y >= g.y && y <= g.y + g.h) return g.index;
  return -1;
}

/** The node whose square holds this design point (no slop), or null. Pure. */
export function nodeAt(s: CanvasSceneState, x: number, y: number): number | null {
  const { topology, layout, hidden } = s;
  const half = Cell.size / 2;
  for (const node of topology.nodes) {
    if (hidden[layout.groupOf[node.id]]) continue;
    if (Math.abs(layout.x[node.id] - x) <= half && Math.abs(layout.y[node.id] - y) <= half) return node.id;
  }
  return null;
}

/** The full title of the tile title, else of the tile, under this stage point (CSS px, as drawn last), or null. Pure. */
export function titleAt(s: CanvasSceneState, x: number, y: number): string | null {
  for (const t of s.drawnTitles) if (x >= t.x && x <= t.x + t.w && y >= t.y && y <= t.y + t.h) return t.full;
  for (const t of s.drawnTitles) if (x >= t.tile.x && x <= t.tile.x + t.tile.w && y >= t.tile.y && y <= t.tile.y + t.tile.h) return t.full;
  return null;
}

/**
 * What a click at this design point selects: the node whose mark holds it (with `slop` design
 * units around it), else the nearest shown edge passing within `slop`; null for neither. Pure.
 */
export function pickAt(s: CanvasSceneState, x: number, y: number, slop: number): { kind: 'node' | 'edge'; id: number } | null {
  const { topology, layout, hidden, hiddenEdges } = s;
  const half = Cell.size / 2 + slop;
  for (const node of topology.nodes) {
    if (hidden[layout.groupOf[node.id]]) continue;
    if (Math.abs(layout.x[node.id] - x) <= half && Math.abs(layout.y[node.id] - y) <= half) return { kind: 'node', id: node.id };
  }
  let best = -1;
  let bestD = slop;
  for (const e of topology.edges) {
    if (hiddenEdges[e.id]) continue;
    const d = segmentDistance(x, y, layout.x[e.from], layout.y[e.from], layout.x[e.to], layout.y[e.to]);
    if (d <= bestD) {
      bestD = d;
      best = e.id;
    }
  }
  return best >= 0 ? { kind: 'edge', id: best } : null;
}

/** Distance from (px, py) to the segment (x0, y0)-(x1, y1), in their units. Pure. */
export function segmentDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}
