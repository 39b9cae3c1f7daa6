// Small marks drawn on the topology: padlocks on mutual-TLS links, proxy hexagons, the cloud
// around a third party, and fault tags. Plain D3 drawing helpers.
import type { Selection } from 'd3';
import { NodeSize, type PlacedNode } from './layoutTypes';
import { faultName } from '../faults/faultName';

/** A D3 selection of one SVG group. */
export type G = Selection<SVGGElement, unknown, null, undefined>;

/** Where an active fault's tag goes: the top-left corner of each node it acts on, or a link's middle. */
export function faultAnchors(
  f: { type: string; target: string },
  nodes: Map<string, PlacedNode>,
  edges: Map<string, { x: number; y: number }>,
): { x: number; y: number; edge: boolean; node: number | null }[] {
  const onNode = (name: string) => {
    // A replica's fault names it "<service>-<n>".
    const p = nodes.get(name) ?? nodes.get(name.replace(/-\d+$/, ''));
    if (!p || p.node.kind === 'control-plane') return [];
    return [{ x: p.x - p.w / 2 + 12, y: p.y - p.h / 2, edge: false, node: p.node.id }];
  };
  if (edges.has(f.target)) {
    const m = edges.get(f.target)!;
    return [{ x: m.x + 16, y: m.y - 22, edge: true, node: null }];
  }
  if (f.type === 'partition') return f.target.split(/[|,]/).flatMap((n) => onNode(n.trim()));
  return onNode(f.target);
}

/** A vermillion tag naming a fault of kind `type` in the inject form's words. */
export function drawFaultTag(layer: G, x: number, y: number, type: string, onEdge: boolean): void {
  const g = layer.append('g').attr('class', 'topo-fault-tag').attr('transform', `translate(${x},${y})`);
  g.append('title').text(`fault: ${faultName(type)}`);
  const text = `⚡ ${faultName(type)}`;
  const w = 16 + text.length * 7.4;
  g.append('rect').attr('x', onEdge ? -w / 2 : 0).attr('y', -11).attr('width', w).attr('height', 22).attr('rx', 11);
  g.append('text').attr('x', onEdge ? 0 : w / 2).attr('y', 4.5).attr('text-anchor', 'middle').text(text);
}

/** Reach of a whole lock from its centre, design units: its disc (r 11) and 2 more for its outline (edgeRoutes' LOCK_REACH). */
const LOCK_REACH = 13;

/** A small padlock: this link is mutual TLS. Its reach is kept on `g` (data-reach, lockHole). */
export function drawLock(g: G): void {
  g.attr('data-reach', LOCK_REACH);
  g.append('title').text('mutual TLS: both ends prove who they are with mesh certificates');
  g.append('circle').attr('class', 'topo-lock-back').attr('r', 11);
  g.append('path').attr('class', 'topo-lock-shackle').attr('d', 'M-3.6,-1.5 V-4.2 A3.6,3.6 0 0 1 3.6,-4.2 V-1.5');
  g.append('rect').attr('class', 'topo-lock-body').attr('x', -5.5).attr('y', -1.5).attr('width', 11).attr('height', 8).attr('rx', 1.5);
}

/** Reach of a broken lock from its centre, design units: its disc (r 12) and half its 2-unit ring. */
const BROKEN_LOCK_REACH = 13;

/**
 * Least width of a broken lock on screen at the drawing's own fit, CSS px: drawn at the links'
 * scale it was 18 px at 1024x768 (retry-storm, two-meshes-direct), no larger than the whole
 * locks beside it, and the failure it stands for is the thing to see.
 */
export const BROKEN_LOCK_MIN_PX = 30;

/** How much a broken lock is enlarged in a drawing of `scale` (CSS px a design unit) to be BROKEN_LOCK_MIN_PX wide: 1 or more. Pure. */
export function brokenLockScale(scale: number): number {
  return Math.max(1, BROKEN_LOCK_MIN_PX / (2 * BROKEN_LOCK_REACH * Math.max(1e-6, scale)));
}

/**
 * A broken padlock, hidden until TLS handshakes fail on the link: red, its shackle sprung open
 * and a crack through the body, enlarged `scale` times (brokenLockScale) round its centre.
 * `updateEdgeLabels` in renderTopology shows it and names the count. Its reach is kept on `g`
 * (data-reach, lockHole).
 */
export function drawBrokenLock(g: G, scale = 1): SVGTitleElement {
  const title = g.append<SVGTitleElement>('title').text('failed TLS handshakes on this link').node()!;
  g.attr('data-reach', BROKEN_LOCK_REACH * scale);
  if (scale !== 1) g = g.append('g').attr('class', 'topo-lock-broken-glyph').attr('transform', `scale(${scale.toFixed(3)})`);
  g.append('circle').attr('class', 'topo-lock-back topo-lock-broken-back').attr('r', 12);
  g.append('path').attr('class', 'topo-lock-shackle topo-lock-broken-shackle').attr('d', 'M-3.6,-1.5 V-4.2 A3.6,3.6 0 0 1 3.6,-4.2 V-6.5');
  g.append('rect').attr('class', 'topo-lock-body topo-lock-broken-body').attr('x', -5.5).attr('y', -1.5).attr('width', 11).attr('height', 8).attr('rx', 1.5);
  g.append('path').attr('class', 'topo-lock-crack').attr('d', 'M-1,-1.5 L1.2,1.6 L-0.8,3.4 L1,6.5');
  return title;
}

/**
 * The box the traffic canvas keeps clear round a lock on show (whole or broken), design units,
 * from where it is drawn now (its `translate`, which a drag moves) and its reach (data-reach,
 * set by drawLock and drawBrokenLock): the canvas lies over the SVG, so the dashes of
 * two-meshes-direct's checkout->ledger ran over its red lock and it read as a grey one (N-report
 * 1), and at 1024x768 retry-storm's orders->payments lock, at the picture's right edge, lay under
 * the dashes and dots of its link (N-report 9). The legend promises locks on mTLS links; this
 * keeps them on top. Pure but for reading `g`.
 */
export function lockHole(g: SVGGElement): { x0: number; y0: number; x1: number; y1: number } {
  const m = /translate\(\s*([^,\s)]+)[,\s]+([^)\s]+)\s*\)/.exec(g.getAttribute('transform') ?? '');
  const x = Number(m?.[1] ?? 0);
  const y = Number(m?.[2] ?? 0);
  const r = Number(g.getAttribute('data-reach') ?? BROKEN_LOCK_REACH);
  return { x0: x - r, y0: y - r, x1: x + r, y1: y + r };
}

/** Points of a hexagon of radius r centred on (cx, cy), flat sides left and right. */
export function hexPoints(cx: number, cy: number, r: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`;
  }).join(' ');
}

/** Width of a character of the '+N' badge (12 px bold, styles.css `.topo-hex-more`), design units, a little over. */
const BADGE_CHAR_W = 7.5;
/**
 * The baseline of a '+N' badge above the row, design units from the box's top, at 12 units and at
 * presenter size (node text 18 units, styles.css): clear of the queue count beside the lowest queue
 * bar (svgNodeShapes: baseline 13 units above the box; its text box reaches 25 units up at 13
 * units, 30 at 18), which runs under the row's right end on a narrow box. Just over the hexagons
 * (baseline 14 up) the two overlapped by 6 px in compare panes at 1024x768. At presenter size 38
 * up: at 36 the gap was 1.75 units, 1.3 px in a compare pane at 1024x768 once each pane also
 * shows its story step (config-rollout's branch, scale 0.75; comparebranch.spec asks 2 px).
 */
const BADGE_ABOVE_Y = -31;
const BADGE_ABOVE_Y_PRESENTER = -38;

/** One hexagon per proxy, in a row along the top edge at the right (see layout.proxyAnchor); `presenter`: node text at presenter size. */
export function drawHexes(g: G, p: PlacedNode, count: number, presenter = false, taken = 0): SVGPolygonElement[] {
  const row = g.append('g').attr('class', 'topo-proxies');
  // Only over hexagons drawn: a service without sidecars said it had them to a screen reader and
  // in the exported report (gateway-only, partial-adoption's reports; session 36's trial).
  if (count > 0) row.append('title').text(`${p.node.replicas} sidecar prox${p.node.replicas === 1 ? 'y' : 'ies'}: every byte in and out passes through one`);
  const hexes: SVGPolygonElement[] = [];
  for (let i = 0; i < count; i++) {
    const cx = p.w - 22 - (count - 1 - i) * NodeSize.hexStep;
    hexes.push(row.append('polygon').attr('class', 'topo-hex').attr('points', hexPoints(cx, 0, NodeSize.hexR)).node()!);
  }
  if (count > 0 && p.node.replicas > count) {
    // Left of the row when it fits over the box; else above the row's right end, in the room its
    // mesh region keeps above a box: on a narrow box (compare panes' 120-unit columns) five
    // hexagons leave no room, and the '+5' stood left of the box on its region's dashed border
    // (right of the row, it stood on the region's right border). Above the row it clears the
    // queue count (BADGE_ABOVE_Y): just over the hexagons, '+5' and '3 queued' overlapped.
    const more = `+${p.node.replicas - count}`;
    const left = p.w - 22 - (count - 1) * NodeSize.hexStep - 14;
    // `taken`: units from the box's left its mTLS chip takes (mtlsMark.ts), which the badge keeps off too.
    const fits = left - more.length * BADGE_CHAR_W >= Math.max(4, taken + 4);
    const x = fits ? left : p.w - 22 + NodeSize.hexR;
    row.append('text').attr('class', 'topo-hex-more').attr('x', x).attr('y', fits ? 4 : presenter ? BADGE_ABOVE_Y_PRESENTER : BADGE_ABOVE_Y).attr('text-anchor', 'end').text(more);
  }
  return hexes;
}

/** A cloud drawn around a box: someone else's software, on the internet. */
export function cloudPath(w: number, h: number): string {
  const arcs = cloudArcs(w, h);
  return [`M${arcs[0].x0},${arcs[0].y0}`, ...arcs.map((a) => `A${a.r},${a.r} 0 0 1 ${a.x},${a.y}`), 'Z'].join(' ');
}

/** One arc of the cloud's outline: from (x0, y0) clockwise to (x, y) on a circle of radius `r` (grown if too small, as SVG does). */
export interface CloudArc {
  x0: number;
  y0: number;
  r: number;
  x: number;
  y: number;
}

/** The arcs of cloudPath(w, h), in order, box coordinates (the layout counts their reach: cloudReach.ts). Pure. */
export function cloudArcs(w: number, h: number): CloudArc[] {
  const points: [number, number, number][] = [
    [24, -4, h * 0.18],
    [34, w * 0.32, -16],
    [40, w * 0.72, -12],
    [30, w + 14, h * 0.3],
    [26, w + 8, h + 14],
    [70, w * 0.4, h + 18],
    [36, -16, h * 0.78],
  ];
  let x0 = -16;
  let y0 = h * 0.78;
  return points.map(([r, x, y]) => {
    const a = { x0, y0, r, x, y };
    x0 = x;
    y0 = y;
    return a;
  });
}

