// What an expired certificate refused, where a person watches the run (trial N14, 1; session 45's U1): the counter
// strip's '· 2 handshakes refused' beside FAILED, and the expiry fault's own line in the Faults list, 'first
// handshake refused at 9.25 s: certificate expired'. Before, the first refusal showed only in the link inspector:
// a refused connect whose request was retried on a connection still open fails no request, so the failed figure and
// its causes said nothing. Read from the model's counters (Counter.expiredHandshakes, ConnPool.expiredCertFailures).
// A lazy chunk (CounterStrip, FaultsPanel): it loads only once a certificate has expired.
import { formatCount, formatSimTime } from '../format';
import { useAppStore } from '../state/useAppStore';
import { openInspector } from '../inspector/inspectorStore';
import { linkName } from './refusedWhere';
import { firstRefusalLine, handshakesWord, openBeforeLine } from './expiredHandshakesWords';
import { ApplyLever } from '../faults/FaultNoteMore';
import { faultLever, leverMade } from '../faults/faultLever';
import type { FaultRefusals } from '../../workers/faultRefusals';
import type { FaultStatus } from '../../workers/protocol';
import './expiredHandshakes.css';

/**
 * The strip's button beside FAILED: how many new mutual TLS handshakes were refused for an expired certificate, and
 * from when, in two small lines as RefusedRetries has them ('· 1,625 refused' over 'tls-expired-cert' below 1280 px,
 * where the wide words were cut at 1,625); its title says it whole; a press opens the link the first was refused on.
 */
export default function ExpiredHandshakes() {
  const count = useAppStore((s) => s.stats.expiredHandshakes ?? 0);
  const firstMs = useAppStore((s) => s.stats.expiredHandshakeFirstMs ?? -1);
  const edge = useAppStore((s) => s.stats.expiredHandshakeEdge ?? -1);
  const link = useAppStore((s) => linkName(s.info?.topology ?? null, edge));
  if (count <= 0) return null;
  return (
    <button
      type="button"
      className="refused-retries expired-handshakes"
      data-testid="expired-handshakes"
      data-count={count}
      data-first-ms={firstMs}
      disabled={link === null}
      title={`${handshakesWord(count)} refused: a certificate had expired (tls-expired-cert, Envoy's ssl.fail_verify_error). The first at ${formatSimTime(firstMs)}${link ? ` on ${link}` : ''}. Connections opened before the expiry carry on (TLS checks a certificate only at the handshake, RFC 8446 4.4.2.4), and a refused connect's request is retried on one of them, so requests may not fail until those connections close.${link ? ' Press to inspect the link.' : ''}`}
      onClick={() => {
        if (edge >= 0) void openInspector({ kind: 'edge', id: edge });
      }}
    >
      {/* Below 1280 px '· 1,625 refused' over 'tls-expired-cert' (the words between are the wide form's), as RefusedRetries. */}
      · {formatCount(count)}
      <span className="caption-wide"> {count === 1 ? 'handshake' : 'handshakes'}</span> refused{' '}
      <span className="refused-where">
        tls-expired-cert<span className="caption-wide"> from {formatSimTime(firstMs)}</span>
      </span>
    </button>
  );
}

/**
 * The Faults list's lines under an expire-certificates fault that has started (FaultsPanel): firstRefusalLine of the
 * fault's own refusals (FaultStatus.refusals: its links' count and first, so with several expiries each says its
 * own), or the run's counters when the worker gave none; then what holds it off (openBeforeLine: the connections
 * opened before it still carrying requests, live as the run plays) and, while there are some, its lever
 * (faultLever.ts: "Apply now: maxConnectionDuration 1s on ledger", left out once the run makes that change).
 */
export function ExpiryRefusals({ refusals, fault }: { refusals?: FaultRefusals; fault?: FaultStatus }) {
  const runCount = useAppStore((s) => s.stats.expiredHandshakes ?? 0);
  const runFirstMs = useAppStore((s) => s.stats.expiredHandshakeFirstMs ?? -1);
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const actions = useAppStore((s) => s.recipe?.actions);
  const count = refusals?.count ?? runCount;
  const firstMs = refusals?.firstMs ?? runFirstMs;
  const open = openBeforeLine(refusals?.openBefore, refusals?.expired);
  const lever = fault && topology ? faultLever(fault, topology) : null;
  const holding = (refusals?.openBefore ?? 0) > 0 && refusals?.expired !== false;
  return (
    <>
      <span className="fault-refusals" data-testid="fault-refusals" data-count={count} data-first-ms={firstMs}>
        {firstRefusalLine(count, firstMs)}
      </span>
      {open !== null && (
        <span className="fault-refusals fault-open-before" data-testid="fault-open-before" data-open={refusals?.openBefore} data-expired={String(refusals?.expired)}>
          {open}
        </span>
      )}
      {lever && <ApplyLever change={lever} testId="fault-lever" hidden={!holding || leverMade(actions ?? [], lever)} />}
    </>
  );
}
