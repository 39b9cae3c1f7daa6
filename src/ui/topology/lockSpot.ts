// Where a link's padlock (whole or broken) sits along it: at its middle unless other links pass
// near there, then at the point of its middle half farthest from them. Pure geometry, no DOM.
import { clearanceFrom, indexLinkPoints } from './linkPointIndex';

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

/**
 * Per link (`links[i]`: points along it every few units, in order), the index of the point its
 * lock sits at: the middle one while every other link keeps LOCK_CLEAR from it, else the point
 * of the link's middle half (REACH either side) farthest from the other links (distances counted
 * up to twice LOCK_CLEAR), the nearer the middle on a tie (within a unit). The search stays in
 * the middle half, away from the ends where a node's links meet anyway. Only points within twice
 * LOCK_CLEAR are measured (linkPointIndex: 40 links into one box spent a second in a scan of every
 * point; session 49). Deterministic; pure. An empty link gives 0.
 */
export function lockSpots(links: readonly (readonly Pt[])[]): number[] {
  const cap = 2 * LOCK_CLEAR;
  const index = indexLinkPoints(links.map((points) => ({ points, lock: false })));
  const clearance = (p: Pt, i: number) => clearanceFrom(index, i, p.x, p.y, cap);
  return links.map((points, i) => {
    if (points.length === 0) return 0;
    const mid = Math.floor((points.length - 1) / 2);
    const reach = Math.floor(points.length * REACH);
    let best = mid;
    let bestClear = clearance(points[mid], i);
    if (bestClear >= LOCK_CLEAR) return mid;
    for (let k = 1; k <= reach; k++) {
      for (const at of [mid - k, mid + k]) {
        if (at < 0 || at >= points.length) continue;
        const c = clearance(points[at], i);
        if (c > bestClear + 1) {
          best = at;
          bestClear = c;
        }
      }
    }
    return best;
  });
}
