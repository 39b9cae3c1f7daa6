// The inspector's figures of a node (replicas, proxies, certificates, ejections, breakers, its
// routes) and of a link (rate, latency, failures, tries, connections).
import type { EdgeInspect, Frame, NodeInspect, RouteInspect } from '../../workers/protocol';
import { formatCount, formatNumber, formatRate } from '../format';
import { edgeRateOf, edgeWindowText } from '../topology/edgeRates';
import { humanNodeName } from '../inspector/picker';
import { edgeLatencyText } from '../measuredLatency';
import { useAppStore, useShownFrame } from '../state/useAppStore';
import { causeInWords, faultInWords, faultsOn, hopCauseLabel } from '../inspector/why';
import { faultOwner, faultsOf } from '../faults/faultOwner';
import { faultListOrder } from './faultState';
import { ReplicaTable } from '../inspector/ReplicaTable';
import { GatewayIdentities } from '../inspector/GatewayIdentities';
import { GatewayCpu } from '../inspector/GatewayCpu';
import { expiryText, trustText } from '../inspector/identityText';
import { boundaryText, deniedBoundaries, deniedBoundaryOf } from '../topology/boundaryRegions';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

const pct = (x: number) => `${formatNumber(100 * x, x < 0.1 ? 1 : 0)}%`;
/** A simulated time: seconds, or hours past an hour (certificate lifetimes). */
const when = (ms: number | null) => (ms === null ? 'never' : ms >= 3_600_000 ? `${formatNumber(ms / 3_600_000, 1)} h` : `${formatNumber(ms / 1000, 1)} s`);

/** A node's figures: its replicas, proxies, certificates, ejections and breakers, then its routes. */
/** What each peer-authentication mode means for a service's callers, a node's mTLS chip's title. */
const MTLS_TITLE: Record<NonNullable<NodeInspect['mtls']>, string> = {
  STRICT: "PeerAuthentication STRICT: its sidecars accept mutual TLS only; a caller without a sidecar is refused (tls-plaintext-rejected)",
  PERMISSIVE: 'PeerAuthentication PERMISSIVE: its sidecars accept mutual TLS and plaintext; meshed callers still use mutual TLS',
  mixed: 'Some of its sidecars hold STRICT and some PERMISSIVE: a change of mode is reaching them',
};

export function NodeView({ node }: { node: NodeInspect }) {
  const zoned = useAppStore((s) => s.info?.zones !== undefined);
  // The Kubernetes namespace the scenario names for it (an imported mesh's metadata.namespace).
  const namespace = useAppStore((s) => s.info?.topology.nodes[node.id]?.namespace ?? null);
  return (
    <div className="inspect-node" data-testid="inspect-node">
      <h3>
        {humanNodeName(node)} <span className="inspect-kind">{node.kind}</span>
        {namespace && (
          <>
            {' '}
            <span className="inspect-kind" data-testid="inspect-namespace" title={`Kubernetes namespace ${namespace}: where its Deployment, Service, PeerAuthentication and sidecar injection are set`}>
              ns {namespace}
            </span>
          </>
        )}
        {node.mtls && (
          <>
            {' '}
            <span className="inspect-kind" data-testid="inspect-mtls" title={MTLS_TITLE[node.mtls]}>
              mTLS {node.mtls}
            </span>
          </>
        )}
      </h3>
      <FaultsHere names={[node.name]} />
      <BoundaryNote name={node.name} />
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
        <SideScroll>
        <ReplicaTable replicas={node.replicas} zoned={zoned} nowMs={node.simTime} certNote={node.identities?.length ? `${node.identities.length}, below` : undefined} />
        </SideScroll>
      )}
      <GatewayCpu node={node} />
      <GatewayIdentities node={node} />
      <Routes title="Its callers' breakers and ejections" routes={node.callers} />
      <Routes title="Its own proxies toward upstreams" routes={node.upstreams} />
    </div>
  );
}

/**
 * A node behind a boundary its mesh's control plane denies, in words (control-plane-boundary's
 * ledger: "payments-lob: may not reach corp's control plane ..."); a control plane that denies
 * boundaries names them. Nothing for any other node.
 */
function BoundaryNote({ name }: { name: string }) {
  const nodes = useAppStore((s) => s.info?.topology.nodes ?? null);
  const node = nodes?.find((n) => n.name === name);
  if (!nodes || !node) return null;
  const denied = deniedBoundaryOf(node, nodes);
  if (denied) {
    return (
      <p className="inspect-boundary" data-testid="inspect-boundary">
        {boundaryText(denied)}, so its proxies get no routes, endpoints or certificate.
      </p>
    );
  }
  const denies = node.kind === 'control-plane' ? deniedBoundaries([node]).map((d) => d.boundary) : [];
  if (denies.length === 0) return null;
  return (
    <p className="inspect-boundary" data-testid="inspect-boundary">
      Proxies in {denies.join(', ')} may not reach this control plane.
    </p>
  );
}

/**
 * The run's faults acting on a node (its name, a replica of it, a link into or out of it, its
 * mesh's control plane or CA) right now, in words: the inspector's answer to "why is this red?".
 * On a link, `names` is its callee and `link` the link itself; a fault on another link into the
 * callee is left out.
 */
function FaultsHere({ names, link }: { names: string[]; link?: string }) {
  const faults = useAppStore((s) => s.faults);
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const mesh = topology?.nodes.find((n) => n.name === names[0])?.mesh ?? null;
  const on = faultListOrder(faultsOn(faults, names, null, mesh)).filter((f) => link === undefined || !f.target.includes('->') || f.target === link);
  if (on.length === 0) return null;
  return (
    <div className="inspect-faults" data-testid="inspect-faults">
      {(['scenario', 'yours'] as const).map((owner) => {
        // The scenario's faults and the person's said apart (trial N10, 7b).
        const of = on.filter((f) => faultOwner(f) === owner);
        if (of.length === 0) return null;
        return (
          <div key={owner} data-owner={owner}>
            {faultsOf(owner, of.length, 'acts')} here now:
            <ul>
              {of.map((f) => (
                <li key={f.id}>⚡ {faultInWords(f)}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

function Routes({ title, routes }: { title: string; routes: RouteInspect[] }) {
  if (routes.length === 0) return null;
  // A figure and its breaker's limit; a limit of 10,000 or more as '100k' (Envoy's default
  // max_retries-like limits are large), the exact one in the cell's title.
  const g = (x: { value: number; limit: number | null }) =>
    x.limit === null || x.limit > 1e9 ? `${x.value}` : `${x.value}/${x.limit >= 10_000 ? `${formatNumber(x.limit / 1000, 0)}k` : x.limit}`;
  const gt = (x: { value: number; limit: number | null }) => (x.limit === null || x.limit > 1e9 ? undefined : `${x.value} of a limit of ${formatCount(x.limit)}`);
  return (
    <>
      <h4>{title}</h4>
      <SideScroll>
      <table className="inspect-table">
        <thead>
          <tr>
            <th>caller → callee</th>
            <th title="requests active on the route / its breaker's limit (max_requests)">active</th>
            <th title="requests waiting for a connection / its breaker's limit (max_pending_requests)">pending</th>
            <th title="retries active / its breaker's limit (max_retries)">retries</th>
            <th title="connections open / its breaker's limit (max_connections)">conns</th>
            <th title="requests and retries refused because a breaker was full (overflows)">overfl.</th>
            <th title="host picks made in panic mode: too few healthy hosts, so health was ignored (Envoy's lb_healthy_panic)">panic</th>
            <th title="hosts this caller's outlier detection has ejected, and until when">ejected</th>
          </tr>
        </thead>
        <tbody>
          {routes.map((r, i) => (
            <tr key={i}>
              <td>
                {r.callerHost} → {r.callee}
              </td>
              <td title={gt(r.activeRequests)}>{g(r.activeRequests)}</td>
              <td title={gt(r.pendingRequests)}>{g(r.pendingRequests)}</td>
              <td title={gt(r.activeRetries)}>{g(r.activeRetries)}</td>
              <td title={gt(r.connections)}>{g(r.connections)}</td>
              <td>{r.overflows + r.retryOverflows}</td>
              <td>{r.panics}</td>
              <td>{r.ejected.map((e) => `${e.host} until ${when(e.untilMs)}`).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </SideScroll>
    </>
  );
}

/**
 * A table that scrolls sideways where the panel is narrower than it (a node's eight columns in
 * the 320 px panel at 1024x768), and says so: a line over it names the columns out of view and
 * which way to scroll for them (none while the table fits). Its first column stays in place (CSS).
 */
function SideScroll({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [cue, setCue] = useState<string | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => {
      if (el.scrollWidth <= el.clientWidth + 1) return setCue(null);
      const heads = Array.from(el.querySelectorAll('thead th')) as HTMLElement[];
      const first = heads[0]?.offsetWidth ?? 0;
      const right = heads.filter((h) => h.offsetLeft + h.offsetWidth > el.scrollLeft + el.clientWidth + 1).map((h) => h.textContent);
      const left = heads.slice(1).filter((h) => h.offsetLeft < el.scrollLeft + first - 1).map((h) => h.textContent);
      const parts = [left.length ? `← ${left.join(', ')}` : '', right.length ? `${right.join(', ')} →` : ''].filter(Boolean);
      setCue(`scroll sideways for ${parts.join('; ')}`);
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', check, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', check);
    };
  }, []);
  return (
    <div className="inspect-scroll" data-overflow={cue ? 'x' : undefined}>
      {cue && (
        <p className="inspect-scroll-cue" data-testid="inspect-scroll-cue">
          {cue}
        </p>
      )}
      <div ref={box} className="inspect-scroll-box">
        {children}
      </div>
    </div>
  );
}

/** Calls on a link listed open up to this many groups of alike calls; more are folded under their count. */
const CALL_GROUPS_OPEN = 3;

/**
 * How many of its caller's calls a link carries (one link per caller -> callee pair, Q2: its
 * figures are their sum), and what they are, alike ones as one line (edgeCalls.ts); folded when
 * there are more than CALL_GROUPS_OPEN kinds. Rows of the link's figures list.
 */
function EdgeCallList({ from, calls }: { from: string; calls: NonNullable<EdgeInspect['scenarioCalls']> }) {
  const lines = calls.groups.map((g) => (
    <li key={g.at} data-testid="edge-call-group">
      <span className="inspect-call-at">{g.count === 1 ? `call ${g.at}` : `calls ${g.at}`}</span>: {g.text}
    </li>
  ));
  const more = calls.moreGroups > 0 ? <li>and {formatCount(calls.moreGroups)} more kinds</li> : null;
  return (
    <>
      <dt title={`one link per caller and callee: ${from} makes these calls to it for each request it serves (its calls list), and every figure here sums them`}>calls it carries</dt>
      <dd data-testid="edge-call-count" data-calls={calls.total}>
        {formatCount(calls.total)} of {from}'s calls, summed here
      </dd>
      <dd className="inspect-calls" data-testid="edge-calls">
        {calls.groups.length + calls.moreGroups <= CALL_GROUPS_OPEN ? (
          <ul>{lines}</ul>
        ) : (
          <details>
            <summary>{formatCount(calls.groups.length + calls.moreGroups)} kinds of call</summary>
            <ul>
              {lines}
              {more}
            </ul>
          </details>
        )}
      </dd>
    </>
  );
}

/**
 * Edge `edgeId`'s requests sent (every try, answered yet or not) and calls ended per second over
 * the last second of `frame` (its window, as the link's label says it), 0 when none were; undefined
 * without a frame or an id. Pure.
 */
function shownRecent(frame: Frame | null, edgeId: number | undefined): { perSecond: number; triesPerSecond: number; fromMs: number; toMs: number } | undefined {
  if (frame === null || edgeId === undefined || frame.recentToMs <= frame.recentFromMs) return undefined;
  const r = edgeRateOf(frame, edgeId);
  return { perSecond: r?.perSecond ?? 0, triesPerSecond: r?.triesPerSecond ?? 0, fromMs: frame.recentFromMs, toMs: frame.recentToMs };
}

/**
 * A link's figures: rate over the last window and since the start, latency of the ok calls sent
 * after the warm-up (or why there is none: `edgeLatencyText`), failures by cause, tries and connections.
 */
export function EdgeView({ edge, edgeId }: { edge: EdgeInspect; edgeId?: number }) {
  const causes = Object.entries(edge.failedHere).sort((a, b) => b[1] - a[1]);
  // The last second as the link's label and the clock show it: of the frame on show, on the
  // counters' schedule; the worker's answer (asked every 500 ms while playing) was of its own moment.
  const shown = useShownFrame();
  const recent = shownRecent(shown, edgeId) ?? edge.recent;
  const warmupMs = useAppStore((s) => s.info?.warmupMs ?? 0);
  const latency = edgeLatencyText(edge, warmupMs);
  // A caller with a proxy (a sidecar, or a gateway: an Envoy) flags its failures; a plain app sees its socket's error.
  const callerHasProxy = useAppStore((s) => {
    const caller = s.info?.topology.nodes.find((n) => n.name === edge.from);
    return caller === undefined || caller.sidecar || caller.kind === 'gateway';
  });
  return (
    <div className="inspect-edge" data-testid="inspect-edge" data-caller-proxy={callerHasProxy ? 'yes' : 'no'}>
      <h3>
        {edge.from} → {edge.to} {edge.mtls && <span className="inspect-kind">mTLS</span>}
      </h3>
      <FaultsHere names={[edge.to]} link={`${edge.from}->${edge.to}`} />
      <dl className="inspect-figures">
        {edge.scenarioCalls && edge.scenarioCalls.total > 1 && <EdgeCallList from={edge.from} calls={edge.scenarioCalls} />}
        {/* The link's label counts requests sent, every try (retry-storm's lesson counts tries at payments: 27 a user request), answered or not (a flood reads as the flood); the calls ended, a retried one once, beside them. */}
        <dt title={recent ? edgeWindowText(recent) : 'requests sent per second over the last second of simulated time: every attempt, retries included, answered yet or not'}>req/s sent (every attempt), last second</dt>
        <dd data-testid="edge-rate" data-window-to={recent?.toMs}>
          {recent ? formatRate(recent.triesPerSecond ?? recent.perSecond) : '—'}
        </dd>
        <dt title="calls ended per second over the last second of simulated time, a retried call counted once (Envoy's upstream_rq_completed; their attempts are about the req/s above while calls end as fast as they are sent, far fewer while the callee holds them)">calls ended/s, last second</dt>
        <dd data-testid="edge-calls-rate">{recent ? formatRate(recent.perSecond) : '—'}</dd>
        <dt title="calls ended per second since the start, a retried call counted once (the attempts, retries included, are calls/s × attempts per call)">calls/s since the start</dt>
        <dd data-testid="edge-rate-total">{formatNumber(edge.requestsPerSec, 1)}</dd>
        <dt title={latency.title}>p50 / p90 / p99</dt>
        <dd data-testid="edge-latency" data-measured={latency.measured ? edge.latencyCount : 0} className={latency.measured ? undefined : 'inspect-unmeasured'} title={latency.title}>
          {latency.text}
        </dd>
        {/* The link's label counts its shares over the last second; these are since the start, and
            say so, or a label's "100% failed further down" beside "58%" here reads as a mistake. */}
        <dt title="attempts per call on this hop, since the start: a call's first attempt and each retry (Envoy's x-envoy-attempt-count; a service's attempts received, in the compare table, count every attempt on every hop)">attempts per call, this hop, since the start</dt>
        <dd data-testid="edge-attempts">{formatNumber(edge.attemptsPerCall, 2)}</dd>
        {/* Retries a breaker refused (trial N11, 2): said where the retries are, with why and what to raise. */}
        {(edge.retryOverflows ?? 0) > 0 && (
          <>
            <dt title="a failed try its policy would retry, not retried: the caller's circuit breaker already had circuitBreaker.maxRetries retries in flight to this upstream (3 at a gateway unless set: Envoy's default), or its retry budget was spent. Envoy's upstream_rq_retry_overflow">retries made / refused by the breaker</dt>
            <dd data-testid="edge-retry-overflow" data-refused={edge.retryOverflows}>
              {formatCount(edge.retries)} / {formatCount(edge.retryOverflows)}
            </dd>
            <dd className="inspect-cause-words" data-testid="edge-retry-overflow-why">
              {edge.retryOverflows === 1 ? 'one call' : `${formatCount(edge.retryOverflows)} calls`} failed with the try's own error: circuitBreaker.maxRetries was full (3 at a gateway unless set). Raise it on the route's policy, or set retries.budget
            </dd>
          </>
        )}
        <dt title="host picks made in panic mode: too few healthy hosts, so the balancer ignored health (Envoy's lb_healthy_panic)">picks in panic</dt>
        <dd data-testid="edge-panic">{formatCount(edge.panics)}</dd>
        <dt>failed on this hop, since the start</dt>
        <dd data-testid="edge-failed-here" title={callerHasProxy ? "Envoy's response flag, as its access log shows it, in brackets" : `${edge.from} has no sidecar: no Envoy on its side sets a flag or makes a 503, so in parentheses is what its own socket saw`}>{causes.length ? causes.map(([c, x]) => `${hopCauseLabel(c, callerHasProxy)} ${pct(x)}`).join(', ') : 'none'}</dd>
        {causes.length > 0 && (
          <dd className="inspect-cause-words" data-testid="edge-failed-why">
            {causes.map(([c]) => `${c}: ${causeInWords(c)}`).join('; ')}
          </dd>
        )}
        <dt>failed further down, since the start</dt>
        <dd>{pct(edge.failedFurtherDown)}</dd>
        <dt>connections opened / reused / failed</dt>
        <dd>
          {formatCount(edge.connections.opened)} / {formatCount(edge.connections.reused)} / {formatCount(edge.connections.failed)}
        </dd>
        {edge.connections.drained > 0 && (
          <>
            <dt title="plaintext connections the callee's sidecar closed when its mTLS mode became STRICT: each closes with the answer it carries, or at the 45 s drain's end if idle">connections drained by STRICT</dt>
            <dd data-testid="edge-drained">{formatCount(edge.connections.drained)}</dd>
          </>
        )}
        <dt>mutual TLS</dt>
        <dd>{edge.mtls ? 'yes' : 'no'}</dd>
        {edge.trust && (
          <>
            <dt>certificates</dt>
            <dd data-testid="edge-trust">{trustText(edge.from, edge.to, edge.trust)}</dd>
            {edge.expiry && <dd data-testid="edge-expiry">{expiryText(edge.expiry)}</dd>}
          </>
        )}
      </dl>
    </div>
  );
}
