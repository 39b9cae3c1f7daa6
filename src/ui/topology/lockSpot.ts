// Where a link's padlock (whole or broken) sits along it: at its middle unless other links pass
// near there, then at the point of its middle half farthest from them. Pure geometry, no DOM.

/** A point, design units. */
type Pt = { readonly x: number; readonly y: number };

/**
 * Clearance a padlock keeps from other links' lines at its link's middle before it moves, design
 * units: the lock's disc (radius 11-12, edgeLabelPlace's LOCK_HALF) and as much again, so a lock
 * is not read as another link's. partial-adoption's reports -> orders had its broken lock on the
 * crossing of three links (storefront -> catalog and storefront -> orders through its middle).
 */
export const LOCK_CLEAR = 24;
/** How far from its middle a lock may move, as a share of the link's points either side (its middle half). */
const REACH = 0.25;

/** Least distance from `p` to any point of `lines`, design units, counted up to `cap`. */
function clearance(p: Pt, lines: readonly (readonly Pt[])[], cap: number): number {
  let d = cap;
  for (const line of lines) for (const q of line) d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y));
  return d;
}

/** Bounds of some points, grown by `pad` each side. */
function bounds(points: readonly Pt[], pad: number): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x0: x0 - pad, y0: y0 - pad, x1: x1 + pad, y1: y1 + pad };
}

/**
 * Per link (`links[i]`: points along it every few units, in order), the index of the point its
 * lock sits at: the middle one while every other link keeps LOCK_CLEAR from it, else the point
 * of the link's middle half (REACH either side) farthest from the other links (distances counted
 * up to twice LOCK_CLEAR), the nearer the middle on a tie (within a unit). The search stays in
 * the middle half, away from the ends where a node's links meet anyway. Only links whose bounds
 * come within twice LOCK_CLEAR of that half are measured. Deterministic; pure. An empty link gives 0.
 */
export function lockSpots(links: readonly (readonly Pt[])[]): number[] {
  const cap = 2 * LOCK_CLEAR;
  const boxes = links.map((l) => bounds(l, 0));
  return links.map((points, i) => {
    if (points.length === 0) return 0;
    const mid = Math.floor((points.length - 1) / 2);
    const reach = Math.floor(points.length * REACH);
    const half = bounds(points.slice(Math.max(0, mid - reach), mid + reach + 1), cap);
    const near = links.filter((l, j) => j !== i && l.length > 0 && boxes[j].x0 <= half.x1 && boxes[j].x1 >= half.x0 && boxes[j].y0 <= half.y1 && boxes[j].y1 >= half.y0);
    let best = mid;
    let bestClear = clearance(points[mid], near, cap);
    if (bestClear >= LOCK_CLEAR) return mid;
    for (let k = 1; k <= reach; k++) {
      for (const at of [mid - k, mid + k]) {
        if (at < 0 || at >= points.length) continue;
        const c = clearance(points[at], near, cap);
        if (c > bestClear + 1) {
          best = at;
          bestClear = c;
        }
      }
    }
    return best;
  });
}
