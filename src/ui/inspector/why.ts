// Why a request failed, and which faults act on a node or link, in words a newcomer reads: the
// inspector's answer to "why is this red?". Pure functions of a trace and the run's fault list;
// the components only print what they return.
import type { FaultStatus, Span, Trace } from '../../workers/protocol';
import { formatClock, formatCount } from '../format';
import { faultName, faultWhere } from '../faults/faultName';
import { faultOwner, faultsOf } from '../faults/faultOwner';
import { plainCallerSees, responseFlagOf, type SocketError } from '../../models/envoy/responseFlags';
import { expiredCertWhy } from './expiredWhy';

/**
 * Each failure cause (src/models/events.ts `Cause`) as a plain sentence. What each means follows
 * the engine's rule for it and Envoy's response flags (src/models/envoy/responseFlags.ts).
 */
export const CAUSE_WORDS: Readonly<Record<string, string>> = {
  'http-5xx': 'the service answered with a server error (5xx)',
  'queue-full': "the service's queue was full, so it turned the request away",
  timeout: 'no answer came before the timeout',
  overflow: 'a circuit breaker was full (too many requests, pending requests or retries at once)',
  'no-healthy-upstream': 'there was no healthy replica to send it to',
  'connect-refused': 'nothing accepted the connection (the replica is down)',
  'connect-timeout': 'the connection could not be opened in time',
  reset: 'the connection was closed before the answer came',
  'fault-abort': 'a fault aborted it',
  'tls-unknown-ca': "the mutual-TLS handshake failed: the other side's certificate is from a CA this side does not trust",
  'tls-expired-cert': 'the mutual-TLS handshake failed: a certificate had expired',
  'tls-no-cert': 'the mutual-TLS handshake failed: one side had no certificate',
  'tls-plaintext-rejected': "a plain-text call reached a service that accepts only mutual TLS: its sidecar reset the connection (a caller with no sidecar sees 'connection reset', no HTTP answer)",
  'no-config': "the callee's proxy had no configuration yet, so nothing listened",
  unauthenticated: 'the gateway refused its credentials',
  'rate-limited': "the gateway's rate limit refused it",
  'quota-exceeded': "the consumer's quota was used up",
  sunset: 'the API version it asked for is past its sunset date',
  'no-route': 'no route matched it',
};

/** A cause in words; an unknown cause as itself. */
export function causeInWords(cause: string): string {
  return CAUSE_WORDS[cause] ?? cause;
}

/** What a plain app's socket reports for each SocketError (Node's and libc's words). */
const SOCKET_WORDS: Readonly<Record<SocketError, string>> = {
  reset: 'connection reset',
  refused: 'connection refused',
  timeout: 'connect timed out',
};

/**
 * A cause as the link inspector's "failed on this hop" lists it: with Envoy's response flag in
 * brackets ("tls-expired-cert [UF]") when the caller has a proxy (a sidecar, or a gateway, which
 * is an Envoy), else with what the caller's own socket saw ("tls-plaintext-rejected (connection
 * reset)"): no Envoy on that side sets a flag (plainCallerSees, trial N12 finding 3; the CLI's run
 * table says the same through report.ts asPlainCaller). A cause with neither is itself. Pure.
 */
export function hopCauseLabel(cause: string, callerHasProxy: boolean): string {
  if (!callerHasProxy) {
    const seen = plainCallerSees(cause);
    if (seen !== null) return `${cause} (${SOCKET_WORDS[seen]})`;
  }
  const flag = responseFlagOf(cause);
  return flag ? `${cause} [${flag}]` : cause;
}

/** A span's failure cause, or null. */
const causeOf = (s: Span): string | null => (typeof s.attrs['meshsim.cause'] === 'string' ? (s.attrs['meshsim.cause'] as string) : null);
const whereOf = (s: Span): string | null => (typeof s.attrs['meshsim.failed'] === 'string' ? (s.attrs['meshsim.failed'] as string) : null);

/** Where in a failed request its failure began. */
export interface FailureOrigin {
  /** The span the failure began in: a service's serving span, or a caller's try or call. */
  span: Span;
  /** Where, for people: "payments (payments-1)", "orders → payments". */
  where: string;
  /** The node to look for faults on (the serving service, or the callee of a try or call). */
  node: string;
  /** The replica's host when one served it ("payments-1"), else null. */
  host: string | null;
  /** The link caller → callee the failure is on, when it began at a caller's try or call. */
  link: string | null;
  cause: string;
  /** How many spans of the request failed the same way at the same place (the tries that reached it). */
  times: number;
}

/**
 * Where a failed request's failure began: from the request span down, each step into the
 * failed child that ended last (the try that decided its call, the hop under it), until a span
 * none of whose children failed. A span marked "further down" always has a failed child below
 * it; the one reached is where the cause came from. Null for a request that did not fail or
 * whose spans say no more than its fate. Pure.
 */
export function failureOrigin(trace: Trace): FailureOrigin | null {
  if (!trace.fate || trace.fate === 'ok' || trace.spans.length === 0) return null;
  const children = new Map<number, Span[]>();
  for (const s of trace.spans) {
    if (!s.error) continue;
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  const lastEnded = (list: Span[]) => list.reduce((a, b) => ((Number.isNaN(b.end) ? Infinity : b.end) >= (Number.isNaN(a.end) ? Infinity : a.end) ? b : a));
  const roots = children.get(-1);
  if (!roots) return null;
  let at = lastEnded(roots);
  for (let guard = 0; guard < trace.spans.length; guard++) {
    const below = children.get(at.id);
    if (!below) break;
    at = lastEnded(below);
  }
  if (at.role === 'request') return null;
  const cause = causeOf(at) ?? trace.fate;
  const where = whereOf(at);
  // The same failure at the same place: any replica of the same service, or tries from the same
  // caller to the same callee.
  const calleeOf = (s: Span) => (s.role === 'server' ? null : (s.role === 'call' ? s : trace.spans[s.parent])?.attrs['peer.service']);
  const same = trace.spans.filter((s) => s.error && s.role === at.role && s.service === at.service && causeOf(s) === causeOf(at) && whereOf(s) === where && calleeOf(s) === calleeOf(at));
  if (at.role === 'server') {
    const host = typeof at.attrs['meshsim.host'] === 'string' ? (at.attrs['meshsim.host'] as string) : null;
    return { span: at, where: host ? `${at.service} (${host})` : at.service, node: at.service, host, link: null, cause, times: same.length };
  }
  // A caller's call, try, host pick or connection (its TCP connect, its TLS handshake): the
  // failure is on the link from the caller to its callee, the nearest call above it, and to the
  // host of the nearest try above it.
  let call: Span | undefined;
  let host: string | null = null;
  for (let s: Span | undefined = at; s && !call; s = s.parent >= 0 ? trace.spans[s.parent] : undefined) {
    if (host === null && typeof s.attrs['meshsim.host'] === 'string') host = s.attrs['meshsim.host'] as string;
    if (s.role === 'call') call = s;
  }
  const callee = typeof call?.attrs['peer.service'] === 'string' ? (call.attrs['peer.service'] as string) : null;
  const caller = call?.service ?? at.service;
  const to = callee ?? host ?? 'its callee';
  return { span: at, where: `${caller} → ${host ?? to}`, node: to, host, link: `${caller}->${to}`, cause, times: same.length };
}

/**
 * Whether a fault's target (src/models/report.ts `faultTarget`: "payments", "payments-1",
 * "orders->payments", "a,b | c", a mesh's name, "network") names the node `name` (or one of its
 * replicas), or a link into it. A partition names both sides. Pure.
 */
export function faultNames(target: string, name: string): boolean {
  if (target === name) return true;
  if (target.startsWith(`${name}-`) && /^\d+$/.test(target.slice(name.length + 1))) return true;
  if (target.includes('->')) return target.split('->')[1] === name || target.split('->')[0] === name;
  if (target.includes(' | ')) return target.split(/ \| |,/).includes(name);
  return false;
}

/** When a fault acts, simulated ms: from its start to its end, its planned end, or for ever. */
const faultUntil = (f: FaultStatus) => f.endMs ?? f.untilMs ?? Infinity;

/**
 * The faults acting on a node, or on a link's ends: those naming it (`faultNames`) that are on
 * at `atMs` (started, not ended), or all that are on now when `atMs` is null. A mesh-wide
 * fault (control plane, CA, certificates) is named when `mesh` matches its target (or it names
 * no mesh), packet loss always. Given `host` (one replica, "orders-1"), a fault on another
 * replica of its service ("orders-0") is left out. Pure.
 */
export function faultsOn(faults: readonly FaultStatus[], names: readonly string[], atMs: number | null, mesh: string | null = null, host: string | null = null): FaultStatus[] {
  // Where one replica is meant (`host`), a fault on another replica of its service does not act there.
  const otherReplica = (target: string) => host !== null && target !== host && /-\d+$/.test(target) && !target.includes('->') && !target.includes(' | ') && faultNames(target, host.replace(/-\d+$/, ''));
  return faults.filter((f) => {
    if (otherReplica(f.target)) return false;
    const named = names.some((n) => faultNames(f.target, n)) || f.target === 'network' || (MESH_FAULTS.has(f.type) && (f.target === 'mesh' || (mesh !== null && f.target === mesh)));
    if (!named) return false;
    if (atMs === null) return !f.pending && f.endMs === null;
    return f.startMs <= atMs && atMs < faultUntil(f);
  });
}

/** Fault types whose target is a mesh (src/models/report.ts `faultTarget`). */
const MESH_FAULTS = new Set(['control-plane-outage', 'ca-outage', 'expire-certificates']);

/** What each fault type of the catalog (src/scenario/faults.ts) does, in a few words. */
export const FAULT_WORDS: Readonly<Record<string, string>> = {
  'kill-service': 'every replica is down',
  'kill-replica': 'a replica is down',
  'slow-replica': 'a replica works slower',
  'http-abort': 'answers requests with an HTTP error',
  latency: 'adds delay to each request',
  'packet-loss': 'the network drops packets',
  partition: 'the network between the two sides is cut',
  'control-plane-outage': 'the control plane is down: no config reaches the proxies',
  'ca-outage': 'the CA is down: certificates are not renewed',
  'expire-certificates': 'certificates expire',
  'gateway-capacity': 'the gateway runs with less capacity',
  'clock-skew': "a replica's clock is off",
};

/**
 * A fault for people, its kind in the inject form's words, then what it does: its amount when it
 * has one ("HTTP errors on payments, 100% → 503 (from 10.0 s to 25.0 s)"), else FAULT_WORDS
 * ("control plane down in shop: the control plane is down: no config reaches the proxies (since
 * 5.00 s)"). The name and its amount say it; the words beside them said it again ("HTTP errors on
 * payments, 100% → 503: answers requests with an HTTP error", the why sentence's fault part read
 * twice at 1024x768). Times as the fault list and the clock write them (formatClock, cut down to
 * the last digit), so the inspector and the fault list name one fault's moments alike. Pure.
 */
export function faultInWords(f: FaultStatus): string {
  const until = faultUntil(f);
  const t = formatClock;
  const span = until === Infinity ? `since ${t(f.startMs)}` : until === f.startMs ? `at ${t(f.startMs)}` : `from ${t(f.startMs)} to ${t(until)}`;
  const words = f.amount ? '' : FAULT_WORDS[f.type];
  return `${faultName(f.type)} ${faultWhere(f.type, f.target)}${f.amount ? `, ${f.amount}` : ''}${words ? `: ${words}` : ''} (${span})`;
}

/**
 * One or two sentences on why a failed request failed: where its failure began and what the
 * cause means, how many of its tries failed there, and the faults acting there at that moment,
 * the scenario's apart from the person's (each fault's owner, faultOwner).
 * "Failed at payments (payments-0): the service answered with a server error (5xx);
 * 27 tries failed there. The scenario's fault was on there then: HTTP errors on payments, 100% → 503
 * (from 10.0 s to 25.0 s)." A fault without an owner is said as the person's. A tls-expired-cert failure that an
 * expire-certificates fault explains says whose certificate, which proxy refused it and that fault instead of the
 * cause's words (expiredWhy.ts; `isGateway` tells a gateway's own Envoy from a sidecar).
 * Null for a request that did not fail. Pure.
 */
export function requestWhy(trace: Trace, faults: readonly FaultStatus[], meshOf: (node: string) => string | null = () => null, isGateway: (node: string) => boolean = () => false): string | null {
  const o = failureOrigin(trace);
  if (!o) return null;
  // An expired certificate: whose, which proxy refused it, and the expiry fault behind it (expiredWhy.ts, trial T2 item 3).
  const expired = expiredCertWhy(o, faults, (n) => ({ mesh: meshOf(n), gateway: isGateway(n) }));
  // The app's own error answer carries its status; the request's is the one it ended with.
  const words = expired ? expired.words : o.span.role === 'server' && o.cause === 'http-5xx' && trace.status >= 500 ? `the service answered HTTP ${trace.status}, a server error` : causeInWords(o.cause);
  let text = `Failed at ${o.where}: ${words}`;
  text += o.times > 1 ? `; ${formatCount(o.times)} tries failed there the same way.` : '.';
  const names = o.link ? [o.node, o.link.split('->')[0]] : [o.node];
  const on = faultsOn(faults, names, o.span.start, meshOf(o.node), o.host).filter((f) => f !== expired?.fault);
  // The scenario's faults and the person's said apart (trial N10, 7b: the file's own slow replica read 'An injected fault').
  for (const owner of ['scenario', 'yours'] as const) {
    const of = on.filter((f) => faultOwner(f) === owner);
    if (of.length > 0) text += ` ${faultsOf(owner, of.length, 'was')} on there then: ${of.map(faultInWords).join('; ')}.`;
  }
  return text;
}
