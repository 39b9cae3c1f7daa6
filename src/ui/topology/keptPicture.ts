// The picture beside the open inspector: the one the person clicked in, kept as it was arranged in
// the whole stage and scaled into the room the panel leaves, rather than laid out again for that
// room (trial N10, session 40: at 1024x768 gateway-only's chain shoppers -> edge -> frontend ->
// catalog/inventory became edge at the top, catalog on the left and frontend at the bottom as the
// panel opened, so the dot a participant had clicked jumped away and a second click landed on
// something else). Pure geometry, no DOM.
import { max } from 'd3';
import { bandWidth, type Arrangement } from './arrangement';
import { callDepths } from './columnOrder';
import { computeLayout } from './layout';
import { NO_BANDS } from './layoutAt';
import type { Layout, LayoutOptions, Topology } from './layoutTypes';
import { LABEL_UNITS, PRESENTER_LABEL_UNITS } from './svgEdgeLabels';

/**
 * The stage a picture was last drawn in with the inspector closed (or after Fit beside it), CSS px,
 * and how: the arrangement beside the inspector is chosen for this size, not the panel's room.
 */
export interface WholeStage {
  topology: Topology;
  width: number;
  height: number;
  /** Drawn with the large text (readableText.ts; presenter mode's geometry, roomy columns). */
  largeText: boolean;
  /** The arrangement it was drawn in when not bandWidth's for its size (a share link's rows, linkArrangement.ts). */
  arrangement?: Arrangement;
}

/**
 * Least size of the picture's smallest text (its link rates; captions are about as small), CSS px,
 * a kept picture is drawn at beside the inspector, unless the whole picture was drawn smaller:
 * 10 px, READABLE_NAME_PX and the link labels' floor the specs hold at 1600x1000 (all-scenarios).
 * Under it the picture is drawn at it, cut at the stage's edges with what is inspected centred,
 * and the page names what lies past each edge (offStage.ts); Fit lays it out again for the room,
 * whole. Trial T2 (session 51, item 6): at 1366x768 the kept picture had shrunk to 7 px rates and
 * names, unreadable on a projector, where the whole picture drawn closed had 9 px rates.
 */
export const KEPT_TEXT_PX = 10;

/** A node's name (styles.css .topo-name), design units. */
export const NAME_UNITS = 18;

/**
 * The layout of `topology` in a `width` x `height` CSS px stage beside the open inspector, in the
 * arrangement `whole` had (its `arrangement`, else bandWidth for its size, with `options.presenter`/`roomy` as drawn), so
 * every node keeps its place relative to the others (left of, above; separate request paths
 * packed in the grid they had, Arrangement.packFor). Fitted whole when its smallest text (link
 * labels, LABEL_UNITS or presenter mode's PRESENTER_LABEL_UNITS) stays at KEPT_TEXT_PX or at the
 * size the whole picture drew it, whichever is less: opening the inspector never shrinks the
 * text under that; else the same arrangement bare (no captions, as bandWidth goes bare) when that
 * fits whole at that size; else drawn at that size with `options.focus` centred (Layout.overflows
 * set; what is past the edges is said, offStage.ts). `options.minScale` and `options.arrangement`
 * are replaced; a kept fit (`options.fit`, a drag) keeps its scale in the arrangement chosen
 * without it. Pure (bandWidth is memoized).
 */
export function keptLayout(topology: Topology, width: number, height: number, options: LayoutOptions, whole: Pick<WholeStage, 'width' | 'height' | 'arrangement'>): Layout {
  const presenter = options.presenter === true;
  const a = { ...(whole.arrangement ?? bandWidth(topology, whole.width, whole.height, presenter, presenter && options.roomy === true)), packFor: { width: whole.width, height: whole.height } };
  // Which arrangement, and at what least scale, is chosen without a kept fit; a kept fit (a drag)
  // keeps that arrangement at its own scale (the bare one it was picked up in stays bare).
  const at = (arrangement: Arrangement, minScale?: number) => computeLayout(topology, width, height, { ...options, arrangement, minScale, fit: undefined });
  const keep = (arrangement: Arrangement, layout: () => Layout) => (options.fit ? computeLayout(topology, width, height, { ...options, arrangement, minScale: undefined }) : layout());
  // The whole picture's scale, as drawn with the inspector closed (no focus, no kept fit).
  const wholeLayout = computeLayout(topology, whole.width, whole.height, { ...options, arrangement: a, minScale: undefined, fit: undefined, focus: undefined });
  const floorOf = (l: Layout) => Math.min(wholeLayout.scale, KEPT_TEXT_PX / (presenter || l.wide ? PRESENTER_LABEL_UNITS : LABEL_UNITS));
  const layout = at(a);
  if (layout.scale >= floorOf(layout) - 1e-9) return keep(a, () => layout);
  if (!presenter && !a.bare) {
    const bare = { ...a, perBand: a.perBand === NO_BANDS ? columnCount(topology) : a.perBand, bare: true };
    const b = at(bare);
    if (b.scale >= floorOf(b) - 1e-9) return keep(bare, () => b);
  }
  return keep(a, () => at(a, floorOf(layout)));
}

/** Columns of the drawing (call depths), one or more. */
function columnCount(topology: Topology): number {
  return Math.max(1, (max(callDepths(topology)) ?? 0) + 1);
}
