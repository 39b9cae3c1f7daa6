// A grid over the links' sampled points, so the link-label placer asks "which links pass through
// this box" and "is another link's line nearer than this" near the spot only, not over every
// point of every link: 40 clients' links into one box (about 5,700 points) took the placer 3-8 s
// a picture scanning them all (session 49), a frozen tab. Answers are exactly the full scans'.
import type { LabelLink, Rect } from './labelGeometry';

/** A grid cell's side, design units: near a label's height, so a query reads few cells. */
const CELL = 16;

/** The links' points bucketed by grid cell: each cell's points as x, y and the link's position in `links`. */
export interface LinkPointIndex {
  readonly links: readonly LabelLink[];
  readonly cells: Map<number, { xs: number[]; ys: number[]; js: number[] }>;
}

const key = (cx: number, cy: number) => cx * 1_048_576 + cy;
const cellOf = (v: number) => Math.floor(v / CELL);

/** The index of `links`' points (every point kept; a link with none takes no cell). Pure. */
export function indexLinkPoints(links: readonly LabelLink[]): LinkPointIndex {
  const cells: LinkPointIndex['cells'] = new Map();
  links.forEach((l, j) => {
    for (const p of l.points) {
      const k = key(cellOf(p.x), cellOf(p.y));
      let c = cells.get(k);
      if (!c) cells.set(k, (c = { xs: [], ys: [], js: [] }));
      c.xs.push(p.x);
      c.ys.push(p.y);
      c.js.push(j);
    }
  });
  return { links, cells };
}

/**
 * The last index built per links array and the arrays' points it holds, so callers that pass the
 * same links share one (drawn links' points are not changed; a link or points array swapped in
 * builds it again).
 */
const built = new WeakMap<readonly LabelLink[], { index: LinkPointIndex; points: (readonly unknown[])[] }>();

/** indexLinkPoints(links), built once per array (again if a link or its points array changed). */
export function linkIndex(links: readonly LabelLink[]): LinkPointIndex {
  const had = built.get(links);
  if (had && had.points.length === links.length && links.every((l, j) => l.points === had.points[j])) return had.index;
  const index = indexLinkPoints(links);
  built.set(links, { index, points: links.map((l) => l.points) });
  return index;
}

/** Calls `visit` for every cell meeting [x0, x1] x [y0, y1], or for every cell when that range spans more cells than exist. */
function eachCell(index: LinkPointIndex, x0: number, y0: number, x1: number, y1: number, visit: (c: { xs: number[]; ys: number[]; js: number[] }) => boolean | void): void {
  const [cx0, cy0, cx1, cy1] = [cellOf(x0), cellOf(y0), cellOf(x1), cellOf(y1)];
  if (!Number.isFinite(cx0 + cy0 + cx1 + cy1) || (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > index.cells.size) {
    for (const c of index.cells.values()) if (visit(c) === true) return;
    return;
  }
  for (let cx = cx0; cx <= cx1; cx++) {
    for (let cy = cy0; cy <= cy1; cy++) {
      const c = index.cells.get(key(cx, cy));
      if (c && visit(c) === true) return;
    }
  }
}

/**
 * The positions in `index.links` of the links with a point strictly inside `r` grown by `pad(j)`
 * (labelGeometry's `inside`); `maxPad` bounds every pad. Each link at most once. Pure.
 */
export function linksInside(index: LinkPointIndex, r: Rect, pad: (j: number) => number, maxPad: number): Set<number> {
  const found = new Set<number>();
  eachCell(index, r.x0 - maxPad, r.y0 - maxPad, r.x1 + maxPad, r.y1 + maxPad, (c) => {
    for (let i = 0; i < c.js.length; i++) {
      const j = c.js[i];
      if (found.has(j)) continue;
      const p = pad(j);
      const x = c.xs[i];
      const y = c.ys[i];
      if (x > r.x0 - p && x < r.x1 + p && y > r.y0 - p && y < r.y1 + p) found.add(j);
    }
  });
  return found;
}

/**
 * True when some point of a link other than `own` (by identity) at squared distance `d2` from
 * (x, y) has `near(d2)`; `reach2` bounds the squared distance at which `near` can hold (a point
 * further off is never asked). Pure.
 */
export function someOtherPoint(index: LinkPointIndex, own: LabelLink, x: number, y: number, reach2: number, near: (d2: number) => boolean): boolean {
  const reach = Math.sqrt(reach2) + 1;
  let hit = false;
  eachCell(index, x - reach, y - reach, x + reach, y + reach, (c) => {
    for (let i = 0; i < c.js.length; i++) {
      if (index.links[c.js[i]] === own) continue;
      const d2 = (c.xs[i] - x) * (c.xs[i] - x) + (c.ys[i] - y) * (c.ys[i] - y);
      if (near(d2)) return (hit = true);
    }
    return false;
  });
  return hit;
}

/**
 * The least distance (Math.hypot) from (x, y) to a point of a link other than the one at
 * position `own` in `index.links`, counted up to `cap` (`cap` when none is nearer). Pure.
 */
export function clearanceFrom(index: LinkPointIndex, own: number, x: number, y: number, cap: number): number {
  let d = cap;
  eachCell(index, x - cap, y - cap, x + cap, y + cap, (c) => {
    for (let i = 0; i < c.js.length; i++) if (c.js[i] !== own) d = Math.min(d, Math.hypot(x - c.xs[i], y - c.ys[i]));
  });
  return d;
}
