// Where each link's label goes so that it covers no node, no other link and no other label:
// candidate spots along the link and on both sides of it (labelSpots.ts), the first free one
// taken (the middle of the link, on its lower side, first). A label the story points at and a
// hovered one are placed by cost (singleLabelPlace.ts). Pure; renderTopology feeds it the drawn
// geometry.
import { LABEL_BOX, labelRect, type LabelLink, type LabelSpot, type Rect } from './labelGeometry';
import { markBoxes } from './labelMarks';
import { passRank, rankBefore, SHORT_LABEL_SHARE, type PassRank } from './labelPassRank';
import { clearlyOwn, fromOwnLine, readsAsOther } from './labelReading';
import { AWAY, candidates, hoverCandidates, onLink, shortNear } from './labelSpots';
import { linkIndex, linksInside } from './linkPointIndex';
import { PlacedLabels, RectGrid } from './rectGrid';

// The boxes (labelGeometry.ts), the readings (labelReading.ts), a placing's rank
// (labelPassRank.ts) and the single labels' placers (singleLabelPlace.ts), for callers of the placers.
export { LABEL_BOX, labelRect, nodeRect, type LabelLink, type LabelSpot, type Rect } from './labelGeometry';
export { byItsLink, readsAsOther } from './labelReading';
export { passRank, SHORT_LABEL_SHARE, type PassRank } from './labelPassRank';
export { placeHoverLabel, placeStoryLabel, storyLabelSpot } from './singleLabelPlace';

/**
 * What a spot over one of the soft obstacles counts against it: a box's queue glyph (its whole
 * stack, as the queue may grow) is kept clear where a spot free of everything exists, but a
 * label over where a queue may stand is better than one over a node, a line or another label.
 */
const SOFT_HIT = 0.5;

/**
 * A spot for each link's label, in order, so that no label covers a node (`nodes`), a point of
 * another link, a lock, or a label placed before it, and none leaves the visible drawing
 * (`view`); `soft` (the boxes' queue glyphs) are kept clear too, but count SOFT_HIT where no
 * spot is free. Where no spot is free, the one with the fewest collisions (one cut off by the view's
 * edge counts three), marked `overName` if that covers one of `names` (the nodes' names as
 * drawn), else `acrossLink` if another link's line runs through it (neither is then kept as placed);
 * but a presenter-size label (`box` wider than LABEL_BOX) first tries its short form ("68/s",
 * `short`: a box SHORT_LABEL_SHARE as wide) beside its link, then its full text further off its
 * link, then its short form further off. `box`: a label's box
 * (LABEL_BOX; larger in presenter mode, whose labels are larger). `farShort`: a label free by its
 * link but read there as another's may say its short form further off, where it meets nothing;
 * 'best' (presenter mode, svgEdgeLabels' oneUnit): placed with it and without it, keeping the
 * placing with fewer labels left out, then fewer read as another link's (passRank, rankBefore):
 * with it, gateway-and-mesh's bulk-export->edge was left out at 1600x1000, where nothing else
 * shows it (sessions 42-46 kept it off in presenter mode). Pure.
 */
export function placeEdgeLabels(links: readonly LabelLink[], nodes: readonly Rect[], view: Rect, box: { w: number; h: number } = LABEL_BOX, names: readonly Rect[] = [], soft: readonly Rect[] = [], farShort: boolean | 'best' = true): LabelSpot[] {
  if (farShort !== 'best') return placeWith(links, nodes, view, box, names, soft, farShort).spots;
  const on = placeWith(links, nodes, view, box, names, soft, true);
  const off = placeWith(links, nodes, view, box, names, soft, false);
  return (rankBefore(off.rank, on.rank) ? off : on).spots;
}

/** placeEdgeLabels with `farShort` on or off: the spots and their passRank. Pure. */
function placeWith(links: readonly LabelLink[], nodes: readonly Rect[], view: Rect, box: { w: number; h: number }, names: readonly Rect[], soft: readonly Rect[], farShort: boolean): { spots: LabelSpot[]; rank: PassRank } {
  // Each lock and arrowhead drawn (labelMarks.ts), kept as clear as a node.
  const locks = markBoxes(links);
  // The links' points by grid cell: a spot reads only the points near it (40 links into one box
  // scanned about 5,700 points a spot, 3-8 s a picture; session 49).
  const pointIndex = linkIndex(links);
  // The boxes by grid cell too (rectGrid.ts): 400 client boxes scanned for every spot were most
  // of what 400 links into one box still cost (session 49).
  const nodeGrid = new RectGrid(nodes);
  const softGrid = new RectGrid(soft, SOFT_HIT);
  const lockGrid = new RectGrid(locks);
  const nameGrid = new RectGrid(names);
  // Greedy in link order; where some labels found no free spot (or room for their short form
  // only), once more with those first (a label placed before them may have taken the only room
  // they had), keeping the pass with fewer. (partial-adoption's large text at 1024x768: placed
  // first, reports->orders' '24 req/s' has a free spot, which storefront->catalog's took.)
  const stuckIn = <T extends { hits: number; spot: LabelSpot }>(pass: readonly T[]): T[] => pass.filter((s) => s.hits > 0 || s.spot.short === true);
  const first = placeInOrder(links.map((_, i) => i));
  const stuck = stuckIn(first).map((s) => s.index);
  if (stuck.length === 0 || stuck.length === links.length) return { spots: first.map((s) => s.spot), rank: passRank(first, links, box) };
  const again = placeInOrder([...stuck, ...links.map((_, i) => i).filter((i) => !stuck.includes(i))]);
  // As many stuck either way: the pass with fewer collisions in all (a branch pane of
  // gateway-and-mesh: old-app's label, placed first, took the only room bulk-export's had, which
  // then lay over it; bulk-export's first, old-app's says its short form by its own line).
  // (Session 47 also tried the labels that met something before those that only went short, and
  // kept the pass with the fewest labels read as another's: partial-adoption's reports->orders
  // '24 req/s' then lay across storefront->catalog's line at 1024x768; not kept.)
  const sum = (pass: readonly { hits: number }[]) => pass.reduce((n, s) => n + s.hits, 0);
  const better = stuckIn(again).length < stuck.length || (stuckIn(again).length === stuck.length && sum(again) < sum(first));
  const kept = better ? again : first;
  return { spots: kept.map((s) => s.spot), rank: passRank(kept, links, box) };

  /**
   * Spots for every link, placing them in `order`; by link index, with the collisions each kept.
   * A short form further off its link (a hovered label's spots) is looked for only once every
   * label has its spot by its own link, in a second pass: taken in the first, it could stand on
   * the only spot a later label had (gateway-and-mesh in presenter mode: old-app's far '10/s' took
   * bulk-export->edge's room, whose label, left out, then said '42/s' over edge; session 44).
   */
  function placeInOrder(order: readonly number[]): { index: number; spot: LabelSpot; hits: number }[] {
    const placed = new PlacedLabels();
    const out: { index: number; spot: LabelSpot; hits: number; far?: FarShort; rect?: Rect }[] = [];
    for (const index of order) out[index] = { index, ...placeOne(index, placed) };
    for (const index of order) {
      const { far, rect } = out[index];
      if (!far) continue;
      // Its own first-pass box no longer counts against it.
      if (rect) placed.remove(rect);
      const short = placeOne(index, placed, far);
      if (short) out[index] = { index, ...short };
      else if (rect) placed.push(rect);
    }
    return out.map(({ index, spot, hits }) => ({ index, spot, hits }));
  }

  function placeOne(index: number, placed: PlacedLabels): { spot: LabelSpot; hits: number; far?: FarShort; rect?: Rect };
  function placeOne(index: number, placed: PlacedLabels, farPass: FarShort): { spot: LabelSpot; hits: number } | null;
  function placeOne(index: number, placed: PlacedLabels, farPass?: FarShort): { spot: LabelSpot; hits: number; far?: FarShort; rect?: Rect } | null {
    const link = links[index];
    let best: (LabelSpot & { far?: true }) | null = null;
    let bestHits = Number.POSITIVE_INFINITY;
    const hitsAt = (spot: LabelSpot, size: { w: number; h: number } = box, acrossOwn = false): number => {
      const r = labelRect(spot, size);
      // Cut off by the stage's edge, a label says nothing: worse than lying over a node or a link.
      let hits = r.x0 < view.x0 || r.y0 < view.y0 || r.x1 > view.x1 || r.y1 > view.y1 ? 3 : 0;
      hits += nodeGrid.weigh(r) + softGrid.weigh(r) + lockGrid.weigh(r) + placed.weigh(r);
      // Each link with a point in it, its own too: a label beside its line, never across it (but
      // where asked, `acrossOwn`).
      for (const j of linksInside(pointIndex, r, (j) => (j === index ? 1 : 2), 2)) if (!(acrossOwn && j === index)) hits++;
      return hits;
    };
    /**
     * Of `spots` that read as their own link's, the first free of everything (its own line too
     * unless `acrossOwn`), else the first free of all but a queue glyph's room; null for none.
     */
    const firstOwn = (spots: Iterable<LabelSpot>, acrossOwn: boolean): { spot: LabelSpot; hits: number } | null => {
      let found: { spot: LabelSpot; hits: number } | null = null;
      for (const spot of spots) {
        const hits = hitsAt(spot, box, acrossOwn);
        if (hits >= 1 || (found !== null && hits >= found.hits) || readsAsOther(link, links, spot, box)) continue;
        found = { spot, hits };
        if (hits === 0) break;
      }
      return found;
    };
    // Beside its link first (AWAY, along it and then nearer its ends).
    for (const spot of candidates(link, 'near')) {
      const hits = hitsAt(spot);
      if (hits < bestHits) {
        best = spot;
        bestHits = hits;
        if (hits === 0) break;
      }
    }
    const presenter = box.w > LABEL_BOX.w;
    const short = { w: Math.ceil(box.w * SHORT_LABEL_SHARE), h: box.h };
    const reach = AWAY[AWAY.length - 1];
    /**
     * The short form ("68/s") at the first of `spots` free of everything but a queue glyph's room
     * (with `clearOnly`, of that too),
     * read as its own link's: nearer its line than any other's, and clearlyOwn where its middle
     * is further off its line than a quiet label's reach (AWAY). (gateway-and-mesh's
     * bulk-export->edge runs between old-app's and scraper's lines into edge, 70 units apart: its
     * '42/s' 30 units off its own line.)
     */
    const shortAt = (spots: Iterable<LabelSpot>, clearOnly = false): { spot: LabelSpot; hits: number } | null => {
      let shortBest: LabelSpot | null = null;
      let shortHits = 1;
      for (const spot of spots) {
        const hits = hitsAt(spot, short);
        if (hits >= shortHits || (clearOnly && hits > 0)) continue;
        const near = fromOwnLine(link, spot, short) <= reach;
        if (near ? readsAsOther(link, links, spot, short) : !clearlyOwn(link, links, spot, short)) continue;
        shortBest = spot;
        shortHits = hits;
        if (hits === 0) break;
      }
      if (shortBest === null) return null;
      placed.push(labelRect(shortBest, short));
      return { spot: { ...shortBest, short: true }, hits: shortHits };
    };
    // The second pass (placeInOrder): only the short form further off.
    if (farPass !== undefined) return shortAt(hoverCandidates(link, short), farPass === 'clear');
    /** Which far short form the second pass may try for this label, if any. */
    let far: FarShort | undefined;
    if (best !== null && bestHits < 1 && readsAsOther(link, links, best, box)) {
      // Free (but for a queue glyph's room), yet nearer another link's line than its own, it reads
      // as that link's figure: a spot beside its link as free that reads as its own, else one on
      // its own line (drawn over it with its halo), else its short form. Where none exists it
      // stays where it is: better than left out (session 34 weighed reading as another's into the
      // hits, and a branch pane of gateway-and-mesh at 1600x1000 left old-app's '10 req/s' out;
      // placed beside its line, over edge's queue room, it stood 23 px from shoppers' line and 39
      // from its own).
      const own = firstOwn(candidates(link, 'near'), false) ?? firstOwn(onLink(link, box), true);
      if (own) {
        best = own.spot;
        bestHits = own.hits;
      } else {
        // Else its short form ("10/s"), by its link and read as its own, as presenter size does;
        // else the short form further off, at a hovered label's spots, only where it meets
        // nothing at all: no node's box, name or queue room, no line, no label (a branch of
        // gateway-and-mesh at 1024x768, its panes shortened by their story in session 41:
        // old-app's '10 req/s' stood 30 px from shoppers' line and 39 from its own; ac23ec3 took
        // such spots over a queue's room too and put '42/s' over edge's stack in presenter mode).
        // (In presenter mode only where placing without it leaves no fewer labels out, farShort
        // 'best': there old-app's far '10/s' took bulk-export->edge's room, sessions 42 to 47.)
        const near = shortAt(shortNear(link));
        if (near) return near;
        if (farShort) far = 'clear';
      }
    }
    if (bestHits >= 1 && presenter) {
      // A presenter-size label with no room beside its link says its short form there, by its
      // link, before its full text goes further off: retry-storm's api->web and web->orders run
      // between boxes 64 units apart under the control plane's dashed lines, and their '29 req/s'
      // went 80-95 units off, below the mesh's region, far from their links (session 26).
      const near = shortAt(shortNear(link));
      if (near) return near;
    }
    if (bestHits >= 1 && presenter) {
      // Then further off its link, past the boxes' tops or bottoms (AWAY_FAR), where it still
      // reads as its own (clearlyOwn); then a hovered label's spots, with any anchor, free of
      // everything but a queue glyph's room. (l4-vs-l7 in presenter mode at 1600x1000 left
      // api->orders' and etl-job->postgres' labels out, their boxes 64 and 73 units apart
      // against a 105-unit label, with room above the boxes.)
      for (const spot of candidates(link, 'far')) {
        if (!clearlyOwn(link, links, spot, box)) continue;
        const hits = hitsAt(spot);
        if (hits < bestHits) {
          best = spot;
          bestHits = hits;
          if (hits === 0) break;
        }
      }
    }
    if (bestHits >= 1 && presenter) {
      for (const spot of hoverCandidates(link, box)) {
        const hits = hitsAt(spot);
        if (hits >= 1 || hits >= bestHits || !clearlyOwn(link, links, spot, box)) continue;
        best = spot;
        bestHits = hits;
        if (hits === 0) break;
      }
    }
    if (bestHits >= 1 && presenter) {
      // Still none: the short form further off, as a hovered label's spots (in the second pass).
      far = 'soft';
    }
    const found: LabelSpot & { far?: true } = best ?? { x: 0, y: 0, anchor: 'middle' };
    const { far: _far, ...chosen } = found;
    const r = labelRect(chosen, box);
    if (nameGrid.meets(r)) return { spot: { ...chosen, overName: true }, hits: bestHits, far };
    if (nodeGrid.meets(r)) return { spot: { ...chosen, overNode: true }, hits: bestHits, far };
    if (bestHits > 0 && [...linksInside(pointIndex, r, () => 0, 0)].some((j) => j !== index)) return { spot: { ...chosen, acrossLink: true }, hits: bestHits, far };
    if (bestHits > 0 && placed.meets(r)) return { spot: { ...chosen, overLabel: true }, hits: bestHits, far };
    placed.push(r);
    return { spot: chosen, hits: bestHits, far, rect: r };
  }
}

/**
 * A short form further off its link that placeEdgeLabels' second pass may try: 'clear', only
 * where it meets nothing at all (a label free by its link but read there as another's); 'soft',
 * where it meets nothing but a queue glyph's room (a presenter-size label with no spot at all).
 */
type FarShort = 'clear' | 'soft';

