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
import { callerName, describeField, warningOf, type PolicyField, type CallerRoute, type ReachStatus, type OverriddenField, type CallerReach, type ReachAlternative, type ChangeReach } from './policyReachText';

export { callerName, describeField };
export type { PolicyField, CallerRoute, ReachStatus, OverriddenField, CallerReach, ReachAlternative, ChangeReach };

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
  // The conditions' order changes only how they are named, not what is retried.
  return c.retries > 0 ? { ...c, retryOnOrder: [] } : { ...c, retryOn: 0, retryOnOrder: [], retriableStatus: [], backoffBase: 0, backoffMax: 0, budgetPercent: 0, budgetMin: 0, hasBudget: false, avoidPreviousHosts: false, maxRetries: 0 };
}
const finite = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);

/** Policy fields whose value differs between `a` and `b`, in `b`'s order, then `a`'s. */
function changedFields(a: Policy | undefined, b: Policy | undefined): PolicyField[] {
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])] as PolicyField[];
  return keys.filter((k) => JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k]));
}

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
      // too: no proxy applies them there, which is not "already in force"); and at a caller with no
      // proxy, always: nothing there runs any policy, so a value equal to what an L7 proxy would run
      // anyway (Istio's 2 retries) is not "already in force" either (trial N6 F2: gateway-only's
      // frontend "already runs" inventory's retries).
      else if (!h.route.proxy || !same(compile(h, bare(h.before), true, true), compile(h, bare(only), true, true))) notApplied.push(f);
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

/**
 * The change object of an alternative: the same fields, with `policy`'s values (a change's
 * `policy` as given: raw input in the app, parsed in the CLI), on the caller's own route. Pure.
 */
export function alternativeChange(alt: ReachAlternative, policy: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const f of alt.fields) if (policy[f] !== undefined) picked[f] = policy[f];
  return alt.target.type === 'gateway-route' ? { type: 'gateway-route', gateway: alt.target.gateway, route: alt.target.route, policy: picked } : { type: 'policy', service: alt.target.service, from: alt.target.from, policy: picked };
}
