// Where each link's label goes so that it covers no node, no other link and no other label:
// candidate spots along the link and on both sides of it, the first free one taken (the middle
// of the link, on its lower side, first). Pure; renderTopology feeds it the drawn geometry.
import { NodeSize, type PlacedNode } from './layoutTypes';

/** An axis-aligned box, design units. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelSpot {
  /** Where the text's baseline anchor goes, design units. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies over a node's name:
   * the quiet label is then left out, and the link says its figures on hover.
   */
  overName?: true;
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies across another link's
   * line: left out as one over a name is (a label read across a line, as old-app's '10 req/s'
   * across shoppers' in gateway-and-mesh at 1024x768 with Charts open, reads as that link's).
   */
  acrossLink?: true;
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies over a node's drawing
   * (its box, hexagons, state line, badge, or a mesh's tab): left out as one over a name is (a
   * label over a box reads as part of the box: presenter mode at 1024x768 laid '101 req/s' over
   * storefront, checkout and payments-bridge in two-meshes-via-gateway, 64 units apart).
   */
  overNode?: true;
  /**
   * Set by placeEdgeLabels for a presenter-size label that found no spot for its full quiet text
   * ("68 req/s") but one for the short form ("68/s", SHORT_LABEL_SHARE of the box's width): the
   * label says the short form there (partial-adoption's analysts->reports between its client and
   * reports, 81 units apart, and l4-vs-l7's etl-job->postgres, 65, against a 105-unit label).
   */
  short?: true;
}

/** A link to label: points along its path (every few units, in order) and whether it has a lock at its middle. */
export interface LabelLink {
  points: readonly { x: number; y: number }[];
  lock: boolean;
}

/**
 * The box a quiet label ("1234 req/s", 12 px semibold, as styles.css draws `.topo-edge-label`)
 * takes at most, with the halo of its outline: width and height, design units.
 */
export const LABEL_BOX = { w: 76, h: 16 } as const;

/** Half the side of the box a lock takes (its disc has radius 11 or 12). */
const LOCK_HALF = 13;

/**
 * The box a node's drawing covers, with its name and caption: a service or gateway box with the
 * replica cards below it, the hexagons on its top and a line of state under it; a client's
 * figure with its name and caption below; a control plane's hexagon with its name beside it;
 * an unfolded service's replica cards (its `replicaRoom`) too.
 * `captions: false` where the drawing leaves captions out (presenter mode's text: styles.css
 * hides `.topo-caption`), so a client keeps only its name's width: "client on the internet"
 * kept labels 83 units either side of old-app, though not drawn. Design units. Pure.
 */
export function nodeRect(p: PlacedNode, captions = true): Rect {
  const left = p.x - p.w / 2;
  const top = p.y - p.h / 2;
  switch (p.node.kind) {
    case 'client': {
      const r = NodeSize.clientR;
      const caption = captions ? (p.node.external ? 'client on the internet' : 'client').length + (p.node.replicas > 1 ? 12 : 0) : 0;
      const half = Math.max(r, (Math.max(p.node.name.length * 8.6, caption * 7.2) + 8) / 2);
      const cx = left + r;
      return { x0: cx - half, y0: top - 10, x1: cx + half, y1: top + 2 * r + 46 };
    }
    case 'control-plane': {
      const r = NodeSize.controlR;
      return { x0: left - 6, y0: top - 6, x1: left + 2 * r + 14 + Math.max(140, p.node.name.length * 9), y1: top + 2 * r + 8 };
    }
    default:
      // An unfolded service's replica cards stand under its state line, in the room the layout
      // made for them (replicaRoom): labels keep off them as off the box (presenter mode at
      // 1024x768 laid checkout->cart's '48 req/s' over cart's '#0 up' card).
      return { x0: left - 4, y0: top - NodeSize.hexR - 4, x1: left + p.w + 4, y1: top + p.h + 2 * 6 + 24 + (p.replicaRoom ?? 0) };
  }
}

/** The label's box when its anchor is at `s`. Pure. */
export function labelRect(s: LabelSpot, box: { w: number; h: number } = LABEL_BOX): Rect {
  const x0 = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - box.w : s.x - box.w / 2;
  return { x0, y0: s.y - box.h + 4, x1: x0 + box.w, y1: s.y + 4 };
}

const overlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (p: { x: number; y: number }, r: Rect, pad: number) => p.x > r.x0 - pad && p.x < r.x1 + pad && p.y > r.y0 - pad && p.y < r.y1 + pad;

/** Spots along one link: at these shares of its length, on either side, at these distances. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
const AWAY = [24, 34, 46];
/**
 * Tried only when none of the spots above is free: nearer the link's ends.
 * Links that converge on one box (gateway-and-mesh's four clients into edge) leave no free spot
 * in their middles at presenter size, and old-app's '10 req/s' was laid across shoppers' line.
 */
const ALONG_ENDS = [0.12, 0.88, 0.06, 0.94];
/**
 * Tried last, at the middle shares only: further off the link, past the boxes' tops or bottoms
 * when the link runs between two boxes closer than a label is wide (presenter mode's 64-unit
 * gaps against its 105-unit labels), for presenter-size labels only, and only where the label
 * stays clearly nearer its own line than any other (clearlyOwn).
 */
const AWAY_FAR = [60, 78, 96];
const ALONG_FAR = [0.5, 0.42, 0.58];

/**
 * The short form's box ("999/s") as a share of the full quiet label's ("1,234 req/s"): 50.3 and
 * 104.9 units wide at presenter size (16.5 units, as drawn in Chromium), so half of it holds the
 * short form of any rate under 1,000 a second.
 */
export const SHORT_LABEL_SHARE = 0.5;

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
 * (LABEL_BOX; larger in presenter mode, whose labels are larger). Pure.
 */
export function placeEdgeLabels(links: readonly LabelLink[], nodes: readonly Rect[], view: Rect, box: { w: number; h: number } = LABEL_BOX, names: readonly Rect[] = [], soft: readonly Rect[] = []): LabelSpot[] {
  const locks: Rect[] = [];
  for (const l of links) {
    if (!l.lock || l.points.length === 0) continue;
    const m = l.points[Math.floor((l.points.length - 1) / 2)];
    locks.push({ x0: m.x - LOCK_HALF, y0: m.y - LOCK_HALF, x1: m.x + LOCK_HALF, y1: m.y + LOCK_HALF });
  }
  const bounds = links.map((l) => boundsOf(l.points));
  // Greedy in link order; where some labels found no free spot (or room for their short form
  // only), once more with those first (a label placed before them may have taken the only room
  // they had), keeping the pass with fewer. (partial-adoption's large text at 1024x768: placed
  // first, reports->orders' '24 req/s' has a free spot, which storefront->catalog's took.)
  const stuckIn = <T extends { hits: number; spot: LabelSpot }>(pass: readonly T[]): T[] => pass.filter((s) => s.hits > 0 || s.spot.short === true);
  const first = placeInOrder(links.map((_, i) => i));
  const stuck = stuckIn(first).map((s) => s.index);
  if (stuck.length === 0 || stuck.length === links.length) return first.map((s) => s.spot);
  const again = placeInOrder([...stuck, ...links.map((_, i) => i).filter((i) => !stuck.includes(i))]);
  return (stuckIn(again).length < stuck.length ? again : first).map((s) => s.spot);

  /** Spots for every link, placing them in `order`; by link index, with the collisions each kept. */
  function placeInOrder(order: readonly number[]): { index: number; spot: LabelSpot; hits: number }[] {
    const placed: Rect[] = [];
    const out: { index: number; spot: LabelSpot; hits: number }[] = [];
    for (const index of order) out[index] = { index, ...placeOne(index, placed) };
    return out;
  }

  function placeOne(index: number, placed: Rect[]): { spot: LabelSpot; hits: number } {
    const link = links[index];
    let best: (LabelSpot & { far?: true }) | null = null;
    let bestHits = Number.POSITIVE_INFINITY;
    const hitsAt = (spot: LabelSpot, size: { w: number; h: number } = box): number => {
      const r = labelRect(spot, size);
      // Cut off by the stage's edge, a label says nothing: worse than lying over a node or a link.
      let hits = r.x0 < view.x0 || r.y0 < view.y0 || r.x1 > view.x1 || r.y1 > view.y1 ? 3 : 0;
      for (const n of nodes) if (overlap(r, n)) hits++;
      for (const q of soft) if (overlap(r, q)) hits += SOFT_HIT;
      for (const k of locks) if (overlap(r, k)) hits++;
      for (const p of placed) if (overlap(r, p)) hits++;
      links.forEach((other, j) => {
        // Its own link too: a label beside its line, never across it.
        const pad = j === index ? 1 : 2;
        const b = bounds[j];
        if (b.x1 + pad < r.x0 || b.x0 - pad > r.x1 || b.y1 + pad < r.y0 || b.y0 - pad > r.y1) return;
        if (other.points.some((q) => inside(q, r, pad))) hits++;
      });
      return hits;
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
     * The short form ("68/s") at the first of `spots` free of everything but a queue glyph's room,
     * read as its own link's: nearer its line than any other's, and clearlyOwn where its middle
     * is further off its line than a quiet label's reach (AWAY). (gateway-and-mesh's
     * bulk-export->edge runs between old-app's and scraper's lines into edge, 70 units apart: its
     * '42/s' 30 units off its own line.)
     */
    const shortAt = (spots: Iterable<LabelSpot>): { spot: LabelSpot; hits: number } | null => {
      let shortBest: LabelSpot | null = null;
      let shortHits = 1;
      for (const spot of spots) {
        const hits = hitsAt(spot, short);
        if (hits >= shortHits) continue;
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
      // Still none: the short form further off, as a hovered label's spots.
      const far = shortAt(hoverCandidates(link, short));
      if (far) return far;
    }
    const found: LabelSpot & { far?: true } = best ?? { x: 0, y: 0, anchor: 'middle' };
    const { far: _far, ...chosen } = found;
    const r = labelRect(chosen, box);
    if (names.some((n) => overlap(r, n))) return { spot: { ...chosen, overName: true }, hits: bestHits };
    if (nodes.some((n) => overlap(r, n))) return { spot: { ...chosen, overNode: true }, hits: bestHits };
    if (bestHits > 0 && links.some((other, j) => j !== index && other.points.some((q) => inside(q, r, 0)))) return { spot: { ...chosen, acrossLink: true }, hits: bestHits };
    placed.push(r);
    return { spot: chosen, hits: bestHits };
  }
}

function boundsOf(points: readonly { x: number; y: number }[]): Rect {
  const r = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of points) {
    r.x0 = Math.min(r.x0, p.x);
    r.y0 = Math.min(r.y0, p.y);
    r.x1 = Math.max(r.x1, p.x);
    r.y1 = Math.max(r.y1, p.y);
  }
  return r;
}

/**
 * The points along a link where a label may sit (ALONG, as shares of its length) with the unit
 * normal there, lower side first then upper (`sx`, `sy`: the side's direction). None for a link
 * of fewer than two points. Pure.
 */
function* besideLink(link: LabelLink, shares: readonly number[] = ALONG): Generator<{ m: { x: number; y: number }; sx: number; sy: number }> {
  const pts = link.points;
  if (pts.length < 2) return;
  const at = (share: number) => pts[Math.min(pts.length - 1, Math.max(0, Math.round(share * (pts.length - 1))))];
  for (const share of shares) {
    const m = at(share);
    const a = at(Math.max(0, share - 0.05));
    const b = at(Math.min(1, share + 0.05));
    const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    let nx = -(b.y - a.y) / d;
    let ny = (b.x - a.x) / d;
    if (ny < 0 || (ny === 0 && nx < 0)) {
      nx = -nx;
      ny = -ny;
    }
    yield { m, sx: nx, sy: ny };
    yield { m, sx: -nx, sy: -ny };
  }
}

/**
 * Candidate spots for a link's label: `near`, beside it, the usual one (the middle, lower side)
 * first, then, for a link none of those suits, spots nearer its ends (ALONG_ENDS); `far`, further
 * off at its middle (AWAY_FAR, for presenter-size labels only).
 */
function* candidates(link: LabelLink, which: 'near' | 'far'): Generator<LabelSpot & { far?: true }> {
  const tiers: [readonly number[], readonly number[]][] =
    which === 'near'
      ? [
          [AWAY, ALONG],
          [AWAY, ALONG_ENDS],
        ]
      : [[AWAY_FAR, ALONG_FAR]];
  for (const [aways, shares] of tiers) {
    const far = aways === AWAY_FAR ? ({ far: true } as const) : {};
    for (const away of aways) {
      for (const { m, sx, sy } of besideLink(link, shares)) {
        // A steep link gets its label to the side, where the text's width does not cover it.
        const steep = Math.abs(sx) > 0.6;
        const anchor = steep ? (sx > 0 ? 'start' : 'end') : 'middle';
        // Above the line the baseline sits a text's height further out.
        const lift = !steep && sy < 0 ? LABEL_BOX.h - 8 : 0;
        yield { x: m.x + sx * (steep ? away - 4 : away), y: m.y + sy * away + 4 - lift, anchor, ...far };
      }
    }
  }
}

/**
 * Spots beside a link for a short-form label: first at the link's exact middle (between its two
 * sampled points there, as a label centred in the gap between two boxes needs: retry-storm's
 * api->web runs 64 units between boxes whose drawings leave 56, against a 53-unit short label,
 * and the sampled points nearest the middle stand 3 units off it), on either side at AWAY's
 * distances; then the quiet label's spots (candidates). Pure.
 */
function* shortNear(link: LabelLink): Generator<LabelSpot> {
  const pts = link.points;
  if (pts.length >= 2) {
    const at = (pts.length - 1) / 2;
    const [a, b] = [pts[Math.floor(at)], pts[Math.ceil(at)]];
    const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const [p, q] = [pts[Math.max(0, Math.floor(at) - 1)], pts[Math.min(pts.length - 1, Math.ceil(at) + 1)]];
    const d = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    // Flat links only: a steep one's label goes to its side, as candidates puts it.
    if (Math.abs(q.y - p.y) / d < 0.6) {
      for (const away of AWAY) {
        yield { x: m.x, y: m.y + away + 4, anchor: 'middle' };
        yield { x: m.x, y: m.y - away + 4 - (LABEL_BOX.h - 8), anchor: 'middle' };
      }
    }
  }
  yield* candidates(link, 'near');
}

/**
 * Where the quiet label of a link the story points at goes (a narrative step highlights it) when
 * placeEdgeLabels left it out (`overName` or `acrossLink`), or placed it where it reads as
 * another link's (readsAsOther): it must show, and read as its link's. The spot with the least
 * cost, in this order of what is worse: cut by the view's edge or over a node (`nodes`, names
 * included), over another shown label (`labels`), nearer another link's line than its own (it
 * would be read as that link's), across another link's line (the label is then drawn over it
 * with its halo), over a box's queue glyph (`soft`), across its own. Spots: the quiet ones (candidates), then on its own line (its
 * middle on the line, which no other line is nearer to unless it crosses there), then further
 * off as a hovered label's. `box`: the quiet label's box. Pure. (gateway-and-mesh at 1024x768
 * with Charts open: step 2's highlighted bulk-export link had its '35 req/s' left out;
 * partial-adoption's step 2: reports->orders' label sat nearer storefront->catalog's line, on a
 * short link between crossing lines where every spot beside it did too.)
 */
export function placeStoryLabel(link: LabelLink, others: readonly LabelLink[], box: { w: number; h: number }, nodes: readonly Rect[], labels: readonly Rect[], view: Rect, soft: readonly Rect[] = []): LabelSpot {
  const cost = (s: LabelSpot) => {
    const r = labelRect(s, box);
    let c = r.x0 < view.x0 || r.y0 < view.y0 || r.x1 > view.x1 || r.y1 > view.y1 ? 10_000 : 0;
    for (const n of nodes) if (overlap(r, n)) c += 10_000;
    // Over where a box's queue may stand: kept off if it can be, before any line is crossed.
    for (const q of soft) if (overlap(r, q)) c += 5;
    for (const l of labels) if (overlap(r, l)) c += 1000;
    for (const o of others) if (o !== link && o.points.some((q) => inside(q, r, 2))) c += 10;
    if (link.points.some((q) => inside(q, r, 1))) c += 1;
    // Read as another link's figure: worse than crossing a line, better than covering a label.
    if (readsAsOther(link, others, s, box)) c += 100;
    return c;
  };
  return cheapest(storyCandidates(link, box), cost) ?? { x: 0, y: 0, anchor: 'middle' };
}

/** The first of `spots` with the least `cost` (a spot of cost 0 ends the search), or null for none. */
function cheapest(spots: Iterable<LabelSpot>, cost: (s: LabelSpot) => number): LabelSpot | null {
  let best: LabelSpot | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const spot of spots) {
    const c = cost(spot);
    if (c < bestCost) {
      best = spot;
      bestCost = c;
      if (c === 0) break;
    }
  }
  return best;
}

/**
 * True when a label of `link` at `spot` (`box`: its size) has its middle nearer another of
 * `links`' lines than its own, so it reads as that link's figure (links that converge on one
 * box: bulk-export's '35 req/s' stood under scraper's '4.0 req/s', nearer scraper's line). Give
 * the drawn text's size: a label anchored at its start or end has its middle half its width from
 * the anchor (LABEL_BOX's middle was nearer partial-adoption's reports->orders line at 1024x768,
 * the drawn '24 req/s' nearer storefront->catalog's). Pure.
 */
export function readsAsOther(link: LabelLink, links: readonly LabelLink[], spot: LabelSpot, box: { w: number; h: number } = LABEL_BOX): boolean {
  const r = labelRect(spot, box);
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  const own = nearest2(link.points, cx, cy);
  return links.some((o) => o !== link && nearest2(o.points, cx, cy) < own);
}

/**
 * True when a label of `link` at `spot` (`box`: its size) has its middle at most FAR_OWN of the
 * way to any other link's line that its own is: a label far off its link (AWAY_FAR) must still
 * read as its link's, with room to spare (partial-adoption's '24 req/s' 83 px from another line
 * and 84 from its own read as the other's). Pure.
 */
function clearlyOwn(link: LabelLink, links: readonly LabelLink[], spot: LabelSpot, box: { w: number; h: number }): boolean {
  const r = labelRect(spot, box);
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  const own = nearest2(link.points, cx, cy);
  return links.every((o) => o === link || own <= FAR_OWN * FAR_OWN * nearest2(o.points, cx, cy));
}

/** How much nearer its own line than any other a far label's middle is, at least (clearlyOwn). */
const FAR_OWN = 0.6;

/** The squared distance from (x, y) to the nearest of `points` (Infinity for none). */
function nearest2(points: readonly { x: number; y: number }[], x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const q of points) best = Math.min(best, (q.x - x) * (q.x - x) + (q.y - y) * (q.y - y));
  return best;
}

/**
 * True when a label of `box`'s size at `spot` stands by its link: its middle no further from its
 * link's line than a quiet label beside it does (AWAY's furthest, and half the box's height).
 * Pure.
 */
export function byItsLink(link: LabelLink, spot: LabelSpot, box: { w: number; h: number }): boolean {
  return fromOwnLine(link, spot, box) <= AWAY[AWAY.length - 1] + box.h / 2;
}

/** How far a label of `box`'s size at `spot` has its middle from its link's line (its nearest point), design units. Pure. */
function fromOwnLine(link: LabelLink, spot: LabelSpot, box: { w: number; h: number }): number {
  const r = labelRect(spot, box);
  return Math.sqrt(nearest2(link.points, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2));
}

/** The quiet label's spots (candidates), then on its own line, then a hovered label's, further off. */
function* storyCandidates(link: LabelLink, box: { w: number; h: number }): Generator<LabelSpot> {
  yield* candidates(link, 'near');
  yield* onLink(link, box);
  yield* hoverCandidates(link, box);
}

/**
 * Spots with a label's middle on its link's line (`box`: its size), at ALONG's then ALONG_ENDS'
 * shares of its length: drawn over its own line with its halo, a label there is nearest that line
 * (labelRect's middle is 4 units above the baseline less half the box's height).
 */
function* onLink(link: LabelLink, box: { w: number; h: number }): Generator<LabelSpot> {
  const pts = link.points;
  if (pts.length < 2) return;
  for (const share of [...ALONG, ...ALONG_ENDS]) {
    const m = pts[Math.min(pts.length - 1, Math.max(0, Math.round(share * (pts.length - 1))))];
    yield { x: m.x, y: m.y + box.h / 2 - 4, anchor: 'middle' };
  }
}

/** How far off its link a hovered label may go, design units, nearest first. */
const HOVER_AWAY = [24, 34, 46, 60, 78, 100, 126, 156];

/**
 * Where a hovered link's full label goes (`box`: its measured text with the halo, design units):
 * beside its link, along the link's normal on either side and ever further off, at the first
 * spot that covers no node (`nodes`, nodeRect: a node's drawing with its name and state line)
 * and stays in `view`; the hovered label is drawn above everything, so other links and labels
 * may pass under it. Where no spot is clear, the one covering the fewest nodes. `keep`, the spot
 * it has now, is kept while it is still clear, so a label whose figures change does not jump.
 * Pure. (Session 9's new-user pass: at 1024x768 a hovered label in gateway-and-mesh covered
 * old-app's name, and retry-storm's covered state lines, as the quiet label's spot did not fit
 * the longer text.)
 */
export function placeHoverLabel(link: LabelLink, box: { w: number; h: number }, nodes: readonly Rect[], view: Rect, keep: LabelSpot | null = null): LabelSpot {
  const cost = (s: LabelSpot) => {
    const r = labelRect(s, box);
    let c = r.x0 < view.x0 || r.y0 < view.y0 || r.x1 > view.x1 || r.y1 > view.y1 ? 100 : 0;
    for (const n of nodes) if (overlap(r, n)) c += 1000;
    // Across its own line is allowed but worse than beside it.
    if (link.points.some((q) => inside(q, r, 1))) c += 1;
    return c;
  };
  if (keep !== null && cost(keep) <= 1) return keep;
  return cheapest(hoverCandidates(link, box), cost) ?? keep ?? { x: 0, y: 0, anchor: 'middle' };
}

/** Spots beside a link for a label of `box`'s size: along it, on both sides, ever further off; each side with three anchors. */
function* hoverCandidates(link: LabelLink, box: { w: number; h: number }): Generator<LabelSpot> {
  for (const away of HOVER_AWAY) {
    for (const { m, sx, sy } of besideLink(link)) {
      const x = m.x + sx * away;
      // The box's near edge `away` off the line: above it the baseline sits a box's height further out.
      const y = m.y + sy * away + (sy < 0 ? -4 : box.h - 4);
      const first: LabelSpot['anchor'] = Math.abs(sx) > 0.6 ? (sx > 0 ? 'start' : 'end') : 'middle';
      for (const anchor of [first, ...(['middle', 'start', 'end'] as const).filter((k) => k !== first)]) yield { x, y, anchor };
    }
  }
}
