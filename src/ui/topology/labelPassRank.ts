// How good one placing of every link's quiet label is (placeEdgeLabels keeps the better of two):
// labels left out, read as another link's, stuck, and collisions in all, compared in that order.
// Pure.
import type { LabelLink, LabelSpot } from './labelGeometry';
import { readsAsOther } from './labelReading';

/**
 * The short form's box ("999/s") as a share of the full quiet label's ("1,234 req/s"): 50.3 and
 * 104.9 units wide at presenter size (16.5 units, as drawn in Chromium), so half of it holds the
 * short form of any rate under 1,000 a second.
 */
export const SHORT_LABEL_SHARE = 0.5;

/**
 * How good one placing of placeEdgeLabels is, each figure worse the larger (rankBefore compares
 * them): `leftOut`, labels not shown (over a name, a node, or across another link); `astray`,
 * labels shown nearer another link's line than their own (read as that link's figure:
 * readsAsOther, at any of QUIET_SHARES of the box, as a label anchored at its start or end has its
 * middle where its drawn text ends it: '10 req/s' is narrower than the box); `stuck`, labels that
 * met something or said their short form; `hits`, the collisions in all. Pure.
 */
export function passRank(pass: readonly { spot: LabelSpot; hits: number }[], links: readonly LabelLink[], box: { w: number; h: number }): PassRank {
  const short = { w: Math.ceil(box.w * SHORT_LABEL_SHARE), h: box.h };
  const rank: PassRank = { leftOut: 0, astray: 0, stuck: 0, hits: 0 };
  pass.forEach(({ spot, hits }, i) => {
    rank.hits += hits;
    if (hits > 0 || spot.short === true) rank.stuck++;
    if (spot.overName === true || spot.overNode === true || spot.acrossLink === true || spot.overLabel === true) rank.leftOut++;
    else if (spot.short === true ? readsAsOther(links[i], links, spot, short) : QUIET_SHARES.some((k) => readsAsOther(links[i], links, spot, { w: Math.ceil(box.w * k), h: box.h }))) rank.astray++;
  });
  return rank;
}

/**
 * The widths a quiet label's drawn text may take, as shares of its box: from the short form's
 * ("10/s", SHORT_LABEL_SHARE) to the box's ("1,234 req/s"); passRank reads a label at each.
 */
const QUIET_SHARES = [SHORT_LABEL_SHARE, 0.75, 1];

/** passRank's figures: labels left out, read as another link's, stuck, and collisions in all. */
export interface PassRank {
  leftOut: number;
  astray: number;
  stuck: number;
  hits: number;
}

/**
 * True when placing rank `a` is better than `b`: fewer labels left out (in presenter mode nothing
 * else shows them), then fewer read as another link's, then fewer stuck, then fewer collisions.
 * A tie keeps `b`.
 */
export function rankBefore(a: PassRank, b: PassRank): boolean {
  if (a.leftOut !== b.leftOut) return a.leftOut < b.leftOut;
  if (a.astray !== b.astray) return a.astray < b.astray;
  if (a.stuck !== b.stuck) return a.stuck < b.stuck;
  return a.hits < b.hits;
}
