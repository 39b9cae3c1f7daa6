// What happened, drawn by the canvas view in screen pixels over its nodes and links: replicas as
// folds (zoomed in) or a dashed ring (zoomed out) when ejected, and locks on mutual-TLS links,
// broken where handshakes failed (canvasMarks.ts draws each mark).
import { Cell } from './groupLayout';
import { BROKEN_LOCK_RADIUS_PX, LOCK_RADIUS_PX, drawBrokenLock, drawFolds, drawLock, FOLD_PX, foldStates, LOCK_MIN_LINK_PX } from './canvasMarks';
import type { CanvasSceneState } from './canvasSceneState';
import { groupEdgeEnds, type CanvasFrame } from './canvasFrame';

/** Most intact locks drawn in one frame (broken ones are always drawn). */
const MAX_LOCKS = 200;

/** The locks drawn, whole and broken, CSS px: the labels keep off them. */
export interface DrawnLocks {
  locks: { x: number; y: number }[];
  broken: { x: number; y: number; edge: string; failed: number }[];
  /** Node squares on screen (not hidden). */
  drawnNodes: number;
}

/**
 * Draws each node's folds or ejected ring (and lists its saturated sidecars, drawn by the node layer), then the locks: per edge zoomed in, per pair of groups
 * zoomed out (a failing edge inside a group breaks its own lock); broken locks last, so no whole
 * lock covers one. Two links crossing at their middles share one whole lock, and a whole lock
 * is left out inside a tile (it says less than the node it hides). Impure: draws on `f.ctx`
 * (its transform left at device pixels) and appends to `f.marks`.
 */
export function drawEventMarks(s: CanvasSceneState, f: CanvasFrame): DrawnLocks {
  const { topology, layout, hidden, hiddenEdges, downOf, ejectedOf, backOf, backlogOf, tlsFailed, groupTls, groupMtls } = s;
  const { ctx, camera, dpr, k, detail, sx, sy, colours, markColours, marks } = f;
  const half = Cell.size / 2;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const side = Cell.size * k;
  let drawnNodes = 0;
  for (const node of topology.nodes) {
    if (hidden[layout.groupOf[node.id]]) continue;
    const x = sx(layout.x[node.id] - half);
    const y = sy(layout.y[node.id] - half);
    if (x + side < 0 || x > layout.width || y + side < 0 || y > layout.height) continue;
    drawnNodes++;
    const foldable = node.replicas > 1 && (node.kind === 'service' || node.kind === 'gateway');
    if (foldable && side >= FOLD_PX) {
      const states = foldStates(node.replicas, downOf[node.id], ejectedOf[node.id]);
      drawFolds(ctx, x, y, side, states, markColours).forEach((b, index) => marks.push({ kind: 'fold', ...b, node: node.name, index, state: states[index] }));
    } else if (ejectedOf[node.id] > 0) {
      ctx.setLineDash([3, 2]);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = colours.muted;
      ctx.strokeRect(x - 3, y - 3, side + 6, side + 6);
      ctx.setLineDash([]);
    }
    // The square itself is drawn saturated by the node layer; here only said, for tests and the label.
    if (backlogOf[node.id]) marks.push({ kind: 'saturated', x, y, w: side, h: side, node: node.name, text: backlogOf[node.id] });
    if (ejectedOf[node.id] > 0) marks.push({ kind: 'ejected', x: x + side / 2, y: y + side / 2, node: node.name, ejected: ejectedOf[node.id], replicas: node.replicas, back: backOf[node.id] });
  }
  const nameOf = (id: number) => topology.nodes[id].name;
  const inTile = (x: number, y: number) => {
    const dx = ((x - camera.x) / camera.k - layout.tx) / layout.scale;
    const dy = ((y - camera.y) / camera.k - layout.ty) / layout.scale;
    return layout.groups.some((g) => !hidden[g.index] && dx >= g.x && dx <= g.x + g.w && dy >= g.y && dy <= g.y + g.h);
  };
  const inView = (x: number, y: number, r: number) => x >= -r && x <= layout.width + r && y >= -r && y <= layout.height + r;
  const broken: DrawnLocks['broken'] = [];
  const locks: DrawnLocks['locks'] = [];
  const lockAt = (x: number, y: number, length: number, mtls: boolean, failed: number, edge: string) => {
    if (!inView(x, y, BROKEN_LOCK_RADIUS_PX)) return;
    if (failed > 0) broken.push({ x, y, edge, failed });
    else if (mtls && length >= LOCK_MIN_LINK_PX && locks.length < MAX_LOCKS && !locks.some((l) => Math.hypot(l.x - x, l.y - y) < 2 * LOCK_RADIUS_PX) && !inTile(x, y)) {
      locks.push({ x, y });
      drawLock(ctx, x, y, markColours);
      marks.push({ kind: 'lock', x, y, edge });
    }
  };
  const edgeLock = (id: number) => {
    const e = topology.edges[id];
    const x0 = sx(layout.x[e.from]);
    const y0 = sy(layout.y[e.from]);
    const x1 = sx(layout.x[e.to]);
    const y1 = sy(layout.y[e.to]);
    lockAt((x0 + x1) / 2, (y0 + y1) / 2, Math.hypot(x1 - x0, y1 - y0), e.mtls, tlsFailed[id], `${nameOf(e.from)}->${nameOf(e.to)}`);
  };
  if (detail) {
    for (const e of topology.edges) if (!hiddenEdges[e.id] && (e.mtls || tlsFailed[e.id] > 0)) edgeLock(e.id);
  } else {
    layout.groupEdges.forEach((ge, i) => {
      if (hidden[ge.from] || hidden[ge.to]) return;
      if (ge.from === ge.to) {
        // Not drawn zoomed out: a failing edge inside a group breaks its own lock.
        if (groupTls[i] > 0) for (const id of ge.edges) if (tlsFailed[id] > 0) edgeLock(id);
        return;
      }
      const [x0, y0, x1, y1] = groupEdgeEnds(layout, i).map((v, j) => (j % 2 ? sy(v) : sx(v)));
      lockAt((x0 + x1) / 2, (y0 + y1) / 2, Math.hypot(x1 - x0, y1 - y0), groupMtls[i] === 1, groupTls[i], `${layout.groups[ge.from].name}->${layout.groups[ge.to].name}`);
    });
  }
  for (const b of broken) {
    drawBrokenLock(ctx, b.x, b.y, markColours);
    marks.push({ kind: 'broken-lock', ...b });
  }
  return { locks, broken, drawnNodes };
}
