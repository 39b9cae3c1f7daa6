// Where each node goes when a topology is too big for boxes (see UI.md "At scale"): nodes
// fold into groups by mesh and name family ("svc-042" is of family "svc"), a big group is cut
// into blocks of consecutive names, each group is a tile of small cells, and tiles stand in
// columns by call depth. Linear in nodes plus edges (one sort by name), so 2,000 nodes lay
// out in a few milliseconds on the main thread. Pure geometry, no DOM.
import { type EdgeLanes } from './lanes';
import { callDepths } from './columnOrder';
import { type Topology, type TopologyNode } from './layoutTypes';
import { meshesOf } from './meshRegions';

/** Above this many nodes the topology is drawn on a canvas with this layout. */
export const LARGE_TOPOLOGY_NODES = 60;
/** Most nodes in one group tile; a bigger family is cut into blocks of consecutive names. */
export const GROUP_CHUNK = 100;

/** Design units. */
export const Cell = {
  /** Distance between node centres inside a tile. */
  step: 26,
  /** Side of a node's square. */
  size: 18,
  /** Least room at the top of a tile for its title (`GroupLayout.header` may be more). */
  header: 34,
  pad: 10,
  /** Between tiles in a column, and between columns. */
  gapY: 40,
  gapX: 150,
} as const;

/**
 * CSS pixels a tile title's line needs at rest: 14 px text (presenter mode's, issue 11 item 8;
 * the canvas view's 12 px fits too) and 3 px above and below. `computeGroupLayout` makes each
 * tile's header at least this tall on screen, so the title sits inside its tile, above its nodes
 * (issue 11's new-user pass: titles ran over the first row of nodes at 1024x768).
 */
export const TITLE_PX = 20;

/** Distance of each lane from the centre line of an edge, design units. */
const LANE_OFFSET = 2.5;
const MARGIN = 24;

export interface NodeGroup {
  /** Index in `GroupLayout.groups`. */
  index: number;
  /** "svc 000–099", or the family alone when it is one block. */
  name: string;
  /** The mesh its members are in, or null outside every mesh. */
  mesh: string | null;
  /** Node ids, in name order. */
  members: number[];
  depth: number;
  /** The tile, design units. */
  x: number;
  y: number;
  w: number;
  h: number;
  cols: number;
}

/** Edges between two groups drawn as one. */
export interface GroupEdge {
  from: number;
  to: number;
  /** Edge ids it stands for. */
  edges: number[];
}

export interface GroupLayout {
  /**
   * Room at the top of every tile for its title, design units: Cell.header, or more where the
   * picture is drawn so small that Cell.header would be under TITLE_PX on screen.
   */
  header: number;
  width: number;
  height: number;
  /** CSS pixels per design unit when the camera is at rest. */
  scale: number;
  tx: number;
  ty: number;
  groups: NodeGroup[];
  groupEdges: GroupEdge[];
  /** Per node id: its group index, and the centre of its cell (design units). */
  groupOf: Int32Array;
  x: Float32Array;
  y: Float32Array;
  /** Per edge id: straight lanes from caller to callee (for the traffic canvas). */
  lanes: (EdgeLanes | undefined)[];
}

/**
 * "svc" for "svc-042", "fortio" for "fortio-7", the name itself when it ends in no digits:
 * the family a node's name says it belongs to. Pure.
 */
export function nameFamily(name: string): string {
  const f = name.replace(/[-_.:]*\d+$/, '');
  return f || name;
}

/**
 * Groups nodes by kind, mesh and name family, cutting a family of more than `chunk` nodes into
 * blocks of consecutive names ("svc 000–099"). Control planes form one group. Pure.
 */
export function groupNodes(nodes: readonly TopologyNode[], chunk = GROUP_CHUNK): { name: string; mesh: string | null; members: number[] }[] {
  const families = new Map<string, { family: string; mesh: string | null; members: TopologyNode[] }>();
  for (const n of nodes) {
    const mesh = n.kind === 'control-plane' ? null : (meshesOf(n)[0] ?? null);
    const family = n.kind === 'control-plane' ? 'control planes' : nameFamily(n.name);
    const key = `${n.kind === 'control-plane' ? 'c' : n.kind === 'client' ? 'a' : 'b'}\u0000${mesh ?? ''}\u0000${family}`;
    let f = families.get(key);
    if (!f) families.set(key, (f = { family, mesh, members: [] }));
    f.members.push(n);
  }
  const out: { name: string; mesh: string | null; members: number[] }[] = [];
  for (const key of [...families.keys()].sort()) {
    const f = families.get(key)!;
    f.members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
    for (let i = 0; i < f.members.length; i += chunk) {
      const block = f.members.slice(i, i + chunk);
      const name =
        f.members.length <= chunk ? f.family : `${f.family} ${suffix(block[0].name, f.family)}–${suffix(block[block.length - 1].name, f.family)}`;
      out.push({ name, mesh: f.mesh, members: block.map((n) => n.id) });
    }
  }
  return out;
}

/** "042" of "svc-042" in family "svc". */
function suffix(name: string, family: string): string {
  return name.startsWith(family) ? name.slice(family.length).replace(/^[-_.:]+/, '') || name : name;
}

/**
 * Lays a large topology out as group tiles and fits it into `width` x `height` CSS pixels.
 * Columns hold the groups of one call depth (control planes first); a column taller than
 * the viewport's shape wants is wrapped into several. Pure.
 */
export function computeGroupLayout(topology: Topology, width: number, height: number, chunk = GROUP_CHUNK, titlePx = TITLE_PX): GroupLayout {
  const depth = callDepths(topology);
  const raw = groupNodes(topology.nodes, chunk);
  const tiles = raw.map((g) => {
    let d = Number.POSITIVE_INFINITY;
    for (const id of g.members) d = Math.min(d, depth[id]);
    const cols = Math.max(1, Math.ceil(Math.sqrt(g.members.length * 1.6)));
    return { g, d, cols, rows: Math.ceil(g.members.length / cols) };
  });
  // The header holds the title at `titlePx` on screen; a taller header shrinks the scale a little,
  // so it is fitted again until it holds (twice or three times at most for 2,001 nodes).
  let header: number = Cell.header;
  let groups: NodeGroup[] = [];
  let fitted = { scale: 1, tx: 0, ty: 0 };
  for (let round = 0; round < 6; round++) {
    groups = tiles.map(({ g, d, cols, rows }, index) => ({ index, name: g.name, mesh: g.mesh, members: g.members, depth: d, x: 0, y: 0, w: cols * Cell.step + 2 * Cell.pad, h: rows * Cell.step + header + Cell.pad, cols }));
    fitted = fitTiles(groups, width, height);
    if (header * fitted.scale >= titlePx - 0.01) break;
    header = Math.ceil(titlePx / fitted.scale);
  }
  const { scale, tx, ty } = fitted;

  const n = topology.nodes.length;
  const groupOf = new Int32Array(n).fill(-1);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (const g of groups) {
    g.members.forEach((id, i) => {
      groupOf[id] = g.index;
      x[id] = g.x + Cell.pad + ((i % g.cols) + 0.5) * Cell.step;
      y[id] = g.y + header + (Math.floor(i / g.cols) + 0.5) * Cell.step;
    });
  }

  const lanes: (EdgeLanes | undefined)[] = [];
  const pairs = new Map<number, GroupEdge>();
  const groupEdges: GroupEdge[] = [];
  for (const e of topology.edges) {
    lanes[e.id] = straightLanes(x[e.from], y[e.from], x[e.to], y[e.to]);
    const a = groupOf[e.from];
    const b = groupOf[e.to];
    if (a < 0 || b < 0) continue;
    const key = a * groups.length + b;
    let ge = pairs.get(key);
    if (!ge) {
      ge = { from: a, to: b, edges: [] };
      pairs.set(key, ge);
      groupEdges.push(ge);
    }
    ge.edges.push(e.id);
  }
  return { header, width, height, scale, tx, ty, groups, groupEdges, groupOf, x, y, lanes };
}

/**
 * Stands the tiles in columns by depth (see `place`), picking the number of tiles a column that
 * best fills `width` x `height`, and returns the fit (CSS px per design unit, and the offset that
 * centres the picture). Mutates the tiles' x and y.
 */
function fitTiles(groups: NodeGroup[], width: number, height: number): { scale: number; tx: number; ty: number } {
  // Columns by depth (control planes, depth -1, first); each wrapped into sub-columns of at most
  // `perColumn` tiles, picking the number that best fills the viewport.
  const byDepth = new Map<number, NodeGroup[]>();
  for (const g of groups) {
    const list = byDepth.get(g.depth);
    if (list) list.push(g);
    else byDepth.set(g.depth, [g]);
  }
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  const tallest = depths.reduce((m, d) => Math.max(m, d >= 0 ? byDepth.get(d)!.length : 1), 1);
  let best = { fit: -1, perColumn: tallest };
  for (let perColumn = 1; perColumn <= tallest; perColumn++) {
    const { w, h } = place(depths, byDepth, perColumn, false);
    const fit = Math.min((width - 2 * MARGIN) / w, (height - 2 * MARGIN) / h);
    if (fit > best.fit) best = { fit, perColumn };
  }
  const box = place(depths, byDepth, best.perColumn, true);
  const scale = Math.max(0.05, Math.min(1.6, best.fit));
  return { scale, tx: (width - box.w * scale) / 2, ty: (height - box.h * scale) / 2 };
}

/**
 * Places tiles (when `write`) and returns the bounds, design units. Control planes (depth -1)
 * stand in a row on top. The other depths are cut into bands of `perColumn` tiles; each band
 * holds one column per depth, so a group's callees sit just right of it (for groups in name
 * order, as a load test's are) rather than beyond another column.
 */
function place(depths: number[], byDepth: Map<number, NodeGroup[]>, perColumn: number, write: boolean): { w: number; h: number } {
  let top0 = 0;
  let right = 0;
  const side = byDepth.get(-1) ?? [];
  for (const g of side) {
    if (write) {
      g.x = right;
      g.y = 0;
    }
    right += g.w + Cell.gapY;
    top0 = Math.max(top0, g.h + Cell.gapY);
  }
  right = Math.max(0, right - Cell.gapY);
  const path = depths.filter((d) => d >= 0);
  const bands = path.reduce((m, d) => Math.max(m, Math.ceil(byDepth.get(d)!.length / perColumn)), 0);
  let left = 0;
  let bottom = top0;
  for (let b = 0; b < bands; b++) {
    for (const d of path) {
      const col = byDepth.get(d)!.slice(b * perColumn, (b + 1) * perColumn);
      if (col.length === 0) continue;
      let top = top0;
      let widest = 0;
      for (const g of col) {
        if (write) {
          g.x = left;
          g.y = top;
        }
        top += g.h + Cell.gapY;
        widest = Math.max(widest, g.w);
      }
      bottom = Math.max(bottom, top - Cell.gapY);
      left += widest + Cell.gapX;
    }
  }
  return { w: Math.max(1, left - Cell.gapX, right), h: Math.max(1, bottom) };
}

/**
 * Two straight lanes from (x0, y0) to (x1, y1): requests on the right of travel, responses back
 * on the other side, each as its two ends ((x, y) pairs, 4 floats). A straight lane needs no
 * samples between its ends: `pointOnLane` reads any lane's sample count from its length, and the
 * point it gives at a progress is the one 64 samples gave, to float rounding. NOTE: 1,000 lanes of
 * LANE_SAMPLES + 1 points were ~20 ms of cold code in the task that draws Istio's full load test
 * (bench:ui's longest task opening it); two points are 33 times fewer stores. Pure.
 */
export function straightLanes(x0: number, y0: number, x1: number, y1: number): EdgeLanes {
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  // Right-hand side of travel on screen (y points down).
  const ox = (-(y1 - y0) / len) * LANE_OFFSET;
  const oy = ((x1 - x0) / len) * LANE_OFFSET;
  const request = new Float32Array(4);
  const response = new Float32Array(4);
  request[0] = x0 + ox;
  request[1] = y0 + oy;
  request[2] = x1 + ox;
  request[3] = y1 + oy;
  // Responses run callee to caller.
  response[0] = x1 - ox;
  response[1] = y1 - oy;
  response[2] = x0 - ox;
  response[3] = y0 - oy;
  return { request, response };
}
