// A mesh region's outline as a hull round its members: the dips between its columns filled where
// no node outside the mesh stands in them. Pure geometry on meshRegions' column bands.
import type { PlacedNode } from './layoutTypes';
import type { Band, RegionPad } from './meshRegions';

/** Whether a box from x0 to x1 and y0 to y1 (design units) would take in a node of `outside`, its box `pad` out. */
export type Blocked = (x0: number, x1: number, y0: number, y1: number) => boolean;

/** The Blocked test for the nodes `outside` a mesh, each box `pad` out (a region's padding). Pure. */
export function blockedBy(outside: readonly PlacedNode[], pad: RegionPad): Blocked {
  return (x0, x1, y0, y1) => outside.some((p) => p.x + p.w / 2 + pad.x > x0 && p.x - p.w / 2 - pad.x < x1 && p.y + p.h / 2 + pad.bottom > y0 && p.y - p.h / 2 - pad.top < y1);
}

/**
 * For each of `row`'s boxes, left to right, the lower of the highest tops on its two sides and the
 * higher of the lowest bottoms, design units: the level a dip there is filled to (Infinity and
 * -Infinity for the first and the last, which have a side with none). Two passes, one each way, read
 * before any box is changed. Pure.
 */
function sideLevels(row: readonly Band[]): { top: Float64Array; bottom: Float64Array } {
  const n = row.length;
  const top = new Float64Array(n);
  const bottom = new Float64Array(n);
  let t = Infinity;
  let b = -Infinity;
  for (let k = 0; k < n; k++) {
    top[k] = t;
    bottom[k] = b;
    t = Math.min(t, row[k].y0);
    b = Math.max(b, row[k].y1);
  }
  t = Infinity;
  b = -Infinity;
  for (let k = n - 1; k >= 0; k--) {
    top[k] = Math.max(top[k], t);
    bottom[k] = Math.min(bottom[k], b);
    t = Math.min(t, row[k].y0);
    b = Math.max(b, row[k].y1);
  }
  return { top, bottom };
}

/**
 * The boxes that fill each dip in the top or bottom edge of the union of `rects` (a region's
 * bands, the fills between them and the strips joining its runs, joinRuns): cut along every box's
 * x edges, a slab whose top lies more than `tol` units below the highest tops on both sides of it
 * gets a box up to the lower of the two, its bottom likewise, unless that box is `blocked` (takes
 * in a node outside the mesh). Where a strip joined two runs of columns, the gap beside it was such
 * a dip: control-plane-boundary's corp under the strip from ledger's column down to fraud-check's,
 * 104 units deep beside checkout's band; gateway-and-mesh's shop in bands, over the gap between
 * catalog's column and frontend's. Slabs no box covers are skipped. Pure: returns new boxes.
 */
export function dipFills(rects: readonly Band[], blocked: Blocked, tol: number): Band[] {
  const xs = [...new Set(rects.flatMap((b) => [b.x0, b.x1]))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  // NOTE: each box marks only the slabs it spans (a box is mostly one column wide), not every box per slab.
  const tops = new Float64Array(Math.max(0, xs.length - 1)).fill(Infinity);
  const bottoms = new Float64Array(tops.length).fill(-Infinity);
  for (const b of rects) {
    if (!(b.y1 > b.y0)) continue;
    for (let i = at.get(b.x0)!, end = at.get(b.x1)!; i < end; i++) {
      tops[i] = Math.min(tops[i], b.y0);
      bottoms[i] = Math.max(bottoms[i], b.y1);
    }
  }
  const slabs: Band[] = [];
  tops.forEach((y0, i) => {
    if (y0 < bottoms[i]) slabs.push({ x0: xs[i], x1: xs[i + 1], y0, y1: bottoms[i] });
  });
  const { top, bottom } = sideLevels(slabs);
  const out: Band[] = [];
  slabs.forEach((s, k) => {
    if (top[k] < s.y0 - tol && !blocked(s.x0, s.x1, top[k], s.y0)) out.push({ x0: s.x0, x1: s.x1, y0: top[k], y1: s.y0 });
    if (bottom[k] > s.y1 + tol && !blocked(s.x0, s.x1, s.y1, bottom[k])) out.push({ x0: s.x0, x1: s.x1, y0: s.y1, y1: bottom[k] });
  });
  return out;
}

/**
 * The boxes that fill each notch in the left or right edge of the union of `rects`, as dipFills
 * fills the top and bottom: the same rule with x and y swapped, so a slab across the region (a
 * band of rows) whose right side lies more than `tol` units left of the region's on both sides of
 * it (above and below) is filled out to the nearer of the two, unless that takes in a node outside
 * the mesh. retry-storm at 1024x768 (web's band above orders', payments' and api's column to their
 * left) drew a dashed empty "tube" between web and orders, read as a fourth link (N4-report 6).
 * Pure: returns new boxes.
 */
export function sideFills(rects: readonly Band[], blocked: Blocked, tol: number): Band[] {
  const swap = (b: Band): Band => ({ x0: b.y0, x1: b.y1, y0: b.x0, y1: b.x1 });
  return dipFills(rects.map(swap), (y0, y1, x0, x1) => blocked(x0, x1, y0, y1), tol).map(swap);
}

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
  const blocked = blockedBy(outside, pad);
  // Each run of adjacent columns (a column without members splits the region into runs), with
  // the highest top and lowest bottom left and right of each band, in one pass each way: the
  // scans per band were quadratic in the columns, and spreading a run into Math.min overflowed
  // the stack past ~100,000 columns. Raising a band never moves its run's extremes (it is raised
  // to the lower of two extremes), so reading them before any band is raised gives the same result.
  for (let lo = 0; lo < cols.length; ) {
    let hi = lo;
    while (hi + 1 < cols.length && cols[hi + 1] === cols[hi] + 1) hi++;
    const run = cols.slice(lo, hi + 1).map((k) => bands.get(k)!);
    const { top, bottom } = sideLevels(run);
    run.forEach((b, k) => {
      const { y0, y1 } = b;
      if (top[k] < y0 - tol && !blocked(b.x0, b.x1, top[k], y0)) b.y0 = top[k];
      if (bottom[k] > y1 + tol && !blocked(b.x0, b.x1, y1, bottom[k])) b.y1 = bottom[k];
    });
    lo = hi + 1;
  }
}
