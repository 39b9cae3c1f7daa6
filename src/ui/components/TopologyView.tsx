// The topology picture: for a small topology an SVG drawn by renderTopology, for a large one
// (more than LARGE_TOPOLOGY_NODES nodes) a canvas of group tiles drawn by renderCanvasTopology;
// over either, a canvas of moving dots. A camera (d3-zoom) pans and zooms both without
// redrawing the scene's structure. React only mounts them and reacts to a new topology or a
// resize; frames reach the canvases through the frame channel, outside React renders.
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { PASSED_STRIDE } from '../../workers/protocol';
import { computeLayout } from '../topology/layout';
import { INSPECTOR_MIN_SCALE, type NodePositions } from '../topology/layoutTypes';
import { PresenterFloorContext } from '../topology/presenterFloor';
import { READABLE_FOLD_SCALE, READABLE_NAME_PX, READABLE_WINDOW_QUERY, wantsLargeText, wantsReadableFold } from '../topology/readableText';
import { WheelZoomContext } from './wheelZoom';
import { placeGroupNodes } from '../topology/drag';
import { layoutStore, overridesOf, setOverrides, unfoldedOf } from '../topology/layoutStore';
import { attachReplicaCards } from '../topology/replicaCards';
import { useStore } from 'zustand';
import { renderTopology, type TopologyScene } from '../topology/renderTopology';
import { computeGroupLayout, Cell, LARGE_TOPOLOGY_NODES } from '../topology/groupLayout';
import { createCanvasTopology, type CanvasTopologyScene } from '../topology/renderCanvasTopology';
import { attachCamera, IDENTITY_CAMERA, type CameraControl } from '../topology/camera';
import { findNode, nodeMeant } from '../topology/findNode';
import type { TrafficView } from '../traffic/drawTraffic';
import { groupPulseLines } from '../traffic/groupPulses';
import { createPulses, type Pulses } from '../traffic/pulses';
import { useAppStore, useServices } from '../state/useAppStore';
import { RunStatus } from '../state/store';
import { stepAt } from '../narrative/steps';
import { createEdgeRates } from '../topology/edgeRates';
import { dotOutline } from '../theme/theme';
import { Legend } from './Legend';
import { useNodeDrag, type FitLock } from './useNodeDrag';
import { useStagePainter } from './useStagePainter';
import { stageClick } from './stageClick';
import { TopologyTools, type GroupEntry, type SearchResult } from './TopologyTools';
import { focusOf, keptFit, NO_UNFOLDED, usePresenterFold } from './topologyFit';
import { inspectorStore } from '../inspector/inspectorStore';
import { failureOrigin } from '../inspector/why';
import '../topology/scale.css';
import '../topology/compact.css';
import { useMatchMedia } from './useMatchMedia';

const NO_HIGHLIGHT: readonly string[] = [];
const NO_POSITIONS: NodePositions = {};

/** Zoom at which a found node's cell spans this many CSS pixels. */
const FOUND_CELL_PX = 44;

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
  // Parsed once a set; the drawing applies the latest to each scene it makes (refs below).
  const faults = useMemo(() => (faultKey ? faultKey.split('\u0001').map((k) => ({ type: k.split('\u0000')[0], target: k.split('\u0000')[1] })) : []), [faultKey]);
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
  const presenterMode = useAppStore((s) => s.presenter);
  // What every new scene shows from its first paint: a redraw for a reason the fault and highlight
  // effects do not list (a picked request's focus, Fit, the large text) made a scene without them,
  // and catalog's "⚡ HTTP errors" vanished while its failed request was being read.
  const faultsRef = useRef(faults);
  faultsRef.current = faults;
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  const outlineRef = useRef('#ffffff');
  const ringRef = useRef('#0f172a');
  const paintRef = useRef<() => void>(() => {});
  const [size, setSize] = useState<{ width: number; height: number; readHeight: number } | null>(null);
  // Names at 14 px in the single view, 12 px in a compare pane (presenterFloor.ts).
  const floor = useContext(PresenterFloorContext);
  const floorRef = useRef(floor);
  floorRef.current = floor;
  const [groups, setGroups] = useState<GroupEntry[]>([]);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [query, setQuery] = useState('');
  const [searchResult, setSearchResult] = useState<SearchResult | null>(null);
  /**
   * The fit the SVG drawing had when a node was picked up: kept while and after the drag, so
   * the rest of the picture never moves and the node stays under the pointer. A new topology,
   * size, unfolding or presenter mode, "Fit" and "Reset layout" fit the drawing again.
   */
  const fitLockRef = useRef<FitLock | null>(null);
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
  const keepReadable = inspectorOpen && !presenterMode && fitAllFor !== inspectKey;
  const narrow = useMatchMedia(READABLE_WINDOW_QUERY);
  // Outside presenter mode, a picture that presenter mode's text cannot draw whole with names of
  // 10 px or more folds as presenter mode folds, at that floor (readableText.ts), and says so.
  const readableFold = useMemo(
    () => narrow && !presenterMode && !keepReadable && unfolded.size === 0 && topology !== null && topology.nodes.length <= LARGE_TOPOLOGY_NODES && size !== null && size.width >= 10 && size.height >= 10 && wantsReadableFold(topology, size.width, size.readHeight, { positions, unfolded }),
    [narrow, presenterMode, keepReadable, topology, size, positions, unfolded],
  );
  // Whether to fold is judged on the stage's height under one row of tools (readHeight), as the
  // readable-text rule is: not on what the open legend's list takes. Judged on the stage's own
  // height, partial-adoption in presenter mode at 1024x768 (545 px; 472 needed) folded into nine
  // one-node group tiles whenever the legend was open (467 px), a choice the browser keeps, and
  // was drawn whole when not: two outcomes for one window.
  const foldSize = useMemo(() => (size ? { width: size.width, height: size.readHeight } : null), [size]);
  // A compare pane tries presenter mode's own columns, then a small picture whole below its floor, before folding (PresenterFloor.fitBeforeFold).
  const drawing = usePresenterFold(presenterMode || readableFold, topology, foldSize, positions, unfolded, presenterMode ? floor.minScale : READABLE_FOLD_SCALE, !presenterMode || floor.roomy, presenterMode && floor.fitBeforeFold);
  const fold = drawing.fold;
  const foldPx = presenterMode ? floor.px : READABLE_NAME_PX;
  // Replicas folded back into their service when presenter mode needs the room.
  const shownUnfolded = fold === 'all' ? unfolded : NO_UNFOLDED;
  const large = topology !== null && (topology.nodes.length > LARGE_TOPOLOGY_NODES || fold === 'groups');
  // Outside presenter mode, a picture whose names would be under 10 px takes presenter mode's
  // text and geometry when that draws them larger (readableText.ts): `presenter` below is the
  // drawing's geometry, presenter mode's or this; this one's columns are further apart (`roomy`,
  // PresenterSize.gapXRoomy) so the presenter-size link labels fit between the boxes.
  const largeText = useMemo(
    () => narrow && !presenterMode && !keepReadable && unfolded.size === 0 && !large && topology !== null && size !== null && size.width >= 10 && size.height >= 10 && wantsLargeText(topology, size.width, size.height, { positions, unfolded: shownUnfolded }),
    [narrow, presenterMode, keepReadable, large, topology, size, positions, shownUnfolded],
  );
  const presenter = presenterMode || largeText;
  const presenterRef = useRef(presenter);
  presenterRef.current = presenter;
  // Columns with room for presenter-size link labels: the large text's, and a compare pane's.
  const roomy = largeText || (presenterMode && floor.roomy && drawing.roomy);
  const roomyRef = useRef(roomy);
  roomyRef.current = roomy;
  // Keyed by what is inspected, not the target object (the store sets a new one on each refresh).
  // A failed request keeps where its failure began in view: keyed by that place, not the trace
  // object (a new one on each refresh).
  const inspectTrace = useStore(inspectorStore, (s) => (s.target?.kind === 'request' ? s.trace : null));
  const origin = useMemo(() => (inspectTrace ? failureOrigin(inspectTrace) : null), [inspectTrace]);
  const originKey = origin ? `${origin.node}|${origin.link ?? ''}` : '';
  const focus = useMemo(() => (keepReadable && topology ? focusOf(inspectTarget, topology, origin) : undefined), [keepReadable, inspectKey, topology, originKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useLayoutEffect(() => {
    const box = boxRef.current!;
    const measure = () => {
      const r = box.getBoundingClientRect();
      const width = Math.floor(r.width);
      const height = Math.floor(r.height);
      // The stage's height under one row of tools (the legend button's): a fold's note and group
      // list wrap the tools to a second row, and the readable-text rule is judged without it, so
      // a picture it folded is not kept folded by the room its own note takes.
      const parent = box.parentElement?.getBoundingClientRect();
      const bar = box.parentElement?.querySelector('.legend-bar')?.getBoundingClientRect();
      const readHeight = Math.max(height, Math.floor(parent && bar ? parent.height - bar.height : 0));
      setSize((s) => (s && s.width === width && s.height === height && s.readHeight === readHeight ? s : { width, height, readHeight }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  // The camera: moving it redraws, nothing is laid out again. In a compare pane the wheel
  // zooms only with Ctrl or ⌘ (wheelZoom.ts).
  const wheel = useContext(WheelZoomContext);
  useEffect(() => {
    const box = boxRef.current!;
    const control = attachCamera(
      box,
      (camera) => {
        box.dataset.zoom = camera.k.toFixed(2);
        sceneRef.current?.setCamera(camera);
        dirtyRef.current = true;
        paintRef.current();
      },
      wheel,
    );
    cameraRef.current = control;
    return () => control.detach();
  }, [wheel]);

  // The painter: draws the latest frame's dots every time, the figures throttled while playing.
  const painterRefs = useMemo(
    () => ({ canvasRef, sceneCanvasRef, viewRef, cameraRef, bigRef, sceneRef, dirtyRef, ratesRef, pulsesRef, outlineRef, ringRef, paintRef, playing: () => store.getState().status === RunStatus.playing }),
    [store],
  );
  useStagePainter(frames, size, painterRefs);
  // Play starting or stopping changes the lanes' glow (wall-time glow, or the moment's): repaint.
  const status = useStore(store, (s) => s.status);
  useEffect(() => paintRef.current(), [status]);

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
      delete box.dataset.text;
      svg.replaceChildren();
      sceneRef.current = null;
      // Folded for presenter mode, the tiles are few and large: the last column's titles (14 px,
      // wider than a tile of one node) get room at the right rather than being cut by the edge.
      const titleRoom = fold === 'groups' ? Math.min(160, 8 * (5 + Math.max(0, ...topology.nodes.map((n) => n.name.length)))) : 0;
      const layout = computeGroupLayout(topology, size.width - titleRoom, size.height);
      placeGroupNodes(layout, topology.nodes.map((n) => n.name), topology.edges, positions);
      const prev = bigRef.current;
      const scene = createCanvasTopology(topology, layout, { presenter: presenter || fold === 'groups' });
      // Redrawn for a new size, the same run keeps its hidden groups.
      if (!newTopology && prev) layout.groups.forEach((g) => scene.setHidden(g.index, prev.isHidden(g.index)));
      bigRef.current = scene;
      scene.updateLoad(frames.latest?.nodes ?? null);
      scene.showFaults(faultsRef.current);
      scene.highlight(highlightRef.current);
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
      // A picture drawn whole below the floor fits the stage, not the floor (it would be cut).
      const minScale = presenterMode ? (drawing.belowFloor ? undefined : floor.minScale) : keepReadable ? INSPECTOR_MIN_SCALE : undefined;
      const layout = computeLayout(topology, size.width, size.height, { positions, unfolded: shownUnfolded, minScale, presenter, roomy, fit: kept, focus });
      if (largeText) box.dataset.text = 'large';
      else delete box.dataset.text;
      // Bare boxes (compact.css) when captions would be too small to read.
      if (layout.captionless) box.dataset.captions = 'none';
      else delete box.dataset.captions;
      const scene = renderTopology(svg, layout, carried);
      sceneRef.current = scene;
      scene.updateLoad(frames.latest?.nodes ?? null);
      scene.showFaults(faultsRef.current);
      scene.highlight(highlightRef.current);
      scene.setCamera(cameraRef.current?.camera ?? IDENTITY_CAMERA);
      viewRef.current = { lanes: scene.lanes, base: scene.layout, holes: scene.labelHoles };
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
  }, [topology, size, frames, large, scenarioName, positions, unfolded, shownUnfolded, presenter, presenterMode, largeText, roomy, fitNonce, fold, keepReadable, focus, floor, drawing.belowFloor]);

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

  // A new step's highlight and a new set of faults on the scene drawn; a scene drawn anew takes both itself.
  useEffect(() => {
    sceneRef.current?.highlight(highlight);
    bigRef.current?.highlight(highlight);
    dirtyRef.current = true;
    paintRef.current();
  }, [highlight]);

  useEffect(() => {
    sceneRef.current?.showFaults(faults);
    bigRef.current?.showFaults(faults);
    dirtyRef.current = true;
    paintRef.current();
  }, [faults]);

  // Nodes drag in either view; a press elsewhere still pans.
  const dragRefs = useMemo(() => ({ boxRef, bigRef, sceneRef, cameraRef, fitLockRef, handPlacedRef, filePositionsRef, unfoldedRef, presenterRef, roomyRef, floorRef, placeByHandRef, paintRef }), []);
  useNodeDrag(topology, scenarioName, dragRefs);

  // Unfolded services show each replica's own figures, asked of the worker while shown.
  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene || shownUnfolded.size === 0) return;
    return attachReplicaCards(boxRef.current!, scene.layout, () => {
      const s = store.getState();
      return { status: s.status, seq: s.stats.seq, info: s.info };
    });
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
    searchFor(query);
  };

  /** Finds the node `q` names and centres the view on it, or says none does and which name was likely meant (a click away). */
  const searchFor = (q: string) => {
    if (!topology || !size) return;
    const node = findNode(topology.nodes, q);
    if (!node) {
      setSearchResult({ text: `no node named "${q.trim()}"`, miss: true, nearest: nodeMeant(topology.nodes, q) });
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

  const onStageClick = (e: MouseEvent<HTMLDivElement>) => stageClick(e, { latest: frames.latest, view: viewRef.current, camera: cameraRef.current, big: bigRef.current, topology, scenarioName, size });

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
      <TopologyTools
        fold={fold}
        floorPx={foldPx}
        presenter={presenterMode}
        groups={groups}
        hidden={hidden}
        large={large}
        searchResult={searchResult}
        onSuggestion={(name) => {
          setQuery(name);
          searchFor(name);
        }}
        query={query}
        setQuery={setQuery}
        onSearch={search}
        onFit={() => {
          cameraRef.current?.reset();
          // Beside the inspector the drawing is kept readable: Fit shows it whole after all.
          if (keepReadable) setFitAllFor(inspectKey);
          // Dragged nodes may lie outside the kept fit: fit the whole drawing again.
          if (fitLockRef.current) {
            fitLockRef.current = null;
            setFitNonce((n) => n + 1);
          }
        }}
        onResetLayout={
          Object.keys(handPlaced).length > 0
            ? () => {
                fitLockRef.current = null;
                placeByHand({}, true);
              }
            : null
        }
        setGroupHidden={setGroupHidden}
      />
    </section>
  );
}

