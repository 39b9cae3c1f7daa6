// Where each node and edge of a topology goes on screen, for a chosen arrangement (arrangement.ts):
// clients in the left column, services in columns by call depth (breadth-first from the clients),
// or the compact layout's bands, then the whole drawing scaled and centred to fit the viewport.
// Pure geometry, no DOM.
import { max, min } from 'd3';
import { CONTROL_PLANE_HEADROOM, isBridge, meshRegions, meshesOf, REGION_PAD, STAGE_REGION_PAD } from './meshRegions';
import { boundaryRegions, LINE_EM } from './boundaryRegions';
import { packComponents } from './packComponents';
import { placeBands, PresenterSize, stackBands, type BandSlot } from './presenterLayout';
import { NodeSize, type ControlLink, type Layout, type LayoutOptions, type NodePositions, type PlacedNode, type Topology, type TopologyNode } from './layoutTypes';
import { clearOfCards, unfoldReplicas } from './replicaGrid';
import { controlLabel, namespaceTagsShown, onRequestPath } from './nodeTraits';
import { callDepths, orderColumns } from './columnOrder';
import { addHaloExtent, addNodeExtent, Bounds, controlTextWidth, nodeExtent, sizeOf } from './nodeExtent';
import { fitScale, offsetAlong } from './fitPlace';
import { proxyAnchor, routeEdges } from './edgeRoutes';


const COL_GAP = 290;
const ROW_GAP = NodeSize.serviceH + NodeSize.queueRoom + 56;
const CLIENT_ROW_GAP = NodeSize.clientR * 2 + 48 + 40;
/** Empty margin kept around the drawing, CSS pixels. */
const MARGIN = 28;
/** Presenter mode's margin, CSS pixels: the stage is the picture's alone there. */
const PRESENTER_MARGIN = 12;
/**
 * Presenter mode's margin on a stage at least ROOMY_STAGE_PX wide, CSS pixels: there its boxes
 * are drawn large, and 12 px left them reading as touching the edge (N13's trial: gateway-only's
 * catalog and inventory at 1600x1000; istio-load-test-baseline's svc-02 and third-party-service's
 * cloud 12-13 px from it, presenteredges.spec). A smaller stage (1024x768, a compare pane) keeps
 * its 12: there every pixel goes to 14 px names (storyColumn, presenterFloor), and 24 cost them.
 */
const ROOMY_PRESENTER_MARGIN = 24;
const ROOMY_STAGE_PX = 1200;

/** The margin kept round a drawing on a stage `width` CSS px wide: presenter mode's (`stage`), the wide short stage's, or the single view's. Pure. */
function marginFor(stage: boolean, wide: boolean, width: number): number {
  if (stage && width >= ROOMY_STAGE_PX) return ROOMY_PRESENTER_MARGIN;
  return stage || wide ? PRESENTER_MARGIN : MARGIN;
}
/**
 * Least scale of a fitted drawing. Low enough that a six-column chain fits the 460 px the stage
 * keeps beside the open inspector at 1024x768 (whole, if small: the wheel zooms in).
 */
const MIN_SCALE = 0.2;
const MAX_SCALE = 1.6;
/** Presenter mode lets a small picture (mm1's two nodes) grow to fill the stage. */
const PRESENTER_MAX_SCALE = 2.4;

/** perBand for the default layout: one row of uniform columns, no bands. */
export const NO_BANDS = 0;

/**
 * computeLayout with replica cards sized for `cardScale` CSS px per unit, the compact layout's
 * bands `perBand` columns wide (NO_BANDS: the default layout; presenter mode is always compact),
 * `bare`: presenter mode's boxes, without captions (always so in presenter mode); `beside`
 * (presenter mode, one band): a mesh's control plane right of its last column, level with its
 * topmost member, when the mesh reaches the picture's right edge. Pure.
 */
export function layoutAt(topology: Topology, width: number, height: number, options: LayoutOptions, cardScale: number, perBand: number, bare: boolean, beside = false, wide = false): Layout {
  // Below, `presenter` means presenter mode's geometry (bare boxes); `stage` its margin and zoom.
  const stage = options.presenter === true;
  const presenter = stage || bare;
  const compact = presenter || perBand !== NO_BANDS;
  const extent = (p: PlacedNode) => nodeExtent(p, presenter, stage || wide);
  const queueRoom = presenter ? PresenterSize.queueRoom : NodeSize.queueRoom;
  const depth = callDepths(topology);
  const ncols = Math.max(1, (max(depth) ?? 0) + 1);
  const columns = orderColumns(topology, depth);
  // Boxes make room for "ns shop" only where the scenario names two namespaces or more.
  const nsTags = namespaceTagsShown(topology.nodes);

  // Columns far enough apart for their widest box and a lock between.
  const widest = max(topology.nodes.filter(onRequestPath), (n) => sizeOf(n, presenter, nsTags).w) ?? 0;
  const colGap = compact ? widest + (wide ? PresenterSize.gapXRoomy : PresenterSize.gapX) : Math.max(COL_GAP, widest + 100);
  const rowGap = stage || wide ? PresenterSize.rowGapStage : presenter ? PresenterSize.rowGap : ROW_GAP;
  // Clients (a small figure and a label) stack closer than boxes with queues above them.
  const gapOf = (col: readonly TopologyNode[]) => (col.every((n) => n.kind === 'client') ? (presenter ? PresenterSize.clientRowGap : CLIENT_ROW_GAP) : rowGap);
  let placed: PlacedNode[] = [];
  let bands: Map<number, BandSlot> | null = null;
  if (compact) {
    const gapX = stage ? (options.roomy === true ? PresenterSize.gapXRoomy : PresenterSize.gapXStage) : wide ? PresenterSize.gapXRoomy : PresenterSize.gapX;
    ({ placed, bands } = placeBands(columns, Math.min(perBand, ncols), (n) => sizeOf(n, presenter, nsTags), extent, gapOf, gapX));
  } else {
    columns.forEach((col, c) => {
      const gap = gapOf(col);
      col.forEach((node, i) => {
        placed.push({ node, col: c, x: c * colGap, y: (i - (col.length - 1) / 2) * gap, ...sizeOf(node, false, nsTags) });
      });
    });
  }
  roomUnderClouds(placed, topology);
  // Many separate request paths in a grid; not when presenter mode wrapped the columns in bands.
  if (!compact || perBand >= ncols) {
    // What the drawing adds around the grid: its mesh region's padding and a control plane's row.
    const pad = stage || wide ? STAGE_REGION_PAD : REGION_PAD;
    const meshed = topology.nodes.some((n) => n.mesh !== null);
    const controlled = topology.nodes.some((n) => n.kind === 'control-plane');
    // (beside the grid rather than above it when `beside`).
    const controlW = 2 * NodeSize.controlR + 40 + Math.max(0, ...topology.nodes.filter((n) => n.kind === 'control-plane').map((n) => controlTextWidth(n, true)));
    // Packed for the viewport, or for the one a kept arrangement was chosen in (Arrangement.packFor).
    const pack = options.arrangement?.packFor ?? { width, height };
    const margin = marginFor(stage, wide, pack.width);
    packComponents(topology, placed, colGap, rowGap, pack.width - 2 * margin, pack.height - 2 * margin, {
      w: (meshed ? 2 * pad.x : 0) + (controlled && beside ? controlW : 0),
      h: (meshed ? pad.top + pad.bottom : 0) + (controlled && !beside ? CONTROL_ROOM : 0),
    });
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
  for (const p of placed) addNodeExtent(autoBox, p, auto.get(p.node.id)!, presenter, stage || wide);
  placeByHand(placed, options.positions);
  const positions = options.positions;
  if (positions) clearOfCards(placed, (p) => Object.hasOwn(positions, p.node.name));
  const byId = new Map(placed.map((p) => [p.node.id, p]));

  const box = new Bounds();
  const edges = routeEdges(topology, byId, bands, box);
  for (const p of placed) addNodeExtent(box, p, p, presenter, stage || wide);

  // Control planes: each above the members of its mesh, inside the mesh's region; one with no
  // members placed (or no mesh) in a row above everything.
  const side = topology.nodes.filter((n) => depth[n.id] < 0);
  const requestPath = [...placed];
  const cpTop = new Map<string, number>();
  /** Each control plane's label width past its icon, design units (for the bounds, once placed). */
  const labelW = new Map<PlacedNode, number>();
  const orphans: TopologyNode[] = [];
  /** Control planes placed beside their mesh, as the mesh's last column for its region. */
  const besideCols: PlacedNode[] = [];
  const oneBand = !bands || [...bands.values()].every((b) => b.band === 0);
  const pictureRight = max(requestPath, (p) => auto.get(p.node.id)!.x + extent(p).right) ?? 0;
  for (const node of side) {
    const mesh = node.mesh;
    // In bands, over the mesh's first band only: the region reaches up to it there (retry-storm's
    // control plane centred over its members of three bands stood outside the region).
    const bandOf = (p: PlacedNode) => bands?.get(p.node.id)?.band ?? 0;
    const meshed = requestPath.filter((p) => mesh !== null && meshesOf(p.node).includes(mesh) && !isBridge(p.node));
    const firstOfMesh = min(meshed, bandOf) ?? 0;
    const members = meshed.filter((p) => bandOf(p) === firstOfMesh);
    if (!mesh || members.length === 0 || cpTop.has(mesh)) {
      orphans.push(node);
      continue;
    }
    // NOTE: d3's min and max, not a spread of an array of any length into Math.min.
    const top = min(members, (p) => auto.get(p.node.id)!.y - p.h / 2)!;
    const inMesh = requestPath.filter((p) => meshesOf(p.node).includes(mesh));
    if (presenter && beside && oneBand && (max(inMesh, (p) => auto.get(p.node.id)!.x + extent(p).right) ?? 0) >= pictureRight - 0.5) {
      // Right of the picture, its icon's top level with the mesh's topmost box; the region takes
      // it in as one more column (meshRegions joins consecutive columns).
      const block = 2 * NodeSize.controlR + 14 + controlTextWidth(node, true);
      const p: PlacedNode = { node, col: -1, x: pictureRight + (stage || wide ? STAGE_REGION_PAD : REGION_PAD).x + 24 + NodeSize.controlR, y: top + NodeSize.controlR, ...sizeOf(node, presenter, nsTags) };
      placed.push(p);
      autoBox.add(p.x - p.w / 2, p.y - p.h / 2);
      labelW.set(p, controlTextWidth(node, true));
      const lastCol = max(inMesh, (q) => q.col) ?? 0;
      besideCols.push({ node, col: lastCol + 1, x: p.x - NodeSize.controlR + block / 2, y: p.y, w: block, h: p.h });
      continue;
    }
    // The icon and its label, together, centred over the mesh; a block wider than the mesh starts
    // at its left edge, so the icon stays inside its region (centred over a mesh one box wide, as
    // the single view's bands make at a compare pane's 389 x 440 or a branch pane's 600 x 500,
    // two-meshes-direct's retail and payments control planes stood left of their regions; so did
    // every shipped mesh's at some stage size, 810 of 5,317 single-view layouts swept).
    const block = 2 * NodeSize.controlR + 14 + controlTextWidth(node, presenter);
    const at = (p: PlacedNode) => auto.get(p.node.id)!.x;
    let x = (min(members, at)! + max(members, at)!) / 2 - block / 2 + NodeSize.controlR;
    {
      // Presenter mode: over the whole mesh, its bridges' halves too, and never past its right
      // edge (its state line, up to "control plane + CA DOWN", would widen the drawing).
      const all = stage ? requestPath.filter((p) => mesh !== null && meshesOf(p.node).includes(mesh) && bandOf(p) === firstOfMesh) : members;
      const left = min(all, (p) => (isBridge(p.node) ? at(p) : at(p) - p.w / 2))!;
      const right = max(all, (p) => (isBridge(p.node) ? at(p) : at(p) + p.w / 2))!;
      const start = Math.max(left, Math.min(stage ? (left + right) / 2 - block / 2 : x - NodeSize.controlR, right - block));
      x = start + NodeSize.controlR;
    }
    const p: PlacedNode = { node, col: -1, x, y: top - queueRoom - 12 - NodeSize.controlR, ...sizeOf(node, presenter, nsTags) };
    placed.push(p);
    cpTop.set(mesh, p.y - p.h / 2 - CONTROL_PLANE_HEADROOM);
    autoBox.add(p.x - p.w / 2, p.y - p.h / 2);
    labelW.set(p, presenter ? controlTextWidth(node, true) : controlLabel(node).length * 10);
  }
  if (orphans.length > 0) {
    const callees = placed.filter((p) => p.col > 0);
    const midX = callees.length ? callees.reduce((a, p) => a + auto.get(p.node.id)!.x, 0) / callees.length : (autoBox.minX + autoBox.maxX) / 2;
    const y = autoBox.minY - 16 - NodeSize.controlR;
    orphans.forEach((node, i) => {
      const p: PlacedNode = { node, col: -1, x: midX + (i - (orphans.length - 1) / 2) * 260, y, ...sizeOf(node, false, nsTags) };
      placed.push(p);
      labelW.set(p, controlLabel(node).length * 10);
    });
  }

  // Control planes count in the bounds, and their mesh's region reaches up to them, where they
  // end up: a hand-placed one at its hand spot, not its automatic one (which kept the picture as
  // large as before when a person moved one into a gap).
  const controls = placed.filter((p) => p.col === -1);
  placeByHand(controls, options.positions);
  for (const p of controls) {
    box.add(p.x - p.w / 2, p.y - p.h / 2);
    box.add(p.x + p.w / 2 + 16 + (labelW.get(p) ?? 0), p.y + p.h / 2);
    if (!options.positions || !Object.hasOwn(options.positions, p.node.name)) continue;
    if (p.node.mesh && cpTop.has(p.node.mesh)) cpTop.set(p.node.mesh, p.y - p.h / 2 - CONTROL_PLANE_HEADROOM);
    const col = besideCols.find((q) => q.node === p.node);
    if (col) Object.assign(col, { x: p.x - NodeSize.controlR + col.w / 2, y: p.y });
  }

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
      // The column's topmost node, or, under a third party standing above the mesh (roomUnderClouds),
      // the topmost under the control plane's row: gw-retry.yaml's ledger under partner, whose
      // region stopped under the control plane. Presenter mode centres that control plane over the
      // bridge's half too, so its column likewise. (No shipped scenario's layout changes.)
      const inCol = requestPath.filter((p) => p.col === col).sort((a, b) => a.y - b.y);
      const i = top === undefined ? -1 : inCol.findIndex((p) => p.y - p.h / 2 > top);
      const cloud = i > 0 && inCol[i - 1].node.external && inCol[i - 1].node.kind !== 'client';
      const first = cloud || (stage && i > 0) ? inCol[i] : topOfColumn.get(col);
      if (bands && first && (bands.get(first.node.id)?.band ?? 0) !== firstBand(mesh)) return null;
      return top !== undefined && first && meshesOf(first.node).includes(mesh) ? top : null;
    },
    stage || wide ? STAGE_REGION_PAD : REGION_PAD,
    placed.filter((p) => p.col === -1),
  );
  for (const r of regions) {
    box.add(r.minX, r.minY - 26);
    box.add(r.maxX, r.maxY);
  }
  // Boundaries a control plane denies: dashed sub-regions inside their mesh's.
  const boundaries = boundaryRegions(requestPath, topology.nodes, stage || wide ? STAGE_REGION_PAD : REGION_PAD, presenter || wide ? 18 : 13, max(regions, (r) => r.maxX) ?? box.maxX);
  for (const b of boundaries) box.add(b.label.x, b.label.y - b.lines.length * LINE_EM * b.fontUnits);

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
    return { width, height, scale, tx, ty, nodes: placed, edges, meshes: regions, boundaries, controlLinks, ...(bare && !stage ? { captionless: true } : {}), ...(stage ? { presenter: true } : {}), ...(wide && !stage ? { wide: true } : {}) };
  }
  const margin = marginFor(stage, wide, width);
  const halo = new Bounds();
  halo.add(box.minX, box.minY);
  halo.add(box.maxX, box.maxY);
  for (const p of placed) addHaloExtent(halo, p);
  const fit = fitScale(box, halo, width, height, margin);
  const own = Math.max(MIN_SCALE, options.minScale ?? 0, Math.min(stage ? PRESENTER_MAX_SCALE : MAX_SCALE, fit));
  const scale = options.maxScale === undefined ? own : Math.max(MIN_SCALE, Math.min(own, options.maxScale));
  // Larger than the stage beside the inspector: the focused nodes' middle at its centre, as far as the drawing reaches.
  const shown = scale > fit * 1.001 ? placed.filter((p) => options.focus?.includes(p.node.id)) : [];
  const focus = (axis: 'x' | 'y') => (shown.length > 0 ? shown.reduce((a, p) => a + p[axis], 0) / shown.length : null);
  const tx = offsetAlong(box.minX, box.maxX, halo.minX, halo.maxX, focus('x'), scale, width, margin);
  const ty = offsetAlong(box.minY, box.maxY, halo.minY, halo.maxY, focus('y'), scale, height, margin);
  const overflows = scale > fit * 1.001;
  return { width, height, scale, tx, ty, nodes: placed, edges, meshes: regions, boundaries, controlLinks, ...(bare && !stage ? { captionless: true } : {}), ...(stage ? { presenter: true } : {}), ...(wide && !stage ? { wide: true } : {}), ...(overflows ? { overflows } : {}) };
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
 * Makes CONTROL_ROOM more room under a third party (an external service, drawn as a cloud) that
 * stands right above a member of a mesh with a control plane in its column: the nodes from that
 * member down move down by it, and the column moves up by half of it to stay centred. That control
 * plane goes above its mesh's topmost member, where the cloud stood (trial N11's gw-retry.yaml, once
 * the partner moved up beside the egress gateway that calls it (columnOrder.placeThirdParties):
 * payments' control plane and its "control plane + CA" lay under the partner's cloud). Columns
 * without such a pair, every shipped scenario's, are unchanged. Impure: mutates `placed` (y).
 */
export function roomUnderClouds(placed: readonly PlacedNode[], topology: Topology): void {
  const controlled = new Set(topology.nodes.filter((n) => n.kind === 'control-plane' && n.mesh !== null).map((n) => n.mesh!));
  const cols = new Map<number, PlacedNode[]>();
  for (const p of placed) cols.set(p.col, [...(cols.get(p.col) ?? []), p]);
  for (const col of cols.values()) {
    col.sort((a, b) => a.y - b.y);
    let shift = 0;
    col.forEach((p, i) => {
      const above = col[i - 1]?.node;
      const meshes = meshesOf(p.node);
      if (above && above.external && above.kind !== 'client' && meshes.length === 1 && controlled.has(meshes[0])) shift += CONTROL_ROOM;
      p.y += shift;
    });
    for (const p of col) p.y -= shift / 2;
  }
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
