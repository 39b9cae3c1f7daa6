// A quiet count by a node of the link labels left out round it for lack of room ("+2 rates on
// hover"): a label placeEdgeLabels leaves out shows on hover only, and round a node with several
// left out nothing said there was more (fan-in-calls at 1024x768: c0's and c7's into s; Q2,
// session 50). Which node counts which links, and where its words go. Pure.
import { labelRect, type LabelLink, type LabelSpot, type Rect } from './labelGeometry';
import { linkIndex, linksInside } from './linkPointIndex';
import { RectGrid } from './rectGrid';

/** A node's count: its name and the indices of the left-out links it counts. */
export interface LeftOutGroup {
  node: string;
  links: number[];
}

/**
 * The nodes that count the left-out labels: each link's label (`out[i]` true: left out) counted at
 * one of its ends (`ends[i]`, its caller's and callee's names), the node with the most still
 * uncounted first (a tie: the first in link order), while it has `min` or more; a link counted
 * once. A lone left-out label is not counted (its link, without a figure, says so itself, and a
 * count by every such node would be clutter). Pure; `ends` and `out` must be as long.
 */
export function leftOutGroups(ends: readonly (readonly [string, string])[], out: readonly boolean[], min = 2): LeftOutGroup[] {
  if (ends.length !== out.length) throw new Error(`leftOutGroups: ${ends.length} ends for ${out.length} labels`);
  const left = new Set(out.flatMap((o, i) => (o ? [i] : [])));
  const groups: LeftOutGroup[] = [];
  while (left.size >= min) {
    const at = new Map<string, number[]>();
    for (const i of left) for (const n of new Set(ends[i])) at.set(n, [...(at.get(n) ?? []), i]);
    let best: LeftOutGroup | null = null;
    for (const [node, links] of at) if (best === null || links.length > best.links.length) best = { node, links };
    if (best === null || best.links.length < min) break;
    groups.push(best);
    for (const i of best.links) left.delete(i);
  }
  return groups;
}

/**
 * What a count says: "+2 rates on hover", or the short "+2 rates" where the long has no room
 * (never the bare "+2": a box's replica badge reads "+5"). `n` left out; 1 says "rate". Pure.
 */
export function leftOutWords(n: number, short = false): string {
  return `+${n} ${n === 1 ? 'rate' : 'rates'}${short ? '' : ' on hover'}`;
}

/** A quiet label's width a character, design units (LABEL_BOX: "1,234 req/s" in 76 units, its halo included). */
const UNITS_A_CHAR = 6.9;

/**
 * The box words take at a quiet label's size (12 units; `grow` times it in presenter mode), their
 * halo included, design units: measured from LABEL_BOX's text, not from the drawing. Pure.
 */
export function wordsBox(words: string, grow = 1): { w: number; h: number } {
  return { w: Math.ceil((words.length * UNITS_A_CHAR + 4) * grow), h: Math.ceil(16 * grow) };
}

/** What a count keeps off, design units: as placeEdgeLabels' obstacles. */
export interface CountRoom {
  /** Nodes' drawings, names, mesh tabs and badges (a count over one is over that node's text). */
  nodes: readonly Rect[];
  /** The link labels shown and the counts placed before, and the boxes' queue glyphs. */
  labels: readonly Rect[];
  /** Every link (a count across a line reads as that link's). */
  links: readonly LabelLink[];
  /** The part of the drawing the stage shows. */
  view: Rect;
}

/**
 * Where node `box`'s count goes (`box`: its nodeRect): beside the node, above it first, then
 * below, right and left, its words long then short (leftOutWords; `sizes` their boxes), at the
 * first spot that meets nothing in `room`; else the spot meeting least (cut by the view's edge
 * counts three), the short words first. Returns the spot and whether the short words go there.
 * Pure.
 */
export function leftOutSpot(box: Rect, sizes: { long: { w: number; h: number }; short: { w: number; h: number } }, room: CountRoom): { spot: LabelSpot; short: boolean; hits: number } {
  const index = linkIndex(room.links);
  const nodes = new RectGrid(room.nodes);
  const labels = new RectGrid(room.labels);
  const hitsAt = (spot: LabelSpot, size: { w: number; h: number }) => {
    const r = labelRect(spot, size);
    const v = room.view;
    let hits = r.x0 < v.x0 || r.y0 < v.y0 || r.x1 > v.x1 || r.y1 > v.y1 ? 3 : 0;
    hits += nodes.weigh(r) + labels.weigh(r);
    return hits + linksInside(index, r, () => 1, 1).size;
  };
  let best: { spot: LabelSpot; short: boolean; hits: number } | null = null;
  for (const short of [false, true]) {
    const size = short ? sizes.short : sizes.long;
    for (const spot of countSpots(box, size)) {
      const hits = hitsAt(spot, size);
      if (hits === 0) return { spot, short, hits };
      // The short words where both meet something as much: less to cover.
      if (best === null || hits < best.hits || (hits === best.hits && short && !best.short)) best = { spot, short, hits };
    }
  }
  return best!;
}

/** A count's spots round node `b` for words of `size`, in order: above (left, middle, right), below, right, left. Pure. */
function* countSpots(b: Rect, size: { w: number; h: number }): Generator<LabelSpot> {
  const gap = 2;
  // labelRect's box runs from y - h + 4 to y + 4 (the baseline `y`).
  const above = b.y0 - gap - 4;
  const below = b.y1 + gap + size.h - 4;
  const middle = (b.y0 + b.y1) / 2 + size.h / 2 - 4;
  const cx = (b.x0 + b.x1) / 2;
  for (const y of [above, below]) {
    yield { x: b.x0, y, anchor: 'start' };
    yield { x: cx, y, anchor: 'middle' };
    yield { x: b.x1, y, anchor: 'end' };
  }
  yield { x: b.x1 + gap, y: middle, anchor: 'start' };
  yield { x: b.x0 - gap, y: middle, anchor: 'end' };
}
