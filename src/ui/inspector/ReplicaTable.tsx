// The inspector's table of a service's replicas: where each runs (its zone, where the scenario
// places hosts in more than one), what it serves now (since the start in the cell's tooltip), its
// load, its proxy and certificate. "Now" is the link labels' window: the last simulated second, read at tenths.
import type { CertLife, ReplicaInspect } from '../../workers/protocol';
import { certLifeParts } from './identityText';
import { formatCount, formatNumber } from '../format';
import { proxyBacklogText, proxyCpuText, servedNowText } from './replicaText';

const pct = (x: number) => `${formatNumber(100 * x, x < 0.1 ? 1 : 0)}%`;
/** A simulated time: seconds, or hours past an hour (certificate lifetimes). */
const when = (ms: number | null) => (ms === null ? 'never' : ms >= 3_600_000 ? `${formatNumber(ms / 3_600_000, 1)} h` : `${formatNumber(ms / 1000, 1)} s`);

/**
 * A sidecar's certificate. Routine (valid, no failed renewal, none expired since it was issued):
 * its expiry time alone, "24.0 h", as the table always had it, with the identity lines' words
 * ("24.0 h left, renews at 12.0 h", identityText.ts certLifeParts) in its title: the renewal's
 * own line cost the table 63 px at 1600x1000, where it must read whole. Otherwise the words on
 * the cell, one phrase a line, each unbroken (inspector.css): "expired at 5.0 s by a fault," /
 * "renews at 15.0 s", "24.0 h left" / "renews at 12.0 h" / "expired at 5.0 s by a fault," /
 * "renewed at 15.0 s": what a person came to read is then on the row.
 */
function CertCell({ cert, nowMs }: { cert: { ca: string } & CertLife; nowMs: number }) {
  const p = certLifeParts(cert, nowMs);
  const words = [p.life, p.renewal].filter((x) => x !== null).join(', ') + (p.history === null ? '' : `; ${p.history}`);
  // "24.0 h" on one line (a squeezed table broke it, "24.0" over "h").
  if (!cert.expired && cert.failedRenewals === 0 && p.history === null) {
    return (
      <span title={words} style={{ whiteSpace: 'nowrap' }}>
        {when(cert.expiresAtMs)}
      </span>
    );
  }
  return (
    <>
      {/* A space between the lines, so a screen reader (and the cell's text) reads them apart. */}
      {[p.life, p.renewal, p.history]
        .flatMap((part) => (part === null ? [] : part.split(/(?<=,) /)))
        .map((line, i) => (
          <span key={line} className="replica-cert-line">
            {i > 0 ? ' ' : ''}
            {line}
          </span>
        ))}
    </>
  );
}

/**
 * The rows of a service's replicas. `zoned`: the scenario places hosts in more than one zone, so
 * a zone column says where each runs (Istio's locality: callers prefer their own zone).
 * `certNote`: the cert cell of a replica with no sidecar of its own (a gateway's inline proxy,
 * whose certificates are listed under the table), else a dash. `nowMs`: the simulated time the rows
 * were read at (a certificate's time left counts from it).
 */
export function ReplicaTable({ replicas, zoned, certNote, nowMs }: { replicas: ReplicaInspect[]; zoned: boolean; certNote?: string; nowMs: number }) {
  const win = replicas.find((r) => r.recent)?.recent;
  const windowWords = win ? `from ${formatNumber(win.fromMs / 1000, 1)} s to ${formatNumber(win.toMs / 1000, 1)} s` : 'the last simulated second';
  return (
    <>
    <table className="inspect-table inspect-replicas" data-testid="inspect-replicas">
      <thead>
        <tr>
          <th>replica</th>
          {zoned && <th title="the zone its host runs in (Istio's locality): with outlier detection set, callers send to their own zone first">zone</th>}
          <th>state</th>
          <th title={`tries it served over the last simulated second (${windowWords}), retries included: each try of a call is a request to one replica; and their share of all this service's replicas served`}>req/s</th>
          <th title="workers busy / its workers, and requests queued">busy</th>
          <th title={`the share of its workers' time busy over the last simulated second (${windowWords})`}>util</th>
          <th title={`the share of its sidecar proxy's CPU in use over the last simulated second (${windowWords}); its figure since the start is in the cell's tooltip`}>proxy CPU</th>
          <th>config</th>
          <th title="its certificate: time left, when its CA is asked to renew it, and when one last expired (its TTL or a fault) and was renewed">cert</th>
        </tr>
      </thead>
      <tbody>
        {replicas.map((r) => (
          <tr key={r.index} data-replica={r.index} data-zone={zoned ? r.zone : undefined} className={`state-${r.state}`}>
            <td className="replica-host">{r.host}</td>
            {zoned && (
              <td className="replica-figure" data-testid="replica-zone" data-label="zone">
                {r.zone}
              </td>
            )}
            <td className="replica-state" data-testid="replica-state" data-label="state">
              {r.state}
              {r.state === 'slow' ? ` ×${r.slowdown}` : ''}
              {r.ejectedBy.length > 0 && (
                <span className="ejected" title={r.ejectedBy.map((e) => `${e.callerHost} until ${when(e.untilMs)}`).join('\n')}>
                  {' '}
                  ejected by {r.ejectedBy.length} until {when(Math.max(...r.ejectedBy.map((e) => e.untilMs)))}
                </span>
              )}
            </td>
            <td className="replica-figure" data-testid="replica-served-now" data-label="req/s" data-served={r.recent?.served} data-share={r.recent?.share} data-total={r.served} title={`${formatCount(r.served)} requests served since the start`}>
              {servedNowText(r)}
            </td>
            <td className="replica-figure" data-testid="replica-busy" data-label="busy" title={`${r.busy} of ${r.concurrency} workers busy, ${formatCount(r.queued)} queued`}>
              {r.busy}/{r.concurrency}
              {/* The queue under the workers, as the proxy's backlog under its CPU: on one line
                  ("1/1 +2,274 queued") it widened the table past the panel at 1600x1000. */}
              {r.queued > 0 && (
                <>
                  {' '}
                  <span className="replica-queued">+{formatCount(r.queued)} queued</span>
                </>
              )}
            </td>
            <td className="replica-figure" data-label="util">{pct(r.utilization)}</td>
            <td className="replica-figure" data-testid="replica-proxy-cpu" data-label="proxy CPU" title={r.proxy ? `${pct(r.proxy.cpuUtilization)} since the start` : undefined}>
              {proxyCpuText(r)}
              {proxyBacklogText(r).text && (
                // Under the percentage, one word a line, so the column stays as narrow as its figure (at 1024x768 one
                // line widened it past the panel: 'saturated' scrolled out of sight).
                <span className="replica-proxy-backlog" data-testid="replica-proxy-backlog" data-held={r.proxy?.held} title={proxyBacklogText(r).title} style={{ display: 'block', color: 'var(--queued-ink)' }}>
                  {proxyBacklogText(r).text.split(' · ').map((line) => (
                    <span key={line} style={{ display: 'block' }}>
                      {line}
                    </span>
                  ))}
                </span>
              )}
            </td>
            <td data-testid="replica-config" data-label="config">{r.proxy ? `${r.proxy.config} v${r.proxy.configVersion}${r.proxy.changesMade > 0 ? `, change ${r.proxy.changeVersion} of ${r.proxy.changesMade}` : ''}${r.proxy.endpointsBehind ? `, ${r.proxy.endpointsBehind} wrong` : ''}` : '—'}</td>
            <td data-testid="replica-cert" data-label="cert">{r.proxy?.certificate ? <CertCell cert={r.proxy.certificate} nowMs={nowMs} /> : r.proxy ? '—' : (certNote ?? '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <p className="inspect-window-note" data-testid="replica-window-note">
      req/s (its share of the service's), util and proxy CPU: {win ? `over ${formatNumber(win.fromMs / 1000, 1)}–${formatNumber(win.toMs / 1000, 1)} s` : 'over the last simulated second'}; each cell's tooltip: since the start
    </p>
    </>
  );
}
