// Where a link's label may sit: candidate spots along a link and on both sides of it, nearest
// first, for a quiet label (and its short form), a label the story points at, and a hovered one.
// Generators only, in the order they are tried; edgeLabelPlace.ts judges them. Pure.
import { LABEL_BOX, type LabelLink, type LabelSpot } from './labelGeometry';

/** Spots along one link: at these shares of its length, on either side, at these distances. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
export const AWAY = [24, 34, 46];
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
export function* candidates(link: LabelLink, which: 'near' | 'far'): Generator<LabelSpot & { far?: true }> {
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
export function* shortNear(link: LabelLink): Generator<LabelSpot> {
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

/** The quiet label's spots (candidates), then on its own line, then a hovered label's, further off. */
export function* storyCandidates(link: LabelLink, box: { w: number; h: number }): Generator<LabelSpot> {
  yield* candidates(link, 'near');
  yield* onLink(link, box);
  yield* hoverCandidates(link, box);
}

/**
 * Spots with a label's middle on its link's line (`box`: its size), at ALONG's then ALONG_ENDS'
 * shares of its length: drawn over its own line with its halo, a label there is nearest that line
 * (labelRect's middle is 4 units above the baseline less half the box's height).
 */
export function* onLink(link: LabelLink, box: { w: number; h: number }): Generator<LabelSpot> {
  const pts = link.points;
  if (pts.length < 2) return;
  for (const share of [...ALONG, ...ALONG_ENDS]) {
    const m = pts[Math.min(pts.length - 1, Math.max(0, Math.round(share * (pts.length - 1))))];
    yield { x: m.x, y: m.y + box.h / 2 - 4, anchor: 'middle' };
  }
}

/** How far off its link a hovered label may go, design units, nearest first. */
const HOVER_AWAY = [24, 34, 46, 60, 78, 100, 126, 156];

/** Spots beside a link for a label of `box`'s size: along it, on both sides, ever further off; each side with three anchors. */
export function* hoverCandidates(link: LabelLink, box: { w: number; h: number }): Generator<LabelSpot> {
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
