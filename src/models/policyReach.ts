// Whether a policy change reaches the requests it seems to aim at, caller by caller: the change
// that does nothing must say why, and who overrides it (a product defect found by a new user:
// retry-storm's "retries.attempts 0 on web" left every figure as it was, since gateway api's
// route sets its own retries for web).
//
// The rule is Envoy's and Istio's, as the engine applies it. A retry policy, a route timeout and
// the rest of a route's policy act in the router of the proxy that SENDS the request: Envoy's
// route `retry_policy` is read by the router filter of the downstream proxy, on the route it
// picked; Istio writes a VirtualService's `retries` and `timeout` into the route config of the
// client-side proxies (every sidecar, for `gateways: [mesh]`; the gateway's own Envoy, for a
// VirtualService bound to that gateway). Sources: Envoy's router filter docs
// (envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter: the router
// "follows the route table" and "handles retry", from the route's or virtual host's retry
// policy) and Istio's VirtualService reference (istio.io/latest/docs/reference/config/networking/
// virtual-service: `gateways` names the proxies a VirtualService configures, `mesh` meaning
// every sidecar). So a callee's own policy (`services[].policy`, which
// every meshed caller applies, as a VirtualService for its host) is only a default: a caller's
// route policy (a gateway route's, a call's, a client's) overrides it field by field, and a
// caller without an L7 proxy applies neither. The engine's merge and defaults are
// `compilePolicy` (src/models/proxy/policy.ts), called here unchanged; the policy each caller
// picks for a callee is World.wire's (a gateway: its first route whose upstream is the callee;
// a service: `callPolicyTo`; a client: its own `policy`). Pure.
import type { ChangeSpec, GatewaySpec, Policy, Scenario, ServiceSpec } from '../scenario';
import { changedPolicy } from '../scenario';
import { compilePolicy, type CompiledPolicy } from './proxy/policy';
import { callPolicyTo } from './envoy/routeTable';

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

/**
 * Every caller of service `name` in `s`, with the route policy its proxy applies (World.wire:
 * clients by `target`, gateways by their routes' and canaries' upstreams, services by their
 * calls, routed calls included, `callPolicyTo`). Pure.
 */
export function callersOf(s: Scenario, name: string): CallerRoute[] {
  const callee = s.services.find((v) => v.name === name);
  const http = callee === undefined || callee.protocol === 'http';
  const out: CallerRoute[] = [];
  const l7Side = (sc: ServiceSpec['sidecar']) => sc === true || (sc !== false && sc.mode === 'L7');
  s.clients.forEach((c, i) => {
    if (c.target !== name) return;
    out.push({ caller: c.name, kind: 'client', callee: name, route: c.policy, routePath: `clients.${i}.policy`, proxy: c.sidecar !== false, l7: l7Side(c.sidecar) && http, istioDefaults: true, http });
  });
  s.gateways.forEach((g, i) => {
    if (!upstreamsOf(g).has(name)) return;
    const r = g.routes.findIndex((x) => x.service === name);
    const at = r >= 0 ? r : g.routes.findIndex((x) => x.canary?.some((k) => k.service === name));
    out.push({ caller: g.name, kind: 'gateway', callee: name, route: r >= 0 ? g.routes[r].policy : undefined, routePath: `gateways.${i}.routes.${at}.policy`, gatewayRoute: r, proxy: true, l7: http, istioDefaults: false, http });
  });
  s.services.forEach((v, i) => {
    const j = v.calls.findIndex((k) => (k.routes === undefined ? k.service === name : k.routes.some((r) => r.to.some((d) => d.service === name))));
    if (j < 0) return;
    out.push({ caller: v.name, kind: 'service', callee: name, route: callPolicyTo(v.calls, name), routePath: `services.${i}.calls.${j}.policy`, proxy: v.sidecar !== false, l7: l7Side(v.sidecar) && http, istioDefaults: true, http });
  });
  return out;
}

/** A gateway's upstreams: its routes' services and canaries (Gateway.upstreamNames). */
function upstreamsOf(g: GatewaySpec): Set<string> {
  return new Set(g.routes.flatMap((r) => [r.service, ...(r.canary ?? []).map((k) => k.service)]));
}

/**
 * Two compiled policies act the same (Infinity and nested lists included). With no retries, the
 * retry settings are never read (Envoy's retry state asks them only for a retry), so they are
 * left out: `retries: {attempts: 0}` where no one retried changes nothing.
 */
function same(a: CompiledPolicy, b: CompiledPolicy): boolean {
  return JSON.stringify(acting(a), finite) === JSON.stringify(acting(b), finite);
}
function acting(c: CompiledPolicy): CompiledPolicy {
  return c.retries > 0 ? c : { ...c, retryOn: 0, retriableStatus: [], backoffBase: 0, backoffMax: 0, budgetPercent: 0, budgetMin: 0, hasBudget: false, avoidPreviousHosts: false, maxRetries: 0 };
}
const finite = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** Policy fields whose value differs between `a` and `b`, in `b`'s order, then `a`'s. */
function changedFields(a: Policy | undefined, b: Policy | undefined): PolicyField[] {
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])] as PolicyField[];
  return keys.filter((k) => JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k]));
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

/**
 * Where policy change `change` reaches in `s`: for each caller route it alters, whether the
 * change becomes the policy that caller's proxy runs, and where not, why: the caller's own
 * route policy overrides which fields (with its values), or the caller applies none of them (no
 * proxy, or an L4 one, or a TCP callee), or the change sets what already runs. A `policy` change
 * without `from` alters the callee's policy, so every caller of the service; with `from`, that
 * one call; a `gateway-route` change with a `policy`, the routes of that gateway that take it
 * (its `service` and `canary` are not policies: left out). Decided by compiling each caller's
 * policy before and after with the engine's `compilePolicy`, field by field; a field that makes
 * no difference here but would at an L7 proxy is "not applied". `s` is the design the change
 * lands in: pass `configuredAt(s, earlier)` for one made after others. Other change types, and
 * changes naming what `s` lacks, give null. Routed calls (`calls[].routes`) are judged by the
 * cluster policy of their first route to the service, as the engine compiles the cluster; a
 * later route's own policy on some requests is not looked at. Pure.
 */
export function changeReach(s: Scenario, change: ChangeSpec): ChangeReach | null {
  type Hop = { route: CallerRoute; callee: ServiceSpec; before: { callee: Policy | undefined; route: Policy | undefined }; after: { callee: Policy | undefined; route: Policy | undefined } };
  const hops: Hop[] = [];
  let service: string;
  let fields: PolicyField[];
  let onCallee = false;
  if (change.type === 'policy') {
    service = change.service;
    const callee = s.services.find((v) => v.name === change.service);
    if (!callee) return null;
    if (change.from === undefined) {
      onCallee = true;
      const next = changedPolicy(callee.policy, change.policy, change.replace);
      fields = changedFields(callee.policy, next);
      for (const route of callersOf(s, service)) hops.push({ route, callee, before: { callee: callee.policy, route: route.route }, after: { callee: next, route: route.route } });
    } else {
      const route = callersOf(s, service).find((r) => r.kind === 'service' && r.caller === change.from);
      if (!route) return null;
      const next = changedPolicy(route.route, change.policy, change.replace);
      fields = changedFields(route.route, next);
      hops.push({ route, callee, before: { callee: callee.policy, route: route.route }, after: { callee: callee.policy, route: next } });
    }
  } else if (change.type === 'gateway-route' && change.policy !== undefined) {
    const g = s.gateways.find((x) => x.name === change.gateway);
    const r = g?.routes[change.route];
    if (!g || !r) return null;
    service = r.service;
    const next = changedPolicy(r.policy, change.policy, change.replace);
    fields = changedFields(r.policy, next);
    for (const up of upstreamsOf(g)) {
      const callee = s.services.find((v) => v.name === up);
      const route = callee && callersOf(s, up).find((x) => x.kind === 'gateway' && x.caller === g.name);
      if (!callee || !route || route.gatewayRoute !== change.route) continue;
      hops.push({ route, callee, before: { callee: callee.policy, route: route.route }, after: { callee: callee.policy, route: next } });
    }
  } else return null;

  const compile = (h: Hop, p: { callee: Policy | undefined; route: Policy | undefined }, l7 = h.route.l7, proxy = h.route.proxy) =>
    compilePolicy({ ...h.callee, policy: p.callee }, p.route, l7, proxy, h.route.istioDefaults);
  const callers = hops.map((h): CallerReach => {
    const before = compile(h, h.before);
    const acts = !same(before, compile(h, h.after));
    const acting: PolicyField[] = [];
    const overridden: OverriddenField[] = [];
    const notApplied: PolicyField[] = [];
    for (const f of fields) {
      const one = (side: 'callee' | 'route') => ({ ...h.before, [side]: { ...(h.before[side] ?? {}), [f]: h.after[side]?.[f] } });
      const only = one(onCallee ? 'callee' : 'route');
      // The caller's own value for f set aside: what the callee's f does on this route by itself.
      // NOTE: the key is left out, not set to undefined: compilePolicy spreads the route over the callee's policy.
      const bare = (p: Hop['before']): Hop['before'] => (onCallee && p.route?.[f] !== undefined ? { ...p, route: Object.fromEntries(Object.entries(p.route).filter(([k]) => k !== f)) as Policy } : p);
      if (!same(before, compile(h, only))) acting.push(f);
      // Overridden: the route's own value wins over the callee's, field by field (compilePolicy's
      // merge), where the caller applies it: it is in force (the proxy runs otherwise without it),
      // or without it the change would act. A caller that applies f under no value (no proxy: a
      // client's `policy` is for meshed clients only; an L4 sidecar's timeout) is below.
      else if (onCallee && h.route.route?.[f] !== undefined && (!same(before, compile(h, bare(h.before))) || !same(compile(h, bare(h.before)), compile(h, bare(only))))) overridden.push({ field: f, value: describeField(f, h.route.route[f]) });
      // Not applied: it would act at an L7 proxy sending HTTP (a TCP callee's timeout or retries
      // too: no proxy applies them there, which is not "already in force").
      else if (!same(compile(h, bare(h.before), true, true), compile(h, bare(only), true, true))) notApplied.push(f);
    }
    const status: ReachStatus = acts ? 'acts' : overridden.length ? 'overridden' : notApplied.length ? 'not-applied' : 'unchanged';
    return { route: h.route, status, acting, overridden, notApplied };
  });
  const acting = callers.filter((c) => c.status === 'acts').length;
  const reach = callers.length > 0 && acting === callers.length ? 'all' : acting > 0 ? 'some' : 'none';
  const alternatives = callers.flatMap((c): ReachAlternative[] => {
    if (c.status === 'acts' || c.overridden.length === 0) return [];
    const r = c.route;
    const f = c.overridden.map((o) => o.field);
    if (r.kind === 'gateway' && r.gatewayRoute !== undefined && r.gatewayRoute >= 0) return [{ caller: r.caller, fields: f, target: { type: 'gateway-route', gateway: r.caller, route: r.gatewayRoute } }];
    if (r.kind === 'service') return [{ caller: r.caller, fields: f, target: { type: 'policy', service: r.callee, from: r.caller } }];
    return [];
  });
  return { service, fields, callers, reach, alternatives, warning: reach === 'all' ? null : warningOf(service, fields, callers, reach) };
}

/** The warning's text: which callers keep their own values, which cannot apply the fields, and what that leaves. */
function warningOf(service: string, fields: PolicyField[], callers: CallerReach[], reach: 'some' | 'none'): string {
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

/**
 * The change object of an alternative: the same fields, with `policy`'s values (a change's
 * `policy` as given: raw input in the app, parsed in the CLI), on the caller's own route. Pure.
 */
export function alternativeChange(alt: ReachAlternative, policy: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const f of alt.fields) if (policy[f] !== undefined) picked[f] = policy[f];
  return alt.target.type === 'gateway-route' ? { type: 'gateway-route', gateway: alt.target.gateway, route: alt.target.route, policy: picked } : { type: 'policy', service: alt.target.service, from: alt.target.from, policy: picked };
}
