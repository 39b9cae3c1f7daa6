import type { BuildContext, Obj } from './buildContext';
import { msgAt, refOf } from './cluster';
import type { Seg } from './documents';
import { IMPLICIT_MESH } from '../implicitMesh';
import { routePolicy } from './policy';
import { destinations } from './resolveCall';

/**
 * The scenario's gateways: one for each Istio Gateway with a VirtualService bound to it, its replicas the
 * ingress pods its selector picks, each bound VirtualService's http routes its routes in order
 * (host and path-prefix matches, a weighted split as a canary, the route's retries and timeout as
 * its policy). `anyMesh`: some service has a sidecar, so the gateway joins the mesh. A Gateway
 * nothing binds is dropped with a warning; a destination that is not there is an error in
 * `ctx.errors`.
 */
export function buildGateways(ctx: BuildContext, anyMesh: boolean): Obj[] {
  const { c, warnings, note, dropped } = ctx;
  const gateways: Obj[] = [];
  for (const gw of c.gatewaysRes) {
    const bound = c.vs.filter((v) => v.gateways.some((x) => x === gw.name || x === `${gw.namespace}/${gw.name}`));
    const at = `gateways.${gateways.length}`;
    if (bound.length === 0) {
      warnings.push(msgAt(gw, ['metadata', 'name'], 'no VirtualService is bound to this Gateway: it routes nothing (dropped)'));
      continue;
    }
    const g: Obj = { name: gw.name };
    note(`${at}.name`, refOf(gw, ['metadata', 'name']));
    const pods = c.workloads.filter((w) => c.ingress.has(w) && Object.entries(gw.selector).every(([k, v]) => w.podLabels[k] === v));
    if (pods.length) {
      g.replicas = pods.reduce((n, w) => n + w.replicas, 0);
      note(`${at}.replicas`, ...pods.map((w) => refOf(w, ['spec', 'replicas'])));
    } else warnings.push(msgAt(gw, ['spec', 'selector'], `selects no Deployment in the manifests (the ingress gateway's pods): 2 replicas assumed (the scenario's default)`));
    if (anyMesh) g.mesh = IMPLICIT_MESH;
    const routes: Obj[] = [];
    for (const v of bound) {
      for (const h of v.http) {
        const base: Seg[] = ['spec', 'http', h.index];
        const to = destinations(ctx, v, h, false);
        if (to.length === 0) continue;
        const mapped = routePolicy(h, true);
        dropped(v, mapped);
        const matches = h.match.length ? h.match : [null];
        for (const [mi, m] of matches.entries()) {
          const ri = routes.length;
          const match: Obj = {};
          const host = v.hosts.length === 1 && v.hosts[0] !== '*' ? v.hosts[0] : undefined;
          if (host) {
            match.host = host;
            note(`${at}.routes.${ri}.match.host`, refOf(v, ['spec', 'hosts', 0]));
          } else if (v.hosts.length > 1 && mi === 0) warnings.push(msgAt(v, ['spec', 'hosts'], 'several hosts on a gateway route: not modelled (taken as any host)'));
          if (m) {
            const mp = [...base, 'match', mi];
            if (m.uriPrefix !== undefined) match.pathPrefix = m.uriPrefix;
            else if (m.uriExact !== undefined) {
              match.pathPrefix = m.uriExact;
              warnings.push(msgAt(v, [...mp, 'uri', 'exact'], `"${m.uriExact}": the gateway model matches path prefixes only: taken as a prefix`));
            }
            if (match.pathPrefix !== undefined) note(`${at}.routes.${ri}.match.pathPrefix`, refOf(v, [...mp, 'uri']));
            for (const name of Object.keys(m.headers)) warnings.push(msgAt(v, [...mp, 'headers', name], 'a header match at a gateway is not modelled (dropped: this condition is not tested)'));
          }
          const r: Obj = { match, service: to[0].service };
          note(`${at}.routes.${ri}.service`, refOf(v, [...base, 'route']));
          if (to.length > 1) r.canary = to;
          if (Object.keys(mapped.policy).length) {
            r.policy = mapped.policy;
            for (const [k, from] of Object.entries(mapped.from)) note(`${at}.routes.${ri}.policy.${k}`, refOf(v, from));
          }
          routes.push(r);
        }
      }
    }
    g.routes = routes;
    gateways.push(g);
  }
  return gateways;
}
