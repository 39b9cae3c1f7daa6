// How the topology picture fits its stage: the fit kept after a drag, what presenter mode folds
// to keep its text readable, and what stays in view beside the inspector.
import { useMemo } from 'react';
import type { ScenarioInfo } from '../../workers/protocol';
import { computeLayout } from '../topology/layout';
import type { LayoutFit, NodePositions } from '../topology/layoutTypes';
import { LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
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

/**
 * What presenter mode folds so its node text stays at 14 px or more (`minScale`, the
 * PresenterFloor: PRESENTER_MIN_SCALE in the single view, issue 11 item 8; 12 px in a compare
 * pane) without cutting the picture off at the stage's edge: 'all' when the SVG
 * drawing fits the stage at that scale as it is (and outside presenter mode, and for a
 * topology drawn as group tiles anyway), 'replicas' when it fits once unfolded replicas fold
 * back into their service, else 'groups': the nodes fold into group tiles by mesh and name
 * family (the canvas view). `roomy`: judged on the single view's large-text geometry (its own
 * 10 px fold, readableText.ts; LayoutOptions.roomy). A topology of `wholeUpTo` nodes or fewer
 * never folds into group tiles: 'replicas' when it has unfolded replicas, else 'all' (drawn
 * whole, below the floor; PresenterFloor.smallWhole). Recomputed when the stage's size or the
 * drawing changes.
 */
export function usePresenterFold(
  presenter: boolean,
  topology: ScenarioInfo['topology'] | null,
  size: { width: number; height: number } | null,
  positions: NodePositions,
  unfolded: ReadonlySet<string>,
  minScale: number,
  roomy = false,
  wholeUpTo = 0,
): 'all' | 'replicas' | 'groups' {
  return useMemo(() => {
    if (!presenter || !topology || !size || size.width < 10 || size.height < 10 || topology.nodes.length > LARGE_TOPOLOGY_NODES) return 'all';
    return presenterFold(topology, size, { positions, unfolded }, minScale, roomy, wholeUpTo);
  }, [presenter, topology, size, positions, unfolded, minScale, roomy, wholeUpTo]);
}

/** usePresenterFold's choice for a topology drawn in presenter mode's geometry in a `size` stage (see there). Pure. */
export function presenterFold(
  topology: ScenarioInfo['topology'],
  size: { width: number; height: number },
  drawing: { positions?: NodePositions; unfolded?: ReadonlySet<string> },
  minScale: number,
  roomy = false,
  wholeUpTo = 0,
): 'all' | 'replicas' | 'groups' {
  const unfolded = drawing.unfolded ?? NO_UNFOLDED;
  const fits = (u: ReadonlySet<string>) => computeLayout(topology, size.width, size.height, { positions: drawing.positions, unfolded: u, presenter: true, roomy }).scale >= minScale;
  if (fits(unfolded)) return 'all';
  const small = topology.nodes.length <= wholeUpTo;
  if (unfolded.size > 0 && (small || fits(NO_UNFOLDED))) return 'replicas';
  return small ? 'all' : 'groups';
}

/**
 * The nodes the drawing keeps in view for what the inspector shows: a node, a link's two ends;
 * none for a request or nothing (the drawing's middle stays centred). Pure.
 */
export function focusOf(target: InspectTarget | null, topology: ScenarioInfo['topology']): number[] | undefined {
  if (target?.kind === 'node') return [target.id];
  if (target?.kind === 'edge') {
    const e = topology.edges.find((x) => x.id === target.id);
    return e ? [e.from, e.to] : undefined;
  }
  return undefined;
}
