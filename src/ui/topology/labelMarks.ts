// The marks drawn on links that a link's label keeps clear of as it would a node: each lock's
// disc and each arrowhead, as boxes. Design units; pure.
import type { LabelLink, Rect } from './labelGeometry';

/**
 * Half the side of the box a lock takes: its disc has radius 11 or 12, and 2 or 3 units of air
 * (13 left 1 or 2: retry-storm's '828 req/s' stood 5 px under its lock at 1280x720; N20, session
 * 50). 15 put partial-adoption's reports->orders '25/s' as near storefront->catalog's line as its
 * own at 1600x1000 (all-scenarios.spec).
 */
const LOCK_HALF = 14;

/**
 * The box kept round a link's arrowhead: its marker (renderTopology's #topo-arrow, 11 units,
 * its tip at the path's last point) runs ARROW_LEN units back along the link and ARROW_HALF either
 * side, with some air (labels stood 5-7 px from an arrowhead at 1280x720 and 1024x768; N20).
 */
const ARROW_LEN = 10;
const ARROW_HALF = 8;

/** The box round the arrowhead at the end of `points` (ARROW_LEN, ARROW_HALF), or null for none. Pure. */
export function arrowBox(points: readonly { x: number; y: number }[]): Rect | null {
  const tip = points[points.length - 1];
  if (!tip) return null;
  let back = tip;
  for (let i = points.length - 2; i >= 0; i--) {
    back = points[i];
    if (Math.hypot(back.x - tip.x, back.y - tip.y) >= ARROW_LEN) break;
  }
  return { x0: Math.min(tip.x, back.x) - ARROW_HALF, y0: Math.min(tip.y, back.y) - ARROW_HALF, x1: Math.max(tip.x, back.x) + ARROW_HALF, y1: Math.max(tip.y, back.y) + ARROW_HALF };
}

/**
 * The boxes a label keeps clear of on `links`: a LOCK_HALF square round each lock (at `lockAt`,
 * else the link's middle point) and the box round each arrowhead drawn (`arrow` true: arrowBox).
 * Links with no points give none. Pure.
 */
export function markBoxes(links: readonly LabelLink[]): Rect[] {
  const boxes: Rect[] = [];
  for (const l of links) {
    if (!l.lock || l.points.length === 0) continue;
    const m = l.lockAt ?? l.points[Math.floor((l.points.length - 1) / 2)];
    boxes.push({ x0: m.x - LOCK_HALF, y0: m.y - LOCK_HALF, x1: m.x + LOCK_HALF, y1: m.y + LOCK_HALF });
  }
  // And each arrowhead drawn, kept as clear as a lock.
  for (const l of links) {
    const a = l.arrow === true ? arrowBox(l.points) : null;
    if (a) boxes.push(a);
  }
  return boxes;
}
