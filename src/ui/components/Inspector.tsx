// The inspector: a side panel over the stage's right edge. It shows a node (replicas, proxies,
// certificates, ejections, breakers), a link (rate, latency, failures, tries, connections), or
// one request as a waterfall of its spans. State and worker calls live in inspectorStore; the
// waterfall's geometry comes from layoutWaterfall.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { EdgeInspect, NodeInspect, RouteInspect, ScenarioInfo, Trace } from '../../workers/protocol';

type Topology = ScenarioInfo['topology'];
import { closeInspector, followRequests, inspectorStore, openInspector, refreshInspector, type DotRequest, type InspectTarget } from '../inspector/inspectorStore';
import { formatMs, layoutWaterfall } from '../inspector/waterfall';
import { humanNodeName, pickerGroups } from '../inspector/picker';
import { useAppStore } from '../state/useAppStore';
import { formatCount, formatNumber, formatRate } from '../format';
import { edgeWindowText } from '../topology/edgeRates';
import { responseFlagOf } from '../../models/envoy/responseFlags';
import '../inspector/inspector.css';

/** How often an open panel asks the worker again while the run moves. */
const REFRESH_MS = 500;

const pct = (x: number) => `${formatNumber(100 * x, x < 0.1 ? 1 : 0)}%`;
/** A simulated time: seconds, or hours past an hour (certificate lifetimes). */
const when = (ms: number | null) => (ms === null ? 'never' : ms >= 3_600_000 ? `${formatNumber(ms / 3_600_000, 1)} h` : `${formatNumber(ms / 1000, 1)} s`);

export function Inspector() {
  const open = useStore(inspectorStore, (s) => s.open);
  const info = useAppStore((s) => s.info);
  const anchor = useRef<HTMLSpanElement>(null);
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
        <InspectorPanel />
      ) : (
        <button type="button" className="inspector-toggle button" data-testid="inspector-toggle" onClick={() => void followRequests()}>
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

function InspectorPanel() {
  const target = useStore(inspectorStore, (s) => s.target);
  const message = useStore(inspectorStore, (s) => s.message);
  const node = useStore(inspectorStore, (s) => s.node);
  const edge = useStore(inspectorStore, (s) => s.edge);
  const trace = useStore(inspectorStore, (s) => s.trace);
  const dot = useStore(inspectorStore, (s) => s.dot);
  const simTime = useAppStore((s) => s.stats.simTime);
  const status = useAppStore((s) => s.status);
  const info = useAppStore((s) => s.info);
  // Another scenario: the list is of the new run.
  useEffect(() => void followRequests(), [info]);
  // Ask again while the run moves; a finished request's spans do not change.
  useEffect(() => {
    if (!target) return;
    if (target.kind === 'request' && trace && trace.id === target.id && !Number.isNaN(trace.end)) return;
    const t = setInterval(() => void refreshInspector(), REFRESH_MS);
    return () => clearInterval(t);
  }, [target, trace, status]);
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <header className="inspector-head">
        <h2>Inspector</h2>
        <Picker target={target} />
        <button type="button" className="button inspector-close" data-testid="inspector-close" aria-label="Close the inspector" onClick={closeInspector}>
          ×
        </button>
      </header>
      <RequestList />
      <div className="inspector-body">
        {message && <p className="inspector-message" data-testid="inspector-message">{message}</p>}
        {target?.kind === 'node' && node && <NodeView node={node} />}
        {target?.kind === 'edge' && edge && <EdgeView edge={edge} />}
        {target?.kind === 'request' && trace && <Waterfall trace={trace} now={simTime} />}
        {target?.kind === 'request' && !trace && dot && dot.id === target.id && <DotRequestView dot={dot} />}
      </div>
    </aside>
  );
}

/**
 * Choose a node or a link to inspect, by the name the picture gives it, grouped by kind (a
 * native select: typing a name's first letters finds it).
 */
function Picker({ target }: { target: InspectTarget | null }) {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const groups = useMemo(() => (topology ? pickerGroups(topology) : []), [topology]);
  if (!topology) return null;
  const value = target && target.kind !== 'request' ? `${target.kind}:${target.id}` : '';
  return (
    <select
      className="inspector-picker"
      data-testid="inspector-picker"
      aria-label="What to inspect"
      value={value}
      onChange={(e) => {
        const [kind, id] = e.target.value.split(':');
        if (kind === 'node' || kind === 'edge') void openInspector({ kind, id: Number(id) });
      }}
    >
      <option value="">inspect…</option>
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** "Follow a request": the recent kept requests, failed ones by default. */
function RequestList() {
  const requests = useStore(inspectorStore, (s) => s.requests);
  const failedOnly = useStore(inspectorStore, (s) => s.failedOnly);
  const target = useStore(inspectorStore, (s) => s.target);
  return (
    <section className="inspector-requests">
      <div className="inspector-requests-bar">
        <button type="button" className="button" data-testid="follow-request" onClick={() => void followRequests()}>
          Follow a request
        </button>
        <label>
          <input type="checkbox" checked={failedOnly} data-testid="failed-only" onChange={(e) => void followRequests(e.target.checked)} /> failed only
        </label>
      </div>
      {requests.length > 0 ? (
        <ol className="request-list" data-testid="request-list">
          {requests.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                data-request-id={r.id}
                className={`request-row${r.cause ? ' failed' : ''}${target?.kind === 'request' && target.id === r.id ? ' selected' : ''}`}
                onClick={() => void openInspector({ kind: 'request', id: r.id })}
              >
                <span className="request-id">#{r.id}</span>
                <span className="request-fate">{r.fate}</span>
                <span className="request-when">{formatNumber(r.start / 1000, 2)} s</span>
                <span className="request-dur">{Number.isNaN(r.durationMs) ? '…' : formatMs(r.durationMs)}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="inspector-hint" data-testid="request-list-empty">
          {failedOnly ? 'No failed request kept yet. ' : 'No request kept yet. '}Every 20th request and the last 200 failed ones are kept; press again as the run goes.
        </p>
      )}
    </section>
  );
}

function NodeView({ node }: { node: NodeInspect }) {
  return (
    <div className="inspect-node" data-testid="inspect-node">
      <h3>
        {humanNodeName(node)} <span className="inspect-kind">{node.kind}</span>
      </h3>
      {node.controlPlane && (
        <dl className="inspect-figures">
          <dt>control plane</dt>
          <dd>{node.controlPlane.up ? 'up' : 'down'}</dd>
          <dt>CA</dt>
          <dd>{node.controlPlane.caUp ? 'up' : 'down'}</dd>
          <dt>pushes</dt>
          <dd>{node.controlPlane.pushes}</dd>
          <dt>certificates issued / renewed / failed / expired</dt>
          <dd>
            {node.controlPlane.issued} / {node.controlPlane.renewed} / {node.controlPlane.renewalsFailed} / {node.controlPlane.expired}
          </dd>
        </dl>
      )}
      {node.replicas.length > 0 && (
        <table className="inspect-table" data-testid="inspect-replicas">
          <thead>
            <tr>
              <th>replica</th>
              <th>state</th>
              <th>busy</th>
              <th>queue</th>
              <th>util</th>
              <th>proxy cpu</th>
              <th>config</th>
              <th>cert expires</th>
            </tr>
          </thead>
          <tbody>
            {node.replicas.map((r) => (
              <tr key={r.index} data-replica={r.index} className={`state-${r.state}`}>
                <td>{r.host}</td>
                <td data-testid="replica-state">
                  {r.state}
                  {r.state === 'slow' ? ` ×${r.slowdown}` : ''}
                  {r.ejectedBy.length > 0 && (
                    <span className="ejected" title={r.ejectedBy.map((e) => `${e.callerHost} until ${when(e.untilMs)}`).join('\n')}>
                      {' '}
                      ejected by {r.ejectedBy.length} until {when(Math.max(...r.ejectedBy.map((e) => e.untilMs)))}
                    </span>
                  )}
                </td>
                <td>
                  {r.busy}/{r.concurrency}
                </td>
                <td>{formatCount(r.queued)}</td>
                <td>{pct(r.utilization)}</td>
                <td>{r.proxy ? pct(r.proxy.cpuUtilization) : '—'}</td>
                <td data-testid="replica-config">{r.proxy ? `${r.proxy.config} v${r.proxy.configVersion}${r.proxy.changesMade > 0 ? `, change ${r.proxy.changeVersion} of ${r.proxy.changesMade}` : ''}${r.proxy.endpointsBehind ? `, ${r.proxy.endpointsBehind} wrong` : ''}` : '—'}</td>
                <td>{r.proxy?.certificate ? `${when(r.proxy.certificate.expiresAtMs)}${r.proxy.certificate.expired ? ' (expired)' : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Routes title="Its callers' breakers and ejections" routes={node.callers} />
      <Routes title="Its own proxies toward upstreams" routes={node.upstreams} />
    </div>
  );
}

function Routes({ title, routes }: { title: string; routes: RouteInspect[] }) {
  if (routes.length === 0) return null;
  const g = (x: { value: number; limit: number | null }) => (x.limit === null || x.limit > 1e9 ? `${x.value}` : `${x.value}/${x.limit}`);
  return (
    <>
      <h4>{title}</h4>
      <table className="inspect-table">
        <thead>
          <tr>
            <th>caller → callee</th>
            <th>active</th>
            <th>pending</th>
            <th>retries</th>
            <th>conns</th>
            <th>overflows</th>
            <th title="host picks made in panic mode: too few healthy hosts, so health was ignored (Envoy's lb_healthy_panic)">panic</th>
            <th>ejected</th>
          </tr>
        </thead>
        <tbody>
          {routes.map((r, i) => (
            <tr key={i}>
              <td>
                {r.callerHost} → {r.callee}
              </td>
              <td>{g(r.activeRequests)}</td>
              <td>{g(r.pendingRequests)}</td>
              <td>{g(r.activeRetries)}</td>
              <td>{g(r.connections)}</td>
              <td>{r.overflows + r.retryOverflows}</td>
              <td>{r.panics}</td>
              <td>{r.ejected.map((e) => `${e.host} until ${when(e.untilMs)}`).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function EdgeView({ edge }: { edge: EdgeInspect }) {
  const causes = Object.entries(edge.failedHere).sort((a, b) => b[1] - a[1]);
  return (
    <div className="inspect-edge" data-testid="inspect-edge">
      <h3>
        {edge.from} → {edge.to} {edge.mtls && <span className="inspect-kind">mTLS</span>}
      </h3>
      <dl className="inspect-figures">
        <dt title={edge.recent ? edgeWindowText(edge.recent) : 'calls ended per second over the last second of simulated time'}>calls/s, last second</dt>
        <dd data-testid="edge-rate">{edge.recent ? formatRate(edge.recent.perSecond) : '—'}</dd>
        <dt>calls/s since the start</dt>
        <dd data-testid="edge-rate-total">{formatNumber(edge.requestsPerSec, 1)}</dd>
        <dt>p50 / p90 / p99</dt>
        <dd>{edge.latencyMs ? `${formatMs(edge.latencyMs.p50)} / ${formatMs(edge.latencyMs.p90)} / ${formatMs(edge.latencyMs.p99)}` : '—'}</dd>
        <dt>tries per call</dt>
        <dd data-testid="edge-attempts">{formatNumber(edge.attemptsPerCall, 2)}</dd>
        <dt title="host picks made in panic mode: too few healthy hosts, so the balancer ignored health (Envoy's lb_healthy_panic)">picks in panic</dt>
        <dd data-testid="edge-panic">{formatCount(edge.panics)}</dd>
        <dt>failed on this hop</dt>
        <dd data-testid="edge-failed-here" title="Envoy's response flag, as its access log shows it, in brackets">{causes.length ? causes.map(([c, x]) => `${c}${responseFlagOf(c) ? ` [${responseFlagOf(c)}]` : ''} ${pct(x)}`).join(', ') : 'none'}</dd>
        <dt>failed further down</dt>
        <dd>{pct(edge.failedFurtherDown)}</dd>
        <dt>connections opened / reused / failed</dt>
        <dd>
          {formatCount(edge.connections.opened)} / {formatCount(edge.connections.reused)} / {formatCount(edge.connections.failed)}
        </dd>
        <dt>mutual TLS</dt>
        <dd>{edge.mtls ? 'yes' : 'no'}</dd>
      </dl>
    </div>
  );
}

/** Roles hidden when only the calls and tries are wanted. */
const DETAIL_ROLES = new Set(['proxy', 'network', 'queue', 'app', 'pool', 'connect', 'tls', 'backoff']);

/** A clicked dot's request the tracer has no spans for: what its dot showed. */
function DotRequestView({ dot }: { dot: DotRequest }) {
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
function Waterfall({ trace, now }: { trace: Trace; now: number }) {
  const [triesOnly, setTriesOnly] = useState(false);
  const layout = useMemo(() => layoutWaterfall(trace, now, triesOnly ? DETAIL_ROLES : undefined), [trace, now, triesOnly]);
  const fate = trace.fate ?? 'in flight';
  return (
    <div className="waterfall" data-testid="waterfall" data-request-id={trace.id}>
      <h3>
        Request #{trace.id} from {trace.client}:{' '}
        <span className={`waterfall-fate${trace.fate && trace.fate !== 'ok' ? ' failed' : ''}`} data-testid="request-fate">
          {fate}
        </span>{' '}
        {trace.fate && trace.fate !== 'ok' ? `(HTTP ${trace.status}) ` : ''}
        in {formatMs((Number.isNaN(trace.end) ? now : trace.end) - trace.start)}
      </h3>
      <label className="waterfall-option">
        <input type="checkbox" checked={triesOnly} data-testid="tries-only" onChange={(e) => setTriesOnly(e.target.checked)} /> calls and tries only (hide
        proxy passes, network, queues, app time, connections)
      </label>
      <div className="waterfall-axis">
        {layout.ticks.map((t) => (
          <span key={t.label} style={{ left: `${t.x * 100}%` }}>
            {t.label}
          </span>
        ))}
      </div>
      <ol className="waterfall-rows">
        {layout.rows.map((r) => (
          <li
            key={r.span.id}
            className={`waterfall-row role-${r.span.role}${r.span.error ? ' error' : ''}`}
            data-span-role={r.span.role}
            title={Object.entries(r.span.attrs)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          >
            <span className="waterfall-label" style={{ paddingLeft: `${Math.min(r.depth, 12) * 10}px` }}>
              {r.span.name}
            </span>
            <span className="waterfall-track">
              <span className="waterfall-bar" style={{ left: `${r.x * 100}%`, width: `${r.w * 100}%` }} />
              {/* A label that would run off the right end goes inside its bar, at its end. */}
              <span
                className={`waterfall-ms${r.x + r.w > 0.8 ? ' inside' : ''}`}
                style={r.x + r.w > 0.8 ? { right: `${(1 - r.x - r.w) * 100}%` } : { left: `${(r.x + r.w) * 100}%` }}
              >
                {formatMs(r.ms)}
                {r.open ? '…' : ''}
              </span>
            </span>
            <span className="waterfall-note">{r.note}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
