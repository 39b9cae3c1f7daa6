// A mesh region's outline as a hull round its members: the dips between its columns filled where
// no node outside the mesh stands in them. Pure geometry on meshRegions' column bands.
import type { PlacedNode } from './layoutTypes';
import type { Band, RegionPad } from './meshRegions';

/**
 * Fills each dip in a region's top or bottom edge between higher (or lower) bands on both sides
 * of it, in adjacent columns: a band whose top lies below the tops of bands left and right of it
 * is raised to the lower of the two, its bottom likewise, unless that would take in a node
 * outside the mesh (its box, `pad` out). partial-adoption in presenter mode put its control plane
 * beside the mesh, in a column as tall as the storefront's: orders' column between them, 90 units
 * lower, cut a notch into the region's top. Dips of `tol` units or less are left to snapBoxes.
 * Impure: mutates the bands.
 */
export function fillNotches(bands: Map<number, Band>, outside: readonly PlacedNode[], pad: RegionPad, tol: number): void {
  const cols = [...bands.keys()].sort((a, b) => a - b);
  const blocked = (x0: number, x1: number, y0: number, y1: number) =>
    outside.some((p) => p.x + p.w / 2 + pad.x > x0 && p.x - p.w / 2 - pad.x < x1 && p.y + p.h / 2 + pad.bottom > y0 && p.y - p.h / 2 - pad.top < y1);
  // Each run of adjacent columns (a column without members splits the region into runs), with
  // the highest top and lowest bottom left and right of each band, in one pass each way: the
  // scans per band were quadratic in the columns, and spreading a run into Math.min overflowed
  // the stack past ~100,000 columns. Raising a band never moves its run's extremes (it is raised
  // to the lower of two extremes), so reading them before any band is raised gives the same result.
  for (let lo = 0; lo < cols.length; ) {
    let hi = lo;
    while (hi + 1 < cols.length && cols[hi + 1] === cols[hi] + 1) hi++;
    const run = cols.slice(lo, hi + 1).map((k) => bands.get(k)!);
    const n = run.length;
    const topLeft = new Float64Array(n).fill(Infinity);
    const bottomLeft = new Float64Array(n).fill(-Infinity);
    for (let k = 1; k < n; k++) {
      topLeft[k] = Math.min(topLeft[k - 1], run[k - 1].y0);
      bottomLeft[k] = Math.max(bottomLeft[k - 1], run[k - 1].y1);
    }
    let topRight = Infinity;
    let bottomRight = -Infinity;
    for (let k = n - 1; k >= 0; k--) {
      const b = run[k];
      if (k > 0 && k < n - 1) {
        const top = Math.max(topLeft[k], topRight);
        const bottom = Math.min(bottomLeft[k], bottomRight);
        const y0 = b.y0;
        const y1 = b.y1;
        if (top < y0 - tol && !blocked(b.x0, b.x1, top, y0)) b.y0 = top;
        if (bottom > y1 + tol && !blocked(b.x0, b.x1, y1, bottom)) b.y1 = bottom;
        topRight = Math.min(topRight, y0);
        bottomRight = Math.max(bottomRight, y1);
      } else {
        topRight = Math.min(topRight, b.y0);
        bottomRight = Math.max(bottomRight, b.y1);
      }
    }
    lo = hi + 1;
  }
}
