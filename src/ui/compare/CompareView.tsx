// The compare view (`compare-view`): two runs side by side on one clock under one set of
// controls, each pane drawn by the single view's TopologyView from a store of its own, the
// figures of both with their ratio, charts overlaid in two colours, one timeline marking where
// the runs first differ, and one fault form that hits the node of that name in both.
import { memo, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useStore } from 'zustand';
import { select } from 'd3';
import { TopologyView } from '../components/TopologyView';
import { Inspector } from '../components/Inspector';
import { LegendFoldedByDefault } from '../components/Legend';
import { isTyping } from '../components/useShortcuts';
import { inspectorStore, type InspectTarget } from '../inspector/inspectorStore';
import { bindReplicaSourceWithin } from '../topology/replicaCards';
import { AppContext, useAppStore } from '../state/useAppStore';
import { SPEEDS } from '../sim/speeds';
import { OkabeIto } from '../theme/palette';
import { applyTheme, savedTheme } from '../theme/theme';
import { formatCount, formatLatency, formatMoment, formatNumber, formatPercent, formatRate, formatSimTime } from '../format';
import { drawLines } from '../charts/drawCharts';
import { MARGIN, timeAt, type Size } from '../charts/geometry';
import { overlayGeometry } from './overlay';
import type { SeriesBucket } from '../../workers/protocol';
import { FAULT_TYPES, buildFault, faultTypeSpec, targetOptions, type Option } from '../faults/faultForm';
import type { CompareController, ComparePane } from './compareController';
import type { CompareState } from './compareStore';
import { diffRows, formatDiffValue, unsharedServices, type DiffRow } from './diff';
import { DIVERGENCE_RULE, DIVERGENCE_RULE_SHORT } from './divergence';
import { READY_PAIRS, pairHref } from './pairs';
import { sideLabel } from './sideLabel';
import { CompareExportMenu } from './CompareExportMenu';
import { presenterArrangement, type PaneArrangement } from './presenterArrange';
import { COMPARE_PRESENTER_FLOOR, PresenterFloorContext } from '../topology/presenterFloor';
import './compare.css';

/** A's and B's colours on every overlaid chart (Okabe-Ito, colour-blind safe). */
export const PANE_COLORS = [OkabeIto.blue, OkabeIto.orange] as const;


export function CompareView({ controller }: { controller: CompareController }) {
  const s = useStore(controller.store);
  useEffect(() => applyTheme(s.presenter ? 'light' : savedTheme(), !s.presenter), [s.presenter]);
  useCompareKeys(controller);
  const panesRef = useRef<HTMLDivElement>(null);
  const arrangement = usePresenterArrangement(controller, s.presenter, panesRef);
  // Presenter mode fills the window from its top: the page does not scroll there.
  useEffect(() => void (s.presenter && window.scrollTo(0, 0)), [s.presenter]);
  return (
    <div className={`compare${s.presenter ? ' compare-presenter' : ''}`} data-testid="compare-view" data-presenter={s.presenter ? 'on' : 'off'} data-arrange={s.presenter ? arrangement : undefined}>
      <CompareHeader controller={controller} s={s} />
      {s.linkProblems.length > 0 && (
        <section className="alert compare-problems" role="alert" data-testid="link-problems">
          <h2>Problems with this link</h2>
          <ul className="problems">
            {s.linkProblems.map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {s.error && (
        <section className="alert" role="alert" data-testid="compare-error">
          <p>{s.error}</p>
        </section>
      )}
      {!s.pair && <PairList />}
      {controller.panes.length === 2 && (
        <>
          <div className="compare-panes" ref={panesRef}>
            <PresenterFloorContext.Provider value={COMPARE_PRESENTER_FLOOR}>
              {controller.panes.map((p) => (
                <Pane key={p.side} pane={p} controller={controller} label={sideLabel(s, p.side === 'A' ? 0 : 1)} inspecting={s.inspecting === p.side} />
              ))}
            </PresenterFloorContext.Provider>
          </div>
          <CompareTimeline controller={controller} s={s} />
          <div className="compare-lower">
            <MetricsDiff s={s} />
            <div className="compare-side">
              <OverlayCharts controller={controller} s={s} />
              <CompareFaults controller={controller} s={s} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Presenter mode's arrangement of the panes (presenterArrange.ts), from the room the panes have
 * now and what a pane takes besides its picture, measured. 'side' outside presenter mode (the
 * CSS stacks the panes below 1,100 px there).
 */
function usePresenterArrangement(controller: CompareController, presenter: boolean, panesRef: RefObject<HTMLDivElement | null>): PaneArrangement {
  const [room, setRoom] = useState<{ area: { width: number; height: number }; chrome: { width: number; height: number }; gap: number } | null>(null);
  const ready = controller.panes.length === 2;
  useEffect(() => {
    const el = panesRef.current;
    if (!presenter || !ready || !el) return void setRoom(null);
    const measure = () => {
      const cs = getComputedStyle(el);
      const px = (v: string) => parseFloat(v) || 0;
      const area = { width: Math.round(el.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight)), height: Math.round(el.clientHeight - px(cs.paddingTop) - px(cs.paddingBottom)) };
      const pane = el.querySelector<HTMLElement>('.compare-pane');
      const picture = pane?.querySelector<HTMLElement>('.topology-stage');
      if (!pane || !picture) return;
      const gap = px(cs.columnGap) || 10;
      setRoom((r) => {
        // The largest chrome seen in this presenter session: a counters line that wraps in one
        // arrangement and not in the other would otherwise flip the panes back and forth.
        const chrome = { width: Math.max(r?.chrome.width ?? 0, Math.round(pane.offsetWidth - picture.clientWidth)), height: Math.max(r?.chrome.height ?? 0, Math.round(pane.offsetHeight - picture.clientHeight)) };
        return r && r.area.width === area.width && r.area.height === area.height && r.chrome.width === chrome.width && r.chrome.height === chrome.height ? r : { area, chrome, gap };
      });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [presenter, ready, panesRef]);
  return useMemo(() => {
    if (!room || controller.panes.length < 2) return 'side';
    const [a, b] = controller.panes;
    return presenterArrangement([a.info.topology, b.info.topology], room.area, room.chrome, room.gap).arrangement;
  }, [room, controller.panes]);
}

function PairList() {
  return (
    <section className="compare-pairs" data-testid="compare-pairs">
      <h2 className="section-title">Ready-made pairs</h2>
      <ul>
        {READY_PAIRS.map((p) => (
          <li key={`${p.a},${p.b}`}>
            <a href={pairHref(p.a, p.b)}>{p.label}</a> <span className="muted">({p.a} vs {p.b})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const STATUS_TEXT: Record<CompareState['status'], string> = { loading: 'opening both…', ready: 'ready', playing: 'playing', paused: 'paused', done: 'finished', failed: 'stopped' };

function CompareHeader({ controller, s }: { controller: CompareController; s: CompareState }) {
  const busy = s.status === 'loading' || s.status === 'failed' || controller.panes.length < 2;
  const current = s.pair ? `${s.pair[0]},${s.pair[1]}` : '';
  const single = singleView(controller, s);
  return (
    <header className="header compare-header">
      <span className="brand">meshsim</span>
      <label className="field compare-pick">
        <span className="field-label">Compare</span>
        <select data-testid="compare-select" value={current} onChange={(e) => e.target.value && location.assign(`?compare=${e.target.value}`)}>
          {!READY_PAIRS.some((p) => `${p.a},${p.b}` === current) && <option value={current}>{pairName(s)}</option>}
          {READY_PAIRS.map((p) => (
            <option key={`${p.a},${p.b}`} value={`${p.a},${p.b}`}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <div className="controls">
        {s.status === 'playing' ? (
          <button type="button" className="button button-primary" data-testid="pause" title="Pause both (Space)" onClick={() => void controller.pause()}>
            <span aria-hidden="true" className="icon">❚❚</span> Pause
          </button>
        ) : (
          <button type="button" className="button button-primary" data-testid="play" title="Play both (Space)" disabled={busy} onClick={() => controller.play()}>
            <span aria-hidden="true" className="icon">▶</span> {s.status === 'done' ? 'Play again' : 'Play'}
          </button>
        )}
        <button type="button" className="button" data-testid="step" disabled={busy || s.status === 'done'} title="One event in each run; the one behind then runs up to the other (.)" onClick={() => void controller.step()}>
          <span aria-hidden="true" className="icon">▶|</span> <span className="button-text">Step</span>
        </button>
        <label className="field">
          <span className="field-label">Speed</span>
          <select data-testid="speed" value={s.speedId} onChange={(e) => controller.setSpeed(e.target.value)}>
            {SPEEDS.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <span className={`status status-${s.status}`} data-testid="run-status" role="status">
          {STATUS_TEXT[s.status]}
        </span>
      </div>
      <span className="compare-clock" data-testid="sim-time" data-a={s.paneTimes[0]} data-b={s.paneTimes[1]} title="The shared clock: the run behind sets the pace">
        {formatSimTime(s.simTime)}
      </span>
      <button type="button" className="button button-quiet" data-testid="presenter-toggle" aria-pressed={s.presenter} title="Presenter mode for a room: both pictures in the window, larger text, thinner chrome (f; Escape leaves it)" onClick={() => controller.setPresenter(!s.presenter)}>
        {s.presenter ? 'Leave presenter' : 'Present'}
      </button>
      <ShareButton controller={controller} shared={s.shared} />
      <CompareExportMenu controller={controller} />
      <a className="button button-quiet" data-testid="single-view" href={single.href} title={single.title} aria-label="Single view">
        <svg className="button-glyph" viewBox="0 0 20 20" aria-hidden="true">
          <rect x="3.5" y="4.5" width="13" height="11" rx="1.5" />
        </svg>
        <span className="button-text">Single view</span>
      </a>
    </header>
  );
}

/** What the picker calls a pair it does not list: "a vs b", or one scenario's title when both sides run it (a branch). Pure. */
function pairName(s: Pick<CompareState, 'pair' | 'titles'>): string {
  if (!s.pair) return '—';
  return s.pair[0] === s.pair[1] ? `${s.titles[0] || s.pair[0]}: two runs` : `${s.pair[0]} vs ${s.pair[1]}`;
}

/**
 * Where "Single view" leads: A at this moment with its faults; before a pair opens (a link
 * naming one unknown scenario), the side the link named rightly; with neither, the default.
 */
function singleView(controller: CompareController, s: CompareState): { href: string; title: string } {
  const a = controller.singleViewLink('A');
  if (a) return { href: a, title: 'Leave the compare view: A alone, at this moment, with its faults' };
  if (s.knownSide) return { href: `?scenario=${encodeURIComponent(s.knownSide)}`, title: `Leave the compare view: ${s.knownSide} alone, the side of the link that names a scenario` };
  return { href: '?', title: 'Leave the compare view for the single view' };
}

function ShareButton({ controller, shared }: { controller: CompareController; shared: string | null }) {
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <span className="compare-share">
      <button
        type="button"
        className="button button-quiet"
        data-testid="share"
        title="Copy a link to this pair at this moment and speed, with the faults injected into each"
        onClick={() => {
          const url = controller.shareLink();
          setRefused(url === null ? (controller.shareRefusal() ?? 'No link yet') : null);
          if (!url) return;
          controller.store.setState((d) => void (d.shared = url));
          void navigator.clipboard?.writeText(url).catch(() => {});
        }}
      >
        Share
      </button>
      {refused && (
        <span className="compare-note" role="status" data-testid="share-refused">
          {refused}: no link made.
        </span>
      )}
      {shared && !refused && <input className="compare-share-link" data-testid="share-link" readOnly value={shared} onFocus={(e) => e.currentTarget.select()} aria-label="Link to this moment" />}
    </span>
  );
}

/**
 * One side: its name, its topology (the single view's drawing, smaller), and its own counters.
 * Memoized: it reads its own store, so the shared state's every change does not redraw it.
 */
const Pane = memo(function Pane({ pane, controller, label, inspecting }: { pane: ComparePane; controller: CompareController; label: string; inspecting: boolean }) {
  const open = useStore(inspectorStore, (x) => x.open);
  const stage = useRef<HTMLDivElement>(null);
  // The replica cards unfolded in this pane ask this pane's run.
  useEffect(() => void (stage.current && bindReplicaSourceWithin(stage.current, pane.api)), [pane]);
  const title = `${label} — ${pane.info.title} (${pane.id})`;
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
        <LegendFoldedByDefault.Provider value={true}>
          <h2 className="compare-pane-title" data-testid="compare-pane-title" title={title}>
            <span className="compare-swatch" style={{ background: PANE_COLORS[pane.side === 'A' ? 0 : 1] }} />
            {label} <span className="muted">— {pane.info.title} ({pane.id})</span>
            {inspecting && open && (
              <span className="compare-inspecting" data-testid="compare-inspecting">
                inspected
              </span>
            )}
          </h2>
          <div className="stage compare-stage" ref={stage}>
            <TopologyView />
            {/* One inspector for the pair: in the pane it asks about; the other offers to move it. */}
            {inspecting || !open ? (
              <Inspector />
            ) : (
              <button type="button" className="inspector-toggle button" data-testid="inspector-toggle" title={`Move the inspector to ${pane.side}'s run`} aria-label={`Inspect ${pane.side}'s run instead`} onClick={() => controller.inspect(pane.side)}>
                Inspect
              </button>
            )}
          </div>
          <PaneCounters />
        </LegendFoldedByDefault.Provider>
      </AppContext.Provider>
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

function PaneCounters() {
  const st = useAppStore((s) => s.stats);
  const hasLatency = st.ok > 0 && (st.mean > 0 || st.p99 > 0);
  const item = (id: string, label: string, text: string, value: number | string) => (
    <span className="compare-counter">
      <span className="compare-counter-label">{label}</span>{' '}
      <span data-testid={id} data-value={value}>
        {text}
      </span>
    </span>
  );
  return (
    <div className="compare-counters">
      {item('pane-time', 'at', formatSimTime(st.simTime), st.simTime)}
      {item('pane-sent', 'sent', formatCount(st.sent), st.sent)}
      {item('pane-ok', 'ok', formatCount(st.ok), st.ok)}
      {item('pane-failed', 'failed', formatCount(st.failed), st.failed)}
      {item('pane-p99', 'p99', formatLatency(st.p99, hasLatency), st.p99)}
      {item('pane-hash', 'trace', st.traceHash || '—', st.traceHash)}
    </div>
  );
}

function CompareTimeline({ controller, s }: { controller: CompareController; s: CompareState }) {
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const at = (ms: number) => `${(100 * Math.min(1, ms / Math.max(1, s.durationMs))).toFixed(3)}%`;
  const divergenceText = s.divergence ? `First differ at ${formatMoment(s.divergence.ms)}: ${s.divergence.text}` : `No visible difference yet: ${DIVERGENCE_RULE_SHORT}`;
  const timeAtX = (clientX: number) => {
    const r = track.current!.getBoundingClientRect();
    return Math.round((Math.max(0, Math.min(r.width, clientX - r.left)) / r.width) * s.durationMs);
  };
  return (
    <div className="timeline compare-timeline" aria-label="Shared timeline">
      <span className="timeline-label">timeline</span>
      <div
        ref={track}
        className="timeline-track"
        data-testid="timeline"
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          void controller.seek(timeAtX(e.clientX));
        }}
        onPointerMove={(e) => dragging.current && void controller.seek(timeAtX(e.clientX))}
        onPointerUp={() => (dragging.current = false)}
      >
        <div className="timeline-done" style={{ width: at(s.simTime) }} />
        {s.faults.map((f) => (
          <div key={f.n} className="timeline-fault" style={{ left: at(f.atMs), width: 3 }} title={`${f.label} at ${formatMoment(f.atMs)}`} />
        ))}
        {s.divergence && (
          <div className={`compare-divergence compare-divergence-${s.divergence.kind}`} data-testid="divergence-marker" data-ms={s.divergence.ms} style={{ left: at(s.divergence.ms) }} title={`The runs first differ: ${s.divergence.text}. The rule: ${DIVERGENCE_RULE}`} />
        )}
        {s.seekingTo !== null && <div className="timeline-seeking" data-testid="timeline-seeking" style={{ left: at(s.seekingTo) }} />}
        <div className="timeline-head" style={{ left: at(s.simTime) }} />
      </div>
      <span className="compare-divergence-text" data-testid="divergence-text" title={`${divergenceText}. The rule: ${DIVERGENCE_RULE}`}>
        {divergenceText}
      </span>
    </div>
  );
}

function MetricsDiff({ s }: { s: CompareState }) {
  const rows = useMemo(() => (s.figures ? diffRows(s.figures[0], s.figures[1]) : []), [s.figures]);
  const only = s.figures ? unsharedServices(s.figures[0].summary, s.figures[1].summary) : null;
  if (!s.figures || !s.pair) return <section className="compare-diff" data-testid="metrics-diff" />;
  return (
    <section className="compare-diff" aria-label="Figures of both runs">
      <table className="metrics-diff" data-testid="metrics-diff" data-at={s.figuresAt}>
        <caption>
          Both runs at {formatSimTime(s.figuresAt)} · seed {s.figures[0].summary.seed}
        </caption>
        <thead>
          <tr>
            <th scope="col">figure</th>
            <th scope="col" data-testid="diff-head-A">
              <span className="compare-swatch" style={{ background: PANE_COLORS[0] }} />
              {sideLabel(s, 0)}
            </th>
            <th scope="col" data-testid="diff-head-B" className="diff-head-label">
              <span className="compare-swatch" style={{ background: PANE_COLORS[1] }} />
              {sideLabel(s, 1)}
            </th>
            <th scope="col" title="B / A">
              B/A
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key} className={`diff-${r.section}`}>
              <th scope="row" title={`in ${r.unit}`}>
                {r.label}
              </th>
              <td data-side="A" data-value={r.a ?? ''}>
                {formatDiffValue(r, r.a)}
              </td>
              <td data-side="B" data-value={r.b ?? ''}>
                {formatDiffValue(r, r.b)}
              </td>
              <td data-side="ratio" data-value={r.ratio ?? ''} className={r.ratio !== null && Math.abs(r.ratio - 1) > 0.1 ? 'diff-apart' : ''}>
                {r.ratio === null ? '—' : `${r.ratio.toFixed(2)}x`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {only && (only.onlyA.length > 0 || only.onlyB.length > 0) && (
        <p className="muted compare-note">
          {only.onlyA.length > 0 && `Only in A: ${only.onlyA.join(', ')}. `}
          {only.onlyB.length > 0 && `Only in B: ${only.onlyB.join(', ')}.`}
        </p>
      )}
      <p className="muted compare-note">Latency over ok requests after the warm-up; shares of requests sent; as `npm run sim -- compare` counts them.</p>
    </section>
  );
}

function OverlayChart({ controller, s, testId, title, pick, unit }: { controller: CompareController; s: CompareState; testId: string; title: string; pick: { key: string; value: (b: SeriesBucket) => number | null; dash?: string }[]; unit: string }) {
  const svg = useRef<SVGSVGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size>({ width: 300, height: 110 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize((z) => (Math.round(r.width) === z.width && Math.round(r.height) === z.height ? z : { width: Math.max(120, Math.round(r.width)), height: Math.max(60, Math.round(r.height)) }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const geometry = useMemo(() => overlayGeometry([s.series[0].buckets, s.series[1].buckets], s.series[0].bucketMs, s.durationMs, size, pick, unit), [s.series, s.durationMs, size, pick, unit]);
  useEffect(() => {
    if (!svg.current) return;
    const marks = [
      ...s.faults.map((f) => ({ kind: 'fault' as const, ms: f.atMs, label: f.label })),
      ...(s.divergence ? [{ kind: 'step' as const, ms: s.divergence.ms, label: `first differ: ${s.divergence.text}` }] : []),
    ];
    drawLines(svg.current, size, geometry, marks, s.simTime);
    // Colour by pane (A blue, B orange); the quantile or fate by dash.
    const root = select(svg.current);
    geometry.series.forEach((g) => {
      const [side, key] = g.key.split('-');
      const dash = pick.find((p) => p.key === key)?.dash ?? null;
      root.select(`path[data-series="${g.key}"]`).attr('stroke', PANE_COLORS[side === 'A' ? 0 : 1]).attr('stroke-dasharray', dash).attr('data-pane', side);
    });
  }, [geometry, size, s.simTime, s.faults, s.divergence, pick]);
  return (
    <figure className="chart compare-chart" data-testid={testId}>
      <figcaption className="chart-title">
        {title}
        <span className="chart-legend">
          {([0, 1] as const).map((i) => (
            <span key={i} className="chart-legend-item" data-testid="chart-legend-item">
              <span className="chart-swatch" style={{ background: PANE_COLORS[i] }} />
              {sideLabel(s, i)}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="chart-box" ref={box}>
        <svg
          ref={svg}
          className="chart-svg"
          role="img"
          aria-label={`${title}; click to go to that moment`}
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            void controller.seek(timeAt(e.clientX - r.left, s.durationMs, size));
          }}
        />
      </div>
    </figure>
  );
}

const LATENCY_PICK = [
  { key: 'p99', value: (b: SeriesBucket) => (b.latencyCount > 0 ? b.p99 : null) },
  { key: 'p50', value: (b: SeriesBucket) => (b.latencyCount > 0 ? b.p50 : null), dash: '4 3' },
];
const FAILED_PICK = [{ key: 'failed', value: (b: SeriesBucket) => b.failed }];

function OverlayCharts({ controller, s }: { controller: CompareController; s: CompareState }) {
  const per = s.series[0].bucketMs === 1000 ? 'per second' : `per ${s.series[0].bucketMs / 1000} s`;
  return (
    <div className="compare-charts" style={{ ['--chart-margin' as string]: `${MARGIN.left}px` }}>
      <OverlayChart controller={controller} s={s} testId="compare-chart-latency" title={`Latency of ok requests, p99 (solid) and p50 (dashed), ${per}`} pick={LATENCY_PICK} unit="ms" />
      <OverlayChart controller={controller} s={s} testId="compare-chart-failures" title={`Requests failed, ${per}`} pick={FAILED_PICK} unit="failed/s" />
    </div>
  );
}

/** One form for both panes: the targets are the names of either topology, marked when only one has them. */
function CompareFaults({ controller, s }: { controller: CompareController; s: CompareState }) {
  const [A, B] = controller.panes;
  const [type, setType] = useState(FAULT_TYPES[0].type);
  const spec = faultTypeSpec(type);
  const options = useMemo(() => {
    const a = targetOptions(spec.target, A.info.topology);
    const b = targetOptions(spec.target, B.info.topology);
    const all: Option[] = [...a, ...b.filter((o) => !a.some((x) => x.value === o.value))];
    return all.map((o) => {
      const inA = a.some((x) => x.value === o.value);
      const inB = b.some((x) => x.value === o.value);
      return { ...o, label: inA && inB ? o.label : `${o.label} (only in ${inA ? 'A' : 'B'})` };
    });
  }, [spec.target, A, B]);
  const [target, setTarget] = useState('');
  const [duration, setDuration] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = options.some((o) => o.value === target) ? target : (options[0]?.value ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const params: Record<string, string> = {};
      for (const p of spec.params) if (p.kind === 'node') params[p.key] = options.find((o) => o.value !== chosen)?.value ?? '';
      await controller.injectFault(buildFault({ type, target: chosen, params, duration }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="compare-faults" aria-label="Faults in both runs">
      <h2 className="section-title">Inject into both</h2>
      <form className="compare-fault-form" onSubmit={(e) => void submit(e)}>
        <select data-testid="compare-fault-type" value={type} onChange={(e) => setType(e.target.value)} aria-label="Fault">
          {FAULT_TYPES.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </select>
        <select data-testid="compare-fault-target" value={chosen} onChange={(e) => setTarget(e.target.value)} aria-label="Target">
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {!spec.oneShot && <input data-testid="compare-fault-for" value={duration} onChange={(e) => setDuration(e.target.value)} placeholder="for (e.g. 10s)" aria-label="For how long" size={9} />}
        <button type="submit" className="button button-small" data-testid="compare-inject" disabled={busy || s.status === 'loading' || s.status === 'failed'}>
          Inject
        </button>
      </form>
      {s.injectProblems.length > 0 && (
        <ul className="problems" data-testid="inject-problems" role="alert">
          {s.injectProblems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <ul className="compare-fault-list" data-testid="compare-faults">
        {s.faults.map((f) => (
          <li key={f.n} data-testid="compare-fault" data-hit={f.hit.map((h, i) => (h ? 'AB'[i] : '')).join('')}>
            <strong>{f.label}</strong> at {formatMoment(f.atMs)} · {f.hit[0] && f.hit[1] ? 'in both' : f.hit[0] ? 'in A only' : 'in B only'}
            {f.notes.map((n, i) => (
              <div key={i} className="compare-fault-note">
                {n}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The steps of both runs' stories, merged by time (a branch's two are one story): what n/p and
 * ←/→ move through. Each step's `at` in simulated ms. Pure.
 */
export function storyTimes(panes: readonly Pick<ComparePane, 'info'>[]): number[] {
  return [...new Set(panes.flatMap((p) => (p.info.narrative ?? []).map((x) => x.at)))].sort((x, y) => x - y);
}

/**
 * The single view's keys (useShortcuts), acting on both runs: Space plays or pauses, `.` steps,
 * n / p (also → / ←, PageDown / PageUp) go to the next or previous narrative step, Shift+← / →
 * seek a second, Home and End to the start and the end, `f` presenter mode (Escape leaves it).
 * Not while typing in a field; a focused select keeps its arrows.
 */
function useCompareKeys(controller: CompareController) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const s = controller.store.getState();
      const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
      if (arrow && e.target instanceof HTMLSelectElement) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (s.status === 'playing') void controller.pause();
        else controller.play();
      } else if (e.key === '.') void controller.step();
      else if (e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        void controller.seek(e.key === 'Home' ? 0 : s.durationMs);
      } else if (arrow && e.shiftKey) {
        e.preventDefault();
        void controller.seek((s.seekingTo ?? s.simTime) + (e.key === 'ArrowLeft' ? -1000 : 1000));
      } else if (e.key === 'f' || (e.key === 'Escape' && s.presenter)) {
        controller.setPresenter(e.key === 'f' ? !s.presenter : false);
      } else if (['n', 'PageDown', 'ArrowRight', 'p', 'PageUp', 'ArrowLeft'].includes(e.key)) {
        const times = storyTimes(controller.panes);
        if (times.length === 0 || s.status === 'loading' || s.status === 'failed') return;
        e.preventDefault();
        const now = s.seekingTo ?? s.simTime;
        const target = times.filter((at) => at <= now).length - 1 + (['n', 'PageDown', 'ArrowRight'].includes(e.key) ? 1 : -1);
        if (target >= 0 && target < times.length) void controller.seek(times[target]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}
