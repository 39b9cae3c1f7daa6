// The canvas view's lane labels: zoomed in, each lane that laneLabels.ts gave room says its
// requests per second beside its line, as a small scenario's quiet link label does ("70 req/s").
// Drawn in screen pixels over the links, with the stage's colour round the text.
import { Cell, type GroupLayout } from './groupLayout';
import type { Topology } from './layoutTypes';
import { chooseLaneLabels, LANE_LABEL_MAX_LANES, type ScreenLane } from './laneLabels';
import { edgeLabelParts, type EdgeRate } from './edgeRates';
import type { LabelSpot, Rect } from './edgeLabelPlace';
import type { CanvasFrame } from './canvasFrame';
import type { DrawnLocks } from './canvasEventMarks';
import type { CanvasSceneState } from './canvasSceneState';
import type { Camera } from './camera';
import { laneTip } from './laneTip';
import { lanePieces } from './laneSpans';
import { BROKEN_LOCK_RADIUS_PX } from './canvasMarks';

/** Half the side of the square kept clear round a lock, CSS px (its disc, BROKEN_LOCK_RADIUS_PX, and a little room). */
const LOCK_HALF_PX = BROKEN_LOCK_RADIUS_PX + 2;

/** A lane's label as chosen: its edge and its text's baseline anchor, CSS px. */
export type LaneLabel = { edge: number; spot: LabelSpot };

/**
 * The lanes on screen (their drawn stretch, `spans`, inside the stage) and where their labels go
 * (chooseLaneLabels), kept off the node squares, the locks, and the titles and names drawn
 * (`f.marks`). Empty zoomed out, or with more than LANE_LABEL_MAX_LANES lanes on screen. Pure but for
 * reading `f`.
 */
export function placeLaneLabels(topology: Topology, layout: GroupLayout, hiddenEdges: Uint8Array, spans: Float32Array, f: CanvasFrame, locks: DrawnLocks, gaps: Float32Array | null = null): LaneLabel[] {
  if (!f.detail) return [];
  const stageW = f.ctx.canvas.width / f.dpr;
  const stageH = f.ctx.canvas.height / f.dpr;
  const lanes: ScreenLane[] = [];
  for (const e of topology.edges) {
    // The longest piece drawn: a lane crossing a third tile is not drawn over it (laneGaps).
    const pieces = lanePieces(spans, gaps, e.id).sort((p, q) => q[1] - q[0] - (p[1] - p[0]));
    if (hiddenEdges[e.id] || pieces.length === 0) continue;
    const [t0, t1] = pieces[0];
    const ax = f.sx(layout.x[e.from]);
    const ay = f.sy(layout.y[e.from]);
    const dx = f.sx(layout.x[e.to]) - ax;
    const dy = f.sy(layout.y[e.to]) - ay;
    const lane = { edge: e.id, x0: ax + t0 * dx, y0: ay + t0 * dy, x1: ax + t1 * dx, y1: ay + t1 * dy, lock: false };
    if (Math.max(lane.x0, lane.x1) < 0 || Math.min(lane.x0, lane.x1) > stageW || Math.max(lane.y0, lane.y1) < 0 || Math.min(lane.y0, lane.y1) > stageH) continue;
    lanes.push(lane);
    if (lanes.length > LANE_LABEL_MAX_LANES) return [];
  }
  const side = Cell.size * f.k;
  const nodes: Rect[] = [];
  for (const node of topology.nodes) {
    const x = f.sx(layout.x[node.id]) - side / 2;
    const y = f.sy(layout.y[node.id]) - side / 2;
    if (x + side < 0 || x > stageW || y + side < 0 || y > stageH) continue;
    nodes.push({ x0: x, y0: y, x1: x + side, y1: y + side });
  }
  // Locks are kept clear as squares are.
  for (const l of [...locks.locks, ...locks.broken]) nodes.push({ x0: l.x - LOCK_HALF_PX, y0: l.y - LOCK_HALF_PX, x1: l.x + LOCK_HALF_PX, y1: l.y + LOCK_HALF_PX });
  const names: Rect[] = [];
  for (const m of f.marks) if (m.kind === 'label' || m.kind === 'title') names.push({ x0: m.x, y0: m.y, x1: m.x + m.w, y1: m.y + m.h });
  return chooseLaneLabels(lanes, nodes, names, { x0: 0, y0: 0, x1: stageW, y1: stageH });
}

/**
 * Draws each placed lane label with its lane's rate now (the quiet label's words, edgeLabelParts'
 * first part); a lane with no calls in the window says nothing. Returns the texts drawn, in
 * `labels`' order. `edgeKey` names an edge ("from->to") for its mark. Impure: draws on `f.ctx` (at
 * device pixels), appends 'lane-label' marks to `f.marks`.
 */
export function drawLaneLabels(labels: readonly LaneLabel[], rate: ((edge: number) => EdgeRate | null) | null, f: CanvasFrame, edgeKey: (edge: number) => string): string[] {
  const { ctx, dpr, colours, font, family, marks } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = `600 ${font}px ${family}`;
  ctx.textBaseline = 'alphabetic';
  ctx.lineJoin = 'round';
  const texts: string[] = [];
  for (const { edge, spot } of labels) {
    const text = laneWords(rate?.(edge) ?? null);
    texts.push(text);
    if (!text) continue;
    const w = ctx.measureText(text).width;
    const x = spot.anchor === 'start' ? spot.x : spot.anchor === 'end' ? spot.x - w : spot.x - w / 2;
    ctx.lineWidth = 4;
    ctx.strokeStyle = colours.stage;
    ctx.strokeText(text, x, spot.y);
    ctx.fillStyle = colours.ink2;
    ctx.fillText(text, x, spot.y);
    marks.push({ kind: 'lane-label', x, y: spot.y - font, w, h: font + 4, text, edge: edgeKey(edge) });
  }
  ctx.textBaseline = 'top';
  return texts;
}

/** What a lane's label says for its figures `r`: its requests sent per second, answered yet or not ("70 req/s"), '' for none. Pure. */
export function laneWords(r: EdgeRate | null): string {
  return r ? edgeLabelParts(r)[0].text : '';
}

/** A scene's lane labels and lane tooltips, kept between draws (createLaneLabels). */
export interface LaneLabels {
  /** Takes the edges' recent figures (for the labels' words and the tooltips). */
  rates(rate: (edge: number) => EdgeRate | null): void;
  /** True when a label's words for `rate` differ from those drawn last. Pure. */
  changed(rate: (edge: number) => EdgeRate | null): boolean;
  /**
   * Places the labels again when `key` (the camera, the stage) or the names drawn changed, then
   * draws them. Impure: draws on `f.ctx`, appends to `f.marks`.
   */
  draw(f: CanvasFrame, locks: DrawnLocks, key: string): void;
  /** The tooltip at this stage point (CSS px, through `camera`): laneTip's, '' zoomed out, over a tile's title or before any figures. Pure. */
  tipAt(camera: Camera, x: number, y: number): string;
}

/**
 * The lane labels of scene `s` whose lanes are drawn over `spans` less `gaps` (laneSpans, laneGaps). Placing is the
 * costly part: it is done again only when the camera or the names drawn change; the words follow
 * the figures. Reads nothing from the DOM until `draw`.
 */
export function createLaneLabels(s: CanvasSceneState, spans: Float32Array, gaps: Float32Array | null = null): LaneLabels {
  const { topology, layout, hidden, hiddenEdges } = s;
  let key = '';
  let labels: LaneLabel[] = [];
  let texts: string[] = [];
  let rateOf: ((edge: number) => EdgeRate | null) | null = null;
  let detail = false;
  const tipScene = { nodes: topology.nodes, edges: topology.edges, x: layout.x, y: layout.y, hiddenEdges, hiddenNode: (id: number) => hidden[layout.groupOf[id]] === 1, spans, gaps };
  const edgeKey = (edge: number) => `${topology.nodes[topology.edges[edge].from].name}->${topology.nodes[topology.edges[edge].to].name}`;
  return {
    rates(rate) {
      rateOf = rate;
    },
    changed: (rate) => labels.some(({ edge }, i) => laneWords(rate(edge)) !== texts[i]),
    draw(f, locks, baseKey) {
      detail = f.detail;
      const names = f.marks.map((m) => (m.kind === 'label' || m.kind === 'title' ? `${Math.round(m.x)},${Math.round(m.y)},${Math.round(m.w)}` : '')).join(';');
      const now = f.detail ? `${baseKey}|${names}` : '';
      if (now !== key) {
        key = now;
        labels = placeLaneLabels(topology, layout, hiddenEdges, spans, f, locks, gaps);
      }
      texts = drawLaneLabels(labels, rateOf, f, edgeKey);
    },
    tipAt(camera, x, y) {
      // A title says its tile's full title (titleAt).
      if (!detail || !rateOf || s.drawnTitles.some((t) => x >= t.x && x <= t.x + t.w && y >= t.y && y <= t.y + t.h)) return '';
      const k = camera.k * layout.scale;
      return laneTip(tipScene, rateOf, ((x - camera.x) / camera.k - layout.tx) / layout.scale, ((y - camera.y) / camera.k - layout.ty) / layout.scale, 5 / k);
    },
  };
}
