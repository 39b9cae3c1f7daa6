// How the topology picture fits its stage: the fit kept after a drag, what presenter mode folds
// to keep its text readable, and what stays in view beside the inspector.
import { useMemo } from 'react';
import type { ScenarioInfo } from '../../workers/protocol';
import { computeLayout } from '../topology/layout';
import type { LayoutFit, NodePositions } from '../topology/layoutTypes';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { SMALL_PICTURE_NODES } from '../topology/readableText';
import type { InspectTarget } from '../inspector/inspectorStore';

/** No service unfolded. */
export const NO_UNFOLDED: ReadonlySet<string> = new Set();

/** A stage that grew or shrank by less than this (CSS px) kept the drawing where it was on the page. */
const KEEP_FIT_PX = 80;

/**
 * The fit a drawing keeps after a drag (see `fitLockRef`), or undefined to fit it again. When
 * the stage moved a little on the page (a button that appears beside the legend can wrap it onto
 * another line), the fit is shifted so the drawing stays where it was on the page, under the
 * pointer; a bigger change (a window resized, a drawer opened) fits it again. Updates the lock
 * to the stage's new place. Impure: reads the stage's box.
 */
export function keptFit(
  lock: { topology: unknown; width: number; height: number; left: number; top: number; unfolded: unknown; presenter: boolean; fit: LayoutFit } | null,
  box: HTMLElement,
  size: { width: number; height: number },
  topology: unknown,
  unfolded: unknown,
  presenter: boolean,
  zoom: number,
): LayoutFit | undefined {
  if (!lock || lock.topology !== topology || lock.unfolded !== unfolded || lock.presenter !== presenter) return undefined;
  if (Math.abs(lock.width - size.width) > KEEP_FIT_PX || Math.abs(lock.height - size.height) > KEEP_FIT_PX) return undefined;
  const r = box.getBoundingClientRect();
  // screen = stage + camera.k × (t + scale × design) + camera offset: the camera stays, so t moves.
  const fit = { scale: lock.fit.scale, tx: lock.fit.tx - (r.left - lock.left) / zoom, ty: lock.fit.ty - (r.top - lock.top) / zoom };
  Object.assign(lock, { width: size.width, height: size.height, left: r.left, top: r.top, fit });
  return fit;
}

/** How presenter mode's geometry draws a picture (usePresenterFold). */
export interface PresenterDrawing {
  /** 'all': as it is; 'replicas': unfolded replicas folded back into their service; 'groups': as group tiles. */
  fold: 'all' | 'replicas' | 'groups';
  /** The columns it is drawn with: the roomy ones asked for, or presenter mode's own where only those keep the floor. */
  roomy: boolean;
  /** Drawn whole below the floor (a small picture that no geometry fits at it): fitted to the stage, not held at the floor. */
  belowFloor: boolean;
}

/**
 * What presenter mode folds so its node text stays at 14 px or more (`minScale`, the
 * PresenterFloor: PRESENTER_MIN_SCALE in the single view, issue 11 item 8; 12 px in a compare
 * pane) without cutting the picture off at the stage's edge: 'all' when the SVG
 * drawing fits the stage at that scale as it is (and outside presenter mode, and for a
 * topology drawn as group tiles anyway), 'replicas' when it fits once unfolded replicas fold
 * back into their service, else 'groups': the nodes fold into group tiles by mesh and name
 * family (the canvas view). `roomy`: judged on the single view's large-text geometry (its own
 * 10 px fold, readableText.ts; LayoutOptions.roomy). With `fitBeforeFold` (a compare pane,
 * PresenterFloor.fitBeforeFold), roomy columns that miss the floor give way to presenter mode's
 * own where those keep it, and a topology of SMALL_PICTURE_NODES or fewer never folds into group
 * tiles: drawn whole below the floor, in the columns that draw it larger. Recomputed when the
 * stage's size or the drawing changes.
 */
export function usePresenterFold(
  presenter: boolean,
  topology: ScenarioInfo['topology'] | null,
  size: { width: number; height: number } | null,
  positions: NodePositions,
  unfolded: ReadonlySet<string>,
  minScale: number,
  roomy = false,
  fitBeforeFold = false,
): PresenterDrawing {
  return useMemo(() => {
    if (!presenter || !topology || !size || size.width < 10 || size.height < 10 || topology.nodes.length > LARGE_TOPOLOGY_NODES) return { fold: 'all', roomy, belowFloor: false };
    return presenterDrawing(topology, size, { positions, unfolded }, minScale, roomy, fitBeforeFold);
  }, [presenter, topology, size, positions, unfolded, minScale, roomy, fitBeforeFold]);
}

/** usePresenterFold's choice for a topology drawn in presenter mode's geometry in a `size` stage (see there). Pure. */
export function presenterDrawing(
  topology: ScenarioInfo['topology'],
  size: { width: number; height: number },
  drawing: { positions?: NodePositions; unfolded?: ReadonlySet<string> },
  minScale: number,
  roomy = false,
  fitBeforeFold = false,
): PresenterDrawing {
  const unfolded = drawing.unfolded ?? NO_UNFOLDED;
  const fits = (u: ReadonlySet<string>, r: boolean) => computeLayout(topology, size.width, size.height, { positions: drawing.positions, unfolded: u, presenter: true, roomy: r }).scale >= minScale;
  // The columns to try, asked-for first: presenter mode's own after roomy ones, when fitting comes first.
  const columns = roomy && fitBeforeFold ? [true, false] : [roomy];
  for (const r of columns) if (fits(unfolded, r)) return { fold: 'all', roomy: r, belowFloor: false };
  if (unfolded.size > 0) for (const r of columns) if (fits(NO_UNFOLDED, r)) return { fold: 'replicas', roomy: r, belowFloor: false };
  if (fitBeforeFold && topology.nodes.length <= SMALL_PICTURE_NODES) return { fold: unfolded.size > 0 ? 'replicas' : 'all', roomy: false, belowFloor: true };
  return { fold: 'groups', roomy, belowFloor: false };
}

/**
 * The nodes the drawing keeps in view for what the inspector shows: a node, a link's two ends;
 * for a failed request, where its failure began (`origin`, why.ts failureOrigin: the link's two
 * ends, or the service that failed it), so the place the waterfall's "Failed at ..." names is
 * beside the inspector, not under it (session 26: at 1024x768 two-meshes-via-gateway's ledger,
 * where a picked request failed, lay under the panel); none for an ok request or nothing (the
 * drawing's middle stays centred). Pure.
 */
export function focusOf(target: InspectTarget | null, topology: ScenarioInfo['topology'], origin: { node: string; link: string | null } | null = null): number[] | undefined {
  if (target?.kind === 'node') return [target.id];
  if (target?.kind === 'edge') {
    const e = topology.edges.find((x) => x.id === target.id);
    return e ? [e.from, e.to] : undefined;
  }
  if (target?.kind === 'request' && origin) {
    const names = origin.link ? origin.link.split('->') : [origin.node];
    const ids = names.flatMap((name) => topology.nodes.filter((n) => n.name === name).map((n) => n.id));
    return ids.length > 0 ? ids : undefined;
  }
  return undefined;
}
