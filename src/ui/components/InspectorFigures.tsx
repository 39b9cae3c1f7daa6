// The inspector's figures of a node (replicas, proxies, certificates, ejections, breakers, its
// routes) and of a link (rate, latency, failures, tries, connections).
import type { EdgeInspect, NodeInspect, RouteInspect } from '../../workers/protocol';
import { formatCount, formatNumber, formatRate } from '../format';
import { edgeWindowText } from '../topology/edgeRates';
import { responseFlagOf } from '../../models/envoy/responseFlags';
import { humanNodeName } from '../inspector/picker';
import { edgeLatencyText } from '../measuredLatency';
import { useAppStore } from '../state/useAppStore';

const pct = (x: number) => `${formatNumber(100 * x, x < 0.1 ? 1 : 0)}%`;
/** A simulated time: seconds, or hours past an hour (certificate lifetimes). */
const when = (ms: number | null) => (ms === null ? 'never' : ms >= 3_600_000 ? `${formatNumber(ms / 3_600_000, 1)} h` : `${formatNumber(ms / 1000, 1)} s`);

/** A node's figures: its replicas, proxies, certificates, ejections and breakers, then its routes. */
export function NodeView({ node }: { node: NodeInspect }) {
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

/**
 * A link's figures: rate over the last window and since the start, latency of the ok calls sent
 * after the warm-up (or why there is none: `edgeLatencyText`), failures by cause, tries and connections.
 */
export function EdgeView({ edge }: { edge: EdgeInspect }) {
  const causes = Object.entries(edge.failedHere).sort((a, b) => b[1] - a[1]);
  const warmupMs = useAppStore((s) => s.info?.warmupMs ?? 0);
  const latency = edgeLatencyText(edge, warmupMs);
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
        <dt title={latency.title}>p50 / p90 / p99</dt>
        <dd data-testid="edge-latency" data-measured={latency.measured ? edge.latencyCount : 0} className={latency.measured ? undefined : 'inspect-unmeasured'} title={latency.title}>
          {latency.text}
        </dd>
        {/* The link's label counts its shares over the last second; these are since the start, and
            say so, or a label's "100% failed further down" beside "58%" here reads as a mistake. */}
        <dt>tries per call, since the start</dt>
        <dd data-testid="edge-attempts">{formatNumber(edge.attemptsPerCall, 2)}</dd>
        <dt title="host picks made in panic mode: too few healthy hosts, so the balancer ignored health (Envoy's lb_healthy_panic)">picks in panic</dt>
        <dd data-testid="edge-panic">{formatCount(edge.panics)}</dd>
        <dt>failed on this hop, since the start</dt>
        <dd data-testid="edge-failed-here" title="Envoy's response flag, as its access log shows it, in brackets">{causes.length ? causes.map(([c, x]) => `${c}${responseFlagOf(c) ? ` [${responseFlagOf(c)}]` : ''} ${pct(x)}`).join(', ') : 'none'}</dd>
        <dt>failed further down, since the start</dt>
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
