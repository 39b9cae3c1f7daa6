// The topology picture: for a small topology an SVG drawn by renderTopology, for a large one
// (more than LARGE_TOPOLOGY_NODES nodes) a canvas of group tiles drawn by renderCanvasTopology;
// over either, a canvas of moving dots. A camera (d3-zoom) pans and zooms both without
// redrawing the scene's structure. React only mounts them and reacts to a new topology or a
// resize; frames reach the canvases through the frame channel, outside React renders.
import { useContext, useEffect, useMemo, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import { PresenterFloorContext } from '../topology/presenterFloor';
import { WheelZoomContext } from './wheelZoom';
import { attachReplicaCards } from '../topology/replicaCards';
import type { TopologyScene } from '../topology/renderTopology';
import type { CanvasTopologyScene } from '../topology/canvasScene';
import { attachCamera, IDENTITY_CAMERA, type CameraControl } from '../topology/camera';
import type { TrafficView } from '../traffic/drawTraffic';
import type { Pulses } from '../traffic/pulses';
import { useAppStore, useServices } from '../state/useAppStore';
import { RunStatus } from '../state/store';
import { createEdgeRates } from '../topology/edgeRates';
import { dotOutline } from '../theme/theme';
import { Legend } from './Legend';
import { useNodeDrag, type FitLock } from './useNodeDrag';
import { useStagePainter } from './useStagePainter';
import { stageClick } from './stageClick';
import { useMissExpiry } from './useMissExpiry';
import { TopologyTools, type GroupEntry, type SearchResult } from './TopologyTools';
import { focusOf } from './topologyFit';
import { inspectorStore } from '../inspector/inspectorStore';
import { failureOrigin } from '../inspector/why';
import { clearStage, drawStage, drawsLater, layOutAhead, loadCanvasView, type LayoutAhead } from './drawStage';
import type { WholeStage } from '../topology/keptPicture';
import { offStage, sameOffStage, type OffStage } from '../topology/offStage';
import { nextTask } from '../sim/nextTask';
import { searchStage } from './searchStage';
import { useHandPlaced } from './useHandPlaced';
import { useStageMode } from './useStageMode';
import { useStageSize } from './useStageSize';
import { useShowMarks, useStageMarks } from './useStageMarks';
import '../topology/scale.css';
import '../topology/compact.css';

/**
 * The topology picture with its legend and tools (find, fit, groups): the stage's scenes are
 * drawn by drawStage from an effect, its dots by useStagePainter, outside React renders.
 */
export function TopologyView() {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const scenarioName = useAppStore((s) => s.info?.name ?? '');
  const title = useAppStore((s) => s.info?.title ?? '');
  const marks = useStageMarks();
  const { faultsRef, highlightRef } = marks;
  const { frames, store } = useServices();
  const { handPlaced, positions, unfolded, handPlacedRef, filePositionsRef, unfoldedRef, placeByHandRef, placeByHand } = useHandPlaced(scenarioName);
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
  // A compare pane's shared scale (compare/paneScale.ts): the picture drawn no larger.
  const scaleCap = useAppStore((s) => s.scaleCap);
  // A share link's rows, for the scenario it opened (drawStage keeps them while they fit).
  const linkColsFor = useAppStore((s) => s.linkCols);
  const linkCols = linkColsFor !== null && linkColsFor.forName === scenarioName ? linkColsFor.cols : null;
  const outlineRef = useRef('#ffffff');
  const ringRef = useRef('#0f172a');
  const paintRef = useRef<() => void>(() => {});
  const size = useStageSize(boxRef);
  // Names at 14 px in the single view, 12 px in a compare pane (presenterFloor.ts).
  const floor = useContext(PresenterFloorContext);
  const floorRef = useRef(floor);
  floorRef.current = floor;
  const [groups, setGroups] = useState<GroupEntry[]>([]);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [query, setQuery] = useState('');
  const [searchResult, setSearchResult] = useState<SearchResult | null>(null);
  // A miss goes when the person acts (types, clicks the picture, Escape) or after a few seconds unheld (trial N12, 6b).
  const clearMiss = () => setSearchResult((r) => (r?.miss ? null : r));
  const holdMiss = useMissExpiry(searchResult?.miss ? searchResult : null, clearMiss);
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
  // Closed, the inspector forgets Fit: opened again on nothing (the same key, ':') it keeps the
  // picture readable, where it drew the narrow stage's fit and kept that as the whole picture.
  useEffect(() => void (!inspectorOpen && setFitAllFor(null)), [inspectorOpen]);
  // The window resized with the inspector open: the picture is laid out for the new room, as Fit
  // does, where it kept the arrangement of the old window's whole stage (session 42).
  const keepNow = useRef({ keepReadable, inspectKey });
  keepNow.current = { keepReadable, inspectKey };
  useEffect(() => {
    let [w, h] = [window.innerWidth, window.innerHeight];
    const onResize = () => {
      if (window.innerWidth === w && window.innerHeight === h) return;
      [w, h] = [window.innerWidth, window.innerHeight];
      if (keepNow.current.keepReadable) setFitAllFor(keepNow.current.inspectKey);
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  /**
   * The stage the picture was last drawn in whole (drawStage's setWhole, read by the next drawing):
   * beside the inspector it keeps that arrangement and text, scaled (keptPicture.ts); `keptCut`:
   * kept so, the nodes past the stage's edges (the tools name them), else null.
   */
  const wholeRef = useRef<WholeStage | null>(null);
  /** The topology whose whole picture had the large text (WholeStage.largeText), else null. */
  const [largeTextFor, setLargeTextFor] = useState<unknown>(null);
  const [keptCut, setKeptCut] = useState<OffStage | null>(null);
  const setWhole = (w: WholeStage | null) => {
    wholeRef.current = w;
    setLargeTextFor(w?.largeText ? w.topology : null);
  };
  const keptLargeText = topology !== null && largeTextFor === topology;
  const largeTextShared = useAppStore((s) => s.largeTextShared);
  const { fold, foldPx, shownUnfolded, large, largeText, wantsLargeText, presenter, roomy, belowFloor } = useStageMode({ topology, size, positions, unfolded, presenterMode, keepReadable, keptLargeText, floor, largeTextShared });
  // Its own wish for the large text, for a compare view to give both panes one geometry (paneScale.ts).
  useEffect(() => void (store.getState().largeTextWanted !== wantsLargeText && store.setState((x) => void (x.largeTextWanted = wantsLargeText))), [store, wantsLargeText]);
  const presenterRef = useRef(presenter);
  presenterRef.current = presenter;
  const roomyRef = useRef(roomy);
  roomyRef.current = roomy;
  // Keyed by what is inspected, not the target object (the store sets a new one on each refresh).
  // A failed request keeps where its failure began in view: keyed by that place, not the trace
  // object (a new one on each refresh).
  const inspectTrace = useStore(inspectorStore, (s) => (s.target?.kind === 'request' ? s.trace : null));
  const origin = useMemo(() => (inspectTrace ? failureOrigin(inspectTrace) : null), [inspectTrace]);
  const originKey = origin ? `${origin.node}|${origin.link ?? ''}` : '';
  const focus = useMemo(() => (keepReadable && topology ? focusOf(inspectTarget, topology, origin) : undefined), [keepReadable, inspectKey, topology, originKey]); // eslint-disable-line react-hooks/exhaustive-deps

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
        // The kept picture panned or zoomed: what lies past the stage's edges now (offStage.ts).
        const scene = sceneRef.current;
        if (scene && box.dataset.kept) {
          const off = offStage(scene.layout, camera);
          box.dataset.kept = off ? 'cut' : 'whole';
          setKeptCut((was) => (sameOffStage(was, off) ? was : off));
        }
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

  const aheadRef = useRef<LayoutAhead | null>(null);
  const stageRefs = useMemo(() => ({ sceneRef, bigRef, viewRef, pulsesRef, ratesRef, cameraRef, fitLockRef, drawnTopologyRef, faultsRef, highlightRef, dirtyRef, paintRef, aheadRef }), []);
  useEffect(() => {
    const svg = svgRef.current;
    const box = boxRef.current;
    if (!svg || !box || !size || size.width < 10 || size.height < 10) return;
    const d = { svg, box, size, topology, scenarioName, latest: frames.latest, large, fold, positions, unfolded, shownUnfolded, presenter, presenterMode, largeText, roomy, keepReadable, focus, floorMinScale: floor.minScale, belowFloor, scaleCap, whole: wholeRef.current, linkCols };
    const setFitScale = (f: number | null) => void (store.getState().fitScale !== f && store.setState((x) => void (x.fitScale = f)));
    const setDrawnCols = (c: number | null) => void (store.getState().drawnCols !== c && store.setState((x) => void (x.drawnCols = c)));
    const draw = () => drawStage(d, stageRefs, { setGroups, setHidden, clearSearch: () => setSearchResult(null), setFitScale, setWhole, setKeptCut, setDrawnCols });
    if (!drawsLater(topology, stageRefs, large)) return draw();
    // A new 1,000-service topology is drawn after the panels' commit, with this render's values
    // (never the last scenario's): its group layout in one task, the scene over it in the next
    // (layOutAhead); a newer render's effect cancels both. The first canvas drawing waits for the
    // canvas view's chunk (loadCanvasView).
    clearStage(d, stageRefs);
    let live = true;
    void (large ? loadCanvasView() : Promise.resolve())
      .then(() => nextTask())
      .then(() => {
        if (live) layOutAhead(d, stageRefs);
        return nextTask();
      })
      .then(() => live && draw());
    return () => void (live = false);
  }, [topology, size, frames, store, large, scenarioName, positions, unfolded, shownUnfolded, presenter, presenterMode, largeText, roomy, fitNonce, fold, keepReadable, focus, floor, belowFloor, scaleCap, linkCols]);

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

  useShowMarks(marks, stageRefs);

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
    const result = searchStage(q, { topology, size, scene: sceneRef.current, big: bigRef.current, camera: cameraRef.current, unhide: (g) => setGroupHidden([g], false) });
    if (result) setSearchResult(result);
    if (result?.miss) return;
    dirtyRef.current = true;
    paintRef.current();
  };

  const onStageClick = (e: MouseEvent<HTMLDivElement>) => {
    clearMiss();
    stageClick(e, { latest: frames.latest, view: viewRef.current, camera: cameraRef.current, big: bigRef.current, topology, scenarioName, size });
  };

  return (
    <section className="topology" aria-label="Topology and traffic">
      <Legend />
      <div
        className="topology-stage"
        ref={boxRef}
        onClick={onStageClick}
        // A group tile's full title (its drawn one may be shortened to fit), as a tooltip; zoomed
        // in, a node's or the lanes' rates under the pointer (laneTip.ts).
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const big = bigRef.current;
          const x = e.clientX - r.left;
          const y = e.clientY - r.top;
          const tip = (big && (big.tipAt(cameraRef.current?.camera ?? IDENTITY_CAMERA, x, y) || big.titleAt(x, y))) || '';
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
        keptCut={keepReadable ? keptCut : null}
        presenter={presenterMode}
        groups={groups}
        hidden={hidden}
        large={large}
        searchResult={searchResult}
        onHoldAnswer={holdMiss}
        onSuggestion={(name) => {
          setQuery(name);
          searchFor(name);
        }}
        onDismiss={() => {
          // As emptying the box: the answer and its mark in the picture go (it drops over the
          // legend's last row when the legend is open; session 36's trial).
          setQuery('');
          setSearchResult(null);
          sceneRef.current?.setFound(null);
          bigRef.current?.setFound(null);
          dirtyRef.current = true;
          paintRef.current();
        }}
        query={query}
        setQuery={(q) => {
          setQuery(q);
          // Typing again: a miss's answer (and its suggestion) was about the last query, not this one.
          if (searchResult?.miss && q.trim() !== '') setSearchResult(null);
          // The box emptied (Escape in a search box, or deleted): what the last search said, and
          // its mark in the picture, go with it, not left over the legend while the run plays.
          if (q.trim() === '' && searchResult) {
            setSearchResult(null);
            sceneRef.current?.setFound(null);
            bigRef.current?.setFound(null);
            dirtyRef.current = true;
            paintRef.current();
          }
        }}
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

