// A strip joining two runs of a mesh region that would cover a node outside the mesh, routed round
// it instead. Pure geometry on meshRegions' column bands (joinRuns).
import type { Band } from './meshRegions';
import type { Blocked } from './regionNotches';

/**
 * The boxes that join band `up` to band `down` below it (design units, x ranges overlapping) by a
 * lane `width` wide beside the nodes the straight strip between them would take in: the lane from
 * `width` units above `up`'s bottom (or its top, if shorter) to as far into `down`, each end
 * carried across to its band where the lane stands past it. Tried right of the nodes first, then
 * left; the side that reaches less far out of the two bands is kept, right on a tie. Each side's
 * lane starts inside the bands' edge and moves out `step` units at a time, at most `tries` times,
 * until neither it nor its ends are `blocked`; null when neither side comes clear. Each band then
 * reaches across to the lane toward the other as far as it takes in no node, so the opening round
 * the nodes is only as tall as they are, their padding in. Where bands stack (narrow stages), the strip from a mesh's
 * first band down to its next ran through the nodes under its members: l4-vs-l7's shop over
 * etl-job, partial-adoption's mesh over reports and search (L9's sweep: 556 layouts up to 775 px
 * wide). Pure.
 */
export function detour(up: Band, down: Band, blocked: Blocked, width: number, step: number, tries = 40): Band[] | null {
  const y0 = Math.max(up.y0, up.y1 - width);
  const y1 = Math.min(down.y1, down.y0 + width);
  const x0 = Math.min(up.x0, down.x0);
  const x1 = Math.max(up.x1, down.x1);
  const boxes = (lx0: number): Band[] => {
    const lane = { x0: lx0, x1: lx0 + width, y0, y1 };
    const ends = [up, down].map((b, i) => {
      const [ey0, ey1] = i === 0 ? [y0, up.y1] : [down.y0, y1];
      return { x0: Math.min(b.x1, lx0), x1: Math.max(b.x0, lx0 + width), y0: ey0, y1: ey1 };
    });
    return [lane, ...ends];
  };
  // A side's lane: stepped out until it takes in nothing outside the mesh.
  const side = (dir: 1 | -1): Band[] | null => {
    let at = dir === 1 ? x1 - width : x0;
    for (let k = 0; k < tries; k++) {
      const bs = boxes(at);
      if (!bs.some((b) => blocked(b.x0, b.x1, b.y0, b.y1))) return bs;
      at += dir * step;
    }
    return null;
  };
  const right = side(1);
  const left = side(-1);
  const reach = (bs: Band[] | null) => (bs ? Math.max(0, ...bs.map((b) => b.x1 - x1), ...bs.map((b) => x0 - b.x0)) : Infinity);
  if (!right && !left) return null;
  const bs = reach(right) <= reach(left) ? right! : left!;
  // The opening the lane leaves beside the nodes no taller than they need: each band carried
  // across to the lane, toward the other band, as far as it takes in nothing (bisected to 1/64 unit).
  const lane = bs[0];
  for (const [b, grow] of [[up, 1], [down, -1]] as const) {
    const at = (y: number): Band => ({ x0: Math.min(b.x0, lane.x0), x1: Math.max(b.x1, lane.x1), y0: grow === 1 ? b.y1 : y, y1: grow === 1 ? y : b.y0 });
    let [clear, hit] = grow === 1 ? [b.y1, down.y0] : [b.y0, up.y1];
    for (let k = 0; k < 16; k++) {
      const mid = (clear + hit) / 2;
      const box = at(mid);
      if (blocked(box.x0, box.x1, box.y0, box.y1)) hit = mid;
      else clear = mid;
    }
    if (Math.abs(clear - (grow === 1 ? b.y1 : b.y0)) > 0.5) bs.push(at(clear));
  }
  return bs;
}
