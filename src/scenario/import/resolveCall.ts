import type { PolicyInput } from '../policy';
import type { BuildContext, Obj } from './buildContext';
import { msgAt, refOf, type Group } from './cluster';
import type { Seg } from './documents';
import { flatten, routePolicy } from './policy';
import type { HttpRoute, SourceRef, VirtualServiceResource } from './types';

/** Provenance for a value Istio supplies where the manifests are silent: the place that makes it apply, and why. */
function istioDefault(ref: SourceRef, why: string): SourceRef {
  return { ...ref, path: `${ref.path} (${why}: Istio's default retries, 2 on connect-failure, refused-stream and 503)` };
}

/**
 * A Service's weight (0..100) spread over its scenario services (the subsets its DestinationRule
 * splits it into) by replica count, as kube-proxy spreads over pods; rounded to 0.01 when `round`.
 */
function spread(gs: Group[], weight: number, round: boolean): { service: string; weight: number }[] {
  const total = gs.reduce((n, x) => n + x.replicas, 0) || 1;
  return gs.map((x) => {
    const w = (weight * x.replicas) / total;
    return { service: x.name, weight: round ? Math.round(w * 100) / 100 : w };
  });
}

/**
 * Where VirtualService `vs`'s http route `h` sends requests: scenario services with weights
 * (0..100; a lone destination without a weight takes 100, Istio's rule). A destination host or
 * subset the manifests do not have is an error in `ctx.errors` and is left out, so the list can
 * be empty. `round`: weights of a Service's subsets to 0.01 (calls) or exact (gateway canaries).
 */
export function destinations(ctx: BuildContext, vs: VirtualServiceResource, h: HttpRoute, round: boolean): { service: string; weight: number }[] {
  const { c, errors } = ctx;
  const base: Seg[] = ['spec', 'http', h.index];
  const to: { service: string; weight: number }[] = [];
  for (const [k, d] of h.route.entries()) {
    const dk = c.lookup(d.host, vs.namespace);
    const dp = [...base, 'route', k, 'destination'];
    if (!dk) {
      errors.push(msgAt(vs, [...dp, 'host'], `"${d.host}": no Service or ServiceEntry host of that name in the manifests`));
      continue;
    }
    const weight = d.weight ?? (h.route.length === 1 ? 100 : 0);
    if (d.subset !== undefined) {
      const g2 = c.subset(dk, d.subset);
      if (typeof g2 === 'string') errors.push(msgAt(vs, [...dp, 'subset'], g2));
      else to.push({ service: g2.name, weight });
    } else to.push(...spread(c.groups.get(dk)!, weight, round));
  }
  return to;
}

/**
 * A call (or a client's target) resolved through the caller's VirtualService. `sidecar`: where
 * the caller's L7 sidecar comes from, or undefined for a caller without one (no VirtualService,
 * no Istio default retries). `p` is the call's
 * place in the workload file, `at` its scenario path (`services.2.calls.0`, `clients.1`); a
 * problem goes to `ctx.errors` and null comes back.
 */
export function resolveCall(ctx: BuildContext, sidecarAt: SourceRef | undefined, ns: string, call: Obj, p: Seg[], at: string): Obj | null {
  const { c: cl, errors, warnings, flattened, saidVs, note, wref, werr, wwarn, dropped } = ctx;
  const meshed = sidecarAt !== undefined;
  const host = call.service as string;
  const key = cl.lookup(host, ns);
  if (!key) {
    werr([...p, 'service'], `"${host}": no Service or ServiceEntry host of that name in the manifests`);
    return null;
  }
  const { service: _s, policy: appPolicy, ...rest } = call;
  const out: Obj = { ...rest };
  for (const k of Object.keys(rest)) note(`${at}.${k}`, wref([...p, k]));
  note(`${at}.service`, wref([...p, 'service']));
  const targets = cl.groups.get(key)!;
  const vs = meshed ? cl.meshVs(key) : undefined;
  // The call (or client) then says so itself, `flattened: true` (set by the caller of resolveCall,
  // last among its fields), so lint reads the written scenario as it reads the import.
  const markFlattened = () => {
    if (flattened.includes(at)) return;
    flattened.push(at);
    const ref = wref([...p, 'policy']);
    note(`${at}.flattened`, { ...ref, path: `${ref.path} (the app's own retries flattened with its sidecar's: the timeout is the app's tries, the tries past it are the sidecar's inside each)` });
  };
  if (!vs) {
    if (appPolicy !== undefined) {
      // No VirtualService: the sidecar still retries, as Istio's default says.
      const f = flatten(appPolicy as PolicyInput, undefined, meshed);
      out.policy = f.policy;
      note(`${at}.policy`, wref([...p, 'policy']));
      if (f.defaultRetries) note(`${at}.policy.retries`, wref([...p, 'policy', 'retries']), istioDefault(sidecarAt!, 'a sidecar and no VirtualService'));
      if (f.note) {
        wwarn([...p, 'policy'], f.note);
        if (f.appBound) markFlattened();
      }
    }
    if (targets.length === 1) {
      out.service = targets[0].name;
      return out;
    }
    out.service = targets[0].name;
    out.routes = [{ to: spread(targets, 100, true) }];
    note(`${at}.routes`, refOf(targets[0].svc, ['spec', 'selector']));
    wwarn([...p, 'service'], `"${host}" is split into ${targets.map((x) => x.name).join(', ')} by its DestinationRule's subsets and ${meshed ? 'no VirtualService routes it' : 'the caller has no sidecar'}: requests spread over their pods by replica count (kube-proxy)`);
    return out;
  }
  const routes: Obj[] = [];
  const errorsBefore = errors.length;
  let said = false;
  for (const h of vs.http) {
    const base: Seg[] = ['spec', 'http', h.index];
    // Istio takes the first route that matches: after one that matches everything, none is reached.
    if (routes.some((x) => x.match === undefined)) {
      if (!saidVs.has(vs)) warnings.push(msgAt(vs, base, 'never reached: an earlier route matches every request (dropped)'));
      continue;
    }
    const to = destinations(ctx, vs, h, true);
    if (to.length === 0) continue;
    const mapped = routePolicy(h);
    if (!saidVs.has(vs)) dropped(vs, mapped);
    const f = flatten(appPolicy as PolicyInput | undefined, mapped.policy);
    if (f.appBound) markFlattened();
    if (f.note && !said) {
      said = true;
      wwarn([...p, 'policy'], f.note);
      note(`${at}.policy`, ...Object.values(mapped.from).map((x) => refOf(vs, x)));
      if (f.defaultRetries) note(`${at}.policy.retries`, wref([...p, 'policy', 'retries']), istioDefault(refOf(vs, base), 'this route sets no retries'));
    }
    const matches = h.match.length ? h.match : [null];
    for (const [mi, m] of matches.entries()) {
      const headers: Record<string, string> = {};
      if (m) {
        const mp = [...base, 'match', mi];
        for (const [name, v] of Object.entries(m.headers)) {
          if (v.exact !== undefined) headers[name.toLowerCase()] = v.exact;
          for (const kind of ['prefix', 'regex'] as const) if (v[kind] !== undefined && !saidVs.has(vs)) warnings.push(msgAt(vs, [...mp, 'headers', name, kind], `not modelled (dropped: only exact header matches are; this condition is not tested)`));
        }
        if ((m.uriPrefix !== undefined || m.uriExact !== undefined) && !saidVs.has(vs)) warnings.push(msgAt(vs, [...mp, 'uri'], 'not modelled for calls between apps (a call carries no path): this condition is not tested'));
      }
      const r: Obj = { to };
      if (Object.keys(headers).length) r.match = { headers };
      if (f.policy) r.policy = f.policy;
      routes.push(r);
    }
    for (const [k, from] of Object.entries(mapped.from)) note(`${at}.policy.${k}`, refOf(vs, from));
    note(`${at}.service`, refOf(vs, [...base, 'route']));
  }
  saidVs.add(vs);
  if (appPolicy !== undefined) note(`${at}.policy`, wref([...p, 'policy']));
  if (routes.length === 0) {
    if (errors.length === errorsBefore) errors.push(msgAt(vs, ['spec', 'http'], `no route of this VirtualService reaches a service: calls to "${host}" have nowhere to go`));
    return null;
  }
  const only = routes[0] as { match?: unknown; to: { service: string }[]; policy?: unknown };
  if (routes.length === 1 && !only.match && only.to.length === 1) {
    out.service = only.to[0].service;
    if (only.policy) out.policy = only.policy;
    return out;
  }
  out.service = (routes[routes.length - 1] as { to: { service: string }[] }).to[0].service;
  out.routes = routes;
  note(`${at}.routes`, refOf(vs, ['spec', 'http']));
  return out;
}
