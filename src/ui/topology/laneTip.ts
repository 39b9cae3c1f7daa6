// What the canvas view's tooltip says over a lane or a node when zoomed in far enough that each
// edge is drawn: each lane under the pointer with its figures ("fortio-042 → svc-042 · 70 req/s"),
// all of them where several run as one line (a load test's rows), or a node's requests in and out.
// Where a lane has no room for its label on the picture (laneLabels.ts), this is how it says its
// rate (N18's trial, item 7). Pure; design units.
import { Cell } from './groupLayout';
import { edgeLabel, type EdgeRate } from './edgeRates';
import { formatRate } from '../format';
import { segmentDistance } from './canvasHitTest';

/** Most lanes a tooltip lists; past them it says how many more. */
export const TIP_MAX_LANES = 14;

/** What laneTip reads: the nodes' places, the edges, which are hidden, and where each is drawn (laneSpans). */
export interface TipScene {
  readonly nodes: readonly { id: number; name: string }[];
  readonly edges: readonly { id: number; from: number; to: number }[];
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly hiddenEdges: Uint8Array;
  /** 1 for a node whose group is hidden. */
  readonly hiddenNode: (id: number) => boolean;
  /** Two floats per edge, [t0, t1] along it: the stretch drawn (NaN for none). */
  readonly spans: Float32Array;
}

/**
 * The tooltip at design point (`x`, `y`): over a node's square, its name and the requests per
 * second into it and out of it (every try, as a link's label counts; out only where it calls, in
 * only where called or quiet); else every drawn lane within
 * `slop` design units, one a line, nearest first, as "from → to · " and its label (edgeLabel),
 * or "no calls in the last second"; '' over neither. `rate` gives an edge's recent figures. Pure.
 */
export function laneTip(scene: TipScene, rate: (edge: number) => EdgeRate | null, x: number, y: number, slop: number): string {
  const { nodes, edges, hiddenEdges, spans } = scene;
  const half = Cell.size / 2;
  for (const node of nodes) {
    if (scene.hiddenNode(node.id) || Math.abs(scene.x[node.id] - x) > half || Math.abs(scene.y[node.id] - y) > half) continue;
    let into = 0;
    let out = 0;
    for (const e of edges) {
      const r = e.to === node.id || e.from === node.id ? rate(e.id) : null;
      if (!r) continue;
      if (e.to === node.id) into += r.triesPerSecond;
      if (e.from === node.id) out += r.triesPerSecond;
    }
    const parts = [node.name];
    if (into > 0 || out === 0) parts.push(`${formatRate(into)} req/s in`);
    if (out > 0) parts.push(`${formatRate(out)} req/s out`);
    return parts.join(' · ');
  }
  const near: { id: number; d: number }[] = [];
  for (const e of edges) {
    const t0 = spans[2 * e.id];
    const t1 = spans[2 * e.id + 1];
    if (hiddenEdges[e.id] || !(t1 > t0)) continue;
    const ax = scene.x[e.from];
    const ay = scene.y[e.from];
    const dx = scene.x[e.to] - ax;
    const dy = scene.y[e.to] - ay;
    const d = segmentDistance(x, y, ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy);
    if (d <= slop) near.push({ id: e.id, d });
  }
  near.sort((a, b) => a.d - b.d || a.id - b.id);
  const lines = near.slice(0, TIP_MAX_LANES).map(({ id }) => {
    const e = edges[id];
    const r = rate(id);
    return `${nodes[e.from].name} → ${nodes[e.to].name} · ${r ? edgeLabel(r) : 'no calls in the last second'}`;
  });
  if (near.length > TIP_MAX_LANES) lines.push(`and ${near.length - TIP_MAX_LANES} more on this line`);
  return lines.join('\n');
}
