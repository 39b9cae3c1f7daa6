// The rows of the compare table: the same figures of two runs with the ratio B / A. The app's
// compare view (ui/compare/MetricsDiff.tsx) and `npm run sim -- compare` (cli/compare.ts) both
// read them from here, so the two print the same numbers: latency, failures by cause, retries
// and tries per user request, each layer's CPU (gateway and sidecars), and each service's load.
// Pure functions of each run's summary, taken at one simulated moment.
import type { RunSummary } from '../models';
import { vcpuPer1000 } from './figures';
import { hopsSpan, scopedBooks } from './clientScope';
import { differenceOf, hasDifference } from './compareDifference';

/** One run's figures at a moment: its summary (the CLI's `--json`) and the frame's proxy counters. */
export interface PaneFigures {
  summary: RunSummary;
  /** Sidecar CPU so far (ms), passes made, and how many sidecars (summed from `summary.proxies` by paneFigures: gateways' inline proxies left out, as in the counter strip). */
  proxyCpuMs: number;
  proxyPasses: number;
  proxies: number;
  /** The gateways' CPU so far, ms over all their replicas' workers (`gatewayCpuMs`), 0 with no gateway. */
  gatewayCpuMs: number;
  /**
   * Whether its latency figures hold a measurement (`runLatencyMeasured`: ok requests sent after
   * the warm-up, counted, not guessed from the zeros an empty histogram gives).
   */
  latencyMeasured: boolean;
}

/** How a row's values read: a duration, a share, a count, a rate, or a plain number with a unit. */
export type RowFormat = 'ms' | 'share' | 'count' | 'rate' | 'number';

/** One row of the table. `a`/`b` are null when the figure does not exist in that run (no ok request yet, no such service). */
export interface DiffRow {
  key: string;
  label: string;
  /** The unit the values are in, said in the table ("ms", "req/s", "vCPU", "% of sent"). */
  unit: string;
  format: RowFormat;
  a: number | null;
  b: number | null;
  /** b / a; null when either is missing or a is zero (no ratio to give). */
  ratio: number | null;
  /** b - a in `unit`, on the latency and CPU rows only (compareDifference.ts; null when either is missing). */
  difference?: number | null;
  /** Section of the table the row sits in. */
  section: 'latency' | 'failures' | 'load' | 'services';
  /** What the row counts and what it does not, for its tooltip; absent for a figure that says itself. */
  note?: string;
  /** A short line under the row's name on screen, where the name alone misleads (what a share is of, how tries are counted). */
  sub?: string;
  /** With a client scope: true on a row of the whole run (every client's requests), which does not split by client. */
  allClients?: true;
  /** How A's and B's values read where the number alone would not say it (the hops' range "2-3"); null: as formatted. */
  texts?: [string | null, string | null];
}

/** b / a, or null when there is no ratio (a missing or zero). Pure. */
export function ratioOf(a: number | null, b: number | null): number | null {
  return a === null || b === null || a === 0 ? null : b / a;
}

const rate = (n: number, ms: number) => (ms > 0 ? (1000 * n) / ms : 0);
const share = (n: number, of: number) => (of > 0 ? n / of : 0);
/** Tries sent over every hop: first tries plus retries, as each caller's router counted them. */
const tries = (s: RunSummary) => Object.values(s.edges).reduce((n, e) => n + e.requests + e.retries, 0);
const retries = (s: RunSummary) => Object.values(s.edges).reduce((n, e) => n + e.retries, 0);
/** Retries the callers' circuit breakers refused, over every hop (Envoy's upstream_rq_retry_overflow; 0 in a summary from before it was counted). */
const refused = (s: RunSummary) => Object.values(s.edges).reduce((n, e) => n + (e.retryOverflows ?? 0), 0);
/** Per user request sent, null before any. */
const perSent = (n: number, s: RunSummary) => (s.requests.sent > 0 ? n / s.requests.sent : null);

/**
 * The gateways' CPU so far, ms: the sum of each gateway's `cpuMs` in the summary (its workers'
 * busy time, report.ts: utilization × replicas × concurrency × simulated ms; a gateway holds a
 * worker only for its own CPU per request, never while the upstream answers, so busy time is CPU
 * time). 0 with no gateway. Pure.
 */
export function gatewayCpuMs(summary: RunSummary): number {
  let ms = 0;
  for (const g of Object.values(summary.gateways)) ms += g.cpuMs;
  return ms;
}

/**
 * One run's figures for the table from its summary alone: the sidecars' CPU (ms), passes and
 * count from `summary.proxies` (gateways' inline proxies are not in it: their cost is the
 * gateway's CPU), the gateways' CPU (`gatewayCpuMs`), and `latencyMeasured` as the caller knows
 * it (the app: runLatencyMeasured; the CLI: a latency count above 0). The app's compare view and
 * `npm run sim -- compare` both build their rows through this and `diffRows`. Pure.
 */
export function paneFigures(summary: RunSummary, latencyMeasured: boolean): PaneFigures {
  let proxyCpuMs = 0;
  let proxyPasses = 0;
  let proxies = 0;
  for (const p of Object.values(summary.proxies)) {
    proxyCpuMs += p.cpuMs;
    proxyPasses += p.passes;
    proxies++;
  }
  return { summary, proxyCpuMs, proxyPasses, proxies, gatewayCpuMs: gatewayCpuMs(summary), latencyMeasured };
}

/** Requests the gateways received so far, over all of them. */
const gatewayRequests = (s: RunSummary) => Object.values(s.gateways).reduce((n, g) => n + g.requests, 0);

/**
 * The table's rows for runs A and B at one moment: latency p50/p90/p99/mean of ok requests after
 * the warm-up (ms; null while none was measured, as in the warm-up: `PaneFigures.latencyMeasured`), user requests per second, failed share and each cause's share of requests
 * sent, retries over every hop in all and per user request, the hops on a request's path
 * (clientScope.ts hopsSpan: the longest path; for every client the most, with "2-3" in `texts`
 * when clients' paths differ), tries per user request over every hop (with a note: they count hops too), each layer's CPU:
 * the gateways' (vCPU in all, and per 1000 req/s through them) beside the sidecars' (vCPU in all, and
 * per 1000 req/s per proxy as Istio states it), and for each service both runs have, the tries
 * it received (retries included) and its utilisation. Causes and services are in A's order, then B's.
 * `scope` names a client: latency, requests sent, failures and hops are that client's requests
 * only ('—' on a side without it; summary.clients), and every other row, which counts every
 * client's, is marked `allClients`. Null (the default): every client's. Pure.
 */
export function diffRows(A: PaneFigures, B: PaneFigures, scope: string | null = null): DiffRow[] {
  const a = A.summary;
  const b = B.summary;
  const rows: DiffRow[] = [];
  const row = (key: string, label: string, unit: string, format: RowFormat, section: DiffRow['section'], va: number | null, vb: number | null) =>
    rows.push({ key, label, unit, format, section, a: va, b: vb, ratio: ratioOf(va, vb) });
  const ka = scopedBooks(a, scope, A.latencyMeasured);
  const kb = scopedBooks(b, scope, B.latencyMeasured);
  const lat = (k: typeof ka, q: 'p50' | 'p90' | 'p99' | 'mean') => (k && k.latencyMeasured ? k.latencyMs[q] : null);
  for (const q of ['p50', 'p90', 'p99', 'mean'] as const) row(q, q === 'mean' ? 'latency mean' : `latency ${q}`, 'ms', 'ms', 'latency', lat(ka, q), lat(kb, q));
  const over = (k: typeof ka, f: (k: NonNullable<typeof ka>) => number) => (k ? f(k) : null);
  row('rps', 'requests sent', 'req/s', 'rate', 'load', over(ka, (k) => rate(k.sent, a.simulatedMs)), over(kb, (k) => rate(k.sent, b.simulatedMs)));
  row('failed', 'failed', '% of sent', 'share', 'failures', over(ka, (k) => share(k.failed, k.sent)), over(kb, (k) => share(k.failed, k.sent)));
  // Of requests sent, in flight included: a story step's share is of those that ended (99% here beside
  // "100% of 2,508 ended" in a pane, trial N14, 7).
  rows[rows.length - 1].sub = 'of requests sent, in flight too';

  const causes = [...new Set([...Object.keys(ka?.failures ?? {}), ...Object.keys(kb?.failures ?? {})])];
  for (const c of causes) row(`cause:${c}`, `  ${c}`, '% of sent', 'share', 'failures', over(ka, (k) => share(k.failures[c] ?? 0, k.sent)), over(kb, (k) => share(k.failures[c] ?? 0, k.sent)));
  const scoped = rows.length;
  row('retries', 'retries, all hops', 'attempts', 'count', 'load', retries(a), retries(b));
  // Retries a circuit breaker refused (trial N11, 2: 55 at a gateway at 50% failures, said nowhere): a row only when
  // either run has some, so the many runs without stay as they were.
  const ra = refused(a);
  const rb = refused(b);
  if (ra > 0 || rb > 0) {
    row('retryOverflows', 'retries refused by a circuit breaker', 'attempts', 'count', 'failures', ra, rb);
    rows[rows.length - 1].note = "Envoy's upstream_rq_retry_overflow: the policy would retry, but circuitBreaker.maxRetries (Envoy's default 3) retries were already in flight to that upstream; the call failed with the try's error";
  }
  // Tries per user request count a call on each hop as well as the retries: across architectures
  // the hops differ (a gateway is one more), and a class read gateway-only's 3.98 against
  // mesh-only's 3.00 at 24 s as "the mesh makes fewer tries", where it had made 10 retries and
  // the gateway none. Retries per user request and the hops each get a row of their own.
  row('retriesPer', 'retries per user request, all hops', 'attempts', 'number', 'load', perSent(retries(a), a), perSent(retries(b), b));
  const ha = hopsSpan(a, scope);
  const hb = hopsSpan(b, scope);
  row('links', "hops on a request's path", 'links', 'count', 'load', ha && ha[1], hb && hb[1]);
  const hops = rows[rows.length - 1];
  hops.note = `the links on the longest path a request of ${scope ?? 'each client'} can take, from the client; a range when clients' paths differ`;
  const spanText = (h: [number, number] | null) => (h && h[0] !== h[1] ? `${h[0]}-${h[1]}` : null);
  if (spanText(ha) || spanText(hb)) hops.texts = [spanText(ha), spanText(hb)];
  row('tries', 'attempts per user request, all hops', 'attempts', 'number', 'load', perSent(tries(a), a), perSent(tries(b), b));
  // Not retries + hops (trial N14, 7: 16.7 beside 9.203 retries and 4 hops): a retry at an outer hop
  // makes a new call on every hop below it, each with its own first try. retry-storm in its outage, by
  // `run --from 11s --to 24s`: 1 + 3 + 9 + 27 = 40 tries a request, 26 of them retries, 14 first tries.
  rows[rows.length - 1].note = "every attempt on every hop: each call's first attempt plus its retries (Envoy's x-envoy-attempt-count). A retry at an outer hop makes a new call on every hop below it, with its own first attempt, so under stacked retries attempts are more than retries + hops (retry-storm's outage: 1 + 3 + 9 + 27 = 40 a request, 26 of them retries)";
  rows[rows.length - 1].sub = "first attempts + retries; a retry redoes the calls below";
  const vcpu = (f: PaneFigures) => (f.proxies > 0 && f.summary.simulatedMs > 0 ? f.proxyCpuMs / f.summary.simulatedMs : null);
  const per1000 = (f: PaneFigures) => (f.proxies > 0 && f.proxyPasses > 0 ? vcpuPer1000(f.proxyCpuMs, f.proxyPasses) : null);
  // Each layer's cost side by side (new user, session 33: gateway-only against mesh-only showed
  // the mesh's cost alone). Per 1000 req/s through a gateway is its CPU ms per request.
  const gwPer1000 = (f: PaneFigures) => (gatewayRequests(f.summary) > 0 ? f.gatewayCpuMs / gatewayRequests(f.summary) : null);
  // One rule for a layer a side has none of (trial N15, 5: gateway-only against mesh-only read 0.000
  // vCPU and "0.00x" for the gateway, as if mesh-only saved all of it, beside "—" for the sidecars):
  // that side's value is null ("—", "no gateway" / "no sidecars" on screen) and the row has no ratio.
  const noGateway = (f: PaneFigures) => Object.keys(f.summary.gateways).length === 0;
  const gwVcpu = (f: PaneFigures) => (noGateway(f) || !(f.summary.simulatedMs > 0) ? null : f.gatewayCpuMs / f.summary.simulatedMs);
  const lacking = (noA: boolean, noB: boolean, words: string) => {
    for (const r of rows.slice(-2)) if (noA || noB) r.texts = [noA ? `— ${words}` : null, noB ? `— ${words}` : null];
  };
  row('gatewayCpu', 'gateway CPU, in all', 'vCPU', 'number', 'load', gwVcpu(A), gwVcpu(B));
  row('gatewayCpu1000', 'gateway CPU per 1000 req/s through it', 'vCPU', 'number', 'load', gwPer1000(A), gwPer1000(B));
  lacking(noGateway(A), noGateway(B), 'no gateway');
  row('proxyCpu', 'sidecar CPU, in all', 'vCPU', 'number', 'load', vcpu(A), vcpu(B));
  row('proxyCpu1000', 'sidecar CPU per 1000 req/s per proxy', 'vCPU', 'number', 'load', per1000(A), per1000(B));
  lacking(A.proxies === 0, B.proxies === 0, 'no sidecars');
  for (const n of Object.keys(a.services).filter((n) => n in b.services)) {
    row(`svc:${n}`, `${n}: attempts received (retries incl.)`, 'req/s', 'rate', 'services', rate(a.services[n].requests, a.simulatedMs), rate(b.services[n].requests, b.simulatedMs));
    rows[rows.length - 1].note = "every try its callers sent it, retries included (a link's label counts calls, a retried call once)";
    row(`util:${n}`, `${n}: utilisation`, '% busy', 'share', 'services', a.services[n].utilization, b.services[n].utilization);
  }
  if (scope !== null) rows.forEach((r, i) => void (i >= scoped && r !== hops && (r.allClients = true)));
  for (const r of rows) if (hasDifference(r)) r.difference = differenceOf(r.a, r.b);
  return rows;
}

