// A share link's picture: the columns a row the sender's drawing had (`cols=` in the link), kept
// by the opener while that still fits its stage well, so "the third box in the top row" names the
// same service at 1600x1000 and at 1366x768 (session 49's B8: bandWidth picks the columns per row
// for the viewport, and at 1366x768 the drawing went bare with a row of 5 where the sender had
// bands of 4). Only the rows are carried: captions kept or dropped (bare), control planes beside
// or above, stay the opener's stage's choice (bandWidth). Pure.
import { max } from 'd3';
import type { Arrangement } from './arrangement';
import { bandWidth, breaksAtBridge } from './arrangement';
import { callDepths } from './columnOrder';
import { layoutAt, NO_BANDS } from './layoutAt';
import type { Topology } from './layoutTypes';

/**
 * The least share of its own arrangement's scale (bandWidth's, for its stage) the link's rows may
 * be drawn at and still be kept: under it the opener's own arrangement is drawn instead, without a
 * word (the link is not wrong; the stage is too small for its picture). 0.75, not the 0.9 first
 * guessed (session 49's B8): retry-storm's link from 1600x1000 (bands of 4, captions) opened at
 * 1366x768 (a 1038 x 463 px stage) draws its bands of 4 bare at 0.748 against its own single bare
 * row's 0.925, 81%, names 13.5 px against 16.6 px; at 0.9 the very case this is for fell back.
 */
export const LINK_SCALE_KEPT = 0.75;

/** Node captions' size, design units (styles.css .topo-caption), and the least they are drawn at, CSS px (as arrangement.ts). */
const CAPTION_UNITS = 12.5;
const CAPTION_MIN_PX = 9;

/** Columns of `topology`'s drawing (call depths), one or more. Pure. */
function columnCount(topology: Topology): number {
  return Math.max(1, (max(callDepths(topology)) ?? 0) + 1);
}

/**
 * The columns a row `arrangement` draws `topology` with, as a link writes it (`cols=`): its band
 * width, or every column for the default layout (NO_BANDS) or a band as wide as the drawing (one
 * row either way). One or more. Pure.
 */
export function linkColumns(topology: Topology, arrangement: Pick<Arrangement, 'perBand'>): number {
  const n = columnCount(topology);
  return arrangement.perBand === NO_BANDS ? n : Math.min(arrangement.perBand, n);
}

/** What linkArrangement chose: the arrangement to draw, and whether it has the link's rows. */
export interface LinkArrangement {
  arrangement: Arrangement;
  /** True when the drawing has the link's columns a row (its own already did, or they fit within LINK_SCALE_KEPT). */
  kept: boolean;
}

/**
 * How `topology` is drawn in a `width` x `height` CSS px stage (with `presenter`/`roomy` as
 * bandWidth takes them) when a link asked for `cols` columns a row (1 or more; as many as the
 * drawing's columns or more means one row). The stage's own arrangement (bandWidth) when it
 * already has those rows; else the same one (captions or bare, control planes beside or not) with
 * the link's band width (one row: the default layout or a single band; captions that would come
 * out under 9 px: the same rows bare), the largest of those, when it breaks no band at a bridge
 * (breaksAtBridge) and fits at LINK_SCALE_KEPT of the own one's scale or more; else the own one,
 * `kept` false.
 * Pure (bandWidth is memoized; the rest lays the drawing out once or twice).
 */
export function linkArrangement(topology: Topology, width: number, height: number, presenter: boolean, roomy: boolean, cols: number): LinkArrangement {
  const own = bandWidth(topology, width, height, presenter, roomy);
  const n = columnCount(topology);
  const want = Math.min(Math.max(1, Math.floor(cols)), n);
  if (linkColumns(topology, own) === want) return { arrangement: own, kept: true };
  if (breaksAtBridge(topology, want)) return { arrangement: own, kept: false };
  const scaleOf = (a: Arrangement) => layoutAt(topology, width, height, { presenter, roomy }, 1, a.perBand, a.bare, a.beside === true, a.wide === true).scale;
  const ownScale = scaleOf(own);
  // The default layout has no bands: captioned, not presenter mode's (always compact). Captions
  // under CAPTION_MIN_PX are not drawn (bandWidth's rule): the same rows bare instead.
  const tries: Arrangement[] = [{ ...own, perBand: want }];
  if (want === n && !own.bare && !presenter) tries.push({ ...own, perBand: NO_BANDS });
  if (!own.bare && !presenter) tries.push({ perBand: want, bare: true });
  let best: { a: Arrangement; scale: number } | null = null;
  for (const a of tries) {
    const scale = scaleOf(a);
    if (!a.bare && scale * CAPTION_UNITS < CAPTION_MIN_PX) continue;
    if (!best || scale > best.scale) best = { a, scale };
  }
  return best && best.scale >= ownScale * LINK_SCALE_KEPT ? { arrangement: best.a, kept: true } : { arrangement: own, kept: false };
}
