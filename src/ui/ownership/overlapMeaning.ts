// What a feature owned twice does to a request, in a sentence or two, with the numbers of the
// scenario's own policies: for timeouts, which layer's timer fires first and what the outer layer
// then does; for retries, how the layers' tries multiply. The rules are Envoy's router's
// (envoy/router.ts): a route timeout spans every try, a per-try timeout ends one try (retried
// when the retry policy covers a reset), a timed-out call answers 504 and a service passes a
// failed call's 5xx up to its own caller (Service.childResponse); an outer router that gives up
// first abandons its call while the callee's own calls go on. Pure.
import { retriable, RETRY_ON_BITS } from '../../models/envoy/retryState';
import { Cause } from '../../models/events';
import { secs, type HopOwner, type Layer, type OwnedHop, type OwnedPath, type Overlap } from '../../models/ownership';

/** One hop's timers on a path, with the retries that run under them. */
interface Timed {
  hop: OwnedHop;
  owner: HopOwner;
  retry: HopOwner | undefined;
}

const the = (layer: Layer) => (layer === 'app' ? 'the app' : `the ${layer}`);
const at = (h: OwnedHop) => `${h.from}→${h.to}`;

/** Whether a hop's retry policy retries this failure (retryState.retriable over its named conditions). */
function retries(retry: HopOwner | undefined, status: number, local: boolean): boolean {
  if (!retry?.retryOn) return false;
  let on = 0;
  for (const c of retry.retryOn) on |= RETRY_ON_BITS[c] ?? 0;
  return retriable(on, retry.retriableStatus ?? [], Cause.timeout, status, local);
}

/** Tries a hop makes: 1 + retries, the retries counted only when they cover its own per-try timeout. */
function triesUnder(t: Timed): number {
  return retries(t.retry, 504, true) ? (t.retry?.tries ?? 1) : 1;
}

/**
 * The longest a call on this hop lasts by its own timers, ms (Infinity: none): its route timeout,
 * or its tries' per-try timeouts and backoffs if those end first. A per-try timer starts once the
 * try has a connection, so waiting for one adds to the tries' figure (the route timeout does not).
 */
export function callBoundMs(t: Pick<Timed, 'owner' | 'retry'>): number {
  const { routeMs, perTryMs } = t.owner.timers!;
  const n = triesUnder(t as Timed);
  const tries = perTryMs === Infinity ? Infinity : n * perTryMs + (n > 1 ? (t.retry?.backoffMs ?? 0) : 0);
  return Math.min(routeMs, tries);
}

/** The first of a hop's timers to fire on a hung callee: its per-try timeout if it has one shorter, else its route timeout. */
const firstTimerMs = (t: Timed) => Math.min(t.owner.timers!.routeMs, t.owner.timers!.perTryMs);

/** "1 s (250 ms a try, up to 3 tries)": a hop's timers as people read them. */
function timersText(t: Timed): string {
  const { routeMs, perTryMs } = t.owner.timers!;
  const n = triesUnder(t);
  const perTry = perTryMs === Infinity ? '' : `${secs(perTryMs)} a try${n > 1 ? `, up to ${n} tries` : ''}`;
  if (routeMs === Infinity) return perTry || 'no timeout';
  return perTry ? `${secs(routeMs)} (${perTry})` : secs(routeMs);
}

/** One outer timer and the next one inside it: which fires first, and what the outer one then does. */
function pair(outer: Timed, inner: Timed): string {
  const o = outer.owner.layer;
  const i = inner.owner.layer;
  const bound = callBoundMs(inner);
  const first = firstTimerMs(outer);
  if (first === Infinity) return `${the(o)} sets no timeout on ${at(outer.hop)}: it waits for ${outer.hop.to} however long, and ${the(i)}'s ${timersText(inner)} on ${at(inner.hop)} is the only one.`;
  if (bound < first) {
    const retried = retries(outer.retry, 504, false);
    const then = retried ? `retries that 504 (each of its ${outer.retry!.tries} tries can start ${the(i)}'s again)` : 'passes that 504 on, not retrying it';
    return `when ${inner.hop.to} hangs, ${the(i)}'s ${timersText(inner)} on ${at(inner.hop)} fires first; if no try answers, ${outer.hop.to} answers 504. ${the(o)}'s ${timersText(outer)} on ${at(outer.hop)} spans that call: it fires only if ${outer.hop.to}'s answer takes over ${secs(first)}, and it ${then}.`;
  }
  const bounded = bound === Infinity ? 'with no end of its own' : `for up to ${secs(bound)}`;
  // The outer's per-try timer fires first and its retries cover it: a new try starts beside the old.
  if (outer.owner.timers!.perTryMs === first && retries(outer.retry, 504, true) && (outer.retry?.tries ?? 1) > 1)
    return `${the(o)}'s ${secs(first)} a try on ${at(outer.hop)} fires first, while ${inner.hop.from}'s call to ${inner.hop.to} may go on ${bounded}: it tries again, and the abandoned call's tries go on beside the new one's.`;
  return `${the(o)}'s ${secs(first)} on ${at(outer.hop)} fires first: it answers 504 and drops its call, while ${inner.hop.from}'s call to ${inner.hop.to} goes on ${bounded}: ${the(i)}'s timeout there only ends calls no one waits for.`;
}

/** Timeouts on one path, outermost first: which fires first, pair by pair, and the client's own deadline when it is shorter. */
function timeoutsMeaning(path: OwnedPath): string {
  const timed: (Timed & { caller: boolean })[] = path.hops.flatMap((hop) => {
    const owner = hop.owners.timeouts;
    return owner?.timers ? [{ hop, owner, retry: hop.owners.retries, caller: owner.caller === true }] : [];
  });
  const design = timed.filter((t) => !t.caller);
  if (design.length < 2) return '';
  const parts = design.slice(1).map((inner, k) => pair(design[k], inner));
  // The client's own deadline is said only when it gives up first (a longer one changes nothing here).
  const caller = timed.find((t) => t.caller);
  const own = caller?.owner.timers!.routeMs ?? Infinity;
  const outerFirst = firstTimerMs(design[0]);
  if (own !== Infinity && outerFirst === Infinity) parts.push(`The client's own ${secs(own)} is then the outer deadline.`);
  else if (own !== Infinity && own <= outerFirst) parts.push(`The client's own ${secs(own)} gives up before ${the(design[0].owner.layer)}'s ${secs(outerFirst)} can answer.`);
  // Each sentence starts with a capital ("the gateway's 2 s …" → "The gateway's 2 s …").
  return parts.join(' ').replace(/(^|\. )([a-z])/g, (_, lead: string, c: string) => lead + c.toUpperCase());
}

/** Retries on one path: each layer's tries start the next layer's, so they multiply. */
function retriesMeaning(path: OwnedPath): string {
  const at_ = path.hops.flatMap((hop) => (hop.owners.retries?.tries ? [{ hop, owner: hop.owners.retries }] : []));
  if (at_.length < 2) return '';
  const tries = at_.map((a) => a.owner.tries!);
  const on = (k: number) => `${the(at_[k].owner.layer)}'s ${tries[k]}${k === 0 ? ' attempts' : ''} on ${at(at_[k].hop)}`;
  const rest = at_.slice(2).map((_, k) => `, each of those ${on(k + 2)}`).join('');
  const last = at_[at_.length - 1].hop.to;
  return `Retries multiply: each of ${on(0)} can start ${on(1)}${rest}: ${tries.join(' × ')} = ${tries.reduce((x, y) => x * y, 1)} attempts at ${last} for one request whose every attempt fails.`;
}

/**
 * Circuit breakers on one path: which layers keep one, on which hops, and that
 * each counts only its own hop's calls: the first full one refuses at once with a 503 (overflow,
 * Envoy's UO; never retried by the proxy that refused, retryState.retriable), which an outer
 * layer whose retries cover 5xx tries again.
 */
function breakersMeaning(path: OwnedPath): string {
  const at_ = path.hops.flatMap((hop) => {
    const owner = hop.owners['circuit-breaking'];
    return owner && !owner.caller ? [{ hop, owner }] : [];
  });
  const layers = [...new Set(at_.map((a) => a.owner.layer))];
  if (layers.length < 2) return '';
  // Which layer's breaker on which hops (their limits are in the line above it, o.summary).
  const each = layers.map((l) => `${the(l)}'s breaker on ${at_.filter((a) => a.owner.layer === l).map((a) => at(a.hop)).join(' and ')}`);
  // The outermost hop before the last breaker whose retries take a 503 answer for another try.
  const last = at_[at_.length - 1].hop;
  const retrier = path.hops.slice(0, path.hops.indexOf(last)).find((h) => retries(h.owners.retries, 503, false));
  const then = retrier
    ? `${the(retrier.owners.retries!.layer)}'s retries on ${at(retrier)} try that 503 again, so a full breaker inside draws more calls rather than fewer`
    : 'the layers outside it pass that 503 on';
  const text = `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]} each count only their own hop's calls, blind to each other's: the first one full refuses a call at once with a 503 (overflow, Envoy's UO); ${then}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What `o` does to a request, for people, on the first of its paths (`paths` as in its
 * Ownership): for timeouts owned twice, which layer's timer fires first and what the outer one
 * then does; for retries, how their tries multiply; for circuit breaking, which layers' breakers
 * act where and what a full one does. Empty for other features. Pure.
 */
export function overlapMeaning(o: Overlap, paths: readonly OwnedPath[]): string {
  const path = paths[o.paths[0]];
  if (!path) return '';
  if (o.feature === 'timeouts') return timeoutsMeaning(path);
  if (o.feature === 'retries') return retriesMeaning(path);
  if (o.feature === 'circuit-breaking') return breakersMeaning(path);
  return '';
}
