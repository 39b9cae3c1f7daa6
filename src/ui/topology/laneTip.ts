// What the canvas view's tooltip says over a lane or a node when zoomed in far enough that each
// edge is drawn: each lane under the pointer with its figures ("fortio-042 → svc-042 · 70 req/s"),
// all of them where several run as one line (a load test's rows), or a node's requests in and out.
// Where a lane has no room for its label on the picture (laneLabels.ts), this is how it says its
// rate (N18's trial, item 7). Pure; design units.
import { Cell } from './groupLayout';
import { edgeLabel, type EdgeRate } from './edgeRates';
import { formatRate } from '../format';
import { segmentDistance } from './canvasHitTest';
import { lanePieces } from './laneSpans';

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
  /** Two floats per edge: where its stretch crosses a third tile and is not drawn (laneGaps; NaN for none). */
  readonly gaps?: Float32Array | null;
}

/**
 * What node `id` takes and sends a second, every try as a link's label counts: "70 req/s in ·
 * 70 req/s out", out only where it calls, in only where called or quiet. '' where none of its
 * links has figures (`rate` null for each: before the run has played, or nothing sent nor ended on
 * them in the window): no figure, not "0.0 req/s in" (session 50: a found service claimed a rate
 * before any traffic). Said by the tooltip over a node and by a found node's label. Pure.
 */
export function nodeRates(edges: readonly { id: number; from: number; to: number }[], rate: (edge: number) => EdgeRate | null, id: number): string {
  let into = 0;
  let out = 0;
  let measured = false;
  for (const e of edges) {
    const r = e.to === id || e.from === id ? rate(e.id) : null;
    if (!r) continue;
    measured = true;
    if (e.to === id) into += r.triesPerSecond;
    if (e.from === id) out += r.triesPerSecond;
  }
  if (!measured) return '';
  const parts: string[] = [];
  if (into > 0 || out === 0) parts.push(`${formatRate(into)} req/s in`);
  if (out > 0) parts.push(`${formatRate(out)} req/s out`);
  return parts.join(' · ');
}

/**
 * The tooltip at design point (`x`, `y`): over a node's square, its name and the requests per
 * second into it and out of it (every try, as a link's label counts; out only where it calls, in
 * only where called or quiet; "no requests in the last second" with no figures); else every drawn lane within
 * `slop` design units, one a line, nearest first, as "from → to · " and its label (edgeLabel),
 * or "no calls in the last second"; '' over neither. `rate` gives an edge's recent figures. Pure.
 */
export function laneTip(scene: TipScene, rate: (edge: number) => EdgeRate | null, x: number, y: number, slop: number): string {
  const { nodes, edges, hiddenEdges, spans } = scene;
  const half = Cell.size / 2;
  for (const node of nodes) {
    if (scene.hiddenNode(node.id) || Math.abs(scene.x[node.id] - x) > half || Math.abs(scene.y[node.id] - y) > half) continue;
    return `${node.name} · ${nodeRates(edges, rate, node.id) || 'no requests in the last second'}`;
  }
  const near: { id: number; d: number }[] = [];
  for (const e of edges) {
    if (hiddenEdges[e.id]) continue;
    const ax = scene.x[e.from];
    const ay = scene.y[e.from];
    const dx = scene.x[e.to] - ax;
    const dy = scene.y[e.to] - ay;
    let d = Number.POSITIVE_INFINITY;
    for (const [t0, t1] of lanePieces(spans, scene.gaps, e.id)) d = Math.min(d, segmentDistance(x, y, ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy));
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
