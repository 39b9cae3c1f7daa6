// How links run between placed nodes: which sides they leave and enter by, where on a side
// (spread, ordered by the other end), and the cubic curve between, design units.
import type { BandSlot } from './presenterLayout';
import type { Bounds } from './nodeExtent';
import { hexCount } from './nodeTraits';
import { NodeSize, type PlacedEdge, type PlacedNode, type Point, type Route, type Side, type Topology } from './layoutTypes';

/** Points of each link's curve that the drawing's bounds take in. */
const CURVE_SAMPLES = 16;
/**
 * Reach of a link's lock from its centre, design units: the padlock's disc (marks' drawLock,
 * r = 11) and 2 more for its outline.
 */
const LOCK_REACH = 13;

/** The point of a cubic Bézier curve at `u` (0 to 1). Pure. */
function cubicAt(s: Point, c1: Point, c2: Point, t: Point, u: number): Point {
  const v = 1 - u;
  const a = v * v * v;
  const b = 3 * v * v * u;
  const c = 3 * v * u * u;
  const d = u * u * u;
  return { x: a * s.x + b * c1.x + c * c2.x + d * t.x, y: a * s.y + b * c1.y + c * c2.y + d * t.y };
}

/**
 * How the link from `a` to `b` runs: by their columns, and in presenter mode's bands by the
 * way each band runs (a link on to the next band turns at the side they share). Pure.
 */
function routeOf(a: PlacedNode, b: PlacedNode, bands: ReadonlyMap<number, BandSlot> | null): Route {
  const ba = bands?.get(a.node.id);
  const bb = bands?.get(b.node.id);
  if (ba && bb && ba.band !== bb.band) {
    if (bb.band === ba.band + 1 && bb.slot === ba.slot) {
      const side: Side = ba.dir === 1 ? 'right' : 'left';
      return { kind: 'same', sides: [side, side], sign: ba.dir };
    }
    return { kind: 'wrap', sides: ['bottom', bb.dir === 1 ? 'left' : 'right'], sign: 1 };
  }
  const dir = ba?.dir ?? 1;
  if (b.col === a.col) return dir === 1 ? { kind: 'same', sides: ['right', 'right'], sign: 1 } : { kind: 'same', sides: ['left', 'left'], sign: -1 };
  if (dir === 1 ? b.col > a.col : b.col < a.col) return { kind: 'forward', sides: dir === 1 ? ['right', 'left'] : ['left', 'right'], sign: dir };
  return { kind: 'back', sides: ['bottom', 'bottom'], sign: 1 };
}

/**
 * Where a node's proxies are drawn, design units: the middle of the row of hexagons along a
 * box's top edge, or the top of a client's circle. Pure.
 */
export function proxyAnchor(p: PlacedNode): Point {
  if (p.node.kind === 'client') return { x: p.x, y: p.y - p.h / 2 };
  const k = Math.max(1, hexCount(p.node));
  return { x: p.x + p.w / 2 - 22 - ((k - 1) * NodeSize.hexStep) / 2, y: p.y - p.h / 2 };
}

function portPoint(n: PlacedNode, side: Side, offset: number): Point {
  if (n.node.kind === 'client') {
    const r = NodeSize.clientR;
    const o = clamp(offset, -r * 0.8, r * 0.8);
    const along = Math.sqrt(r * r - o * o);
    if (side === 'bottom') return { x: n.x + o, y: n.y + along };
    return { x: n.x + (side === 'right' ? along : -along), y: n.y + o };
  }
  if (side === 'bottom') return { x: n.x + offset, y: n.y + n.h / 2 };
  return { x: n.x + (side === 'right' ? n.w / 2 : -n.w / 2), y: n.y + offset };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/**
 * Each link between placed nodes (`byId`) as a cubic curve from caller to callee, design units:
 * links sharing a side of a node spread along it, ordered by their other end; the curve bulges
 * as the link runs (routeOf, with presenter mode's `bands`). Adds each curve, and the lock drawn
 * around its middle, to `box`. Impure: mutates `box`.
 */
export function routeEdges(topology: Topology, byId: ReadonlyMap<number, PlacedNode>, bands: ReadonlyMap<number, BandSlot> | null, box: Bounds): PlacedEdge[] {
  // Ports: edges sharing a side of a node are spread along it, ordered by the other end.
  // Edges between nodes on the request path (all of them, today); ports are keyed by edge id.
  const pathEdges = topology.edges.filter((e) => byId.has(e.from) && byId.has(e.to));
  const routes = pathEdges.map((e) => routeOf(byId.get(e.from)!, byId.get(e.to)!, bands));
  const kinds = routes.map((r) => r.kind);
  const groups = new Map<string, { edge: number; end: 0 | 1; other: PlacedNode }[]>();
  pathEdges.forEach((e, i) => {
    const [fromSide, toSide] = routes[i].sides;
    push(groups, `${e.from}:${fromSide}`, { edge: e.id, end: 0, other: byId.get(e.to)! });
    push(groups, `${e.to}:${toSide}`, { edge: e.id, end: 1, other: byId.get(e.from)! });
  });
  const ports = new Map<number, [Point, Point]>(pathEdges.map((e) => [e.id, [{ x: 0, y: 0 }, { x: 0, y: 0 }]]));
  for (const [key, list] of groups) {
    const [idText, side] = key.split(':') as [string, Side];
    const n = byId.get(Number(idText))!;
    list.sort((a, b) => (side === 'bottom' ? a.other.x - b.other.x : a.other.y - b.other.y) || a.edge - b.edge);
    const room = (side === 'bottom' ? n.w : n.h) * (n.node.kind === 'client' ? 0.7 : 0.56);
    const step = list.length > 1 ? Math.min(22, room / (list.length - 1)) : 0;
    list.forEach((p, i) => {
      ports.get(p.edge)![p.end] = portPoint(n, side, (i - (list.length - 1) / 2) * step);
    });
  }

  const edges = pathEdges.map((edge, i): PlacedEdge => {
    const [s, t] = ports.get(edge.id)!;
    const kind = kinds[i];
    let c1: Point;
    let c2: Point;
    if (kind === 'forward') {
      const dx = (t.x - s.x) * 0.5;
      c1 = { x: s.x + dx, y: s.y };
      c2 = { x: t.x - dx, y: t.y };
    } else if (kind === 'same') {
      const bulge = (70 + 0.2 * Math.abs(t.y - s.y)) * routes[i].sign;
      c1 = { x: s.x + bulge, y: s.y };
      c2 = { x: t.x + bulge, y: t.y };
    } else if (kind === 'wrap') {
      // Down out of the caller's bottom, into the callee's side from the way its band runs.
      c1 = { x: s.x, y: s.y + 90 };
      c2 = { x: t.x + (routes[i].sides[1] === 'left' ? -90 : 90), y: t.y };
    } else {
      const bulge = 80 + 0.12 * Math.abs(t.x - s.x);
      c1 = { x: s.x, y: s.y + bulge };
      c2 = { x: t.x, y: t.y + bulge };
    }
    // The curve itself, and around its middle the lock drawn there (renderTopology puts it at
    // half the length; a link turning at the side of a band has it at its outermost point).
    for (let i = 0; i <= CURVE_SAMPLES; i++) {
      const u = i / CURVE_SAMPLES;
      const q = cubicAt(s, c1, c2, t, u);
      const r = edge.mtls && u >= 0.3 && u <= 0.7 ? LOCK_REACH : 0;
      box.add(q.x - r, q.y - r);
      box.add(q.x + r, q.y + r);
    }
    return { edge, kind, path: `M${s.x},${s.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${t.x},${t.y}` };
  });
  return edges;
}
