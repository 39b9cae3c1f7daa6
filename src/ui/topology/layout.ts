// Where each node and edge of a topology goes on screen. Pure geometry, no DOM: clients in
// the left column, services in columns by call depth (breadth-first from the clients), then
// the whole drawing scaled and centred to fit the viewport.
import { max, min } from 'd3';
import type { ScenarioInfo } from '../../workers/protocol';
import { isBridge, meshNames, meshRegions, meshesOf, REGION_PAD, STAGE_REGION_PAD, type MeshRegion } from './meshRegions';
import { packComponents } from './packComponents';
import { cloudReach } from './cloudReach';
import { placeBands, PresenterSize, stackBands, type BandSlot, type Extent } from './presenterLayout';

export type Topology = ScenarioInfo['topology'];
export type TopologyNode = Topology['nodes'][number];
export type TopologyEdge = Topology['edges'][number];

/** Sizes in design units; the whole drawing is scaled to the viewport by `Layout.scale`. */
export const NodeSize = {
  serviceW: 196,
  serviceH: 96,
  clientR: 32,
  /** A gateway is a wider box with rounder corners. */
  gatewayW: 224,
  /** Control planes are round icons in a row above the request path. */
  controlR: 26,
  /** Room above a service for its queue stack. */
  queueRoom: 84,
  /** Sidecar proxies: small hexagons along the top edge of a box, one per replica. */
  hexR: 9,
  hexStep: 22,
  maxHexes: 5,
} as const;

export interface PlacedNode {
  node: TopologyNode;
  col: number;
  /** Design units below the box taken by its replicas' own cards (unfolded), else 0. */
  replicaRoom?: number;
  /** How its unfolded replicas are drawn (cards, or one card with their count), when unfolded. */
  replicaGrid?: ReplicaGrid;
  /** Centre of the node's main shape, design units. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * How an edge runs: on to a later column (left to right, or right to left in presenter mode's
 * reversed bands), within one column (or a turn from one band to the next), back to an earlier
 * column, or from one band to another elsewhere (`wrap`, presenter mode only).
 */
export type EdgeKind = 'forward' | 'same' | 'back' | 'wrap';

export interface PlacedEdge {
  edge: TopologyEdge;
  kind: EdgeKind;
  /** SVG path data from caller to callee (a cubic curve), design units. */
  path: string;
}

/** A thin dashed line from a control plane to a node whose proxies it configures. */
export interface ControlLink {
  controlPlane: number;
  node: number;
  path: string;
}

export interface Layout {
  /** Viewport size in CSS pixels. */
  width: number;
  height: number;
  /** CSS pixels per design unit. */
  scale: number;
  /** Where design (0, 0) lands in the viewport, CSS pixels. */
  tx: number;
  ty: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Meshes as shaded regions behind their members. */
  meshes: MeshRegion[];
  controlLinks: ControlLink[];
  /**
   * Drawn without captions, tags and busy lines, boxes as presenter mode's (PresenterSize): the
   * normal view's choice when its captions would be under 9 px (bandWidth). Absent: with them.
   */
  captionless?: boolean;
  /**
   * Presenter mode's own drawing (LayoutOptions.presenter): one state line under each box
   * (PresenterSize.belowStage), so renderTopology draws one. Absent outside presenter mode.
   */
  presenter?: boolean;
}

interface Point {
  x: number;
  y: number;
}

type Side = 'left' | 'right' | 'bottom';

/** An edge's ports and which way its curve bulges (1: right or down, -1: left). */
interface Route {
  kind: EdgeKind;
  sides: [Side, Side];
  sign: 1 | -1;
}

/** Distance between column centres and between row centres, design units. */
const COL_GAP = 290;
const ROW_GAP = NodeSize.serviceH + NodeSize.queueRoom + 56;
const CLIENT_ROW_GAP = NodeSize.clientR * 2 + 48 + 40;
/** Empty margin kept around the drawing, CSS pixels. */
const MARGIN = 28;
/** Presenter mode's margin, CSS pixels: the stage is the picture's alone there. */
const PRESENTER_MARGIN = 12;
/**
 * Least scale of a fitted drawing. Low enough that a six-column chain fits the 460 px the stage
 * keeps beside the open inspector at 1024x768 (whole, if small: the wheel zooms in).
 */
const MIN_SCALE = 0.2;
const MAX_SCALE = 1.6;
/** Presenter mode lets a small picture (mm1's two nodes) grow to fill the stage. */
const PRESENTER_MAX_SCALE = 2.4;

/**
 * True for nodes that requests pass through (clients, gateways, services); false for control
 * planes, which configure proxies from the side and are drawn above the request path.
 */
export function onRequestPath(n: TopologyNode): boolean {
  return n.kind !== 'control-plane';
}

/**
 * Call depth of every node: 0 for clients, BFS along edges; unreachable nodes on the request
 * path get 1, nodes off it -1. Pure.
 */
export function callDepths(topology: Topology): number[] {
  const depth = topology.nodes.map(() => -1);
  const out = topology.nodes.map(() => [] as number[]);
  for (const e of topology.edges) out[e.from].push(e.to);
  const queue: number[] = [];
  for (const n of topology.nodes) {
    if (n.kind === 'client') {
      depth[n.id] = 0;
      queue.push(n.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i];
    for (const to of out[at]) {
      if (depth[to] === -1) {
        depth[to] = depth[at] + 1;
        queue.push(to);
      }
    }
  }
  return depth.map((d, i) => (d !== -1 ? d : onRequestPath(topology.nodes[i]) ? 1 : -1));
}

/**
 * The small upper-case tags after a box's name: what kind of box it is when not a plain
 * service, and "TCP" for a service that speaks plain TCP. Pure.
 */
export function nodeTags(n: TopologyNode): string[] {
  const tags: string[] = [];
  if (n.kind === 'gateway') tags.push(isBridge(n) ? 'bridge' : 'API gateway');
  else if (n.external && n.kind !== 'client') tags.push('third party');
  if (n.protocol === 'tcp' && n.kind !== 'client') tags.push('TCP');
  return tags;
}

/**
 * Width of a box that fits its name and tags, design units (text widths estimated); presenter
 * mode hides the tags (styles.css), so they take no room there.
 */
function boxWidth(n: TopologyNode, base: number, presenter: boolean): number {
  const inner = n.kind === 'gateway' ? 48 : 28;
  const tags = presenter ? 0 : nodeTags(n).reduce((a, t) => a + 8 + t.length * 8.6, 0);
  return Math.max(base, Math.ceil(inner + n.name.length * 10.6 + tags));
}

function sizeOf(n: TopologyNode, presenter = false): { w: number; h: number } {
  const h = presenter ? PresenterSize.serviceH : NodeSize.serviceH;
  switch (n.kind) {
    case 'client':
      return { w: NodeSize.clientR * 2, h: NodeSize.clientR * 2 };
    case 'control-plane':
      return { w: NodeSize.controlR * 2, h: NodeSize.controlR * 2 };
    case 'gateway':
      return { w: boxWidth(n, presenter ? PresenterSize.gatewayW : NodeSize.gatewayW, presenter), h };
    default:
      // Services, and any kind this UI does not know yet, are drawn as service boxes.
      return { w: boxWidth(n, presenter ? PresenterSize.serviceW : NodeSize.serviceW, presenter), h };
  }
}

/** Node centres placed by hand, design units, by node name (a scenario's `layout`, or drags). */
export type NodePositions = Readonly<Record<string, { readonly x: number; readonly y: number }>>;

/** What a person changed in the drawing: nodes placed by hand, services shown per replica. */
export interface LayoutOptions {
  positions?: NodePositions;
  /** Names of services whose replicas are drawn as separate cards. */
  unfolded?: ReadonlySet<string>;
  /** Least CSS pixels per design unit, even when the drawing then overflows the viewport. */
  minScale?: number;
  /**
   * Keep this fit (scale and offset) rather than fit the drawing to the viewport: while and
   * after a node is dragged, so that the rest of the picture stays where it is on screen and
   * the dragged node under the pointer (issue 11's new-user pass: a drag re-fitted everything).
   */
  fit?: LayoutFit;
  /**
   * Presenter mode's compact drawing (presenterLayout.ts): boxes without captions or tags,
   * columns as wide as their widest node, and a chain that the stage's aspect ratio cannot
   * hold in one row wrapped into bands, so the drawing fits at PRESENTER_MIN_SCALE or more.
   */
  presenter?: boolean;
  /**
   * Nodes to keep in view, by id (what the inspector shows: a node, or a link's two ends): when
   * `minScale` makes the drawing larger than the viewport, their middle is centred rather than
   * the drawing's.
   */
  focus?: readonly number[];
}

/** How a drawing sits in its viewport: screen = t + scale × design, CSS pixels. */
export interface LayoutFit {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/**
 * Presenter mode's least scale: its node text is 18 design units (styles.css), so at 0.81 it is
 * at least 14.5 CSS pixels on screen (issue 11: node text at least 14 px at 1024x768).
 */
export const PRESENTER_MIN_SCALE = 14.5 / 18;

/**
 * Least scale beside the open inspector: node captions are 12.5 design units (styles.css), so at
 * 0.64 they are 8 CSS px, names 11.5 px (issue 11's new-user pass measured 3.1-4.4 px text at
 * 1024x768 as the drawing shrank into the 460 px left beside the panel). What no longer fits is
 * panned to (LayoutOptions.focus), or shown whole again by Fit.
 */
export const INSPECTOR_MIN_SCALE = 8 / 12.5;

/** Height of one row of replica cards under an unfolded service, design units. */
export const REPLICA_ROW = 62;
/** Replica cards in a row. */
export const REPLICAS_PER_ROW = 3;
/** Most replica cards drawn; the last says how many more there are. */
export const MAX_REPLICA_CARDS = 12;

/** Rows of replica cards an unfolded service of `replicas` replicas shows at full size (scale 1 or more). Pure. */
export function replicaRows(replicas: number): number {
  return Math.ceil(Math.min(replicas, MAX_REPLICA_CARDS) / REPLICAS_PER_ROW);
}

/**
 * How an unfolded service's replicas are drawn at a scale: `perRow` cards a row, `rows` rows,
 * each card `cardW` x `cardH` and a row `rowH` tall, text `stateFont` and `figureFont` high
 * (design units); or `folded`: one card across the box that counts them by state, when their
 * own cards would not be readable in two rows.
 */
export interface ReplicaGrid {
  folded: boolean;
  perRow: number;
  rows: number;
  cardW: number;
  cardH: number;
  rowH: number;
  stateFont: number;
  figureFont: number;
}

/**
 * Least on-screen size of a replica card's text, CSS px (the new-user pass of issue 11 found
 * 6 px text on 5 px cards; the brief asks text of 11 px or more at 1600x1000). A little over,
 * as the drawing's final fit may come out a hair smaller than the one its cards were sized at.
 */
export const REPLICA_TEXT_PX = { state: 12.5, figure: 11.5 };
/** Least width of a replica card's text, in figure-text heights ("busy 8/8", "12 queued"), plus its 6-unit margins. */
const CARD_W_EM = 4.4;
/**
 * Most rows of grown replica cards (below scale 1); more are folded into one card with their
 * count. At full size the 12 cards drawn take their four rows, as before.
 */
const MAX_REPLICA_ROWS = 2;
const CARD_GAP = 6;

/**
 * The replica cards of a service `w` units wide with `replicas` replicas, drawn at `scale` CSS
 * px per unit: at scale 1 or more three 54-unit cards a row, as before; below it the cards
 * grow by 1/scale so their text stays REPLICA_TEXT_PX on screen, fewer to a row; when two rows
 * cannot hold them all, folded into one card. Pure.
 */
export function replicaGrid(replicas: number, w: number, scale: number): ReplicaGrid {
  const k = Math.max(1, 1 / Math.max(scale, 1e-6));
  const figureFont = Math.max(11, REPLICA_TEXT_PX.figure / scale);
  const stateFont = Math.max(12, REPLICA_TEXT_PX.state / scale);
  const cardH = (REPLICA_ROW - 8) * k;
  const rowH = REPLICA_ROW * k;
  const perRow = Math.max(0, Math.min(REPLICAS_PER_ROW, Math.floor((w + CARD_GAP) / (CARD_W_EM * figureFont + 12 * k + CARD_GAP))));
  const n = Math.min(replicas, MAX_REPLICA_CARDS);
  const rows = perRow > 0 ? Math.ceil(n / perRow) : Number.POSITIVE_INFINITY;
  if (rows <= (k === 1 ? replicaRows(n) : MAX_REPLICA_ROWS)) return { folded: false, perRow, rows, cardW: (w - (perRow - 1) * CARD_GAP) / perRow, cardH, rowH, stateFont, figureFont };
  return { folded: true, perRow: 1, rows: 1, cardW: w, cardH, rowH, stateFont, figureFont };
}

/**
 * Lays a topology out and fits it, centred, into a viewport of `width` x `height` CSS
 * pixels: the whole drawing (nodes, queues, labels, curves) stays visible. `options.unfolded`
 * services take room for their replica cards (the nodes below them in their column move down),
 * then each node named in `options.positions` is put at its centre there. Pure.
 */
export function computeLayout(topology: Topology, width: number, height: number, options: LayoutOptions = {}): Layout {
  const { perBand, bare, beside = false } = bandWidth(topology, width, height, options.presenter === true);
  if (!options.unfolded || options.unfolded.size === 0) return layoutAt(topology, width, height, options, 1, perBand, bare, beside);
  // Unfolded cards are sized for the drawing's scale, which their room changes: size them at the
  // scale without them, then again at the scale they give, until it holds (it only shrinks).
  let scale = options.fit?.scale ?? layoutAt(topology, width, height, { ...options, unfolded: undefined }, 1, perBand, bare, beside).scale;
  let layout = layoutAt(topology, width, height, options, scale, perBand, bare, beside);
  for (let i = 0; i < 4 && layout.scale < scale * 0.995; i++) {
    scale = layout.scale;
    layout = layoutAt(topology, width, height, options, scale, perBand, bare, beside);
  }
  return layout;
}

/**
 * The compact layout's bands as computeLayout uses them, by topology, then by viewport and mode:
 * the choice lays the drawing out once per band count, and a drag lays it out every frame.
 */
const bandCache = new WeakMap<Topology, Map<string, Arrangement>>();

/** How computeLayout arranges a drawing: bands of `perBand` columns (or NO_BANDS), `bare` without captions. */
interface Arrangement {
  perBand: number;
  bare: boolean;
  /** Presenter mode: control planes beside their mesh's last column, not above it (layoutAt). */
  beside?: boolean;
}

/** Node captions' size, design units (styles.css .topo-caption), and the least they are drawn at, CSS px. */
const CAPTION_UNITS = 12.5;
const CAPTION_MIN_PX = 9;

/**
 * How the drawing is arranged in `width` x `height`. Presenter mode: bands of presenterBand's
 * columns, bare. Otherwise the default layout (uniform columns 290 units or more apart, one row),
 * or the compact one (columns as wide as their widest node, a long chain wrapped into bands)
 * when it fits at a scale 3% or more larger; captions are kept while they come out at 9 px or
 * more, else the drawing goes bare (presenter mode's boxes, captions hidden) when that makes its
 * names larger than the captions would have been (the new-user pass of issue 11 measured node
 * text of 3.1-6.8 px at 1024x768, most of all beside the open inspector). Chosen from the layout
 * alone, so a drag or an unfolding keeps the arrangement. Pure (memoized).
 */
function bandWidth(topology: Topology, width: number, height: number, presenter: boolean): Arrangement {
  let byView = bandCache.get(topology);
  if (!byView) bandCache.set(topology, (byView = new Map()));
  const key = `${Math.round(width)}x${Math.round(height)}${presenter ? 'p' : ''}`;
  let a = byView.get(key);
  if (a === undefined) {
    if (presenter) {
      // A control plane beside its mesh when that gives a larger picture (partial-adoption: a
      // column of three services is as tall as the stage without the room above them).
      const k = presenterBand(topology, width, height, true);
      const above = layoutAt(topology, width, height, { presenter: true }, 1, k, true).scale;
      const beside = layoutAt(topology, width, height, { presenter: true }, 1, k, true, true).scale;
      a = { perBand: k, bare: true, ...(beside > above * 1.01 ? { beside: true } : {}) };
    }
    else {
      const plain = layoutAt(topology, width, height, {}, 1, NO_BANDS, false).scale;
      const k = presenterBand(topology, width, height, false);
      const compact = layoutAt(topology, width, height, {}, 1, k, false).scale;
      a = compact >= plain * 1.03 ? { perBand: k, bare: false } : { perBand: NO_BANDS, bare: false };
      const scale = Math.max(plain, compact);
      if (scale * CAPTION_UNITS < CAPTION_MIN_PX) {
        const kb = presenterBand(topology, width, height, 'bare');
        const bare = layoutAt(topology, width, height, {}, 1, kb, true).scale;
        if (bare * NAME_UNITS > scale * CAPTION_UNITS * 1.03) a = { perBand: kb, bare: true };
      }
    }
    if (byView.size > 64) byView.clear();
    byView.set(key, a);
  }
  return a;
}

/** A node's name, design units (styles.css .topo-name). */
const NAME_UNITS = 18;

/** perBand for the default layout: one row of uniform columns, no bands. */
const NO_BANDS = 0;

/**
 * Columns a band of the compact drawing holds (presenter mode's, or with `presenter` false the
 * normal view's, captions kept): the count (two or more) whose drawing fits `width` x `height`
 * at the largest scale, the fewest bands among those within 3% of it. Chosen from the layout
 * alone (no nodes placed by hand, no fit kept, replicas folded), so a drag or an unfolding keeps
 * the bands. Pure.
 */
function presenterBand(topology: Topology, width: number, height: number, presenter: boolean | 'bare'): number {
  const depth = callDepths(topology);
  const ncols = Math.max(1, (max(depth) ?? 0) + 1);
  // A mesh whose first members start a later band gets room above them for its control plane
  // (stackBands' extents, see controlRoom). A bridge sits on the border of its two meshes, its
  // callers' column and its callees' beside it: a count that breaks a band at a bridge is not tried.
  const bridges = topology.nodes.filter((n) => isBridge(n) && depth[n.id] >= 0).map((n) => depth[n.id]);
  const scales = new Map<number, number>();
  for (let k = ncols; k >= Math.min(2, ncols); k--) {
    const band = (d: number) => Math.floor(Math.max(0, Math.min(ncols - 1, d)) / k);
    if (k < ncols && bridges.some((d) => band(d - 1) !== band(d) || band(d + 1) !== band(d))) continue;
    scales.set(k, layoutAt(topology, width, height, { presenter: presenter === true }, 1, k, presenter !== false).scale);
  }
  const best = Math.max(...scales.values());
  for (const [k, s] of scales) if (s >= best * 0.97) return k;
  return ncols;
}

/**
 * computeLayout with replica cards sized for `cardScale` CSS px per unit, the compact layout's
 * bands `perBand` columns wide (NO_BANDS: the default layout; presenter mode is always compact),
 * `bare`: presenter mode's boxes, without captions (always so in presenter mode); `beside`
 * (presenter mode, one band): a mesh's control plane right of its last column, level with its
 * topmost member, when the mesh reaches the picture's right edge. Pure.
 */
function layoutAt(topology: Topology, width: number, height: number, options: LayoutOptions, cardScale: number, perBand: number, bare: boolean, beside = false): Layout {
  // Below, `presenter` means presenter mode's geometry (bare boxes); `stage` its margin and zoom.
  const stage = options.presenter === true;
  const presenter = stage || bare;
  const compact = presenter || perBand !== NO_BANDS;
  const extent = (p: PlacedNode) => nodeExtent(p, presenter, stage);
  const queueRoom = presenter ? PresenterSize.queueRoom : NodeSize.queueRoom;
  const depth = callDepths(topology);
  const meshes = meshNames(topology.nodes);
  // Within a column, the members of each mesh sit together (so a region can be drawn around
  // them), meshes in order, then nodes outside every mesh, then third parties.
  const groupRank = (n: TopologyNode) => {
    const m = meshesOf(n);
    // Clients outside every mesh, on the internet or not, are ordered by what they call.
    if (n.kind === 'client' && m.length === 0) return 1000;
    if (n.external) return 2000;
    if (m.length === 0) return 1000;
    return meshes.indexOf(m[0]) + (m.length > 1 ? 0.5 : 0);
  };
  const ncols = Math.max(1, (max(depth) ?? 0) + 1);

  // Columns, each ordered by the mean row of its callers so edges cross as little as possible.
  const columns: TopologyNode[][] = Array.from({ length: ncols }, () => []);
  for (const n of topology.nodes) if (depth[n.id] >= 0) columns[depth[n.id]].push(n);
  const rowOf = new Map<number, number>();
  const callers = topology.nodes.map(() => [] as number[]);
  const callees = topology.nodes.map(() => [] as number[]);
  for (const e of topology.edges) {
    callers[e.to].push(e.from);
    callees[e.from].push(e.to);
  }
  const mean = (ids: number[]) => {
    const rows = ids.filter((c) => rowOf.has(c)).map((c) => rowOf.get(c)!);
    return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
  };
  const order = (col: TopologyNode[], key: (n: TopologyNode) => number) => {
    const keys = new Map(col.map((n) => [n.id, key(n)]));
    col.sort((a, b) => groupRank(a) - groupRank(b) || keys.get(a.id)! - keys.get(b.id)! || a.id - b.id);
    col.forEach((n, i) => rowOf.set(n.id, col.length === 1 ? 0.5 : i / (col.length - 1)));
  };
  // Each column by the mean row of its callers, so edges cross as little as possible; then the
  // clients by the rows of what they call, and the columns again.
  for (const col of columns) order(col, (n) => mean(callers[n.id]));
  if (columns.length > 1) {
    order(columns[0], (n) => mean(callees[n.id]));
    for (const col of columns.slice(1)) order(col, (n) => mean(callers[n.id]));
  }

  // Columns far enough apart for their widest box and a lock between.
  const widest = max(topology.nodes.filter(onRequestPath), (n) => sizeOf(n, presenter).w) ?? 0;
  const colGap = compact ? widest + PresenterSize.gapX : Math.max(COL_GAP, widest + 100);
  const rowGap = stage ? PresenterSize.rowGapStage : presenter ? PresenterSize.rowGap : ROW_GAP;
  // Clients (a small figure and a label) stack closer than boxes with queues above them.
  const gapOf = (col: readonly TopologyNode[]) => (col.every((n) => n.kind === 'client') ? (presenter ? PresenterSize.clientRowGap : CLIENT_ROW_GAP) : rowGap);
  let placed: PlacedNode[] = [];
  let bands: Map<number, BandSlot> | null = null;
  if (compact) {
    ({ placed, bands } = placeBands(columns, Math.min(perBand, ncols), (n) => sizeOf(n, presenter), extent, gapOf, stage ? PresenterSize.gapXStage : PresenterSize.gapX));
  } else {
    columns.forEach((col, c) => {
      const gap = gapOf(col);
      col.forEach((node, i) => {
        placed.push({ node, col: c, x: c * colGap, y: (i - (col.length - 1) / 2) * gap, ...sizeOf(node) });
      });
    });
  }
  // Many separate request paths in a grid; not when presenter mode wrapped the columns in bands.
  if (!compact || perBand >= ncols) {
    packComponents(topology, placed, colGap, rowGap, width, height);
    bands = null;
  }
  unfoldReplicas(placed, options.unfolded, cardScale);
  if (bands) {
    const room = controlRoom(topology, placed, bands);
    stackBands(placed, bands, (p) => {
      const e = extent(p);
      return room.has(p.node.id) ? { ...e, top: e.top - CONTROL_ROOM } : e;
    });
  }
  // Where the layout puts each node before any is placed by hand: control planes are placed
  // from these, so dragging a service never moves its mesh's control plane (or any other node).
  const auto = new Map(placed.map((p) => [p.node.id, { x: p.x, y: p.y }]));
  const autoBox = new Bounds();
  for (const p of placed) addNodeExtent(autoBox, p, auto.get(p.node.id)!, presenter, stage);
  placeByHand(placed, options.positions);
  const byId = new Map(placed.map((p) => [p.node.id, p]));

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

  const box = new Bounds();
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
  for (const p of placed) addNodeExtent(box, p, p, presenter, stage);

  // Control planes: each above the members of its mesh, inside the mesh's region; one with no
  // members placed (or no mesh) in a row above everything.
  const side = topology.nodes.filter((n) => depth[n.id] < 0);
  const requestPath = [...placed];
  const cpTop = new Map<string, number>();
  const orphans: TopologyNode[] = [];
  /** Control planes placed beside their mesh, as the mesh's last column for its region. */
  const besideCols: PlacedNode[] = [];
  const oneBand = !bands || [...bands.values()].every((b) => b.band === 0);
  const pictureRight = max(requestPath, (p) => auto.get(p.node.id)!.x + extent(p).right) ?? 0;
  for (const node of side) {
    const mesh = node.mesh;
    const members = requestPath.filter((p) => mesh !== null && meshesOf(p.node).includes(mesh) && !isBridge(p.node));
    if (!mesh || members.length === 0 || cpTop.has(mesh)) {
      orphans.push(node);
      continue;
    }
    // NOTE: d3's min and max, not a spread of an array of any length into Math.min.
    const top = min(members, (p) => auto.get(p.node.id)!.y - p.h / 2)!;
    const inMesh = requestPath.filter((p) => meshesOf(p.node).includes(mesh));
    if (stage && beside && oneBand && (max(inMesh, (p) => auto.get(p.node.id)!.x + extent(p).right) ?? 0) >= pictureRight - 0.5) {
      // Right of the picture, its icon's top level with the mesh's topmost box; the region takes
      // it in as one more column (meshRegions joins consecutive columns).
      const block = 2 * NodeSize.controlR + 14 + controlTextWidth(node, true);
      const p: PlacedNode = { node, col: -1, x: pictureRight + STAGE_REGION_PAD.x + 24 + NodeSize.controlR, y: top + NodeSize.controlR, ...sizeOf(node, presenter) };
      placed.push(p);
      autoBox.add(p.x - p.w / 2, p.y - p.h / 2);
      box.add(p.x - p.w / 2, p.y - p.h / 2);
      box.add(p.x + p.w / 2 + 16 + controlTextWidth(node, true), p.y + p.h / 2);
      const lastCol = max(inMesh, (q) => q.col) ?? 0;
      besideCols.push({ node, col: lastCol + 1, x: p.x - NodeSize.controlR + block / 2, y: p.y, w: block, h: p.h });
      continue;
    }
    // The icon and its label, together, centred over the mesh.
    const block = 2 * NodeSize.controlR + 14 + controlTextWidth(node, presenter);
    let x = (min(members, (p) => auto.get(p.node.id)!.x)! + max(members, (p) => auto.get(p.node.id)!.x)!) / 2 - block / 2 + NodeSize.controlR;
    if (stage) {
      // Presenter mode: over the whole mesh, its bridges' halves too, and never past its right
      // edge (its state line, up to "control plane + CA DOWN", would widen the drawing).
      const all = requestPath.filter((p) => mesh !== null && meshesOf(p.node).includes(mesh));
      const at = (p: PlacedNode) => auto.get(p.node.id)!.x;
      const left = min(all, (p) => (isBridge(p.node) ? at(p) : at(p) - p.w / 2))!;
      const right = max(all, (p) => (isBridge(p.node) ? at(p) : at(p) + p.w / 2))!;
      const start = Math.max(left, Math.min((left + right) / 2 - block / 2, right - block));
      x = start + NodeSize.controlR;
    }
    const p: PlacedNode = { node, col: -1, x, y: top - queueRoom - 12 - NodeSize.controlR, ...sizeOf(node, presenter) };
    placed.push(p);
    cpTop.set(mesh, p.y - p.h / 2 - 20);
    autoBox.add(p.x - p.w / 2, p.y - p.h / 2);
    box.add(p.x - p.w / 2, p.y - p.h / 2);
    box.add(p.x + p.w / 2 + 16 + (presenter ? controlTextWidth(node, true) : controlLabel(node).length * 10), p.y + p.h / 2);
  }
  if (orphans.length > 0) {
    const callees = placed.filter((p) => p.col > 0);
    const midX = callees.length ? callees.reduce((a, p) => a + auto.get(p.node.id)!.x, 0) / callees.length : (autoBox.minX + autoBox.maxX) / 2;
    const y = autoBox.minY - 16 - NodeSize.controlR;
    orphans.forEach((node, i) => {
      const p: PlacedNode = { node, col: -1, x: midX + (i - (orphans.length - 1) / 2) * 260, y, ...sizeOf(node) };
      placed.push(p);
      box.add(p.x - p.w / 2, p.y - p.h / 2);
      box.add(p.x + p.w / 2 + 16 + controlLabel(node).length * 10, p.y + p.h / 2);
    });
  }

  placeByHand(placed.filter((p) => p.col === -1), options.positions);

  // Mesh regions; a column whose topmost node is in the mesh reaches up to its control plane.
  const topOfColumn = new Map<number, PlacedNode>();
  for (const p of requestPath) {
    const t = topOfColumn.get(p.col);
    if (!t || p.y < t.y) topOfColumn.set(p.col, p);
  }
  // In presenter mode's bands, only the mesh's first band reaches up to its control plane.
  const firstBand = (mesh: string) => min(requestPath.filter((p) => meshesOf(p.node).includes(mesh)), (p) => bands?.get(p.node.id)?.band ?? 0) ?? 0;
  const regions = meshRegions(
    [...requestPath, ...besideCols],
    (mesh, col) => {
      const top = cpTop.get(mesh);
      const first = topOfColumn.get(col);
      if (bands && first && (bands.get(first.node.id)?.band ?? 0) !== firstBand(mesh)) return null;
      return top !== undefined && first && meshesOf(first.node).includes(mesh) ? top : null;
    },
    stage ? STAGE_REGION_PAD : REGION_PAD,
  );
  for (const r of regions) {
    box.add(r.minX, r.minY - 26);
    box.add(r.maxX, r.maxY);
  }

  // Each control plane to the proxies of its mesh.
  const controlLinks: ControlLink[] = [];
  for (const cp of placed.filter((p) => p.node.kind === 'control-plane')) {
    for (const p of requestPath) {
      if (!p.node.sidecar || !cp.node.mesh || !meshesOf(p.node).includes(cp.node.mesh)) continue;
      const s = { x: cp.x, y: cp.y + cp.h / 2 };
      const t = proxyAnchor(p);
      const my = (s.y + t.y) / 2;
      controlLinks.push({ controlPlane: cp.node.id, node: p.node.id, path: `M${s.x},${s.y} C${s.x},${my} ${t.x},${my} ${t.x},${t.y}` });
    }
  }

  placed.sort((a, b) => a.node.id - b.node.id);

  if (options.fit) {
    const { scale, tx, ty } = options.fit;
    return { width, height, scale, tx, ty, nodes: placed, edges, meshes: regions, controlLinks, ...(bare && !stage ? { captionless: true } : {}), ...(stage ? { presenter: true } : {}) };
  }
  const margin = stage ? PRESENTER_MARGIN : MARGIN;
  const fit = Math.min((width - 2 * margin) / box.width, (height - 2 * margin) / box.height);
  const scale = Math.max(MIN_SCALE, options.minScale ?? 0, Math.min(stage ? PRESENTER_MAX_SCALE : MAX_SCALE, fit));
  const shown = scale > fit * 1.001 ? placed.filter((p) => options.focus?.includes(p.node.id)) : [];
  if (shown.length > 0) {
    // Larger than the viewport: the focused nodes' middle at its centre.
    const cx = shown.reduce((a, p) => a + p.x, 0) / shown.length;
    const cy = shown.reduce((a, p) => a + p.y, 0) / shown.length;
    return { width, height, scale, tx: width / 2 - cx * scale, ty: height / 2 - cy * scale, nodes: placed, edges, meshes: regions, controlLinks, ...(bare && !stage ? { captionless: true } : {}), ...(stage ? { presenter: true } : {}) };
  }
  const tx = (width - box.width * scale) / 2 - box.minX * scale;
  const ty = (height - box.height * scale) / 2 - box.minY * scale;
  return { width, height, scale, tx, ty, nodes: placed, edges, meshes: regions, controlLinks, ...(bare && !stage ? { captionless: true } : {}), ...(stage ? { presenter: true } : {}) };
}

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
 * Room a mesh's control plane takes above its members, past their queue stacks, design units:
 * 12 to the icon, the icon (2 × controlR), 20 to the region's top and 26 for its label.
 */
const CONTROL_ROOM = 12 + 2 * NodeSize.controlR + 20 + 26;

/**
 * Nodes, by id, that need CONTROL_ROOM above them when the bands are stacked: the members of a
 * mesh with a control plane in the mesh's first band, when that band is not the top one (the
 * top band's control planes add to the drawing's bounds instead). Pure.
 */
function controlRoom(topology: Topology, placed: readonly PlacedNode[], bands: ReadonlyMap<number, BandSlot>): Set<number> {
  const withControl = new Set(topology.nodes.filter((n) => n.kind === 'control-plane' && n.mesh !== null).map((n) => n.mesh!));
  const members = placed.filter((p) => !isBridge(p.node) && bands.has(p.node.id));
  const out = new Set<number>();
  for (const mesh of withControl) {
    const inMesh = members.filter((p) => meshesOf(p.node).includes(mesh));
    const first = min(inMesh, (p) => bands.get(p.node.id)!.band);
    if (!first) continue;
    for (const p of inMesh) if (bands.get(p.node.id)!.band === first) out.add(p.node.id);
  }
  return out;
}

/**
 * Makes room under each unfolded service for its replica cards: the nodes below it in its
 * column move down by that much. Impure: mutates `placed` (y, replicaRoom).
 */
function unfoldReplicas(placed: PlacedNode[], unfolded: ReadonlySet<string> | undefined, scale: number): void {
  if (!unfolded || unfolded.size === 0) return;
  for (const p of placed) {
    if (!unfolded.has(p.node.name) || !canUnfold(p.node)) continue;
    const grid = replicaGrid(p.node.replicas, p.w, scale);
    // A row of cards each, under the state line (replicaCards' TOP), and 8 units after.
    const room = grid.rows * grid.rowH + 8;
    p.replicaRoom = room;
    p.replicaGrid = grid;
    for (const q of placed) if (q !== p && q.col === p.col && q.y > p.y) q.y += room;
  }
}

/** A node whose replicas can be shown one by one: a service or gateway with more than one. Pure. */
export function canUnfold(n: TopologyNode): boolean {
  return (n.kind === 'service' || n.kind === 'gateway') && n.replicas > 1;
}

/** Puts each node named in `positions` at its centre there. Impure: mutates `placed` (x, y). */
function placeByHand(placed: PlacedNode[], positions: NodePositions | undefined): void {
  if (!positions) return;
  for (const p of placed) {
    const at = Object.hasOwn(positions, p.node.name) ? positions[p.node.name] : undefined;
    if (at && Number.isFinite(at.x) && Number.isFinite(at.y)) {
      p.x = at.x;
      p.y = at.y;
    }
  }
}

/** Adds what a node draws around its centre `at` (figure, name, queue stack, cloud, cards) to `box`. Impure: mutates `box`. */
function addNodeExtent(box: Bounds, p: PlacedNode, at: Point, presenter: boolean, stage: boolean): void {
  const e = nodeExtent(p, presenter, stage);
  box.add(at.x + e.left, at.y + e.top);
  box.add(at.x + e.right, at.y + e.bottom);
}

/**
 * What a node draws around its centre (figure, name, queue stack, cloud, state lines, cards),
 * design units. In presenter mode's geometry (`presenter`) captions are hidden and names are 18
 * units; presenter mode itself (`stage`) keeps one state line under a box, not two. Pure.
 */
function nodeExtent(p: PlacedNode, presenter: boolean, stage = false): Extent {
  const queueRoom = presenter ? PresenterSize.queueRoom : NodeSize.queueRoom;
  const below = stage ? PresenterSize.belowStage : PresenterSize.below;
  if (p.node.kind === 'client') {
    // Its name, or its caption under it ("client on the internet · 1,000 users", 12.5 units).
    const caption = (p.node.external ? 22 : 6) + (p.node.replicas > 1 ? 9 + String(p.node.replicas).length : 0);
    const half = presenter ? Math.max(p.w / 2, p.node.name.length * 5.6 + 8) : Math.max(p.w / 2, p.node.name.length * 5.5 + 8, caption * 3.3 + 6);
    return { left: -half, right: half, top: -p.h / 2 - (presenter && p.node.sidecar ? NodeSize.hexR : 0), bottom: p.h / 2 + (presenter ? 30 : 48) };
  }
  if (p.node.kind === 'control-plane') return { left: -p.w / 2, right: p.w / 2 + 16 + controlTextWidth(p.node, presenter), top: -p.h / 2, bottom: p.h / 2 };
  if (p.node.external) {
    // The cloud around a third party.
    // In presenter mode the cloud's whole outline (marks' cloudPath bulges past its box's corners).
    const c = cloudReach(p.w, p.h);
    return { left: -p.w / 2 - c.left, right: p.w / 2 + c.right, top: -p.h / 2 - Math.max(queueRoom, c.top), bottom: p.h / 2 + Math.max(presenter ? below : 40, c.bottom) };
  }
  return { left: -p.w / 2, right: p.w / 2, top: -p.h / 2 - queueRoom, bottom: p.h / 2 + (presenter ? below : 64) + (p.replicaRoom ?? 0) };
}

/**
 * Width of the text beside a control plane's icon, design units: its name, and in presenter
 * mode (text at 18 units) its state line too, up to "control plane + CA DOWN". Pure.
 */
function controlTextWidth(n: TopologyNode, presenter: boolean): number {
  return presenter ? Math.max(controlLabel(n).length, 'control plane + CA DOWN'.length) * 9.6 : Math.max(controlLabel(n).length * 9.5, 120);
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

class Bounds {
  minX = Number.POSITIVE_INFINITY;
  minY = Number.POSITIVE_INFINITY;
  maxX = Number.NEGATIVE_INFINITY;
  maxY = Number.NEGATIVE_INFINITY;
  add(x: number, y: number): void {
    this.minX = Math.min(this.minX, x);
    this.minY = Math.min(this.minY, y);
    this.maxX = Math.max(this.maxX, x);
    this.maxY = Math.max(this.maxY, y);
  }
  get width(): number {
    return Math.max(1, this.maxX - this.minX);
  }
  get height(): number {
    return Math.max(1, this.maxY - this.minY);
  }
}

/** A control plane's name without the engine's `control-plane:` prefix. Pure. */
export function controlLabel(n: TopologyNode): string {
  return n.name.replace(/^control-plane:/, '');
}

/** Hexagons drawn for a node's proxies (one per replica, up to a limit). Pure. */
export function hexCount(n: TopologyNode): number {
  return n.sidecar ? Math.min(n.replicas, NodeSize.maxHexes) : 0;
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
