// The inspector: a side panel over the stage's right edge. It shows a node (replicas, proxies,
// certificates, ejections, breakers), a link (rate, latency, failures, tries, connections), or
// one request as a waterfall of its spans. State and worker calls live in inspectorStore; the
// waterfall's geometry comes from layoutWaterfall.
import { lazy, Suspense, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import type { ScenarioInfo } from '../../workers/protocol';
import { followRequests, forgetInspectTarget, inspectorStore, openInspector, topologyKey, type InspectTarget } from '../inspector/inspectorStore';
import { useAppStore } from '../state/useAppStore';
import { InspectorDockContext } from '../inspector/inspectorDock';
import { foundIn } from '../topology/foundNode';
import '../inspector/inspector.css';

type Topology = ScenarioInfo['topology'];

/**
 * The panel's code (figures, waterfall, request list, why a request failed: about 10 KB gzipped)
 * is a chunk of its own, out of the first page's JS (bench:ui's initial JS, < 250 KB), fetched as
 * soon as the shell mounts, so by a first click on Inspect it is almost always in.
 */
type Panel = (typeof import('./InspectorPanel'))['default'];
/** The panel once its chunk has loaded: drawn at once from then on, with no Suspense fallback between a click and the panel. */
let loaded: Panel | null = null;
const loadPanel = () =>
  import('./InspectorPanel').then((m) => {
    loaded = m.default;
    return m;
  });
const LazyPanel = lazy(loadPanel);

/** The panel, drawn at once when its chunk is in; else "Loading the inspector…" for the moment it takes. */
function InspectorPanel({ about }: { about?: ReactNode }) {
  const Loaded = loaded;
  if (Loaded) return <Loaded about={about} />;
  return (
    <Suspense fallback={<PanelLoading />}>
      <LazyPanel about={about} />
    </Suspense>
  );
}

/** Fetches the panel's chunk as the shell mounts, after the first page's own JS (a chunk of its own, not a wait). */
function usePanelEarly(): void {
  useEffect(() => void loadPanel(), []);
}

/** What stands in the panel's place for the moment its code loads. */
function PanelLoading() {
  return (
    <aside className="inspector" data-testid="inspector-loading" aria-label="Inspector" aria-busy="true">
      <p className="muted">Loading the inspector…</p>
    </aside>
  );
}

export function Inspector() {
  const open = useStore(inspectorStore, (s) => s.open);
  // Docked (inspectorDock.ts), the panel is drawn elsewhere; the anchor, and so the clicks it
  // listens to, stay in this stage.
  const dock = useContext(InspectorDockContext);
  const info = useAppStore((s) => s.info);
  const anchor = useRef<HTMLSpanElement>(null);
  usePanelEarly();
  // Another scenario: what was inspected is forgotten, not shown as whatever bears its id there
  // (the picker, the faults panel's "for ..." and the drawing's centring all read the target).
  const shape = useMemo(() => (info ? topologyKey(info.topology) : null), [info]);
  const shapeRef = useRef(shape);
  useEffect(() => {
    if (shape === null) return;
    if (shapeRef.current !== null && shapeRef.current !== shape) forgetInspectTarget();
    shapeRef.current = shape;
  }, [shape]);
  // While the panel is open, a click (not a drag) on a node or a link of the drawn topology
  // shows it here. (Closed, clicks stay the topology's own: folding replicas, opening groups.)
  // The topology marks them with data-node="name" and data-edge="from->to".
  useEffect(() => {
    const stage = anchor.current?.closest<HTMLElement>('.stage');
    if (!stage || !info) return;
    const ids = new Map(info.topology.nodes.map((n) => [n.name, n.id]));
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => {
      down = { x: e.clientX, y: e.clientY };
    };
    const onClick = (e: MouseEvent) => {
      if (!inspectorStore.getState().open) return;
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) return;
      const target = targetOf(e.target, info.topology, ids);
      if (target) void openInspector(target);
    };
    stage.addEventListener('pointerdown', onDown);
    stage.addEventListener('click', onClick);
    return () => {
      stage.removeEventListener('pointerdown', onDown);
      stage.removeEventListener('click', onClick);
    };
  }, [info]);
  return (
    <>
      <span ref={anchor} hidden />
      {open ? (
        dock ? (
          createPortal(<InspectorPanel about={dock.about} />, dock.target)
        ) : (
          <InspectorPanel />
        )
      ) : (
        <button
          type="button"
          className="inspector-toggle button"
          data-testid="inspector-toggle"
          onClick={() => {
            // A node the search found and rings is what Inspect opens on (T3's trial, 5).
            const found = info ? foundTarget(anchor.current?.closest('.stage') ?? null, info.topology) : null;
            if (found) void openInspector(found);
            void followRequests();
          }}
        >
          Inspect
        </button>
      )}
    </>
  );
}

/** The node or link a click landed on, from the topology's data-node / data-edge marks. */
function targetOf(el: EventTarget | null, topology: Topology, ids: Map<string, number>): InspectTarget | null {
  if (!(el instanceof Element) || el.closest('[data-testid="inspector"]')) return null;
  const node = el.closest('[data-node]')?.getAttribute('data-node');
  if (node != null && ids.has(node)) return { kind: 'node', id: ids.get(node)! };
  const edge = el.closest('[data-edge]')?.getAttribute('data-edge');
  if (edge == null) return null;
  const [from, to] = edge.split('->').map((n) => ids.get(n));
  const e = topology.edges.find((x) => x.from === from && x.to === to);
  return e ? { kind: 'edge', id: e.id } : null;
}

/**
 * The node the stage's search found and rings, as a target to inspect: in the SVG view the node
 * drawn with the class topo-found, in a large topology's canvas view the one foundIn records; null
 * when none is ringed (the answer dismissed, the box emptied, a miss). Reads the DOM.
 */
export function foundTarget(stage: Element | null, topology: Topology): InspectTarget | null {
  const name = stage?.querySelector('svg [data-node].topo-found')?.getAttribute('data-node');
  const byName = name != null ? topology.nodes.find((n) => n.name === name) : undefined;
  if (byName) return { kind: 'node', id: byName.id };
  const canvas = stage?.querySelector<HTMLCanvasElement>('canvas.topo-scene');
  const id = canvas && !canvas.hidden ? foundIn(topology) : null;
  return id !== null && topology.nodes.some((n) => n.id === id) ? { kind: 'node', id } : null;
}
