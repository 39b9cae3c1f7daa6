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
  cols.forEach((c, i) => {
    const b = bands.get(c)!;
    // Adjacent columns only: a column without members splits the region into runs.
    let lo = i;
    while (lo > 0 && cols[lo - 1] === cols[lo] - 1) lo--;
    let hi = i;
    while (hi + 1 < cols.length && cols[hi + 1] === cols[hi] + 1) hi++;
    if (lo === i || hi === i) return;
    const left = cols.slice(lo, i).map((k) => bands.get(k)!);
    const right = cols.slice(i + 1, hi + 1).map((k) => bands.get(k)!);
    const top = Math.max(Math.min(...left.map((x) => x.y0)), Math.min(...right.map((x) => x.y0)));
    if (top < b.y0 - tol && !blocked(b.x0, b.x1, top, b.y0)) b.y0 = top;
    const bottom = Math.min(Math.max(...left.map((x) => x.y1)), Math.max(...right.map((x) => x.y1)));
    if (bottom > b.y1 + tol && !blocked(b.x0, b.x1, b.y1, bottom)) b.y1 = bottom;
  });
}
