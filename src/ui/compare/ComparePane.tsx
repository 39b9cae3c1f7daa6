// One side of the compare view: its name, its topology (the single view's drawing, smaller) with
// the inspector when it asks about this run, its own counters and its own story step (PaneStory).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { TopologyView } from '../components/TopologyView';
import { Inspector } from '../components/Inspector';
import { LegendFoldedByDefault } from '../components/Legend';
import { WHEEL_ZOOM_HINT, WheelZoomContext } from '../components/wheelZoom';
import { inspectorStore, type InspectTarget } from '../inspector/inspectorStore';
import { InspectorDockContext, type InspectorDock } from '../inspector/inspectorDock';
import { bindReplicaSourceWithin } from '../topology/replicaCards';
import { AppContext, useAppStore } from '../state/useAppStore';
import { formatCount, formatLatency, formatClock } from '../format';
import type { CompareController, ComparePane } from './compareController';
import { PANE_COLORS } from './paneColors';
import { paneTitleTail } from './sideLabel';
import { runLatencyMeasured } from '../measuredLatency';
import type { SeriesState } from '../charts/seriesStore';
import type { ClientFigures } from '../../models/report';
import { PaneStory } from './PaneStory';
import { PaneSeeking } from './PaneSeeking';

/** What a pane is given beside its run: its name, whether the inspector asks it, and where a panel goes. */
interface PaneProps {
  pane: ComparePane;
  controller: CompareController;
  label: string;
  inspecting: boolean;
  /** Receives this pane's dock: the element that holds the other pane's inspector, drawn over this one. */
  dockRef: (el: HTMLDivElement | null) => void;
  /**
   * The other pane's dock, where this pane's inspector is drawn when the panes are drawn as
   * presenter mode draws them (compare-fit, presenter mode); null: beside this pane's picture.
   */
  dockOver: HTMLElement | null;
  /** The step of this pane's story whose figure both panes show (sharedFigureSteps); undefined: its own. */
  sharedStep?: number;
  /** The client the figures are for (scopeInUse), or null: the counters then count every client's requests. */
  scope: string | null;
  /** That client's figures in this run at the figures' last refresh (RunSummary.clients), or null where this run has no such client. */
  client: ClientFigures | null;
}

/**
 * One side: its name, its topology (the single view's drawing, smaller), and its own counters.
 * Memoized: it reads its own store, so the shared state's every change does not redraw it.
 */
export const Pane = memo(function Pane({ pane, controller, label, inspecting, dockRef, dockOver, sharedStep, scope, client }: PaneProps) {
  const open = useStore(inspectorStore, (x) => x.open);
  const series = useStore(controller.store, (x) => x.series[pane.side === 'A' ? 0 : 1]);
  const stage = useRef<HTMLDivElement>(null);
  // The replica cards unfolded in this pane ask this pane's run.
  useEffect(() => void (stage.current && bindReplicaSourceWithin(stage.current, pane.api)), [pane]);
  const rest = paneTitleTail(label, pane.info.title, pane.id);
  const title = `${label}${rest}`;
  const wheelHint = useFlash(WHEEL_HINT_MS);
  const other = pane.side === 'A' ? 'B' : 'A';
  // At a pane of about 496 px (1024x768), the panel beside the picture left it 176 px and the
  // picture folded into group tiles: there it is drawn over the other pane, saying whose it is.
  const dock = useMemo<InspectorDock | null>(
    () =>
      dockOver && {
        target: dockOver,
        about: (
          <>
            <span>
              <span className="compare-swatch" style={{ background: PANE_COLORS[pane.side === 'A' ? 0 : 1] }} />
              About <strong>{label}</strong>, the other pane
            </span>
            <button type="button" className="button button-quiet" data-testid="inspect-other" onClick={() => controller.inspect(other)}>
              Inspect {other} instead
            </button>
          </>
        ),
      },
    [dockOver, label, pane.side, other, controller],
  );
  return (
    <section
      className={`compare-pane${inspecting && open ? ' compare-pane-inspected' : ''}`}
      data-testid="compare-pane"
      data-side={pane.side}
      aria-label={title}
      // A press anywhere in a pane points the inspector at its run, and at the node or link
      // pressed: the panel moving over makes room and the drawing re-fits before the click lands.
      onPointerDownCapture={(e) => controller.inspect(pane.side, open && !inspecting ? pressedTarget(e.target, pane.info.topology) : null)}
      onFocusCapture={() => controller.inspect(pane.side)}
    >
      <AppContext.Provider value={pane.services}>
        {/* On a page that scrolls, the wheel zooms a pane only with Ctrl or ⌘ (wheelZoom.ts). */}
        <WheelZoomContext.Provider value="modifier">
        <LegendFoldedByDefault.Provider value={true}>
          <h2 className="compare-pane-title" data-testid="compare-pane-title" title={title}>
            <span className="compare-swatch" style={{ background: PANE_COLORS[pane.side === 'A' ? 0 : 1] }} />
            {label}
            {rest && <span className="muted">{rest}</span>}
            {inspecting && open && (
              <span className="compare-inspecting" data-testid="compare-inspecting">
                inspected
              </span>
            )}
          </h2>
          <div className="stage compare-stage" ref={stage} title={WHEEL_ZOOM_HINT} onWheel={(e) => !e.ctrlKey && !e.metaKey && wheelHint.flash()}>
            <TopologyView />
            <PaneSeeking store={controller.store} side={pane.side} endMs={pane.info.durationMs} otherEndMs={controller.panes.find((x) => x !== pane)?.info.durationMs ?? pane.info.durationMs} />
            {wheelHint.shown && (
              <div className="compare-wheel-hint" data-testid="wheel-hint" role="status">
                {WHEEL_ZOOM_HINT}
              </div>
            )}
            {/* One inspector for the pair: in the pane it asks about; the other offers to move it. */}
            {inspecting || !open ? (
              <InspectorDockContext.Provider value={dock}>
                <Inspector />
              </InspectorDockContext.Provider>
            ) : (
              <button type="button" className="inspector-toggle button" data-testid="inspector-toggle" title={`Move the inspector to ${pane.side}'s run`} aria-label={`Inspect ${pane.side}'s run instead`} onClick={() => controller.inspect(pane.side)}>
                Inspect
              </button>
            )}
          </div>
          <PaneCounters series={series} scope={scope} client={client} />
          <PaneStory series={series} sharedStep={sharedStep} />
        </LegendFoldedByDefault.Provider>
        </WheelZoomContext.Provider>
      </AppContext.Provider>
      {/* The other pane's inspector, when docked here (empty, it is not drawn). */}
      <div className="compare-inspector-dock" data-testid="inspector-dock" ref={dockRef} />
    </section>
  );
});

/** The node or link under a press, from the picture's data-node / data-edge marks ("from->to"). Pure. */
function pressedTarget(el: EventTarget | null, topology: ComparePane['info']['topology']): InspectTarget | null {
  if (!(el instanceof Element)) return null;
  const name = el.closest('[data-node]')?.getAttribute('data-node');
  const node = name != null ? topology.nodes.find((n) => n.name === name) : undefined;
  if (node) return { kind: 'node', id: node.id };
  const ends = el.closest('[data-edge]')?.getAttribute('data-edge')?.split('->');
  if (!ends || ends.length !== 2) return null;
  const [from, to] = ends.map((n) => topology.nodes.find((x) => x.name === n)?.id);
  const edge = topology.edges.find((x) => x.from === from && x.to === to);
  return edge ? { kind: 'edge', id: edge.id } : null;
}

/**
 * A pane's own counters; its p99 shows only when measured (`runLatencyMeasured`, by the pane's series).
 * With a client in `scope`, sent, ok, failed and p99 are that client's (`client`, at the figures'
 * last refresh), led by its name, as the verdict line and the table count them (trial T4, 1: the
 * panes read every client's failed 1,338 vs 1,567 under figures of shoppers' 22.1% vs 0.0%, so B
 * looked worse); the clock and the trace hash stay the run's.
 */
function PaneCounters({ series, scope, client }: { series: SeriesState; scope: string | null; client: ClientFigures | null }) {
  const all = useAppStore((s) => s.stats);
  const st = scope === null ? all : client ? { ...all, sent: client.sent, ok: client.ok, failed: client.failed, p99: client.latencyMs.p99 } : { ...all, sent: 0, ok: 0, failed: 0, p99: 0 };
  const hasLatency = scope === null ? runLatencyMeasured(all.mean, series, all.simTime) : client !== null && client.ok > 0;
  const item = (id: string, label: string, text: string, value: number | string) => (
    <span className="compare-counter">
      <span className="compare-counter-label">{label}</span>{' '}
      <span data-testid={id} data-value={value}>
        {text}
      </span>
    </span>
  );
  return (
    <div className="compare-counters" data-scope={scope ?? undefined}>
      {item('pane-time', 'at', formatClock(st.simTime), st.simTime)}
      {scope !== null && (
        <span className="compare-counter compare-counter-scope" data-testid="pane-scope" title={`Counting ${scope}' requests only, as the verdict line and the figures table do; every client's: sent ${formatCount(all.sent)}, failed ${formatCount(all.failed)}`}>
          {client ? `${scope}:` : `no ${scope} in this run`}
        </span>
      )}
      {item('pane-sent', 'sent', formatCount(st.sent), st.sent)}
      {item('pane-ok', 'ok', formatCount(st.ok), st.ok)}
      {item('pane-failed', 'failed', formatCount(st.failed), st.failed)}
      {item('pane-p99', 'p99', formatLatency(st.p99, hasLatency), st.p99)}
      {item('pane-hash', 'trace', st.traceHash || '—', st.traceHash)}
    </div>
  );
}

/** How long the wheel's hint stays after a wheel turned without Ctrl or ⌘ over a pane, ms. */
const WHEEL_HINT_MS = 1500;

/** A flag that `flash()` raises for `ms`, each flash starting the time again. */
function useFlash(ms: number): { shown: boolean; flash: () => void } {
  const [shown, setShown] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return {
    shown,
    flash() {
      setShown(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setShown(false), ms);
    },
  };
}
