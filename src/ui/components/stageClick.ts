// What a click on the topology stage does: on a moving dot, opens its request (a ringed one even
// where it is drawn over a box or a link; a failed unringed one off the boxes opens its link, whose
// failures by cause say why, as no waterfall was kept); on a service with replicas (SVG view), folds or
// unfolds its cards; on a small group tile (the canvas view), zooms until the tile fills the
// view; zoomed in, selects the node or link there.
import type { MouseEvent } from 'react';
import type { Frame, ScenarioInfo } from '../../workers/protocol';
import { canUnfold } from '../topology/replicaGrid';
import { toggleUnfolded } from '../topology/layoutStore';
import { canvasNodeAt, type CanvasTopologyScene } from '../topology/canvasScene';
import { IDENTITY_CAMERA, type CameraControl } from '../topology/camera';
import type { TrafficView } from '../traffic/drawTraffic';
import { dotAt } from '../traffic/dotAt';
import { openDotRequest, openInspector } from '../inspector/inspectorStore';

/** What a stage click reads of TopologyView at the moment of the click. */
export interface StageClickContext {
  latest: Frame | null;
  view: TrafficView | null;
  camera: CameraControl | null;
  big: CanvasTopologyScene | null;
  topology: ScenarioInfo['topology'] | null;
  scenarioName: string;
  size: { width: number; height: number } | null;
}

/**
 * Acts on a click on the stage. Dots are drawn over links and, where a link enters a box, over
 * the box: an unsampled dot yields to the link or node under it (a failed one off the boxes
 * opens its link in the inspector, open or not); a ringed one opens its request wherever it is drawn. Impure: opens the inspector, moves the camera or unfolds a service.
 */
export function stageClick(e: MouseEvent<HTMLDivElement>, c0: StageClickContext): void {
  const { latest, view, topology, scenarioName, size } = c0;
  // A click on a moving dot opens its request, paused or playing. On a busy link dots cover the
  // line, and where a link enters a box they are drawn over the box: an unsampled dot (no
  // waterfall to show) yields to the link or node under it, so those can still be picked; a
  // ringed one opens its request, as a person who aimed at it expects (the dot canvas takes no
  // pointer events, so the box under a dot is the click's target).
  {
    const r = e.currentTarget.getBoundingClientRect();
    const camera = c0.camera?.camera ?? IDENTITY_CAMERA;
    const hit = dotAt(latest, view, camera, e.clientX - r.left, e.clientY - r.top);
    const target = e.target as Element;
    const onLink = target.closest?.('[data-edge]') != null;
    // The SVG view's box is the target; in the canvas view a node's square is under the dots.
    const onNode = target.closest?.('[data-node]') != null || (c0.big !== null && canvasNodeAt(c0.big, camera, e.clientX - r.left, e.clientY - r.top) !== null);
    // An unsampled failed dot has no waterfall; its link's failures by cause say why.
    if (hit && !hit.sampled && hit.fate === 1 && !onNode) {
      void openInspector({ kind: 'edge', id: hit.edge });
      return;
    }
    if (hit && (hit.sampled || !(onLink || onNode))) {
      const edge = topology?.edges[hit.edge];
      const name = (id: number) => topology?.nodes.find((n) => n.id === id)?.name ?? String(id);
      void openDotRequest(hit, edge ? `${name(edge.from)} → ${name(edge.to)}` : `link ${hit.edge}`);
      return;
    }
  }
  const folding = (e.target as Element).closest?.('[data-node]')?.getAttribute('data-node');
  const folded = folding ? topology?.nodes.find((n) => n.name === folding) : undefined;
  if (folded && canUnfold(folded) && !document.querySelector('[data-testid="inspector"]') && !c0.big) {
    toggleUnfolded(scenarioName, folded.name);
    return;
  }
  const big = c0.big;
  const camera = c0.camera;
  if (!big || !camera || !size) return;
  const r = e.currentTarget.getBoundingClientRect();
  const c = camera.camera;
  const l = big.layout;
  const x = ((e.clientX - r.left - c.x) / c.k - l.tx) / l.scale;
  const y = ((e.clientY - r.top - c.y) / c.k - l.ty) / l.scale;
  const g = big.groupAt(x, y);
  // Zoomed in far enough to open the tile: a node or link under the pointer is selected.
  const select = () => {
    const picked = big.pickAt(x, y, 5 / (c.k * l.scale));
    if (picked) void openInspector(picked);
  };
  if (g < 0) return select();
  const tile = l.groups[g];
  const k = 0.8 * Math.min(size.width / (tile.w * l.scale), size.height / (tile.h * l.scale));
  if (k <= c.k * 1.05) return select();
  camera.centreOn(l.tx + l.scale * (tile.x + tile.w / 2), l.ty + l.scale * (tile.y + tile.h / 2), k, size.width, size.height);
}
