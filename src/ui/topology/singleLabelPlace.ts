// Where one label goes on its own, by cost rather than first free spot: a link's quiet label that
// the story points at (placeStoryLabel) and a hovered link's full label (placeHoverLabel). Pure.
import { inside, labelRect, overlap, type LabelLink, type LabelSpot, type Rect } from './labelGeometry';
import { readsAsOther } from './labelReading';
import { hoverCandidates, storyCandidates } from './labelSpots';

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
  return storyLabelSpot(link, others, box, nodes, labels, view, soft).spot;
}

/**
 * placeStoryLabel's spot and its cost: under 100 when it reads as its own link's and covers no
 * node, label or edge of the view; 100 or more when it reads as another link's (plus what else it
 * crosses). Pure.
 */
export function storyLabelSpot(link: LabelLink, others: readonly LabelLink[], box: { w: number; h: number }, nodes: readonly Rect[], labels: readonly Rect[], view: Rect, soft: readonly Rect[] = []): { spot: LabelSpot; cost: number } {
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
  const spot = cheapest(storyCandidates(link, box), cost) ?? { x: 0, y: 0, anchor: 'middle' as const };
  return { spot, cost: cost(spot) };
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
