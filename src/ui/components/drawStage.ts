// TopologyView's drawing, as plain functions (STYLE.md: a thin component calls them from an
// effect): the scene of a topology at a size, an SVG one (renderTopology) for a small topology or
// a canvas of group tiles (renderCanvasTopology) for a large or folded one, and what the traffic
// canvas over it reads (the TrafficView).
import type { RefObject } from 'react';
import { PASSED_STRIDE, type Frame } from '../../workers/protocol';
import type { ScenarioInfo } from '../../workers/protocol';
import { computeLayout } from '../topology/layout';
import { keptLayout, type WholeStage } from '../topology/keptPicture';
import { inView, offStage, type OffStage } from '../topology/offStage';
import type { Arrangement } from '../topology/arrangement';
import { linkArrangement, linkColumns } from '../topology/linkArrangement';
import { INSPECTOR_MIN_SCALE, type Layout, type NodePositions } from '../topology/layoutTypes';
import { placeGroupNodes, tilesOwnPositions } from '../topology/drag';
import { renderTopology, type TopologyScene } from '../topology/renderTopology';
import { computeGroupLayout, Cell, LARGE_TOPOLOGY_NODES, type GroupLayout } from '../topology/groupLayout';
import type { CanvasTopologyScene } from '../topology/canvasScene';
import { IDENTITY_CAMERA, type Camera, type CameraControl } from '../topology/camera';
import type { EdgeRates } from '../topology/edgeRates';
import type { TrafficView } from '../traffic/drawTraffic';
import { groupPulseLines } from '../traffic/groupPulses';
import { createPulses, type Pulses } from '../traffic/pulses';
import type { GroupEntry } from './TopologyTools';
import { keptFit } from './topologyFit';
import type { FitLock } from './useNodeDrag';

/** The canvas view's drawing code (renderCanvasTopology.ts and what it draws with): a chunk of its own. */
type CanvasView = typeof import('../topology/renderCanvasTopology');
let canvasView: CanvasView | null = null;
let canvasLoading: Promise<CanvasView> | null = null;

/**
 * Loads the canvas view's chunk (once; later calls share the first's promise). Only a large or
 * folded topology is drawn with it, so a first visit to a small scenario never downloads it:
 * 10,190 B gzipped off the initial JS (session 50: 253,545 -> 243,355 B). Rejects if the chunk cannot be fetched.
 */
export function loadCanvasView(): Promise<CanvasView> {
  canvasLoading ??= import('../topology/renderCanvasTopology').then((m) => (canvasView = m));
  return canvasLoading;
}

/** The stage's scenes and what reads them, as TopologyView's refs; drawStage replaces them. */
export interface StageRefs {
  sceneRef: RefObject<TopologyScene | null>;
  bigRef: RefObject<CanvasTopologyScene | null>;
  viewRef: RefObject<TrafficView | null>;
  pulsesRef: RefObject<Pulses | null>;
  ratesRef: RefObject<EdgeRates>;
  cameraRef: RefObject<CameraControl | null>;
  fitLockRef: RefObject<FitLock | null>;
  /** The topology last drawn: a new one resets the camera, the groups and the search's answer. */
  drawnTopologyRef: RefObject<unknown>;
  faultsRef: RefObject<readonly { type: string; target: string }[]>;
  highlightRef: RefObject<readonly string[]>;
  dirtyRef: RefObject<boolean>;
  paintRef: RefObject<() => void>;
  /** A group layout made a task ahead of its drawing (layOutAhead), taken by the drawing that follows. */
  aheadRef: RefObject<LayoutAhead | null>;
}

/** A large topology's group layout for a width and height (CSS px), made before the scene is drawn over it. */
export interface LayoutAhead {
  topology: ScenarioInfo['topology'];
  width: number;
  height: number;
  layout: GroupLayout;
}

/** What a drawing of the stage is made from: TopologyView's state at the moment. */
export interface StageDrawing {
  svg: SVGSVGElement;
  box: HTMLDivElement;
  size: { width: number; height: number };
  topology: ScenarioInfo['topology'] | null;
  scenarioName: string;
  latest: Frame | null;
  /** A canvas of group tiles, not the SVG (a large topology, or one folded into groups). */
  large: boolean;
  /** How presenter mode (or the readable fold) folds the drawing (usePresenterFold). */
  fold: string;
  positions: NodePositions;
  unfolded: ReadonlySet<string>;
  shownUnfolded: ReadonlySet<string>;
  /** The drawing's geometry is presenter mode's (presenter mode, or the large text). */
  presenter: boolean;
  presenterMode: boolean;
  largeText: boolean;
  roomy: boolean;
  /** The drawing kept readable beside the open inspector, centred on `focus`. */
  keepReadable: boolean;
  focus: number[] | undefined;
  /** The presenter floor's scale, and whether the drawing is drawn whole below it. */
  floorMinScale: number;
  belowFloor: boolean;
  /** The store's scaleCap: most CSS px per design unit for the SVG drawing (a compare pane's shared scale), or null. */
  scaleCap: number | null;
  /** The stage the picture was last drawn in whole (WholeStage): beside the inspector it keeps that arrangement. */
  whole: WholeStage | null;
  /** A share link's columns a row for this scenario (the store's linkCols), kept while they fit (linkArrangement.ts); null for none. */
  linkCols: number | null;
}

/** What the component keeps in its own state after a drawing: the groups listed and hidden, the search's answer. */
export interface StageSetters {
  setGroups: (g: GroupEntry[]) => void;
  setHidden: (h: ReadonlySet<number>) => void;
  clearSearch: () => void;
  /** Receives the SVG drawing's own fit (the store's fitScale), or null for none or group tiles. */
  setFitScale: (scale: number | null) => void;
  /**
   * Receives the stage a drawing with the inspector closed (or Fit pressed beside it) was drawn in,
   * outside presenter mode: the arrangement the picture keeps when the inspector opens; null for
   * group tiles.
   */
  setWhole: (whole: WholeStage | null) => void;
  /** Receives what of the picture kept beside the inspector lies past the stage's edges (offStage.ts), null when it lies whole inside or is not the kept one. */
  setKeptCut: (off: OffStage | null) => void;
  /** Receives the columns a row of the picture drawn whole (the store's drawnCols, a share link's `cols=`), or null for group tiles. */
  setDrawnCols: (cols: number | null) => void;
}

/**
 * Draws the stage for `d` and puts the scenes in `r`: nothing (and no `data-drawn`) without a
 * topology; otherwise the large scene or the SVG one, with the faults and highlight in `r`'s refs
 * from its first paint, and the traffic view over it. Beside the inspector (`d.keepReadable`) the
 * SVG picture keeps the arrangement it had in `d.whole` (keptLayout); drawn otherwise outside
 * presenter mode, the stage's size goes to `set.setWhole`. Sets the stage's data-drawn, data-view,
 * data-text, data-captions and data-kept. Impure: draws into `d.svg`, writes `r` and `d.box`'s
 * dataset, calls `set`.
 */
export function drawStage(d: StageDrawing, r: StageRefs, set: StageSetters): void {
  const { svg, box, size, topology } = d;
  if (!topology) {
    r.ratesRef.current.clear();
    svg.replaceChildren();
    r.sceneRef.current = null;
    r.bigRef.current = null;
    r.viewRef.current = null;
    r.pulsesRef.current = null;
    delete box.dataset.drawn;
    delete box.dataset.kept;
    set.setFitScale(null);
    set.setKeptCut(null);
    return;
  }
  const newTopology = r.drawnTopologyRef.current !== topology;
  if (newTopology) r.cameraRef.current?.reset();
  let drawn: Arrangement | null = null;
  if (d.large) {
    drawLarge(d, topology, newTopology, r, set);
    delete box.dataset.kept;
    set.setKeptCut(null);
  } else drawn = drawSmall(d, topology, newTopology, r, set);
  // A share link's rows, when drawn, are the ones the picture keeps beside the inspector too.
  const linked = d.linkCols !== null && drawn ? { arrangement: drawn } : {};
  if (!d.keepReadable && !d.presenterMode) set.setWhole(d.large ? null : { topology, width: d.size.width, height: d.size.height, largeText: d.largeText, ...linked });
  if (!d.keepReadable) set.setDrawnCols(drawn ? linkColumns(topology, drawn) : null);
  if (newTopology) set.clearSearch();
  r.drawnTopologyRef.current = topology;
  if (r.pulsesRef.current?.level.length !== topology.edges.length * PASSED_STRIDE) {
    r.pulsesRef.current = createPulses(topology.edges.length);
  }
  box.dataset.drawn = d.scenarioName;
  box.dataset.view = d.large ? 'canvas' : 'svg';
  r.dirtyRef.current = true;
  r.paintRef.current();
}

/**
 * Whether the stage for `topology` is drawn in a task after the one that commits it: true for a
 * topology not drawn yet with more than LARGE_TOPOLOGY_NODES nodes (Istio's full load test: its
 * group layout and scene took ~25 CPU ms beside React's ~40 ms render of the panels, one task of
 * 55-70 ms at load 10-19; bench:ui's limit is 50 ms a task, issue 11). Every other drawing, and a
 * large one redrawn (resize, fold), is drawn in the commit as before; so is a drawing on `large`
 * canvas tiles before the canvas view's chunk is loaded (loadCanvasView). Pure; null gives false.
 */
export function drawsLater(topology: StageDrawing['topology'], r: Pick<StageRefs, 'drawnTopologyRef'>, large = false): boolean {
  if (topology !== null && large && canvasView === null) return true;
  return topology !== null && topology.nodes.length > LARGE_TOPOLOGY_NODES && r.drawnTopologyRef.current !== topology;
}

/**
 * Takes the previous scenario's picture off the stage while the new one waits for its task
 * (drawsLater): the SVG emptied, no scene or traffic view (the painter draws no dots, so no frame
 * of the new run is drawn on the old lanes), no `data-drawn`. A previous large topology's canvas
 * keeps its pixels for that task (no built-in scenario opens one large topology after another;
 * clearing it would cost a canvas allocation, 15-60 ms). Impure: writes `r`, `d.svg` and `d.box`.
 */
export function clearStage(d: Pick<StageDrawing, 'svg' | 'box'>, r: StageRefs): void {
  d.svg.replaceChildren();
  r.sceneRef.current = null;
  r.bigRef.current = null;
  r.viewRef.current = null;
  delete d.box.dataset.drawn;
}

/** The canvas of group tiles. Impure: as drawStage. */
function drawLarge(d: StageDrawing, topology: ScenarioInfo['topology'], newTopology: boolean, r: StageRefs, set: StageSetters): void {
  const { svg, box, size } = d;
  set.setFitScale(null);
  delete box.dataset.captions;
  delete box.dataset.text;
  svg.replaceChildren();
  r.sceneRef.current = null;
  const fit = groupLayoutBox(d, topology);
  const ahead = r.aheadRef.current;
  r.aheadRef.current = null;
  const layout = ahead && ahead.topology === topology && ahead.width === fit.width && ahead.height === fit.height ? ahead.layout : computeGroupLayout(topology, fit.width, fit.height);
  // A folded small picture's positions are the SVG drawing's: each node stays in its tile.
  if (tilesOwnPositions(topology.nodes.length)) placeGroupNodes(layout, topology.nodes.map((n) => n.name), topology.edges, d.positions);
  const prev = r.bigRef.current;
  if (!canvasView) throw new Error('drawStage: the canvas view is drawn before its chunk loaded (drawsLater, then loadCanvasView)');
  const scene = canvasView.createCanvasTopology(topology, layout, { presenter: d.presenter || d.fold === 'groups' });
  // Redrawn for a new size, the same run keeps its hidden groups.
  if (!newTopology && prev) layout.groups.forEach((g) => scene.setHidden(g.index, prev.isHidden(g.index)));
  r.bigRef.current = scene;
  keepFoundInView(d, layout, scene, newTopology ? null : prev, r.cameraRef.current);
  scene.updateLoad(d.latest?.nodes ?? null);
  scene.showFaults(r.faultsRef.current);
  scene.highlight(r.highlightRef.current);
  const lines = groupPulseLines(layout);
  // The scene draws each edge once a cell spans DETAIL_PX (renderCanvasTopology); so do the pulses.
  const groupPulses = (k: number) => (Cell.step * layout.scale * k >= 18 ? null : lines);
  r.viewRef.current = { lanes: layout.lanes, base: layout, dotScale: 0.4, minDotPx: 1.5, hiddenEdges: scene.hiddenEdges, straight: true, spans: scene.laneSpans, gaps: scene.laneGaps, groupPulses };
  if (newTopology || !prev) {
    set.setGroups(layout.groups.map((g) => ({ index: g.index, name: g.name, mesh: g.mesh, size: g.members.length })));
    set.setHidden(new Set());
  }
}

/** The width and height (CSS px) the group tiles of `topology` are fitted into on `d`'s stage. Pure. */
function groupLayoutBox(d: Pick<StageDrawing, 'size' | 'fold'>, topology: ScenarioInfo['topology']): { width: number; height: number } {
  // Folded for presenter mode, the tiles are few and large: the last column's titles (14 px,
  // wider than a tile of one node) get room at the right rather than being cut by the edge.
  const titleRoom = d.fold === 'groups' ? Math.min(160, 8 * (5 + Math.max(0, ...topology.nodes.map((n) => n.name.length)))) : 0;
  return { width: d.size.width - titleRoom, height: d.size.height };
}

/**
 * Lays `d`'s large topology out as group tiles ahead of its drawing (kept in `r.aheadRef`, which
 * the next drawStage of the same topology and size takes instead of laying it out again; any
 * other drawing drops it). For a drawing that drawsLater: the layout (~60% of the ~25 CPU ms of
 * drawing Istio's full load test, 2,001 nodes) in one task and the scene over it in the next, so
 * neither passes bench:ui's 50 ms a task on a busy machine. Does nothing but clear the ref for a
 * small or absent topology. Impure: writes `r.aheadRef`.
 */
export function layOutAhead(d: Pick<StageDrawing, 'size' | 'fold' | 'topology' | 'large'>, r: Pick<StageRefs, 'aheadRef'>): void {
  r.aheadRef.current = null;
  const { topology } = d;
  if (!topology || !d.large) return;
  const { width, height } = groupLayoutBox(d, topology);
  r.aheadRef.current = { topology, width, height, layout: computeGroupLayout(topology, width, height) };
}

/** The SVG scene, fitted to the stage or kept at the fit a drag began with; returns its arrangement. Impure: as drawStage. */
function drawSmall(d: StageDrawing, topology: ScenarioInfo['topology'], newTopology: boolean, r: StageRefs, set: StageSetters): Arrangement | null {
  const { svg, box, size } = d;
  const wasBig = r.bigRef.current !== null;
  r.bigRef.current = null;
  // Redrawn for a new size, the same run keeps its control planes' pulse counts.
  const carried = !newTopology ? r.sceneRef.current?.controlState() : undefined;
  let kept = keptFit(r.fitLockRef.current, box, size, topology, d.unfolded, d.presenter, r.cameraRef.current?.camera.k ?? 1);
  if (!kept) r.fitLockRef.current = null;
  // A picture drawn whole below the floor fits the stage, not the floor (it would be cut).
  const minScale = d.presenterMode ? (d.belowFloor ? undefined : d.floorMinScale) : d.keepReadable ? INSPECTOR_MIN_SCALE : undefined;
  const base = { positions: d.positions, unfolded: d.shownUnfolded, minScale, presenter: d.presenter, roomy: d.roomy, fit: kept, focus: d.focus };
  // Beside the inspector, the picture the person clicked in keeps its arrangement, scaled (keptLayout).
  const whole = d.keepReadable && !d.presenterMode && d.whole?.topology === topology ? d.whole : null;
  // A share link's rows (`cols=`) while they fit the stage (linkArrangement.ts); else the stage's own.
  const fromLink = !whole && d.linkCols !== null ? { arrangement: linkArrangement(topology, size.width, size.height, d.presenter, d.presenter && d.roomy, d.linkCols).arrangement } : {};
  let layout = whole ? keptLayout(topology, size.width, size.height, base, whole) : computeLayout(topology, size.width, size.height, { ...base, ...fromLink });
  const camera = r.cameraRef.current?.camera ?? IDENTITY_CAMERA;
  if (whole && kept && letGo(r.fitLockRef.current, d.focus, layout, camera)) {
    // A node newly inspected that a drag's held fit leaves off stage: the picture is kept as
    // arranged again, with it centred where the picture is cut (keptLayout).
    r.fitLockRef.current = null;
    kept = undefined;
    base.fit = undefined;
    layout = keptLayout(topology, size.width, size.height, base, whole);
  }
  if (whole) keepFocusInView(layout, d.focus, r.cameraRef.current);
  const options = { ...base, minScale: whole ? undefined : minScale, arrangement: layout.arrangement };
  // Cut: some node lies past the stage's edges as the camera shows it now (a drawing at the floor
  // whose nodes all lie inside, only its margins past the edges, is not: trial T2 saw "cut off"
  // over a picture drawn whole at 1366x768).
  const off = whole !== null ? offStage(layout, r.cameraRef.current?.camera ?? IDENTITY_CAMERA) : null;
  if (off) box.dataset.kept = 'cut';
  else if (whole) box.dataset.kept = 'whole';
  else delete box.dataset.kept;
  set.setKeptCut(off);
  // The drawing's own fit goes to the store (a compare view draws both panes at the smaller of
  // the two, paneScale.ts); a cap under it draws it at the cap, centred. A kept fit (a drag) stays.
  // Beside the open inspector the last one stays: the panel's room is not the picture's size (a
  // compare pane at 1600x1000 shrank the other pane's picture to 7 px captions while it was open).
  if (!kept) {
    if (!d.keepReadable) set.setFitScale(layout.scale);
    if (d.scaleCap !== null && layout.scale > d.scaleCap) layout = computeLayout(topology, size.width, size.height, { ...options, maxScale: d.scaleCap });
  }
  if (d.largeText) box.dataset.text = 'large';
  else delete box.dataset.text;
  // Bare boxes (compact.css) when captions would be too small to read.
  if (layout.captionless) box.dataset.captions = 'none';
  else delete box.dataset.captions;
  const scene = renderTopology(svg, layout, carried);
  r.sceneRef.current = scene;
  scene.updateLoad(d.latest?.nodes ?? null);
  scene.showFaults(r.faultsRef.current);
  scene.highlight(r.highlightRef.current);
  scene.setCamera(r.cameraRef.current?.camera ?? IDENTITY_CAMERA);
  r.viewRef.current = { lanes: scene.lanes, base: scene.layout, holes: scene.labelHoles };
  if (newTopology || wasBig) set.setGroups([]);
  return layout.arrangement ?? null;
}

/**
 * Whether the fit a drag holds (`lock`) gives way beside the inspector: `focus` (what is
 * inspected) is new since the lock was first drawn and lies, in `layout` through `camera`, past
 * the stage's edges. A drag still holds the picture; a node picked in the inspector's list that
 * the held picture hides does not stay hidden. Records the focus on the lock. Impure: writes `lock.focus`.
 */
function letGo(lock: FitLock | null, focus: readonly number[] | undefined, layout: Layout, camera: Camera): boolean {
  if (!lock) return false;
  if (!('focus' in lock)) {
    lock.focus = focus;
    return false;
  }
  if (lock.focus === focus) return false;
  lock.focus = focus;
  return focus !== undefined && !inView(layout, camera, focus);
}

/**
 * Beside the inspector, the kept picture (`layout`, CSS px) is laid out for the narrower stage
 * with what is inspected centred, but the camera keeps its transform: Find's zoom (searchStage,
 * k >= 1.5, centred for the whole stage) then showed retry-storm's found payments past the left
 * edge and an empty stage reading "6 off to the left" (F5's report, session 52). When the first
 * of `focus` lies past the stage's edges through the camera: a camera zoomed in (k > 1.01: Find's,
 * or a person's) keeps its zoom with the node centred (session 53, G6: reset to 1, Find's zoom was
 * dropped); at zoom 1 or less the camera is reset to the kept picture's own fit for the narrowed
 * stage (keptLayout: whole, or cut with the pick centred), and should that still leave it off
 * stage (a drag's held fit), it is centred at zoom 1. A node in view, or nothing inspected, leaves the camera as it is (a zoom or pan stays).
 * Impure: moves the camera.
 */
function keepFocusInView(layout: Layout, focus: readonly number[] | undefined, camera: CameraControl | null): void {
  const id = focus?.[0];
  if (id === undefined || !camera || inView(layout, camera.camera, [id])) return;
  const p = layout.nodes.find((n) => n.node.id === id);
  // Zoomed in (Find's k >= 1.5, or a person's zoom), the node is centred at that zoom: reset to 1,
  // Find's zoom was dropped as the inspector opened (G5's report; session 53, G6 5).
  const k = camera.camera.k;
  if (p && k > 1.01) return camera.centreOn(layout.tx + layout.scale * p.x, layout.ty + layout.scale * p.y, k, layout.width, layout.height);
  if (inView(layout, IDENTITY_CAMERA, [id])) return camera.reset();
  if (p) camera.centreOn(layout.tx + layout.scale * p.x, layout.ty + layout.scale * p.y, 1, layout.width, layout.height);
}

/**
 * Redrawn for a new size (the inspector opening or closing beside it, a resize), the canvas of
 * group tiles is laid out afresh while the camera keeps its transform, so a node the camera was
 * zoomed onto slid away: N6's trial (F6), Find svc-500 in Istio's full load test, then Inspect and
 * svc-500 in the inspector's picker, showed svc 600-799 beside the panel. The node inspected (the
 * first of `d.focus`), else the one found before, stays marked (setFound) and, while the camera is
 * zoomed in (k > 1.01: at the whole picture every node is in view, and Fit's redraw keeps it whole),
 * is centred again in the new stage at the camera's zoom. Impure: marks `scene`, moves the camera.
 */
function keepFoundInView(d: StageDrawing, layout: GroupLayout, scene: CanvasTopologyScene, prev: CanvasTopologyScene | null, camera: CameraControl | null): void {
  const node = d.focus?.[0] ?? prev?.foundNode() ?? null;
  if (node === null || !(node >= 0 && node < layout.x.length)) return;
  scene.setFound(node);
  if (!camera || camera.camera.k <= 1.01) return;
  camera.centreOn(layout.tx + layout.scale * layout.x[node], layout.ty + layout.scale * layout.y[node], camera.camera.k, d.size.width, d.size.height);
}
