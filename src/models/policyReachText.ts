// The shapes of policyReach.ts's verdicts, and the words they are said in: a policy field's
// value, a caller's name, and the warning a change that does not act everywhere carries. Pure.
import type { Policy } from '../scenario';

/** A policy field, as a scenario writes it (`retries`, `timeout`, ...). */
export type PolicyField = keyof Policy;

/** One caller of a service, with the route policy its proxy applies to it (World.wire's pick). Plain data. */
export interface CallerRoute {
  caller: string;
  kind: 'client' | 'gateway' | 'service';
  callee: string;
  /** The caller's own route policy for the callee, before the callee's fills in. */
  route: Policy | undefined;
  /** Where that route policy is (or would be) written: `gateways.0.routes.0.policy`, `services.1.calls.0.policy`, `clients.0.policy`. */
  routePath: string;
  /** A gateway: the index of the route whose policy applies (its first route whose upstream is the callee), or -1 (a canary-only upstream). */
  gatewayRoute?: number;
  /** The caller sends through a proxy (a sidecar, or a gateway's own). */
  proxy: boolean;
  /** That proxy works at L7 for this callee (an L7 sidecar or a gateway, to an HTTP callee): retries, timeouts, faults and outlier detection apply. */
  l7: boolean;
  /** Istio's sidecar defaults (2 retries on 503, no route timeout) rather than a gateway Envoy's. */
  istioDefaults: boolean;
  /** The callee speaks HTTP (false: TCP, where no proxy applies an HTTP field, L7 sidecar or not). */
  http: boolean;
}

/** How a change fares on one caller's route. */
export type ReachStatus =
  /** The caller's proxy runs a different policy with the change: some requests change. */
  | 'acts'
  /** The caller's route policy sets every field the change sets: its values win. */
  | 'overridden'
  /** The caller has no proxy, or no L7 one, for this callee: it applies none of these fields. */
  | 'not-applied'
  /** The change sets what the caller's proxy already runs (retries 0 where no one retries). */
  | 'unchanged';

/** One field of the change that a caller's route policy overrides, with the caller's own value. */
export interface OverriddenField {
  field: PolicyField;
  /** The caller's value, for people: "attempts 2 on 5xx", "2 s". */
  value: string;
}

/** A change on one caller's route. Plain data. */
export interface CallerReach {
  route: CallerRoute;
  status: ReachStatus;
  /** Fields whose change reaches this caller's requests. */
  acting: PolicyField[];
  /** Fields this caller's route policy overrides. */
  overridden: OverriddenField[];
  /** Fields this caller cannot apply (no proxy, or no L7 one). */
  notApplied: PolicyField[];
}

/** A change that would act where `for` is overridden: the same fields on the caller's own route. Plain data. */
export interface ReachAlternative {
  /** The caller whose route policy owns the fields. */
  caller: string;
  fields: PolicyField[];
  /** Where the change goes: a gateway's route, or a caller service's call. */
  target: { type: 'gateway-route'; gateway: string; route: number } | { type: 'policy'; service: string; from: string };
}

/** Where a policy change reaches. Plain data. */
export interface ChangeReach {
  /** The service whose callers apply the changed policy (a gateway route's: its upstream). */
  service: string;
  /** The policy fields the change alters. */
  fields: PolicyField[];
  callers: CallerReach[];
  /** 'all': it acts on every caller's route; 'some'; 'none': no request changes ('none' too when the service has no caller). */
  reach: 'all' | 'some' | 'none';
  /** The same fields on each overriding caller's own route, in caller order (a client's policy is not a change type: none for it). */
  alternatives: ReachAlternative[];
  /**
   * For people, or null when it acts everywhere: "web's retries are overridden on every path:
   * gateway api sets its own retries for web (attempts 2 on 5xx). This change will not alter any
   * request."
   */
  warning: string | null;
}

/** A field's value for people: retries as "attempts 2 on 5xx", a duration in s or ms, else compact JSON. */
export function describeField(field: PolicyField, value: unknown): string {
  if (value === undefined) return 'unset';
  if (field === 'retries') {
    const r = value as NonNullable<Policy['retries']>;
    return `attempts ${r.attempts} on ${r.retryOn.join(', ')}${r.perTryTimeout !== undefined ? `, ${secs(r.perTryTimeout)} per try` : ''}`;
  }
  if (typeof value === 'number' && ['timeout', 'connectTimeout', 'maxConnectionDuration', 'idleTimeout'].includes(field)) return secs(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
const secs = (ms: number) => (ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${+ms.toFixed(1)} ms`);

/** "gateway api", "orders' sidecar", "client shoppers' sidecar", "orders (no proxy)". */
export function callerName(r: CallerRoute): string {
  if (r.kind === 'gateway') return `gateway ${r.caller}`;
  const who = r.kind === 'client' ? `client ${r.caller}` : r.caller;
  return r.proxy ? `${possessive(who)} sidecar` : `${who} (no proxy)`;
}

/** "web's", "orders'". */
const possessive = (name: string) => `${name}${name.endsWith('s') ? "'" : "'s"}`;

/** The warning's text: which callers keep their own values, which cannot apply the fields, and what that leaves. */
export function warningOf(service: string, fields: PolicyField[], callers: CallerReach[], reach: 'some' | 'none'): string {
  if (callers.length === 0) return `${service} has no caller, so its policy reaches no request. This change will not alter any request.`;
  if (fields.length === 0) return `The change sets ${possessive(service)} policy to what it already is. This change will not alter any request.`;
  const what = `${possessive(service)} ${fields.join(' and ')}`;
  const missed = callers.filter((c) => c.status !== 'acts');
  const where = reach === 'none' ? (callers.length === 1 ? 'on its only path' : 'on every path') : `on ${missed.length} of ${callers.length} paths`;
  const headline = missed.every((c) => c.status === 'overridden') ? 'overridden' : missed.every((c) => c.status === 'not-applied') ? 'not applied' : missed.every((c) => c.status === 'unchanged') ? 'already in force' : 'without effect';
  const why = missed.map((c) => {
    const who = callerName(c.route);
    if (c.status === 'overridden') return `${who} sets its own ${c.overridden.map((o) => o.field).join(' and ')} for ${service} (${c.overridden.map((o) => (c.overridden.length > 1 ? `${o.field} ${o.value}` : o.value)).join('; ')})`;
    if (c.status === 'not-applied' && !c.route.http) return `${service} speaks TCP, so ${c.route.proxy ? who : `${c.route.kind} ${c.route.caller} (no proxy)`} applies no ${c.notApplied.join(' or ')}`;
    if (c.status === 'not-applied') return c.route.proxy ? `${who} works at L4 for ${service}, so it applies no ${c.notApplied.join(' or ')}` : `${c.route.kind} ${c.route.caller} has no proxy, so it applies no ${c.notApplied.join(' or ')}`;
    return `${who} already runs the same for ${service}`;
  });
  // A TCP callee: every caller alike, said once.
  if (missed.every((c) => c.status === 'not-applied' && !c.route.http)) why.splice(0, why.length, `${service} speaks TCP, and proxies apply ${fields.join(' and ')} to HTTP only (${missed.map((c) => callerName(c.route)).join(', ')})`);
  const tail = reach === 'none' ? 'This change will not alter any request.' : `It acts only through ${callers.filter((c) => c.status === 'acts').map((c) => callerName(c.route)).join(', ')}.`;
  const plural = fields.length > 1 || fields[0] === 'retries';
  return `${what} ${headline === 'without effect' ? `${plural ? 'change' : 'changes'} nothing` : `${plural ? 'are' : 'is'} ${headline}`} ${where}: ${why.join('; ')}. ${tail}`;
}

