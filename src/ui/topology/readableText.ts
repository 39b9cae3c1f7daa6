// When the single view draws its picture with presenter mode's text (18-unit node text, one state
// line, captions left out). A workshop participant at a 1024x768 projector read node names of
// 7.4-9.8 px on four shipped pictures (session 10's new-user pass): the fitted picture was
// height-bound with unused width. Compare's narrow layout already draws its panes so (commit
// 228a510); the single view does the same when its own fitted names would fall under 10 px and
// presenter mode's geometry draws them larger, with its columns further apart than presenter
// mode's (LayoutOptions.roomy, PresenterSize.gapXRoomy: 120 units, not 64) so the link labels,
// drawn at presenter size, fit between the boxes rather than over them (951213e, backed out in
// d7ce4e9, put two-meshes-via-gateway's '84 req/s' over four boxes). Pure geometry, no DOM.
import { computeLayout } from './layout';
import type { NodePositions, Topology } from './layoutTypes';
import { PRESENTER_TEXT_UNITS } from './presenterFloor';

/**
 * Least node-name size the single view keeps with its own drawing, CSS px: under it the
 * picture takes presenter mode's text when that draws names larger (session 10's new-user
 * pass asked 10 px or more at 1024x768).
 */
export const READABLE_NAME_PX = 10;

/**
 * The windows the rule applies in: 1,100 px wide or less, as compare's narrow layout
 * (CompareView.tsx FIT_QUERY), so a projector's 1024x768 gets it and 1600x1000 draws as before.
 */
export const READABLE_WINDOW_QUERY = '(max-width: 1100px)';

/**
 * The windows the large text (not the fold into tiles) applies in: up to 1,300 px wide, so a
 * 1280x720 projector gets it too (trial N15: the back row read 9 px names in the normal view at
 * 1280x720; partial-adoption's 9.5 px there become 15 px with presenter mode's text).
 */
export const READABLE_TEXT_WINDOW_QUERY = '(max-width: 1300px)';

/** A node's name, design units (styles.css `.topo-name`); a control plane's is `.topo-name-small`. */
const NAME_UNITS = 18;
const SMALL_NAME_UNITS = 16;

/** The smallest name the normal drawing gives `topology`, design units. */
function leastNameUnits(topology: Topology): number {
  return topology.nodes.some((n) => n.kind === 'control-plane') ? SMALL_NAME_UNITS : NAME_UNITS;
}

/**
 * The smallest node name, CSS px, in each of the two drawings of `topology` fitted into a
 * `width` x `height` CSS px stage: the single view's own (`normal`) and presenter mode's geometry
 * with the roomier columns and every node text at 18 units (`large`). Pure.
 */
export function namePx(topology: Topology, width: number, height: number, options: { positions?: NodePositions; unfolded?: ReadonlySet<string> } = {}): { normal: number; large: number } {
  const normal = computeLayout(topology, width, height, options).scale * leastNameUnits(topology);
  if (normal >= READABLE_NAME_PX) return { normal, large: normal };
  const large = computeLayout(topology, width, height, { ...options, presenter: true, roomy: true }).scale * PRESENTER_TEXT_UNITS;
  return { normal, large };
}

/**
 * Whether the single view draws `topology` with presenter mode's text in a `width` x `height`
 * CSS px stage: its own fitted names would be under READABLE_NAME_PX and presenter mode's
 * geometry, fitted whole into the same stage, draws them 3% larger or more. Pure.
 */
export function wantsLargeText(topology: Topology, width: number, height: number, options: { positions?: NodePositions; unfolded?: ReadonlySet<string> } = {}): boolean {
  const px = namePx(topology, width, height, options);
  return px.normal < READABLE_NAME_PX && px.large >= px.normal * 1.03;
}

/**
 * Most nodes of a picture the single view always draws whole, never as group tiles: tiles of so
 * few nodes hold one node each, say less than the drawing (no mesh, sidecars or link figures) and
 * had their titles cut to fit ("reports …": partial-adoption's 9 nodes at 1024x768 with Charts
 * open, session 13). Such a picture takes whichever drawing gives the larger names instead.
 */
export const SMALL_PICTURE_NODES = 12;

/**
 * Whether the single view folds `topology` (replicas back into their service, else the nodes into
 * group tiles, as presenter mode folds: topologyFit.ts usePresenterFold at READABLE_FOLD_SCALE)
 * in a `width` x `height` CSS px stage: it has more than SMALL_PICTURE_NODES nodes, and neither
 * its own drawing nor presenter mode's geometry fits it whole with names of READABLE_NAME_PX or
 * more. Pure.
 */
export function wantsReadableFold(topology: Topology, width: number, height: number, options: { positions?: NodePositions; unfolded?: ReadonlySet<string> } = {}): boolean {
  if (topology.nodes.length <= SMALL_PICTURE_NODES) return false;
  const px = namePx(topology, width, height, options);
  return px.normal < READABLE_NAME_PX && px.large < READABLE_NAME_PX;
}

/** The least scale the single view's fold keeps: names of READABLE_NAME_PX at 18 units. */
export const READABLE_FOLD_SCALE = READABLE_NAME_PX / PRESENTER_TEXT_UNITS;
