// MS016: a route whose retries can fill its circuit breaker's max retries (trial N11, session 41: a partner failing
// 50% behind an egress gateway with 2 retries lost 11.8% of requests where the same retries at the caller's sidecar
// lost 7.5%: about 55 retries were refused by Envoy's default max_retries 3, and nothing said so).
import { offeredLoad, type Scenario } from '../../scenario';
import { meanOf } from '../../scenario/work';
import { actorRef, finding, ms } from './findings';
import type { Locator } from './locate';
import { routesOf, tryWaitMs, type Route } from './routes';
import type { Finding } from './types';

/** From this chance that a retry finds the breaker full, the rule speaks (1%). */
export const RETRY_OVERFLOW_SHARE = 0.01;
/** The max retries the fix proposes makes that chance at most this (0.1%). */
const FIX_SHARE = 0.001;
/** Envoy's retry backoff base, ms (its 25 ms default): the first retry waits a uniform draw below it (retryState.ts). */
const BACKOFF_BASE_MS = 25;

/** The share of tries of a route that fail with a status its `retryOn` retries, at worst: the callee's `errorRate` (500) and its largest http-abort fault. */
interface Failing {
  share: number;
  /** What makes them fail, for the text: "http-abort 50% from 10 s for 30 s" or "errorRate 5%". */
  why: string;
}

/** P(N >= k) for N Poisson with mean `m`. */
export function poissonAtLeast(m: number, k: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-m);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= m / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/**
 * Erlang's loss formula B(a, c): the share of arrivals a loss system of `c` slots turns away at offered load `a`
 * (arrival rate × mean hold, Poisson arrivals; the same for any hold-time distribution). A breaker refuses a retry
 * that finds `maxRetries` in flight, so the refused ones hold nothing: a loss system, not a queue. Pure.
 */
export function erlangB(a: number, c: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * The share of a route's retry decisions its breaker refuses (upstream_rq_retry_overflow over the retries decided).
 * Envoy frees a call's retry slot when its retry's try ends, before it decides on the next (RetryStateImpl::
 * shouldRetry calls resetRetry first; models/envoy/router.ts the same), so only a call's first retry can find the
 * breaker full: a call's retries make one session, admitted or refused whole at its first. Sessions arrive at
 * `firstPerS` per caller replica and hold a slot `lifeMs` per retry × `chain` retries (1 + f + … + f^(retries−1)).
 * Returns that share and B, the share of first retries refused. Pure.
 */
export function refusedShareOf(firstPerS: number, lifeMs: number, chain: number, maxRetries: number): { share: number; firstRefused: number; offered: number } {
  const offered = firstPerS * (lifeMs / 1000) * chain;
  const b = erlangB(offered, maxRetries);
  return { share: b / (b + (1 - b) * chain), firstRefused: b, offered };
}

/**
 * Mean ms a try of route `r` spends on the wire, both ways: the one-way mean latency of the hop (the call's own
 * `latency`, else `network.latency`, else `network.placement`'s class by where caller and callee replicas are,
 * averaged over their pairs, as models/net/Network.ts picks it) plus the largest `latency` fault on the hop (added to
 * each one-way delay, models/linkDelay.ts), twice. 0 on a network with no latency. Pure.
 */
export function tryNetworkMs(s: Scenario, r: Route): { roundTripMs: number; faultMs: number; faultWhy: string | null } {
  type Place = { zone: string; region: string; external: boolean };
  const hosts = (name: string): Place[] => {
    const svc = s.services.find((x) => x.name === name);
    const g = s.gateways.find((x) => x.name === name);
    const spec = svc ?? g;
    if (!spec) return [];
    return Array.from({ length: spec.replicas }, (_, i) => {
      const z = spec.zones[i % spec.zones.length];
      const slash = z.indexOf('/');
      return slash < 0 ? { zone: z, region: spec.region, external: svc?.external ?? false } : { zone: z.slice(slash + 1), region: z.slice(0, slash), external: svc?.external ?? false };
    });
  };
  const call = s.services.find((x) => x.name === r.from.name)?.calls.find((c) => c.service === r.to.name && c.latency !== undefined);
  const flat = call?.latency ?? s.network.latency;
  const p = s.network.placement;
  const oneWay = (a: Place, b: Place): number => {
    if (flat) return meanOf(flat);
    if (!p) return 0;
    if (a.external || b.external) return meanOf(p.internet);
    if (a.region !== b.region) return meanOf(p.crossRegion);
    return meanOf(a.zone === b.zone ? p.sameZone : p.crossZone);
  };
  const from = hosts(r.from.name);
  const to = hosts(r.to.name);
  let sum = 0;
  for (const a of from) for (const b of to) sum += oneWay(a, b);
  const net = from.length && to.length ? sum / (from.length * to.length) : 0;
  let faultMs = 0;
  let faultWhy: string | null = null;
  for (const f of s.faults) {
    if (f.type !== 'latency') continue;
    const hit = f.service !== undefined ? f.service === r.to.name : f.to === r.to.name && f.from === r.from.name;
    const d = meanOf(f.delay);
    if (hit && d > faultMs) {
      faultMs = d;
      faultWhy = `the latency fault (${ms(d)} each way from ${ms(f.at)}${f.for !== undefined ? ` for ${ms(f.for)}` : ''})`;
    }
  }
  return { roundTripMs: 2 * (net + faultMs), faultMs: 2 * faultMs, faultWhy };
}

/** Whether a route's retryOn retries an answer with `status` (5xx, gateway-error, retriable-status-codes). */
function retries(r: Route, status: number): boolean {
  const codes = r.merged.retries?.retriableStatusCodes ?? (r.retriesFrom === 'default' ? [503] : []);
  return r.retryOn.some((c) => (c === '5xx' && status >= 500) || (c === 'gateway-error' && status >= 502 && status <= 504) || (c === 'retriable-status-codes' && codes.includes(status)));
}

function failing(s: Scenario, r: Route): Failing | null {
  const callee = s.services.find((x) => x.name === r.to.name);
  if (!callee) return null;
  let worst: Failing | null = callee.errorRate > 0 && retries(r, 500) ? { share: callee.errorRate, why: `its errorRate ${pct(callee.errorRate)}` } : null;
  for (const f of s.faults) {
    if (f.type !== 'http-abort' || f.service !== callee.name || f.replica !== undefined || !retries(r, f.status)) continue;
    const share = f.percent / 100;
    if (worst === null || share > worst.share) worst = { share, why: `the http-abort fault (${f.percent}% ${f.status} from ${ms(f.at)}${f.for !== undefined ? ` for ${ms(f.for)}` : ''})` };
  }
  return worst;
}

const pct = (v: number) => `${+(v * 100).toFixed(1)}%`;

/**
 * MS016 (info): each route with retries whose caller's circuit breaker can refuse some: `circuitBreaker.maxRetries`
 * (a gateway's Envoy keeps Envoy's default 3; a sidecar has Istio's 2^32 - 1 unless set), no retry budget. Per caller
 * proxy (each replica's cluster holds its own breaker), retries start at rate × (f + f² + … + f^retries) / replicas,
 * f the callee's worst failing share its retryOn retries, and each holds a slot for the backoff (12.5 ms mean) and one
 * try (the callee's mean service time plus the wire both ways with any latency fault, tryNetworkMs; capped by the
 * per-try wait). The refused share is Erlang's loss formula over calls' first retries (refusedShareOf). Speaks from
 * RETRY_OVERFLOW_SHARE. The rate is the open loops' (scenario/load.ts) at the caller and the callee, the smaller: no
 * retries of other hops, no queueing at the callee. N11's gw50: predicted 20.8%, the run refused 19.0%. Pure.
 */
export function retryOverflowFindings(s: Scenario, locate: Locator): Finding[] {
  const load = new Map(offeredLoad(s).map((l) => [l.name, l]));
  const out: Finding[] = [];
  for (const r of routesOf(s)) {
    if (!r.l7 || r.tries <= 1 || r.hasBudget || r.from.kind === 'Client') continue;
    const gateway = r.from.kind === 'Gateway';
    const limit = r.merged.circuitBreaker?.maxRetries ?? (gateway ? 3 : Infinity);
    if (limit === Infinity) continue;
    const f = failing(s, r);
    const callee = s.services.find((x) => x.name === r.to.name);
    const caller = gateway ? s.gateways.find((g) => g.name === r.from.name) : s.services.find((x) => x.name === r.from.name);
    if (f === null || !callee || !caller) continue;
    const rate = Math.min(load.get(r.from.name)?.offeredPerS ?? 0, load.get(r.to.name)?.offeredPerS ?? 0);
    if (rate <= 0) continue;
    let perTry = 0;
    for (let k = 1; k < r.tries; k++) perTry += f.share ** k;
    const retriesPerS = rate * perTry;
    // A retry holds its slot for its backoff and its try: the callee's work and the wire both ways (session 42: M3's
    // first cut left the wire out and read a Poisson tail, ~12% on gw50 where the run refused 19%).
    const wire = tryNetworkMs(s, r);
    const serviceMs = meanOf(callee.serviceTime);
    const lifeMs = BACKOFF_BASE_MS / 2 + Math.min(serviceMs + wire.roundTripMs, tryWaitMs(r));
    const chain = perTry / f.share;
    const firstPerS = (rate * f.share) / caller.replicas;
    const { share: refused, offered: inFlight } = refusedShareOf(firstPerS, lifeMs, chain, limit);
    if (refused < RETRY_OVERFLOW_SHARE) continue;
    let enough = limit + 1;
    while (refusedShareOf(firstPerS, lifeMs, chain, enough).share > FIX_SHARE) enough++;
    const life = `${ms(lifeMs)} (${ms(BACKOFF_BASE_MS / 2)} backoff, ${ms(serviceMs)} at ${r.to.name}${wire.roundTripMs > 0 ? `, ${ms(wire.roundTripMs)} on the wire both ways${wire.faultWhy ? `, ${ms(wire.faultMs)} of it ${wire.faultWhy}` : ''}` : ''}${serviceMs + wire.roundTripMs > tryWaitMs(r) ? `, capped by the ${ms(tryWaitMs(r))} per-try wait` : ''})`;
    const field = `${r.routePolicyPath}.circuitBreaker.maxRetries`;
    const written = r.merged.circuitBreaker?.maxRetries !== undefined;
    const whose = gateway ? `${r.from.name}'s Envoy` : `${r.from.name}'s sidecar`;
    out.push(
      finding(
        'MS016',
        actorRef(r.from, r.routePolicyPath, locate),
        field,
        `${r.from.name} -> ${r.to.name} retries up to ${r.tries - 1} times, and ${f.why} fails ${pct(f.share)} of its tries: about ${num(retriesPerS)} retries/s (${num(rate)} req/s × ${pct(perTry)}), each holding its slot about ${life}, so ${num(inFlight)} would be in flight on average per ${whose} replica (${caller.replicas}) against circuitBreaker.maxRetries ${limit}${written ? '' : " (Envoy's default for a gateway)"}: about ${pct(refused)} of the retries would find it full and not be made (Envoy's upstream_rq_retry_overflow; Erlang's loss formula over each call's first retry, as a retry's next one reuses its slot), each such call failing with its try's error`,
        { text: `${num(inFlight)} retries in flight on average against maxRetries ${limit}: ~${pct(refused)} refused`, values: { retriesPerS: round(retriesPerS), inFlight: round(inFlight), lifeMs: round(lifeMs), wireMs: round(wire.roundTripMs), maxRetries: limit, refusedShare: round(refused), failingShare: f.share, replicas: caller.replicas, maxRetriesFor01pct: enough } },
        `Set ${field}: ${enough} (under 0.1% refused at this load), or a retry budget (policy.retries.budget), if the upstream can take the retries`,
      ),
    );
  }
  return out;
}

const num = (v: number) => `${+v.toFixed(v < 10 ? 2 : 1)}`;
const round = (v: number) => Math.round(v * 1000) / 1000;
