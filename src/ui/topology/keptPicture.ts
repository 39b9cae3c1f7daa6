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
import { INSPECTOR_MIN_SCALE, type Layout, type LayoutOptions, type Topology } from './layoutTypes';

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
 * Least node-name size, CSS px, a kept picture is drawn at beside the inspector when it has no
 * captions (bare boxes: names are most of its text). Under it the picture is drawn at this size,
 * cut at the stage's edges with the inspected node centred, and the page says so (Fit lays it out
 * again for the room, whole). 8.5 px: about arrangement.ts's least caption size (9 px), and under
 * the 8.9-9.0 px at which gateway-only's kept chain fits whole beside the panel at 1024x768;
 * two-meshes-via-gateway's (6.5 px whole there) and istio-load-test's grid are cut.
 */
export const KEPT_NAME_PX = 8.5;

/** A node's name (styles.css .topo-name) and caption (.topo-caption), design units. */
const NAME_UNITS = 18;
const CAPTION_UNITS = 12.5;

/**
 * The layout of `topology` in a `width` x `height` CSS px stage beside the open inspector, in the
 * arrangement `whole` had (its `arrangement`, else bandWidth for its size, with `options.presenter`/`roomy` as drawn), so
 * every node keeps its place relative to the others (left of, above; separate request paths
 * packed in the grid they had, Arrangement.packFor), fitted whole when its text
 * stays readable: captions at 8 px or more (INSPECTOR_MIN_SCALE), else the same arrangement bare
 * (no captions, as bandWidth goes bare under 9 px) when that draws names larger, names at
 * KEPT_NAME_PX or more. Under that floor it is drawn at the floor with `options.focus` centred
 * (Layout.overflows set). `options.minScale` and `options.arrangement` are replaced; a kept fit
 * (`options.fit`, a drag) keeps its scale. Pure (bandWidth is memoized).
 */
export function keptLayout(topology: Topology, width: number, height: number, options: LayoutOptions, whole: Pick<WholeStage, 'width' | 'height' | 'arrangement'>): Layout {
  const presenter = options.presenter === true;
  const a = { ...(whole.arrangement ?? bandWidth(topology, whole.width, whole.height, presenter, presenter && options.roomy === true)), packFor: { width: whole.width, height: whole.height } };
  const at = (arrangement: Arrangement, minScale?: number) => computeLayout(topology, width, height, { ...options, arrangement, minScale });
  let arrangement = a;
  let layout = at(a);
  if (!presenter && !a.bare && layout.scale < INSPECTOR_MIN_SCALE) {
    const bare = { ...a, perBand: a.perBand === NO_BANDS ? columnCount(topology) : a.perBand, bare: true };
    const b = at(bare);
    if (b.scale * NAME_UNITS > layout.scale * CAPTION_UNITS * 1.03) {
      arrangement = bare;
      layout = b;
    }
  }
  const floor = presenter || arrangement.bare ? KEPT_NAME_PX / NAME_UNITS : INSPECTOR_MIN_SCALE;
  return layout.scale < floor && !options.fit ? at(arrangement, floor) : layout;
}

/** Columns of the drawing (call depths), one or more. */
function columnCount(topology: Topology): number {
  return Math.max(1, (max(callDepths(topology)) ?? 0) + 1);
}
