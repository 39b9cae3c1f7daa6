// The inspector's view of one request: a waterfall of its spans on a shared time axis, or, for a
// clicked dot the tracer kept no spans of, what its dot says.
import { plainCallerSees } from '../../models/envoy/responseFlags';
import { useLayoutEffect, useMemo, useReducer, useRef, useState, type CSSProperties } from 'react';
import type { Trace } from '../../workers/protocol';
import type { DotRequest } from '../inspector/inspectorStore';
import { CALLS_ONLY_HIDE, CALLS_ONLY_LIFT, TICK_ROOM_PX, callsOnlyAtFirst, formatMs, layoutWaterfall, placeDuration, placeTickLabels, type WaterfallRow } from '../inspector/waterfall';
import { requestWhy } from '../inspector/why';
import { WhyText } from '../inspector/WhyText';
import { useAppStore } from '../state/useAppStore';
import { headingFlag, rowFlags } from '../inspector/spanFlags';
import { EnvoyFlag } from './EnvoyFlag';
import { spanLabel, spansById } from '../inspector/spanLabel';
import { useWaterfallBelow } from '../inspector/waterfallBelow';

/** No call unfolded. */
const NONE: ReadonlySet<number> = new Set();
/**
 * The calls unfolded in each request shown this page's life (request id, client and start: ids
 * restart with a run), kept outside the component: the inspector draws the waterfall anew as its
 * list folds and unfolds.
 */
const UNFOLDED = new Map<string, ReadonlySet<number>>();

/**
 * "calls and attempts only" as a person last ticked or unticked it this page's life, for every
 * request after (null: not yet, each request then starts as callsOnlyAtFirst says).
 */
let callsOnlyChosen: boolean | null = null;

/** A clicked dot's request the tracer has no spans for: what its dot showed. */
export function DotRequestView({ dot }: { dot: DotRequest }) {
  return (
    <dl className="inspect-figures" data-testid="dot-request" data-request-id={dot.id}>
      <dt>Request</dt>
      <dd>#{dot.id}</dd>
      <dt>Link</dt>
      <dd>{dot.edge}</dd>
      <dt>So far</dt>
      <dd data-testid="dot-request-fate">{dot.fate}</dd>
    </dl>
  );
}

/** One request through every hop: rows of spans, bars on a shared time axis. */
export function Waterfall({ trace, now }: { trace: Trace; now: number }) {
  const [chosen, setChosen] = useState(callsOnlyChosen);
  const choose = (on: boolean) => {
    callsOnlyChosen = on;
    setChosen(on);
  };
  // The calls whose earlier failed attempts are unfolded (span ids), by request (UNFOLDED): none at
  // first; a request shown again (picked again, or the panel drawn anew) keeps what was unfolded in it.
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const byId = useMemo(() => spansById(trace), [trace]);
  const request = `${trace.id}|${trace.client}|${trace.start}`;
  const openCalls = UNFOLDED.get(request) ?? NONE;
  const toggle = (call: number) => {
    const calls = new Set(openCalls);
    if (!calls.delete(call)) calls.add(call);
    UNFOLDED.set(request, calls);
    redraw();
  };
  // As many ticks as the axis has room for labels (4 in a wide panel; 2 at 1024x768, where 4
  // labels ran together, "200 ms400 ms600 ms", the last cut by the window).
  const axis = useRef<HTMLDivElement>(null);
  const [axisPx, setAxisPx] = useState(4 * TICK_ROOM_PX);
  useLayoutEffect(() => {
    const el = axis.current;
    if (!el) return;
    const read = () => setAxisPx(el.clientWidth);
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const mostTicks = Math.max(1, Math.min(4, Math.floor(axisPx / TICK_ROOM_PX)));
  const atFirst = useMemo(() => chosen === null && callsOnlyAtFirst(trace, now), [chosen, trace, now]);
  const triesOnly = chosen ?? atFirst;
  const layout = useMemo(
    () => (triesOnly ? layoutWaterfall(trace, now, CALLS_ONLY_HIDE, mostTicks, openCalls, CALLS_ONLY_LIFT) : layoutWaterfall(trace, now, undefined, mostTicks, openCalls)),
    [trace, now, triesOnly, mostTicks, openCalls],
  );
  const fate = trace.fate ?? 'in flight';
  const faults = useAppStore((s) => s.faults);
  const topology = useAppStore((s) => s.info?.topology ?? null);
  // Where the failure began and why, in words, with the faults acting there then (the scenario's apart from the person's).
  // A caller with a proxy (a sidecar, or a gateway: an Envoy) logs flags; a plain app has none (InspectorFigures' rule).
  const hasProxy = (name: string) => {
    const n = topology?.nodes.find((x) => x.name === name);
    return n === undefined || n.sidecar || n.kind === 'gateway';
  };
  const box = useRef<HTMLDivElement>(null);
  const { below, next, more } = useWaterfallBelow(box, layout.rows.length);
  const why = useMemo(() => requestWhy(trace, faults, (name) => topology?.nodes.find((n) => n.name === name)?.mesh ?? null, (name) => topology?.nodes.find((n) => n.name === name)?.kind === 'gateway'), [trace, faults, topology]);
  return (
    <div className="waterfall" data-testid="waterfall" data-request-id={trace.id} ref={box}>
      <h3>
        Request #{trace.id} from {trace.client}:{' '}
        <span className={`waterfall-fate${trace.fate && trace.fate !== 'ok' ? ' failed' : ''}`} data-testid="request-fate">
          {fate}
        </span>{' '}
        {/* Envoy's flag for the fate, as the CLI prints it ("timeout 81 [UT]"), its meaning on hover. */}
        {headingFlag(trace) !== '' && (
          <>
            <EnvoyFlag flags={headingFlag(trace)} />{' '}
          </>
        )}
        {/* Whose answer the status is, where a hop further down had none (a failure a caller with no
            sidecar sees as a socket error, as the why text says: N13's trial read "(HTTP 503)" beside
            "connection reset" as a contradiction); elsewhere the short form keeps the heading's lines. */}
        {trace.fate && trace.fate !== 'ok' ? (plainCallerSees(trace.fate) ? `(${trace.client} got HTTP ${trace.status}) ` : `(HTTP ${trace.status}) `) : ''}
        in {formatMs((Number.isNaN(trace.end) ? now : trace.end) - trace.start)}
      </h3>
      {why && <WhyText text={why} />}
      {/* The option in the names' column, beside the time axis: on a line of its own it took two
          lines (39 px) over the rows. */}
      <div className="waterfall-head">
        {/* Ticked at first for a request retried at two layers or more (callsOnlyAtFirst), then as
            the person last left it. The short words where the names' column is narrow (150 px at
            1024x768: the long ones ran into the axis's "0 ms"). */}
        <label
          className="waterfall-option"
          title={`Hide proxy passes, network crossings, queues, app time, connections and each service's own "serves" row${atFirst ? ' (ticked at first: this request was retried at more than one layer)' : ''}`}
        >
          <input type="checkbox" checked={triesOnly} data-testid="tries-only" onChange={(e) => choose(e.target.checked)} />
          <span className="waterfall-option-words">calls and attempts only</span>
          <span className="waterfall-option-short">calls &amp; attempts only</span>
        </label>
        <div className="waterfall-axis" ref={axis} data-testid="waterfall-axis">
          {/* A label near the right end ends at its tick, so the panel's edge does not cut it. */}
          {placeTickLabels(layout.ticks, axisPx).map((t) => (
            <span key={t.label} className={t.end ? 'tick-end' : undefined} style={{ left: `${t.x * 100}%` }}>
              {t.label}
            </span>
          ))}
        </div>
      </div>
      <ol className="waterfall-rows">
        {layout.rows.map((r) =>
          r.fold ? (
            <li key={`fold-${r.fold.call}`} className="waterfall-row waterfall-fold error" data-testid="waterfall-fold" data-count={r.fold.count}>
              <span className="waterfall-label" title={`${r.fold.open ? '▾' : '▸'} ${r.fold.label}`} style={depthStyle(r.depth)}>
                <button type="button" className="waterfall-fold-toggle" aria-expanded={r.fold.open} title={r.fold.open ? 'Fold these attempts into this row again' : `Show each of the ${r.fold.count} attempts`} onClick={() => toggle(r.fold!.call)}>
                  {r.fold.open ? '▾' : '▸'} {r.fold.label}
                </button>
              </span>
              <span className="waterfall-track">
                <WaterfallBar row={r} />
                <DurationLabel x={r.x} w={r.w} text={formatMs(r.ms)} trackPx={axisPx} />
              </span>
              <span className="waterfall-note">{r.note}</span>
            </li>
          ) : (
          <li
            key={r.span.id}
            className={`waterfall-row role-${r.span.role}${r.span.error ? ' error' : ''}`}
            data-span-role={r.span.role}
            title={Object.entries(r.span.attrs)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          >
            <WaterfallLabel span={r.span} byId={byId} depth={r.depth} />
            <span className="waterfall-track">
              <WaterfallBar row={r} />
              <DurationLabel x={r.x} w={r.w} text={formatMs(r.ms) + (r.open ? '…' : '')} trackPx={axisPx} />
            </span>
            <span className="waterfall-note">
              {r.note}
              {rowFlags(r.span, hasProxy(r.span.service)) !== '' && (
                <>
                  {' '}
                  <EnvoyFlag flags={rowFlags(r.span, hasProxy(r.span.service))} />
                </>
              )}
            </span>
          </li>
          ),
        )}
      </ol>
      {/* At the panel's foot while rows lie below it: how many, and where it goes on (a click scrolls on). */}
      {below > 0 && (
        <button type="button" className="waterfall-more" data-testid="waterfall-more" onClick={more}>
          {below} more {below === 1 ? 'row' : 'rows'} ↓{next ? ` · next: ${next}` : ''}
        </button>
      )}
    </div>
  );
}

/**
 * A row label's indent for its depth in the tree (12 levels at most), as --depth: inspector.css
 * indents 10 px a level, 6 px in a window of 1280 px or less, where the names' column is 150 px
 * and a TCP connect nine levels down kept 52 px for its name ("tcp co…": session 52's CI shots).
 */
function depthStyle(depth: number): CSSProperties {
  return { '--depth': Math.min(depth, 12) } as CSSProperties;
}

/** A span row's words (spanLabel: whose sidecar, who called), the span's own name in its title. */
function WaterfallLabel({ span, byId, depth }: { span: Trace['spans'][number]; byId: ReadonlyMap<number, Trace['spans'][number]>; depth: number }) {
  const label = spanLabel(span, byId);
  return (
    <span className="waterfall-label" title={label.who ? `${span.name} ${label.who}` : span.name} style={depthStyle(depth)}>
      {label.main}
      {label.who && (
        <>
          {' '}
          <span className="waterfall-who">{label.who}</span>
        </>
      )}
    </span>
  );
}

/** A bar's duration: after the bar, inside it, or before it, wherever it fits whole, else at the track's end (placeDuration). */
function DurationLabel({ x, w, text, trackPx }: { x: number; w: number; text: string; trackPx: number }) {
  const where = placeDuration(x, w, text, trackPx);
  const style = where === 'after' ? { left: `${(x + w) * 100}%` } : where === 'inside' ? { right: `${(1 - x - w) * 100}%` } : where === 'before' ? { right: `${(1 - x) * 100}%` } : { right: 0 };
  return (
    <span className={`waterfall-ms${where === 'after' ? '' : ` ${where}`}`} data-place={where} style={style}>
      {text}
    </span>
  );
}

/** A row's bar; one that runs on past the axis's end (after the request's fate) is cut there, with an arrow at its end (inspector.css) and said in its title. */
function WaterfallBar({ row }: { row: WaterfallRow }) {
  return (
    <span
      className={`waterfall-bar${row.runsOn ? ' runs-on' : ''}`}
      data-runs-on={row.runsOn ? '' : undefined}
      title={row.runsOn ? `runs on past the request's end: ${formatMs(row.ms)} in all` : undefined}
      style={{ left: `${row.x * 100}%`, width: `${row.w * 100}%` }}
    />
  );
}
