// Whose figure a link label reads as: its middle's distance from its own line against every
// other link's line, and whether it still stands by its link. Pure.
import { LABEL_BOX, labelRect, type LabelLink, type LabelSpot } from './labelGeometry';
import { AWAY } from './labelSpots';
import { linkIndex, someOtherPoint } from './linkPointIndex';

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
  // Any other link's point nearer than its own line's (linkPointIndex: only the points that near).
  return someOtherPoint(linkIndex(links), link, cx, cy, own, (d2) => d2 < own);
}

/**
 * True when a label of `link` at `spot` (`box`: its size) has its middle at most FAR_OWN of the
 * way to any other link's line that its own is: a label far off its link (AWAY_FAR) must still
 * read as its link's, with room to spare (partial-adoption's '24 req/s' 83 px from another line
 * and 84 from its own read as the other's). Pure.
 */
export function clearlyOwn(link: LabelLink, links: readonly LabelLink[], spot: LabelSpot, box: { w: number; h: number }): boolean {
  const r = labelRect(spot, box);
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  const own = nearest2(link.points, cx, cy);
  // No other link's point with own > FAR_OWN² x its distance² (so within own / FAR_OWN², with a margin).
  return !someOtherPoint(linkIndex(links), link, cx, cy, (own / (FAR_OWN * FAR_OWN)) * 1.01 + 1, (d2) => !(own <= FAR_OWN * FAR_OWN * d2));
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
export function fromOwnLine(link: LabelLink, spot: LabelSpot, box: { w: number; h: number }): number {
  const r = labelRect(spot, box);
  return Math.sqrt(nearest2(link.points, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2));
}
