// The topology picture: for a small topology an SVG drawn by renderTopology, for a large one
// (more than LARGE_TOPOLOGY_NODES nodes) a canvas of group tiles drawn by renderCanvasTopology;
// over either, a canvas of moving dots. A camera (d3-zoom) pans and zooms both without
// redrawing the scene's structure. React only mounts them and reacts to a new topology or a
// resize; frames reach the canvases through the frame channel, outside React renders.
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { DOT_STRIDE, PASSED_STRIDE, type ScenarioInfo } from '../../workers/protocol';
import { canUnfold, computeLayout, INSPECTOR_MIN_SCALE, type LayoutFit, type NodePositions } from '../topology/layout';
import { PresenterFloorContext } from '../topology/presenterFloor';
import { attachNodeDrag, placeGroupNodes, screenToDesign, withPosition } from '../topology/drag';
import { layoutStore, overridesOf, setOverrides, toggleUnfolded, unfoldedOf } from '../topology/layoutStore';
import { attachReplicaCards } from '../topology/replicaCards';
import { useStore } from 'zustand';
import { renderTopology, type TopologyScene } from '../topology/renderTopology';
import { computeGroupLayout, Cell, LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { canvasNodeAt, createCanvasTopology, type CanvasTopologyScene } from '../topology/renderCanvasTopology';
import { attachCamera, IDENTITY_CAMERA, type CameraControl } from '../topology/camera';
import { findNode } from '../topology/findNode';
import { drawTraffic, fitCanvas, type TrafficView } from '../traffic/drawTraffic';
import { dotAt, ringedDots } from '../traffic/dotAt';
import { groupPulseLines } from '../traffic/groupPulses';
import { createPulses, feedPulses, type Pulses } from '../traffic/pulses';
import { useAppStore, useServices } from '../state/useAppStore';
import { stepAt } from '../narrative/steps';
import { createEdgeRates } from '../topology/edgeRates';
import { dotOutline } from '../theme/theme';
import { Legend } from './Legend';
import { inspectorStore, openDotRequest, openInspector, type InspectTarget } from '../inspector/inspectorStore';
import '../topology/scale.css';
import '../topology/compact.css';

const NO_HIGHLIGHT: readonly string[] = [];
const NO_UNFOLDED: ReadonlySet<string> = new Set();
const NO_POSITIONS: NodePositions = {};

/** Load indicators are SVG; update them at most this often while frames stream in. */
const LOAD_INTERVAL_MS = 80;
/** A large topology's figures (tile titles, failing rings) change at most this often. */
const RATES_INTERVAL_MS = 250;
/**
 * A large topology's node marks follow the frames at most this often. NOTE: each redraw of the
 * canvas scene costs a software-rasterised canvas 4-5 ms at 1,000 services; at 80 ms it was a
 * good part of every other frame's budget while playing (issue 11: no task over 50 ms).
 */
const BIG_LOAD_INTERVAL_MS = 200;
/** Zoom at which a found node's cell spans this many CSS pixels. */
const FOUND_CELL_PX = 44;

/** A stage that grew or shrank by less than this (CSS px) kept the drawing where it was on the page. */
const KEEP_FIT_PX = 80;

/**
 * The fit a drawing keeps after a drag (see `fitLockRef`), or undefined to fit it again. When
 * the stage moved a little on the page (a button that appears beside the legend can wrap it onto
 * another line), the fit is shifted so the drawing stays where it was on the page, under the
 * pointer; a bigger change (a window resized, a drawer opened) fits it again. Updates the lock
 * to the stage's new place. Impure: reads the stage's box.
 */
function keptFit(
  lock: { topology: unknown; width: number; height: number; left: number; top: number; unfolded: unknown; presenter: boolean; fit: LayoutFit } | null,
  box: HTMLElement,
  size: { width: number; height: number },
  topology: unknown,
  unfolded: unknown,
  presenter: boolean,
  zoom: number,
): LayoutFit | undefined {
  if (!lock || lock.topology !== topology || lock.unfolded !== unfolded || lock.presenter !== presenter) return undefined;
  if (Math.abs(lock.width - size.width) > KEEP_FIT_PX || Math.abs(lock.height - size.height) > KEEP_FIT_PX) return undefined;
  const r = box.getBoundingClientRect();
  // screen = stage + camera.k × (t + scale × design) + camera offset: the camera stays, so t moves.
  const fit = { scale: lock.fit.scale, tx: lock.fit.tx - (r.left - lock.left) / zoom, ty: lock.fit.ty - (r.top - lock.top) / zoom };
  Object.assign(lock, { width: size.width, height: size.height, left: r.left, top: r.top, fit });
  return fit;
}

interface GroupEntry {
  index: number;
  name: string;
  mesh: string | null;
  size: number;
}

export function TopologyView() {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const scenarioName = useAppStore((s) => s.info?.name ?? '');
  const title = useAppStore((s) => s.info?.title ?? '');
  // The narrative's current step says what to highlight; re-rendered only when the step changes.
  const highlight = useAppStore((s) => {
    const steps = s.info?.narrative ?? [];
    const i = stepAt(steps, s.stats.simTime);
    return i >= 0 ? steps[i].highlight : NO_HIGHLIGHT;
  });
  // Active faults as one string, so the component re-renders only when the set changes.
  const faultKey = useAppStore((s) =>
    s.faults
      .filter((f) => !f.pending && f.endMs === null)
      .map((f) => `${f.type}\u0000${f.target}`)
      .join('\u0001'),
  );
  const { frames, store } = useServices();
  // Nodes placed by hand: the file's `layout`, then what was dragged: in this page, else the
  // link's (the recipe's `layout`), else this browser's last for the scenario.
  const filePositions = useAppStore((s) => s.info?.layout ?? NO_POSITIONS);
  const linkPositions = useAppStore((s) => s.recipe?.layout ?? null);
  const dragged = useStore(layoutStore, (s) => (s.layoutOverrides?.scenario === scenarioName ? s.layoutOverrides.positions : null));
  const unfoldedNames = useStore(layoutStore, (s) => (s.unfolded?.scenario === scenarioName ? s.unfolded.names : null));
  const handPlaced = useMemo(() => dragged ?? linkPositions ?? overridesOf(scenarioName), [dragged, linkPositions, scenarioName]);
  const positions = useMemo(() => ({ ...filePositions, ...handPlaced }), [filePositions, handPlaced]);
  const handPlacedRef = useRef(handPlaced);
  const filePositionsRef = useRef(filePositions);
  filePositionsRef.current = filePositions;
  const placeByHandRef = useRef<(next: NodePositions, save: boolean) => void>(() => {});
  handPlacedRef.current = handPlaced;
  // The link (the recipe) carries the dragged positions, so a share link opens them too.
  const placeByHand = (next: NodePositions, save: boolean) => {
    setOverrides(scenarioName, next, save);
    if (save) store.setState((d) => void (d.recipe && (Object.keys(next).length ? (d.recipe.layout = { ...next }) : delete d.recipe.layout)));
  };
  placeByHandRef.current = placeByHand;
  // Positions this browser kept from before go into the recipe once; a drag puts its own there
  // when it ends (never a position on the way, which a reload would then reopen).
  useEffect(() => {
    const r = store.getState().recipe;
    if (dragged === null && r && !r.layout && Object.keys(handPlaced).length > 0) store.setState((d) => void (d.recipe && (d.recipe.layout = { ...handPlaced })));
  }, [handPlaced, dragged, store, scenarioName]);
  const unfolded = useMemo(() => new Set(unfoldedNames ?? unfoldedOf(scenarioName)), [unfoldedNames, scenarioName]);
  const unfoldedRef = useRef(unfolded);
  unfoldedRef.current = unfolded;
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const sceneCanvasRef = useRef<HTMLCanvasElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<TopologyScene | null>(null);
  const bigRef = useRef<CanvasTopologyScene | null>(null);
  const viewRef = useRef<TrafficView | null>(null);
  const cameraRef = useRef<CameraControl | null>(null);
  /** The large scene must be drawn again (a figure changed or the camera moved). */
  const dirtyRef = useRef(true);
  const drawnTopologyRef = useRef<unknown>(null);
  const pulsesRef = useRef<Pulses | null>(null);
  const ratesRef = useRef(createEdgeRates());
  const theme = useAppStore((s) => s.theme);
  const presenter = useAppStore((s) => s.presenter);
  const presenterRef = useRef(presenter);
  presenterRef.current = presenter;
  const outlineRef = useRef('#ffffff');
  const ringRef = useRef('#0f172a');
  const paintRef = useRef<() => void>(() => {});
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  // Names at 14 px in the single view, 12 px in a compare pane (presenterFloor.ts).
  const floor = useContext(PresenterFloorContext);
  const floorRef = useRef(floor);
  floorRef.current = floor;
  const fold = usePresenterFold(presenter, topology, size, positions, unfolded, floor.minScale);
  // Replicas folded back into their service when presenter mode needs the room.
  const shownUnfolded = fold === 'all' ? unfolded : NO_UNFOLDED;
  const large = topology !== null && (topology.nodes.length > LARGE_TOPOLOGY_NODES || fold === 'groups');
  const [groups, setGroups] = useState<GroupEntry[]>([]);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [query, setQuery] = useState('');
  const [searchResult, setSearchResult] = useState<{ text: string; miss: boolean } | null>(null);
  /**
   * The fit the SVG drawing had when a node was picked up: kept while and after the drag, so
   * the rest of the picture never moves and the node stays under the pointer. A new topology,
   * size, unfolding or presenter mode, "Fit" and "Reset layout" fit the drawing again.
   */
  const fitLockRef = useRef<{ topology: unknown; width: number; height: number; left: number; top: number; unfolded: unknown; presenter: boolean; fit: LayoutFit } | null>(null);
  const [fitNonce, setFitNonce] = useState(0);
  /**
   * Beside the open inspector the drawing keeps INSPECTOR_MIN_SCALE and centres what is inspected
   * (issue 11: it shrank to 3-4 px text); Fit there shows it whole again, until the inspector
   * closes or inspects something else. `fitAllFor` is the inspector's state Fit was pressed in.
   */
  const inspectorOpen = useStore(inspectorStore, (s) => s.open);
  const inspectTarget = useStore(inspectorStore, (s) => s.target);
  const inspectKey = inspectorOpen ? `${inspectTarget?.kind ?? ''}:${inspectTarget?.id ?? ''}` : '';
  const [fitAllFor, setFitAllFor] = useState<string | null>(null);
  const keepReadable = inspectorOpen && !presenter && fitAllFor !== inspectKey;
  // Keyed by what is inspected, not the target object (the store sets a new one on each refresh).
  const focus = useMemo(() => (keepReadable && topology ? focusOf(inspectTarget, topology) : undefined), [keepReadable, inspectKey, topology]); // eslint-disable-line react-hooks/exhaustive-deps

  useLayoutEffect(() => {
    const box = boxRef.current!;
    const measure = () => {
      const r = box.getBoundingClientRect();
      const width = Math.floor(r.width);
      const height = Math.floor(r.height);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  // The camera: moving it redraws, nothing is laid out again.
  useEffect(() => {
    const box = boxRef.current!;
    const control = attachCamera(box, (camera) => {
      box.dataset.zoom = camera.k.toFixed(2);
      sceneRef.current?.setCamera(camera);
      dirtyRef.current = true;
      paintRef.current();
    });
    cameraRef.current = control;
    return () => control.detach();
  }, []);

  // The painter: draws the latest frame's dots every time, the load indicators throttled.
  useEffect(() => {
    let raf = 0;
    let lastLoad = Number.NEGATIVE_INFINITY;
    let lastRates = Number.NEGATIVE_INFINITY;
    let trailing = 0;
    const paint = () => {
      raf = 0;
      const canvas = canvasRef.current;
      const view = viewRef.current;
      if (!canvas || !view || !size) return;
      const camera = cameraRef.current?.camera ?? IDENTITY_CAMERA;
      const now = performance.now();
      const big = bigRef.current;
      const loadNow = () => {
        trailing = 0;
        lastLoad = performance.now();
        if (bigRef.current) {
          if (bigRef.current.updateLoad(frames.latest?.nodes ?? null)) dirtyRef.current = true;
          if (lastLoad - lastRates >= RATES_INTERVAL_MS) {
            lastRates = lastLoad;
            if (bigRef.current.updateRates(ratesRef.current.rate)) dirtyRef.current = true;
          }
          if (dirtyRef.current) paintRef.current();
        } else {
          sceneRef.current?.updateLoad(frames.latest?.nodes ?? null);
          sceneRef.current?.updateEdgeLabels(ratesRef.current.rate);
        }
      };
      const interval = big ? BIG_LOAD_INTERVAL_MS : LOAD_INTERVAL_MS;
      if (now - lastLoad >= interval) loadNow();
      else if (!trailing) trailing = window.setTimeout(loadNow, interval - (now - lastLoad));
      const dpr = fitCanvas(canvas, size.width, size.height);
      if (big && dirtyRef.current && sceneCanvasRef.current) {
        dirtyRef.current = false;
        fitCanvas(sceneCanvasRef.current, size.width, size.height);
        const sctx = sceneCanvasRef.current.getContext('2d');
        if (sctx) big.draw(sctx, camera, dpr);
      }
      const ctx = canvas.getContext('2d');
      if (ctx) drawTraffic(ctx, view, frames.latest, pulsesRef.current, dpr, now, outlineRef.current, camera, ringRef.current);
      canvas.dataset.dots = String((frames.latest?.dots.length ?? 0) / DOT_STRIDE);
      canvas.dataset.ringed = ringedDots(frames.latest, view, camera);
    };
    paintRef.current = () => {
      if (!raf) raf = requestAnimationFrame(paint);
    };
    // Every frame's fast traffic is counted, even when several frames share one paint.
    const unsubscribe = frames.subscribe((frame) => {
      if (pulsesRef.current) feedPulses(pulsesRef.current, frame.passed, frame.simTime, performance.now());
      ratesRef.current.sample(frame);
      paintRef.current();
    });
    // The window moved to a screen with another pixel ratio: redraw the canvas sharp.
    let dprQuery: MediaQueryList | null = null;
    const onDpr = () => {
      dprQuery?.removeEventListener('change', onDpr);
      dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      dprQuery.addEventListener('change', onDpr);
      dirtyRef.current = true;
      paintRef.current();
    };
    onDpr();
    paintRef.current();
    return () => {
      dprQuery?.removeEventListener('change', onDpr);
      unsubscribe();
      cancelAnimationFrame(raf);
      clearTimeout(trailing);
    };
  }, [frames, size]);

  useEffect(() => {
    const svg = svgRef.current;
    const box = boxRef.current;
    if (!svg || !box || !size || size.width < 10 || size.height < 10) return;
    if (!topology) {
      ratesRef.current.clear();
      svg.replaceChildren();
      sceneRef.current = null;
      bigRef.current = null;
      viewRef.current = null;
      pulsesRef.current = null;
      delete box.dataset.drawn;
      return;
    }
    const newTopology = drawnTopologyRef.current !== topology;
    if (newTopology) cameraRef.current?.reset();
    if (large) {
      delete box.dataset.captions;
      svg.replaceChildren();
      sceneRef.current = null;
      // Folded for presenter mode, the tiles are few and large: the last column's titles (14 px,
      // wider than a tile of one node) get room at the right rather than being cut by the edge.
      const titleRoom = fold === 'groups' ? Math.min(160, 8 * (5 + Math.max(0, ...topology.nodes.map((n) => n.name.length)))) : 0;
      const layout = computeGroupLayout(topology, size.width - titleRoom, size.height);
      placeGroupNodes(layout, topology.nodes.map((n) => n.name), topology.edges, positions);
      const prev = bigRef.current;
      const scene = createCanvasTopology(topology, layout, { presenter });
      // Redrawn for a new size, the same run keeps its hidden groups.
      if (!newTopology && prev) layout.groups.forEach((g) => scene.setHidden(g.index, prev.isHidden(g.index)));
      bigRef.current = scene;
      scene.updateLoad(frames.latest?.nodes ?? null);
      const lines = groupPulseLines(layout);
      // The scene draws each edge once a cell spans DETAIL_PX (renderCanvasTopology); so do the pulses.
      const groupPulses = (k: number) => (Cell.step * layout.scale * k >= 18 ? null : lines);
      viewRef.current = { lanes: layout.lanes, base: layout, dotScale: 0.4, minDotPx: 1.5, hiddenEdges: scene.hiddenEdges, straight: true, groupPulses };
      if (newTopology || !prev) {
        setGroups(layout.groups.map((g) => ({ index: g.index, name: g.name, mesh: g.mesh, size: g.members.length })));
        setHidden(new Set());
      }
    } else {
      const wasBig = bigRef.current !== null;
      bigRef.current = null;
      // Redrawn for a new size, the same run keeps its control planes' pulse counts.
      const carried = !newTopology ? sceneRef.current?.controlState() : undefined;
      const kept = keptFit(fitLockRef.current, box, size, topology, unfolded, presenter, cameraRef.current?.camera.k ?? 1);
      if (!kept) fitLockRef.current = null;
      const minScale = presenter ? floor.minScale : keepReadable ? INSPECTOR_MIN_SCALE : undefined;
      const layout = computeLayout(topology, size.width, size.height, { positions, unfolded: shownUnfolded, minScale, presenter, fit: kept, focus });
      // Bare boxes (compact.css) when captions would be too small to read.
      if (layout.captionless) box.dataset.captions = 'none';
      else delete box.dataset.captions;
      const scene = renderTopology(svg, layout, carried);
      sceneRef.current = scene;
      scene.updateLoad(frames.latest?.nodes ?? null);
      scene.setCamera(cameraRef.current?.camera ?? IDENTITY_CAMERA);
      viewRef.current = { lanes: scene.lanes, base: scene.layout };
      if (newTopology || wasBig) setGroups([]);
    }
    if (newTopology) setSearchResult(null);
    drawnTopologyRef.current = topology;
    if (pulsesRef.current?.level.length !== topology.edges.length * PASSED_STRIDE) {
      pulsesRef.current = createPulses(topology.edges.length);
    }
    box.dataset.drawn = scenarioName;
    box.dataset.view = large ? 'canvas' : 'svg';
    dirtyRef.current = true;
    paintRef.current();
  }, [topology, size, frames, large, scenarioName, positions, unfolded, shownUnfolded, presenter, fitNonce, fold, keepReadable, focus, floor]);

  // The dots' outline follows the theme (App applies it to <html> in its own effect first).
  useEffect(() => {
    requestAnimationFrame(() => {
      outlineRef.current = dotOutline();
      ringRef.current = getComputedStyle(document.documentElement).getPropertyValue('--ink').trim() || '#0f172a';
      dirtyRef.current = true;
      paintRef.current();
    });
  }, [theme]);

  // Figures of another topology's edges mean nothing here.
  useEffect(() => ratesRef.current.clear(), [topology]);

  // After the drawing, so a redrawn topology keeps the step's highlight.
  useEffect(() => {
    sceneRef.current?.highlight(highlight);
    bigRef.current?.highlight(highlight);
    dirtyRef.current = true;
    paintRef.current();
  }, [highlight, topology, size, positions, unfolded, presenter]);

  useEffect(() => {
    const faults = faultKey ? faultKey.split('\u0001').map((k) => ({ type: k.split('\u0000')[0], target: k.split('\u0000')[1] })) : [];
    sceneRef.current?.showFaults(faults);
    bigRef.current?.showFaults(faults);
    dirtyRef.current = true;
    paintRef.current();
  }, [faultKey, topology, size, positions, unfolded, presenter]);

  // Nodes drag in either view; a press elsewhere still pans.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !topology) return;
    const local = (e: PointerEvent) => {
      const r = box.getBoundingClientRect();
      return { sx: e.clientX - r.left, sy: e.clientY - r.top };
    };
    const base = () => bigRef.current?.layout ?? sceneRef.current?.layout ?? null;
    const toDesign = (e: PointerEvent) => {
      const { sx, sy } = local(e);
      return screenToDesign(sx, sy, cameraRef.current?.camera ?? IDENTITY_CAMERA, base() ?? { scale: 1, tx: 0, ty: 0 });
    };
    let moved: NodePositions = {};
    const detach = attachNodeDrag(box, {
      pick(e) {
        moved = handPlacedRef.current;
        const big = bigRef.current;
        if (big) {
          // On the canvas, a node is picked only where its own mark is drawn (zoomed in).
          const l = big.layout;
          const c = cameraRef.current?.camera ?? IDENTITY_CAMERA;
          if (Cell.step * l.scale * c.k < 12) return null;
          const p = toDesign(e);
          const half = Cell.size / 2 + 2;
          for (const n of topology.nodes) {
            const g = l.groupOf[n.id];
            if (g >= 0 && big.isHidden(g)) continue;
            if (Math.abs(l.x[n.id] - p.x) <= half && Math.abs(l.y[n.id] - p.y) <= half) return { name: n.name, x: l.x[n.id], y: l.y[n.id] };
          }
          return null;
        }
        const el = (e.target as Element | null)?.closest?.('[data-node]');
        const name = el?.getAttribute('data-node');
        const l = sceneRef.current?.layout;
        const placed = name ? l?.nodes.find((p) => p.node.name === name) : undefined;
        if (!placed || !l) return null;
        // From here on the drawing keeps this fit: only the dragged node moves.
        const f = fitLockRef.current;
        if (!f || f.topology !== topology) {
          const r = box.getBoundingClientRect();
          fitLockRef.current = { topology, width: l.width, height: l.height, left: r.left, top: r.top, unfolded: unfoldedRef.current, presenter: presenterRef.current, fit: { scale: l.scale, tx: l.tx, ty: l.ty } };
        }
        return { name: placed.node.name, x: placed.x, y: placed.y };
      },
      toDesign,
      move(name, x, y) {
        moved = withPosition(moved, name, x, y);
        // The SVG drawing moves in place, with the fit kept; the drop draws it all again.
        const scene = sceneRef.current;
        const lock = fitLockRef.current;
        if (scene && lock && !bigRef.current) {
          const l = scene.layout;
          const opts = { positions: { ...filePositionsRef.current, ...moved }, unfolded: unfoldedRef.current, minScale: presenterRef.current ? floorRef.current.minScale : undefined, presenter: presenterRef.current, fit: lock.fit };
          scene.moveNodes(computeLayout(topology, l.width, l.height, opts));
          paintRef.current();
          return;
        }
        placeByHandRef.current(moved, false);
      },
      end(name, x, y) {
        moved = withPosition(moved, name, x, y);
        placeByHandRef.current(moved, true);
      },
    });
    return detach;
  }, [topology, scenarioName]);

  // Unfolded services show each replica's own figures, asked of the worker while shown.
  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene || shownUnfolded.size === 0) return;
    return attachReplicaCards(boxRef.current!, scene.layout);
  }, [topology, size, positions, shownUnfolded, presenter, large]);

  const setGroupHidden = (indices: number[], hide: boolean) => {
    const next = new Set(hidden);
    for (const i of indices) {
      if (hide) next.add(i);
      else next.delete(i);
      bigRef.current?.setHidden(i, hide);
    }
    setHidden(next);
    dirtyRef.current = true;
    paintRef.current();
  };

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (!topology || !size) return;
    const node = findNode(topology.nodes, query);
    if (!node) {
      setSearchResult({ text: `no node named "${query.trim()}"`, miss: true });
      sceneRef.current?.setFound(null);
      bigRef.current?.setFound(null);
      return;
    }
    const big = bigRef.current;
    const camera = cameraRef.current;
    if (big) {
      const l = big.layout;
      const g = l.groupOf[node.id];
      if (g >= 0 && big.isHidden(g)) setGroupHidden([g], false);
      big.setFound(node.id);
      camera?.centreOn(l.tx + l.scale * l.x[node.id], l.ty + l.scale * l.y[node.id], FOUND_CELL_PX / (Cell.step * l.scale), size.width, size.height);
      setSearchResult({ text: `${node.name}, in group ${g >= 0 ? l.groups[g].name : '—'}`, miss: false });
    } else if (sceneRef.current) {
      const l = sceneRef.current.layout;
      const p = l.nodes.find((x) => x.node.id === node.id);
      sceneRef.current.setFound(node.name);
      if (p) camera?.centreOn(l.tx + l.scale * p.x, l.ty + l.scale * p.y, Math.max(1.5, camera.camera.k), size.width, size.height);
      setSearchResult({ text: node.name, miss: false });
    }
    dirtyRef.current = true;
    paintRef.current();
  };

  // A click on a small group tile opens it: the camera zooms until the tile fills the view.
  const onStageClick = (e: MouseEvent<HTMLDivElement>) => {
    // A click on a moving dot (not on a node) opens its request, paused or playing.
    if (!(e.target as Element).closest?.('[data-node]')) {
      const r = e.currentTarget.getBoundingClientRect();
      const hit = dotAt(frames.latest, viewRef.current, cameraRef.current?.camera ?? IDENTITY_CAMERA, e.clientX - r.left, e.clientY - r.top);
      // On a busy link dots cover the line: an unsampled dot (no waterfall to show) yields to
      // the link under it, so the link can still be picked; a ringed one opens its request.
      const onLink = (e.target as Element).closest?.('[data-edge]') != null;
      // In the canvas view a node's square is under the dots too: it wins over an unsampled dot.
      const onNode = bigRef.current !== null && canvasNodeAt(bigRef.current, cameraRef.current?.camera ?? IDENTITY_CAMERA, e.clientX - r.left, e.clientY - r.top) !== null;
      if (hit && (hit.sampled || !(onLink || onNode))) {
        const edge = topology?.edges[hit.edge];
        const name = (id: number) => topology?.nodes.find((n) => n.id === id)?.name ?? String(id);
        void openDotRequest(hit, edge ? `${name(edge.from)} → ${name(edge.to)}` : `link ${hit.edge}`);
        return;
      }
    }
    const folding = (e.target as Element).closest?.('[data-node]')?.getAttribute('data-node');
    const folded = folding ? topology?.nodes.find((n) => n.name === folding) : undefined;
    if (folded && canUnfold(folded) && !document.querySelector('[data-testid="inspector"]') && !bigRef.current) {
      toggleUnfolded(scenarioName, folded.name);
      return;
    }
    const big = bigRef.current;
    const camera = cameraRef.current;
    if (!big || !camera || !size) return;
    const r = e.currentTarget.getBoundingClientRect();
    const c = camera.camera;
    const l = big.layout;
    const x = ((e.clientX - r.left - c.x) / c.k - l.tx) / l.scale;
    const y = ((e.clientY - r.top - c.y) / c.k - l.ty) / l.scale;
    const g = big.groupAt(x, y);
    // Zoomed in far enough to open the tile: a node or link under the pointer is selected.
    const select = () => {
      const picked = big.pickAt(x, y, 5 / (c.k * l.scale));
      if (picked) void openInspector(picked);
    };
    if (g < 0) return select();
    const tile = l.groups[g];
    const k = 0.8 * Math.min(size.width / (tile.w * l.scale), size.height / (tile.h * l.scale));
    if (k <= c.k * 1.05) return select();
    camera.centreOn(l.tx + l.scale * (tile.x + tile.w / 2), l.ty + l.scale * (tile.y + tile.h / 2), k, size.width, size.height);
  };

  const meshes = [...new Set(groups.map((g) => g.mesh))];
  return (
    <section className="topology" aria-label="Topology and traffic">
      <Legend />
      <div
        className="topology-stage"
        ref={boxRef}
        onClick={onStageClick}
        // A group tile's full title (its drawn one may be shortened to fit), as a tooltip.
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const tip = bigRef.current?.titleAt(e.clientX - r.left, e.clientY - r.top) ?? '';
          if (e.currentTarget.title !== tip) e.currentTarget.title = tip;
        }}
      >
        <svg data-testid="topology" ref={svgRef} role="img" aria-label={title ? `Topology of ${title}` : 'Topology'} />
        <canvas
          className="topo-scene"
          data-testid="topology-canvas"
          ref={sceneCanvasRef}
          hidden={!large}
          role="img"
          aria-label={title ? `Topology of ${title}, ${topology?.nodes.length ?? 0} nodes in ${groups.length} groups` : 'Topology'}
        />
        <canvas data-testid="traffic" ref={canvasRef} aria-hidden="true" />
      </div>
      <div className="topo-tools">
        {fold !== 'all' && (
          <span
            className="topo-fold-note"
            data-testid="presenter-fold"
            data-fold={fold}
            role="status"
            title={`Presenter mode keeps node text at ${floor.px} px or more: what cannot fit at that size is folded rather than cut off. Zoom in, or leave presenter mode, to see every node.`}
          >
            {fold === 'groups' ? `drawn as ${groups.length} group tiles for ${floor.px} px text` : `replicas folded for ${floor.px} px text`}
          </span>
        )}
        {searchResult && (
          <span className={`topo-search-result${searchResult.miss ? ' topo-search-miss' : ''}`} data-testid="node-search-result" role="status">
            {searchResult.text}
          </span>
        )}
        <form className="topo-search" onSubmit={search} role="search">
          <input
            data-testid="node-search"
            type="search"
            placeholder="Find a node by name"
            aria-label="Find a node by name"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="button button-quiet button-small">
            Find
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            data-testid="zoom-reset"
            title="Back to the whole picture"
            onClick={() => {
              cameraRef.current?.reset();
              // Beside the inspector the drawing is kept readable: Fit shows it whole after all.
              if (keepReadable) setFitAllFor(inspectKey);
              // Dragged nodes may lie outside the kept fit: fit the whole drawing again.
              if (fitLockRef.current) {
                fitLockRef.current = null;
                setFitNonce((n) => n + 1);
              }
            }}
          >
            Fit
          </button>
          {Object.keys(handPlaced).length > 0 && (
            <button
              type="button"
              className="button button-quiet button-small"
              data-testid="layout-reset"
              title="Put the nodes you dragged back where the layout puts them"
              onClick={() => {
                fitLockRef.current = null;
                placeByHand({}, true);
              }}
            >
              Reset layout
            </button>
          )}
        </form>
        {large && groups.length > 0 && (
          <details
            className="topo-groups"
            data-testid="groups"
            // Escape folds the list away, as it closes other panels, so it stops covering the canvas.
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.currentTarget.open = false;
                e.stopPropagation();
              }
            }}
          >
            <summary>
              Groups ({groups.length - hidden.size} of {groups.length} shown)
            </summary>
            <ul>
              {meshes.map((mesh) => {
                const members = groups.filter((g) => g.mesh === mesh);
                const allHidden = members.every((g) => hidden.has(g.index));
                return (
                  <li key={mesh ?? ''}>
                    <label>
                      <input
                        type="checkbox"
                        data-testid="mesh-toggle"
                        data-mesh={mesh ?? ''}
                        checked={!allHidden}
                        onChange={(e) => setGroupHidden(members.map((g) => g.index), !e.target.checked)}
                      />
                      {mesh === null ? 'outside every mesh' : mesh === 'mesh' ? 'service mesh' : `mesh ${mesh}`}
                    </label>
                    <ul>
                      {members.map((g) => (
                        <li key={g.index}>
                          <label>
                            <input
                              type="checkbox"
                              data-testid="group-toggle"
                              data-group={g.name}
                              checked={!hidden.has(g.index)}
                              onChange={(e) => setGroupHidden([g.index], !e.target.checked)}
                            />
                            {g.name} ({g.size})
                          </label>
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
}


/**
 * What presenter mode folds so its node text stays at 14 px or more (`minScale`, the
 * PresenterFloor: PRESENTER_MIN_SCALE in the single view, issue 11 item 8; 12 px in a compare
 * pane) without cutting the picture off at the stage's edge: 'all' when the SVG
 * drawing fits the stage at that scale as it is (and outside presenter mode, and for a
 * topology drawn as group tiles anyway), 'replicas' when it fits once unfolded replicas fold
 * back into their service, else 'groups': the nodes fold into group tiles by mesh and name
 * family (the canvas view). Recomputed when the stage's size or the drawing changes.
 */
function usePresenterFold(
  presenter: boolean,
  topology: ScenarioInfo['topology'] | null,
  size: { width: number; height: number } | null,
  positions: NodePositions,
  unfolded: ReadonlySet<string>,
  minScale: number,
): 'all' | 'replicas' | 'groups' {
  return useMemo(() => {
    if (!presenter || !topology || !size || size.width < 10 || size.height < 10 || topology.nodes.length > LARGE_TOPOLOGY_NODES) return 'all';
    const fits = (u: ReadonlySet<string>) => computeLayout(topology, size.width, size.height, { positions, unfolded: u, presenter: true }).scale >= minScale;
    if (fits(unfolded)) return 'all';
    return unfolded.size > 0 && fits(NO_UNFOLDED) ? 'replicas' : 'groups';
  }, [presenter, topology, size, positions, unfolded, minScale]);
}

/**
 * The nodes the drawing keeps in view for what the inspector shows: a node, a link's two ends;
 * none for a request or nothing (the drawing's middle stays centred). Pure.
 */
function focusOf(target: InspectTarget | null, topology: ScenarioInfo['topology']): number[] | undefined {
  if (target?.kind === 'node') return [target.id];
  if (target?.kind === 'edge') {
    const e = topology.edges.find((x) => x.id === target.id);
    return e ? [e.from, e.to] : undefined;
  }
  return undefined;
}
