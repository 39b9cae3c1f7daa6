// How far the cloud around a third party's box reaches past the box (issue 11: the layout allowed
// 20 design units at its sides, the outline reaches ~40-52, so a cloud at the stage's edge was
// cut). Pure geometry, no DOM.
import { cloudArcs } from './marks';

/** Design units the cloud reaches past each side of its `w` x `h` box. */
export interface CloudReach {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The cloud's outline (marks' cloudArcs, drawn by cloudPath) past each side of its box, design
 * units: each arc's circle found as the SVG spec's endpoint-to-centre conversion does (B.2.4,
 * a radius too small for the chord grown to half of it), its extreme points counted where they
 * lie on the arc. Pure.
 */
export function cloudReach(w: number, h: number): CloudReach {
  let minX = 0;
  let minY = 0;
  let maxX = w;
  let maxY = h;
  const add = (x: number, y: number) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  for (const a of cloudArcs(w, h)) {
    add(a.x, a.y);
    const dx = (a.x0 - a.x) / 2;
    const dy = (a.y0 - a.y) / 2;
    const half = Math.hypot(dx, dy);
    if (half === 0) continue;
    const r = Math.max(a.r, half);
    // Small arc (large-arc 0), clockwise on screen (sweep 1): the centre lies to the right of
    // the chord from start to end.
    const d = Math.sqrt(Math.max(0, r * r - half * half));
    const mx = (a.x0 + a.x) / 2;
    const my = (a.y0 + a.y) / 2;
    const cx = mx + (dy / half) * d;
    const cy = my - (dx / half) * d;
    const start = Math.atan2(a.y0 - cy, a.x0 - cx);
    let sweep = Math.atan2(a.y - cy, a.x - cx) - start;
    if (sweep < 0) sweep += 2 * Math.PI;
    // The circle's leftmost, topmost, rightmost and bottommost points, when the arc passes them.
    for (const t of [0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2]) {
      let along = t - start;
      while (along < 0) along += 2 * Math.PI;
      while (along >= 2 * Math.PI) along -= 2 * Math.PI;
      if (along <= sweep) add(cx + r * Math.cos(t), cy + r * Math.sin(t));
    }
  }
  return { left: -minX, right: maxX - w, top: -minY, bottom: maxY - h };
}
