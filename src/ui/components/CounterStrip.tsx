// The live figures at the bottom: what was sent, what came back, what failed and why.
import { formatCount, formatLatency, formatNumber } from '../format';
import { counterShares } from './counterShares';
import { Clock } from './SimClock';
import { useAppStore } from '../state/useAppStore';
import { useStore } from 'zustand';
import { seriesStore } from '../charts/seriesStore';
import { runLatencyMeasured, warmupText } from '../measuredLatency';
import { Meaning } from '../theme/palette';
import { vcpuPer1000 } from '../../workers/figures';
import { proxyCpuWarming, proxyCpuWhy, proxySaturatedWhy, SATURATED_ROOM } from './proxyCpuWhy';
import { RunStatus } from '../state/store';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useCausesFit } from './causesFit';
import { followOnly, openInspector } from '../inspector/inspectorStore';
import { YourFaultChips, useYourChipsKey } from '../faults/YourFaultChips';
import { linkName, refusedWhere } from './refusedWhere';
import './stripFit.css';

export function CounterStrip() {
  return (
    <footer className="strip" aria-label="Live counters">
      <Requests />
      <Latency />
      <ProxyCpu />
      <Clock />
    </footer>
  );
}

function Requests() {
  const sent = useAppStore((s) => s.stats.sent);
  const ok = useAppStore((s) => s.stats.ok);
  const failed = useAppStore((s) => s.stats.failed);
  const inFlight = useAppStore((s) => s.stats.inFlight);
  const clients = useAppStore((s) => s.info?.topology.nodes.filter((n) => n.kind === 'client').length ?? 1);
  const shares = counterShares({ sent, ok, failed, inFlight }, clients);
  return (
    <>
      <Figure label="sent" testId="sent-count" value={formatCount(sent)} />
      {/* ok and failed each with its share of the requests that ended, so the two add up to 100% and the failed
          share is the story's "user requests failing" at the same moment, written alike ('14.1% of 64 ended':
          session 53's T4 trial, 5, read it beside '12.2% of sent' as two answers to one question); in flight with
          its share of sent (counterShares). ok's note stays bare (its title says of what), so its figure keeps its
          width: gateway-and-mesh's third cause (sunset) fits beside FAILED at 1600x1000 (causes.spec). */}
      <Figure label="ok" testId="ok-count" value={formatCount(ok)} note={shares.ok} noteTestId="ok-share" title={OK_TITLE} />
      <div className={`figure figure-failed${failed > 0 ? ' figure-alarm' : ''}`} title={FAILED_TITLE}>
        <span className="figure-label">
          <span className="legend-dot legend-dot-failed" style={{ background: Meaning.failed }} /> failed
        </span>
        <span className="figure-failed-value">
          <span className="figure-value" data-testid="failed-count">
            {formatCount(failed)}
          </span>
          <RefusedRetries />
          <Refusals />
        </span>
        {/* Whole above 1280 px; without the count at or below it ('17.9% of all 3,107 ended' ran into IN FLIGHT at
            1024x768), the title saying it whole. */}
        <span className="figure-note" title={shares.failed}>
          <span className="caption-wide" data-testid="failed-share">
            {shares.failed}
          </span>
          <span className="caption-narrow" data-testid="failed-share-short">
            {shares.failedShort}
          </span>
        </span>
        <FailureCauses />
      </div>
      {/* ' of sent' said above 1280 px only (caption-wide, its room too): at 1024x768 the wider note squeezed FAILED's
          cause chip to 'tls-unknow…' (proxycpu.spec); the title says of what there. */}
      <Figure label="in flight" testId="in-flight-count" value={formatCount(inFlight)} note={ofSentWide(shares.inFlight)} noteTestId="in-flight-share" title={IN_FLIGHT_TITLE} room={ofSentWide('99.99% of sent')} />
    </>
  );
}

/**
 * Beside FAILED, when a circuit breaker refused retries (Stats.retryOverflows, Envoy's upstream_rq_retry_overflow,
 * the call's UO flag): how many and on which link, e.g. '· 85 retries refused on egress → partner' ('· 85 refused
 * on …' below 1280 px), or 'on 2 links' (refusedWhere); the title says it was a circuit breaker ('by the breaker' and
 * the link did not fit together in the figure at 1600x1000). Those calls failed with their try's own error, so they
 * are among the causes beside it; this says why no retry saved them (trial N11, 2). A button, as the cause chips are:
 * it opens the inspector on that link (with several, the one with the most refused). Nothing when none was refused.
 * Beside the count, in two small lines where one does not fit ('· 85 refused' over 'on egress → partner' at 1024x768),
 * so the strip keeps its height in every arrangement (the Charts drawer's too) and the link's name reads whole: on the
 * label's line it had some 140 px at 1024x768 and was cut ('· 85 refused on eg…').
 */
function RefusedRetries() {
  const refused = useAppStore((s) => s.stats.retryOverflows ?? 0);
  const links = useAppStore((s) => s.stats.retryOverflowLinks ?? 0);
  const edge = useAppStore((s) => s.stats.retryOverflowEdge ?? -1);
  const link = useAppStore((s) => linkName(s.info?.topology ?? null, edge));
  const where = refusedWhere(link, links);
  if (refused <= 0) return null;
  const n = formatCount(refused);
  const retries = refused === 1 ? 'retry' : 'retries';
  const open = where !== null;
  return (
    <button
      type="button"
      className="refused-retries"
      data-testid="refused-retries"
      data-refused={refused}
      data-links={links}
      data-edge={edge >= 0 ? edge : undefined}
      disabled={!open}
      title={`${n} ${retries} refused by a circuit breaker${where ? ` ${where.words}` : ''}: its retry limit was reached, circuitBreaker.maxRetries or a retries.budget (Envoy's upstream_rq_retry_overflow, flag UO), so ${refused === 1 ? 'that call' : 'those calls'} failed with the try's own error. ${open ? `Press to inspect ${links > 1 ? `the link with the most, ${where.link}` : 'the link'}: what to raise.` : "A link's inspector says which link, and what to raise."}`}
      onClick={() => {
        if (open) void openInspector({ kind: 'edge', id: edge });
      }}
    >
      · {n}
      <span className="caption-wide"> {retries}</span> refused
      {where && (
        <>
          {' '}
          <span className="refused-where">{where.words}</span>
        </>
      )}
    </button>
  );
}

const ExpiredHandshakes = lazy(() => import('./expiryParts').then((m) => ({ default: m.ExpiredHandshakes })));

/** Beside FAILED, once a handshake was refused for an expired certificate: ExpiredHandshakes (a lazy chunk). */
function Refusals() {
  const any = useAppStore((s) => (s.stats.expiredHandshakes ?? 0) > 0);
  return any ? <Suspense fallback={null}><ExpiredHandshakes /></Suspense> : null;
}

/**
 * The failed figure's causes, most frequent first, each with its count: as many as fit on one line,
 * then '+n' for the rest (useCausesFit lays them out; the list's tooltip says them all). Each is a
 * button: it opens the inspector's list of kept requests that failed with that cause. '+n' is a
 * button too: it opens every cause above the strip (trial N10, 7: at 1024x768 with the charts open,
 * "queue-full 307 http-5xx 242 +1" hid timeout, whose requests could then not be listed).
 */
function FailureCauses() {
  const failures = useAppStore((s) => s.stats.failures);
  const causes = Object.entries(failures).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const text = causes.map(([cause, n]) => `${cause} ${formatCount(n)}`).join(', ');
  const list = useRef<HTMLUListElement>(null);
  const [all, setAll] = useState(false);
  // The person's own faults first, marked yours (YourFaultChips: trial T4, 3); a change of theirs lays the line out again.
  useCausesFit(list, `${text} ${useYourChipsKey()}`);
  const chip = (cause: string, n: number, then?: () => void) => (
    <button
      type="button"
      className="cause-button"
      data-cause={cause}
      title={`List the kept requests that failed with ${cause}`}
      onClick={() => {
        then?.();
        void followOnly(cause);
      }}
    >
      <span className="cause-name">{cause}</span> <span className="cause-count">{formatCount(n)}</span>
    </button>
  );
  return (
    <>
      <ul ref={list} className="causes" data-testid="failure-causes" aria-label="Failures by cause" title={causes.length ? text : undefined}>
        <YourFaultChips />
        {causes.length === 0 ? (
          <li className="causes-none">no failures</li>
        ) : (
          causes.map(([cause, n]) => (
            // A press lists the kept requests that failed with it (trial N10: "why did those 26 time out?").
            <li key={cause} className="cause">
              {chip(cause, n)}
            </li>
          ))
        )}
        {/* Its text ('+n', drawn from data-more) and whether it shows are useCausesFit's: React renders it empty. */}
        {causes.length > 1 && (
          <li className="causes-more">
            <button type="button" className="causes-more-button" data-testid="failure-causes-more" aria-expanded={all} aria-label={`Every cause of failure (${causes.length})`} title="Every cause, each a button that lists its kept requests" onClick={() => setAll((v) => !v)} />
          </li>
        )}
      </ul>
      {all && causes.length > 1 && <AllCauses onClose={() => setAll(false)}>{causes.map(([cause, n]) => <li key={cause}>{chip(cause, n, () => setAll(false))}</li>)}</AllCauses>}
    </>
  );
}

/** Every cause's chip above the failed figure, closed by Escape, a press outside or a chip's own press. */
function AllCauses({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const press = (e: PointerEvent) => {
      const t = e.target as Element | null;
      if (box.current && t && !box.current.contains(t) && !t.closest('[data-testid="failure-causes-more"]')) onClose();
    };
    document.addEventListener('keydown', key);
    document.addEventListener('pointerdown', press);
    box.current?.querySelector<HTMLElement>('button')?.focus();
    return () => {
      document.removeEventListener('keydown', key);
      document.removeEventListener('pointerdown', press);
    };
  }, [onClose]);
  return (
    <div ref={box} className="causes-all" role="dialog" aria-label="Every cause of failure" data-testid="failure-causes-all">
      <ul className="causes causes-all-list">{children}</ul>
    </div>
  );
}

function Latency() {
  const ok = useAppStore((s) => s.stats.ok);
  const p50 = useAppStore((s) => s.stats.p50);
  const p90 = useAppStore((s) => s.stats.p90);
  const p99 = useAppStore((s) => s.stats.p99);
  const mean = useAppStore((s) => s.stats.mean);
  const simTime = useAppStore((s) => s.stats.simTime);
  const warmupMs = useAppStore((s) => s.info?.warmupMs ?? 0);
  // The counters read 0 while nothing was measured (no ok request yet, or all in the warm-up):
  // whether they hold a measurement is decided by counts (runLatencyMeasured), not by those zeros.
  const has = useStore(seriesStore, (s) => runLatencyMeasured(mean, s, simTime));
  const q = (label: string, value: number, testId: string) => (
    <span className="latency-cell">
      <span className="latency-q">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {formatLatency(value, true)}
      </span>
    </span>
  );
  const why = has ? null : latencyWhy(simTime, warmupMs, ok);
  return (
    <div className="figure figure-latency" title={why ? why.title : 'Latency of requests that ended ok, sent after the warm-up: mean, p50, p90 and p99'}>
      <span className="figure-label">
        <span className="caption-wide">latency of ok requests</span>
        <span className="caption-narrow">latency (ok)</span>
      </span>
      {why ? (
        <span className="figure-value figure-value-why" data-testid="latency-status">
          {why.text}
        </span>
      ) : (
        <span className="latency-grid">
          {q('mean', mean, 'mean')}
          {q('p50', p50, 'p50')}
          {q('p90', p90, 'p90')}
          {q('p99', p99, 'p99')}
        </span>
      )}
    </div>
  );
}

/**
 * Why the latency counters have no figure yet, in a few words and in full. Latency counts only
 * ok requests sent after the scenario's `warmup` (World.latency; README, The CLI), so during the
 * warm-up there is nothing by design, however many requests ended ok. Pure.
 */
export function latencyWhy(simTimeMs: number, warmupMs: number, ok: number): { text: string; title: string } {
  const w = warmupText(warmupMs);
  if (warmupMs > 0 && simTimeMs < warmupMs) {
    return {
      text: `warming up (${w})`,
      title: `No latency yet: it counts ok requests sent after the scenario's warm-up, its first ${w} (${formatCount(ok)} ok so far are left out)`,
    };
  }
  if (ok === 0) return { text: 'no ok request yet', title: 'No latency yet: no request has ended ok' };
  return {
    text: 'none since warm-up yet',
    title: `No latency yet: no request sent after the warm-up (${w}) has ended ok`,
  };
}

/** Simulated ms before which the proxy CPU figure gives no reason beside it (ProxyCpu). */
const WHY_FROM_MS = 1000;

/**
 * Proxy CPU, where there are sidecars: vCPU per 1000 req/s per proxy (as Istio states its load
 * test's cost; see vcpuPer1000) and the total over every proxy, in vCPU (CPU ms per ms).
 */
function ProxyCpu() {
  const proxies = useAppStore((s) => s.stats.proxies);
  const cpuMs = useAppStore((s) => s.stats.proxyCpuMs);
  const passes = useAppStore((s) => s.stats.proxyPasses);
  const simTime = useAppStore((s) => s.stats.simTime);
  const handshakeMs = useAppStore((s) => s.stats.proxyHandshakeCpuMs ?? 0);
  // Work the sidecars have taken but not yet run: passes are counted as they arrive, so without it a saturated
  // mesh read 0.00 per proxy beside 4 vCPU in all (session 36's trial N5, F3).
  const backlogMs = useAppStore((s) => s.stats.proxyBacklogMs ?? 0);
  const held = useAppStore((s) => s.stats.proxyHeld ?? 0);
  const waitMs = useAppStore((s) => s.stats.proxyWaitMs ?? 0);
  const failing = useAppStore((s) => s.stats.failed > s.stats.ok);
  const warmupMs = useAppStore((s) => s.info?.warmupMs ?? 0);
  // Shown ('—') from the first paint for a scenario with sidecars (and while the first one loads,
  // as most have them), not from its first frame on: the figures beside it moved left when it came.
  const sidecars = useAppStore((s) => (s.info === null ? s.status === RunStatus.loading : s.info.topology.nodes.some((n) => n.sidecar)));
  if (proxies === 0 && !sidecars) return null;
  // During the warm-up '—' and "warming up", as latency says (trial N16, 7: it read 0.47 there, 0.35 at the end).
  const warming = proxyCpuWarming(simTime, warmupMs);
  const per = warming ? NaN : vcpuPer1000(cpuMs + backlogMs, passes);
  const total = simTime > 0 ? cpuMs / simTime : NaN;
  // Not in a run's first second: every connection is new then, so the handshakes' share stood
  // high for a few tenths of a second in any run with sidecars, and the words came and went again
  // (partial-adoption: at 0.3 s, gone at 0.47 s), widening the figure and moving the ones beside it.
  const why = simTime > WHY_FROM_MS ? proxyCpuWhy(cpuMs + backlogMs, passes, handshakeMs, failing) : null;
  const saturated = proxySaturatedWhy(held, waitMs);
  const said = warming ?? saturated ?? why;
  return (
    <div
      className="figure figure-proxy"
      title={`${formatCount(proxies)} sidecars. Per proxy: its CPU per 1000 requests/s through it (two passes a request, handshakes included)${Number.isFinite(per) || warming ? '' : ': no pass through a proxy yet to divide by'}. Total: CPU over every proxy, in cores.${said ? ` ${said.title}` : ''}`}
      data-saturated={saturated ? 'true' : undefined}
    >
      <span className="figure-label">proxy CPU</span>
      <span className="figure-value-row">
        <span className="figure-value" data-testid="proxy-cpu">
          {formatNumber(per, 2)}
        </span>
        {/* The words' room held from the first paint (an unseen copy of the widest saturated words in the same cell):
            coming in, they widened the figure and moved those left of it (23.6 px at 1024x768; saturatedshift.spec). */}
        <span className="figure-why-slot">
          <span className="figure-why figure-why-room" aria-hidden="true">
            <span>{SATURATED_ROOM.what}</span>
            <span>{SATURATED_ROOM.why}</span>
          </span>
          {warming ? (
            <span className="figure-why" data-testid="proxy-cpu-warmup">
              <span>{warming.what}</span>
              <span>{warming.why}</span>
            </span>
          ) : saturated ? (
            <span className="figure-why figure-why-saturated" data-testid="proxy-cpu-why" data-held={Math.round(held)}>
              <span>{saturated.what}</span>
              <span>{saturated.why}</span>
            </span>
          ) : (
            why && (
              <span className="figure-why" data-testid="proxy-cpu-why" data-percent={why.percent}>
                <span>{why.what}</span>
                <span>{why.why}</span>
              </span>
            )
          )}
        </span>
      </span>
      <span className="figure-note">
        <span className="caption-wide">vCPU / 1000 req/s / proxy</span>
        <span className="caption-narrow">vCPU/1k req/s each</span>
      </span>
      <span className="figure-note" data-testid="proxy-cpu-total">
        {Number.isFinite(total) ? `${formatNumber(total, total < 10 ? 2 : 1)} vCPU in all` : ''}
      </span>
    </div>
  );
}

/** The counters' titles: what each share is of (counterShares). */
const OK_TITLE = 'Requests that ended ok; the percentage is their share of the requests that ended (ok + failed), so ok and failed add up to 100%';
const FAILED_TITLE =
  "Requests that failed; the percentage is their share of the requests that ended (ok + failed), as a story step's figure of user requests counts them and as Istio's dashboards count an error rate: a request still in flight has neither failed nor succeeded yet";
const IN_FLIGHT_TITLE = 'Requests still in flight (sent, not yet ended); the percentage is their share of all requests sent';

/** A share's note whose ' of sent' shows only where the strip is wide (styles.css .caption-wide); its text stays whole. */
function ofSentWide(note: string): ReactNode {
  const i = note.indexOf(' of sent');
  return i < 0 ? note : (
    <>
      {note.slice(0, i)}
      <span className="caption-wide">{note.slice(i)}</span>
    </>
  );
}

function Figure({ label, value, testId, note, noteTestId, title, room = '99.99%' }: { label: string; value: string; testId: string; note?: ReactNode; noteTestId?: string; title?: string; room?: ReactNode }) {
  return (
    <div className="figure figure-count" title={title}>
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {value}
      </span>
      {/* The widest share's room held from the first paint (`room` under the share, unseen: '99.99%'), so a share
          going from '0%' to '96.8%' never moves the figures beside it (layout.spec). */}
      {note !== undefined && (
        <span className="figure-note figure-why-slot">
          <span data-testid={noteTestId}>{note}</span>
          <span className="figure-why-room" aria-hidden="true">
            {room}
          </span>
        </span>
      )}
    </div>
  );
}
