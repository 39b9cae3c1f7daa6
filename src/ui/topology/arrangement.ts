// How computeLayout arranges a drawing in its viewport before placing it: the default layout
// or the compact one (its bands' width), captions kept or the drawing bare, and for a wide, short
// stage the bare form that gives the largest link labels. Chosen by laying the drawing out at each
// candidate (layoutAt) and comparing scales; memoized by topology and viewport. Pure.
import { max } from 'd3';
import { isBridge } from './meshRegions';
import type { Topology } from './layoutTypes';
import { callDepths } from './columnOrder';
import { LABEL_UNITS, PRESENTER_LABEL_UNITS } from './svgEdgeLabels';
import { layoutAt, NO_BANDS } from './layoutAt';

/**
 * The compact layout's bands as computeLayout uses them, by topology, then by viewport and mode:
 * the choice lays the drawing out once per band count, and a drag lays it out every frame.
 */
const bandCache = new WeakMap<Topology, Map<string, Arrangement>>();

/** How computeLayout arranges a drawing: bands of `perBand` columns (or NO_BANDS), `bare` without captions. */
export interface Arrangement {
  perBand: number;
  bare: boolean;
  /** Control planes beside their mesh's last column, not above it (layoutAt): presenter mode, and a bare drawing in a wide, short stage. */
  beside?: boolean;
  /** A bare drawing in a wide, short stage (wideArrangement, Layout.wide). */
  wide?: boolean;
  /**
   * The viewport (CSS px) a grid of separate request paths is packed for (packComponents), when
   * not the one drawn in: a picture kept beside the inspector packs as in its whole stage
   * (keptPicture.ts; istio-load-test's ten client-service pairs, 3 x 4 there, went 2 x 5).
   */
  packFor?: { width: number; height: number };
}

/** Node captions' size, design units (styles.css .topo-caption), and the least they are drawn at, CSS px. */
const CAPTION_UNITS = 12.5;
const CAPTION_MIN_PX = 9;

/**
 * How the drawing is arranged in `width` x `height`. Presenter mode: bands of presenterBand's
 * columns, bare. Otherwise the default layout (uniform columns 290 units or more apart, one row),
 * or the compact one (columns as wide as their widest node, a long chain wrapped into bands)
 * when it fits at a scale 3% or more larger; captions are kept while they come out at 9 px or
 * more, else the drawing goes bare (presenter mode's boxes, captions hidden) when that makes its
 * names larger than the captions would have been (the new-user pass of issue 11 measured node
 * text of 3.1-6.8 px at 1024x768, most of all beside the open inspector). Chosen from the layout
 * alone, so a drag or an unfolding keeps the arrangement. Pure (memoized).
 */
export function bandWidth(topology: Topology, width: number, height: number, presenter: boolean, roomy = false): Arrangement {
  let byView = bandCache.get(topology);
  if (!byView) bandCache.set(topology, (byView = new Map()));
  const key = `${Math.round(width)}x${Math.round(height)}${presenter ? 'p' : ''}${roomy ? 'r' : ''}`;
  let a = byView.get(key);
  if (a === undefined) {
    if (presenter) {
      // A control plane beside its mesh when that gives a larger picture (partial-adoption: a
      // column of three services is as tall as the stage without the room above them).
      const k = presenterBand(topology, width, height, true, roomy);
      const above = layoutAt(topology, width, height, { presenter: true, roomy }, 1, k, true).scale;
      const beside = layoutAt(topology, width, height, { presenter: true, roomy }, 1, k, true, true).scale;
      a = { perBand: k, bare: true, ...(beside > above * 1.01 ? { beside: true } : {}) };
    }
    else {
      const plain = layoutAt(topology, width, height, {}, 1, NO_BANDS, false).scale;
      const k = presenterBand(topology, width, height, false);
      const compact = layoutAt(topology, width, height, {}, 1, k, false).scale;
      a = compact >= plain * 1.03 ? { perBand: k, bare: false } : { perBand: NO_BANDS, bare: false };
      const scale = Math.max(plain, compact);
      if (scale * CAPTION_UNITS < CAPTION_MIN_PX) {
        const kb = presenterBand(topology, width, height, 'bare');
        const bare = layoutAt(topology, width, height, {}, 1, kb, true).scale;
        if (bare * NAME_UNITS > scale * CAPTION_UNITS * 1.03) a = width >= WIDE_STAGE * height ? wideArrangement(topology, width, height, kb, bare) : { perBand: kb, bare: true };
      }
    }
    if (byView.size > 64) byView.clear();
    byView.set(key, a);
  }
  return a;
}

/**
 * The bare drawing's arrangement in `width` x `height`, `perBand` columns a band, fitted at `scale`
 * as laid out plainly. In a wide, short stage (Charts open at 1600x1000: 1240 x 372 px) that fit
 * is bound by the height, the width left over, and the link labels (12 units) came out at 5-8 px.
 * So the drawing spends the width and saves height: its control planes may go beside their mesh
 * (no row above the boxes), and its `wide` form puts its columns gapXRoomy apart with the labels
 * at presenter mode's size between them (16.5 units), keeps one state line under a box (the
 * tooltip says the rest) and presenter mode's margin and region padding. Of the four, the one
 * with the largest labels among those within WIDE_SCALE_KEPT of the largest scale. Pure.
 */
function wideArrangement(topology: Topology, width: number, height: number, perBand: number, scale: number): Arrangement {
  const tried: { a: Arrangement; scale: number }[] = [{ a: { perBand, bare: true }, scale }];
  for (const beside of [false, true]) {
    for (const wide of [false, true]) {
      if (beside || wide) tried.push({ a: { perBand, bare: true, ...(beside ? { beside } : {}), ...(wide ? { wide } : {}) }, scale: layoutAt(topology, width, height, {}, 1, perBand, true, beside, wide).scale });
    }
  }
  const most = Math.max(...tried.map((t) => t.scale));
  let best = tried[0];
  const px = (t: (typeof tried)[number]) => t.scale * (t.a.wide ? PRESENTER_LABEL_UNITS : LABEL_UNITS);
  for (const t of tried) {
    if (t.scale < most * WIDE_SCALE_KEPT) continue;
    if (best.scale < most * WIDE_SCALE_KEPT || px(t) > px(best) * 1.01) best = t;
  }
  return best.a;
}

/**
 * A stage this many times as wide as it is tall is wide and short (Charts open at 1600x1000: 1240 x
 * 372 px, 3.3): its bare drawing lays itself out for larger link labels (wideArrangement). The
 * 1024x768 stages (778 x 364-500 px, 2.1 at most) and the stage without Charts (1240 x 610, 2.0)
 * draw as before.
 */
const WIDE_STAGE = 2.5;

/** The least share of its largest scale a bare drawing keeps when it lays itself out for larger link labels (wideArrangement). */
const WIDE_SCALE_KEPT = 0.9;

/** A node's name, design units (styles.css .topo-name). */
const NAME_UNITS = 18;

/**
 * Columns a band of the compact drawing holds (presenter mode's, or with `presenter` false the
 * normal view's, captions kept): the count (two or more) whose drawing fits `width` x `height`
 * at the largest scale, the fewest bands among those within 3% of it. Chosen from the layout
 * alone (no nodes placed by hand, no fit kept, replicas folded), so a drag or an unfolding keeps
 * the bands. Pure.
 */
function presenterBand(topology: Topology, width: number, height: number, presenter: boolean | 'bare', roomy = false): number {
  const depth = callDepths(topology);
  const ncols = Math.max(1, (max(depth) ?? 0) + 1);
  const scales = new Map<number, number>();
  for (let k = ncols; k >= Math.min(2, ncols); k--) {
    if (breaksAtBridge(topology, k)) continue;
    scales.set(k, layoutAt(topology, width, height, { presenter: presenter === true, roomy }, 1, k, presenter !== false).scale);
  }
  const best = Math.max(...scales.values());
  for (const [k, s] of scales) if (s >= best * 0.97) return k;
  return ncols;
}

/**
 * Whether bands of `perBand` columns (1 or more) break `topology`'s drawing at a bridge. A mesh whose
 * first members start a later band gets room above them for its control plane (stackBands'
 * extents, see controlRoom); a bridge sits on the border of its two meshes, its callers' column and
 * its callees' beside it, so a count that breaks a band next to a bridge is never drawn (presenterBand
 * does not try it; a link's is not kept, linkArrangement.ts). False for one band. Pure.
 */
export function breaksAtBridge(topology: Topology, perBand: number): boolean {
  const depth = callDepths(topology);
  const ncols = Math.max(1, (max(depth) ?? 0) + 1);
  if (perBand >= ncols) return false;
  const band = (d: number) => Math.floor(Math.max(0, Math.min(ncols - 1, d)) / perBand);
  return topology.nodes.some((n) => isBridge(n) && depth[n.id] >= 0 && (band(depth[n.id] - 1) !== band(depth[n.id]) || band(depth[n.id] + 1) !== band(depth[n.id])));
}
