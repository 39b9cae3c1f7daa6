import type { Policy, Scenario } from '../../scenario';

/** Envoy's route timeout, which a gateway's own proxy keeps when a route sets none (src/models/proxy/policy.ts). */
export const ENVOY_DEFAULT_ROUTE_TIMEOUT_MS = 15_000;
/** Istio's default retries for a sidecar without a `retries` block: 2 retries (3 tries) on connect failures and 503. */
export const ISTIO_DEFAULT_RETRIES = 2;

/** What calls: a scenario actor by kind, name and index in its list. */
export interface Actor {
  kind: 'Client' | 'Gateway' | 'Service';
  name: string;
  /** Its path in the scenario (`services.2`). */
  path: string;
  /** Sends through a sidecar (or is a gateway in a mesh), so its connections to a meshed callee are mutual TLS. */
  meshed: boolean;
}

/**
 * One caller -> callee route as the caller's proxy applies it, with Istio's and Envoy's
 * defaults filled in the way `compilePolicy` (src/models/proxy/policy.ts) fills them: the
 * callee's `policy`, overridden field by field by the route's own; a sidecar retries twice
 * unless told otherwise and has no route timeout; a gateway retries only when told and times
 * out at 15 s; a timeout of 0 is none at either. Without an L7 proxy at the caller, no retries or timeouts apply.
 */
export interface Route {
  from: Actor;
  to: Actor;
  /** Where the route's own policy is written (`services.0.calls.1.policy`), or the callee's (`services.3.policy`) when the route has none. */
  policyPath: string;
  /** The route's own policy path, even when absent: where a fix goes. */
  routePolicyPath: string;
  l7: boolean;
  /** 1 + retries. */
  tries: number;
  /**
   * The call's (or client's) policy flattens an app's own retries with its sidecar's (its
   * `flattened`, written by meshsim import): its timeout is the app's tries, the tries past it the sidecar's.
   */
  flattened: boolean;
  /** Where `retries` comes from: the route, the callee's policy, or Istio's default. */
  retriesFrom: 'route' | 'callee' | 'default' | 'none';
  retryOn: readonly string[];
  hasBudget: boolean;
  /** Per-try timeout, ms (Infinity: none). */
  perTryMs: number;
  /** Route timeout over every try, ms (Infinity: none). */
  timeoutMs: number;
  /** The route timeout is Envoy's default, not written. */
  timeoutDefault: boolean;
  /** A client's own deadline (its `timeout`), ms (Infinity: none). */
  appTimeoutMs: number;
  /** Outlier detection applies on this route. */
  outlier: boolean;
  /** The policy as merged (callee's, then the route's). */
  merged: Policy;
  /** The route's own policy (a call's, a gateway route's, a client's), before the callee's fills in. */
  own: Policy | undefined;
  /** Where the callee's `policy` is written, when it has one. */
  calleePolicyPath: string | undefined;
}

/** Where a merged policy field (`timeout`, `retries`, `outlierDetection`) of a route is written: the route's own policy, else the callee's (else the route's, where it would go). */
export function fieldOf(r: Route, key: keyof Policy): string {
  if (r.own?.[key] === undefined && r.calleePolicyPath !== undefined && r.merged[key] !== undefined) return `${r.calleePolicyPath}.${key}`;
  return `${r.routePolicyPath}.${key}`;
}

/** How long a caller waits for one try of this route, ms: the per-try timeout, the route timeout, or the client's own deadline, whichever is first. */
export function tryWaitMs(r: Route): number {
  return Math.min(r.perTryMs, r.timeoutMs, r.appTimeoutMs);
}

/** How long a caller waits for the route in all, every try included, ms (backoff left out). */
export function totalWaitMs(r: Route): number {
  const byTries = r.perTryMs === Infinity ? Infinity : r.perTryMs * r.tries;
  return Math.min(r.timeoutMs, byTries, r.appTimeoutMs);
}

/** Every actor of a scenario by name (services, gateways, clients). */
export function actorsOf(s: Scenario): Map<string, Actor> {
  const out = new Map<string, Actor>();
  s.services.forEach((x, i) => out.set(x.name, { kind: 'Service', name: x.name, path: `services.${i}`, meshed: x.sidecar !== false }));
  s.gateways.forEach((g, i) => out.set(g.name, { kind: 'Gateway', name: g.name, path: `gateways.${i}`, meshed: g.mesh !== undefined || g.bridge !== undefined }));
  s.clients.forEach((c, i) => out.set(c.name, { kind: 'Client', name: c.name, path: `clients.${i}`, meshed: c.sidecar !== false }));
  return out;
}

/** Whether a sidecar setting gives an L7 proxy. */
function l7Sidecar(sidecar: boolean | { mode: 'L7' | 'L4' }): boolean {
  return sidecar === true || (typeof sidecar === 'object' && sidecar.mode === 'L7');
}

/**
 * Every route of a validated scenario: each client to its target, each gateway route (and
 * canary) to its service, each service call. A route to a name that is not a service is
 * left out (a client calling a gateway: the gateway's routes are the ones with policy). Pure.
 */
export function routesOf(s: Scenario): Route[] {
  const actors = actorsOf(s);
  const services = new Map(s.services.map((x, i) => [x.name, { spec: x, i }]));
  const routes: Route[] = [];
  const add = (from: Actor, toName: string, own: Policy | undefined, routePolicyPath: string, l7Caller: boolean, gateway: boolean, appTimeoutMs: number, flattened = false) => {
    const to = actors.get(toName);
    if (!to) return;
    const callee = services.get(toName);
    const calleePolicy = callee?.spec.policy;
    const merged: Policy = { ...(calleePolicy ?? {}), ...(own ?? {}) };
    const l7 = l7Caller && (callee === undefined || callee.spec.protocol === 'http');
    const retries = l7 ? merged.retries : undefined;
    const retriesFrom = !l7 ? 'none' : own?.retries ? 'route' : calleePolicy?.retries ? 'callee' : gateway ? 'none' : 'default';
    const attempts = retries?.attempts ?? (l7 && !gateway ? ISTIO_DEFAULT_RETRIES : 0);
    const timeoutDefault = l7 && gateway && merged.timeout === undefined;
    routes.push({
      from,
      to,
      policyPath: own !== undefined ? routePolicyPath : callee && calleePolicy ? `services.${callee.i}.policy` : routePolicyPath,
      routePolicyPath,
      l7,
      flattened,
      tries: 1 + attempts,
      retriesFrom,
      retryOn: retries?.retryOn ?? (retriesFrom === 'default' ? ['connect-failure', 'refused-stream', 'retriable-status-codes'] : []),
      hasBudget: retries?.budget !== undefined,
      perTryMs: l7 ? retries?.perTryTimeout ?? Infinity : Infinity,
      // timeout 0 is none, as compilePolicy reads it (Envoy's and Istio's `timeout: 0s`).
      timeoutMs: l7 && merged.timeout !== 0 ? merged.timeout ?? (gateway ? ENVOY_DEFAULT_ROUTE_TIMEOUT_MS : Infinity) : Infinity,
      timeoutDefault,
      appTimeoutMs,
      outlier: l7 && merged.outlierDetection !== undefined,
      merged,
      own,
      calleePolicyPath: callee && calleePolicy ? `services.${callee.i}.policy` : undefined,
    });
  };
  s.clients.forEach((c, i) => add(actors.get(c.name)!, c.target, c.policy, `clients.${i}.policy`, l7Sidecar(c.sidecar), false, c.timeout ?? Infinity, c.flattened === true));
  s.gateways.forEach((g, i) =>
    g.routes.forEach((r, j) => {
      const targets = r.canary?.length ? r.canary.map((c) => c.service) : [r.service];
      for (const t of new Set(targets)) add(actors.get(g.name)!, t, r.policy, `gateways.${i}.routes.${j}.policy`, true, true, Infinity);
    }),
  );
  s.services.forEach((x, i) =>
    x.calls.forEach((c, j) => {
      const from = actors.get(x.name)!;
      const path = `services.${i}.calls.${j}.policy`;
      const flat = c.flattened === true;
      if (!c.routes?.length) return add(from, c.service, c.policy, path, l7Sidecar(x.sidecar), false, Infinity, flat);
      // Routed by header or weight (an imported VirtualService): a route to each destination,
      // its own policy over the call's, field by field, as the sidecar applies it.
      c.routes.forEach((r, k) => {
        const own = r.policy ? { ...(c.policy ?? {}), ...r.policy } : c.policy;
        for (const t of new Set(r.to.map((d) => d.service))) add(from, t, own, r.policy ? `services.${i}.calls.${j}.routes.${k}.policy` : path, l7Sidecar(x.sidecar), false, Infinity, flat);
      });
    }),
  );
  return routes;
}
