// MS013: a client none of whose requests can be routed. A gateway answers a request that matches
// none of its routes 404 (`no-route`: Envoy's "route not found", response flag NR), and a meshed
// caller's sidecar does the same with a call whose routes all match on headers the request does
// not carry (src/models/Gateway.ts, src/models/envoy/routeTable.ts). When every request of a
// client meets such a hop on its way (the first hop, or a call every request makes), none can
// end ok: the client's config and the routes disagree, which a glance at either file misses.
import type { ClientSpec, Scenario } from '../../scenario';
import type { Locator } from './locate';
import { actorsOf } from './routes';
import { actorRef, finding } from './findings';
import type { Finding } from './types';

/** What a gateway routes on: the host, path and version of a request (a service calling a gateway sends none of them, and path /). */
interface RequestView {
  host: string | undefined;
  path: string;
  version: string | undefined;
}

/** Where every request ends 404 no-route: at a gateway no route of which matches, or at a caller whose call's routes all miss. */
type NoRoute =
  | { kind: 'gateway'; gateway: string; gi: number; request: RequestView; from: string }
  | { kind: 'call'; service: string; si: number; call: number; callee: string; headers: Readonly<Record<string, string>> };

/** The match fields of gateway route `r` that a request fails: host, path, version. */
function misses(r: Scenario['gateways'][number]['routes'][number], q: RequestView): ('host' | 'path' | 'version')[] {
  const out: ('host' | 'path' | 'version')[] = [];
  if (r.match.host !== undefined && r.match.host !== q.host) out.push('host');
  if (r.match.pathPrefix !== undefined && !q.path.startsWith(r.match.pathPrefix)) out.push('path');
  if (r.match.version !== undefined && r.match.version !== q.version) out.push('version');
  return out;
}

/** "host api.shop, path /orders, version v2" of a gateway route's match ("every request" when empty). */
function matchText(m: { host?: string; pathPrefix?: string; version?: string }): string {
  const parts = [m.host !== undefined && `host ${m.host}`, m.pathPrefix !== undefined && `path ${m.pathPrefix}*`, m.version !== undefined && `version ${m.version}`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'every request';
}

/** "host (none), path /v2/orders, version (none)": what a request carries. */
function requestText(q: RequestView): string {
  return `host ${q.host ?? '(none)'}, path ${q.path}, version ${q.version ?? '(none)'}`;
}

const headerText = (h: Readonly<Record<string, string>>) => {
  const e = Object.entries(h);
  return e.length ? e.map(([k, v]) => `${k}: ${v}`).join(', ') : 'no headers';
};

/**
 * Where every request of `client` ends 404 no-route, or null when some request can be routed all
 * the way. Walks the request's path as the model routes it: the client's target; at a gateway, the
 * first route its host, path and version match (none: no-route there), then each canary service
 * of weight above 0; at a service, each call it always makes (probability 1), through the call's
 * routes by the client's headers (every call a request causes carries them) to each destination
 * of weight above 0, or to its one service; a service calling a gateway sends no host or version
 * and path /. A hop is no-route for every request when all the ways on from it are. Pure.
 */
export function noRouteOf(s: Scenario, client: ClientSpec): NoRoute | null {
  const services = new Map(s.services.map((x, i) => [x.name, { spec: x, i }]));
  const gateways = new Map(s.gateways.map((g, i) => [g.name, { spec: g, i }]));
  const headers = client.headers ?? {};
  const memo = new Map<string, NoRoute | null>();
  const atGateway = (name: string, q: RequestView, from: string): NoRoute | null => {
    const g = gateways.get(name)!;
    const route = g.spec.routes.find((r) => misses(r, q).length === 0);
    if (!route) return { kind: 'gateway', gateway: name, gi: g.i, request: q, from };
    const targets = route.canary?.length ? route.canary.filter((c) => c.weight > 0).map((c) => c.service) : [route.service];
    return allOf(targets.map((t) => at(t, name)));
  };
  const at = (name: string, from: string): NoRoute | null => {
    if (gateways.has(name)) return atGateway(name, SERVICE_REQUEST, from);
    if (memo.has(name)) return memo.get(name)!;
    memo.set(name, null);
    const svc = services.get(name);
    let found: NoRoute | null = null;
    for (const [j, c] of (svc?.spec.calls ?? []).entries()) {
      if (c.probability < 1) continue;
      if (c.routes?.length) {
        const route = c.routes.find((r) => Object.entries(r.match?.headers ?? {}).every(([k, v]) => headers[k] === v));
        found = route ? allOf(route.to.filter((d) => d.weight > 0).map((d) => at(d.service, name))) : { kind: 'call', service: name, si: svc!.i, call: j, callee: c.service, headers };
      } else found = at(c.service, name);
      if (found) break;
    }
    memo.set(name, found);
    return found;
  };
  if (gateways.has(client.target)) return atGateway(client.target, { host: client.host, path: client.path, version: client.version }, client.name);
  return at(client.target, client.name);
}

/** A service calling a gateway: no host, no version, path / (Gateway.callerOf). */
const SERVICE_REQUEST: RequestView = { host: undefined, path: '/', version: undefined };

/** The first no-route when every way on is one (a split reaches no-route only if each of its ways does); else null. */
function allOf(ways: (NoRoute | null)[]): NoRoute | null {
  return ways.length > 0 && ways.every((w) => w !== null) ? ways[0] : null;
}

/**
 * MS013: each client every request of which ends 404 no-route, at the hop that refuses them. At a
 * gateway the finding is placed at the client's field that the nearest route (the one that misses
 * in fewest fields) misses, when it misses in one (`clients.0.path`), else at the client's
 * `target`; at a call whose routes all miss, at the call's `routes`. The figure is the config's;
 * simulate.ts adds the requests the lint's healthy run saw end so. Pure.
 */
export function noRouteFindings(s: Scenario, locate: Locator): Finding[] {
  const out: Finding[] = [];
  const actors = actorsOf(s);
  s.clients.forEach((c, i) => {
    const nr = noRouteOf(s, c);
    if (!nr) return;
    const client = actors.get(c.name)!;
    if (nr.kind === 'gateway') {
      const g = s.gateways[nr.gi];
      const byMiss = g.routes.map((r, k) => ({ k, r, miss: misses(r, nr.request) })).sort((a, b) => a.miss.length - b.miss.length || a.k - b.k);
      const near = byMiss[0];
      const direct = nr.from === c.name;
      const field = direct && near.miss.length === 1 ? `clients.${i}.${near.miss[0]}` : direct ? `clients.${i}.target` : `gateways.${nr.gi}.routes`;
      const routesText = g.routes.map((r, k) => `routes.${k} ${matchText(r.match)} -> ${r.service}`).join('; ');
      const sender = direct ? c.name : `${nr.from} (on every request of ${c.name})`;
      const nearText = near.miss.length === 1 ? `; the nearest, routes.${near.k}, differs only in ${near.miss[0]}` : '';
      const fixNear =
        near.miss.length === 1 && direct
          ? near.miss[0] === 'host'
            ? `Send host ${near.r.match.host} from ${c.name} (clients.${i}.host), or add a route to ${g.name} ${nr.request.host !== undefined ? `for host ${nr.request.host}` : 'without match.host (one that takes any host)'}`
            : near.miss[0] === 'path'
              ? `Send a path under ${near.r.match.pathPrefix} from ${c.name} (clients.${i}.path), or add a route to ${g.name} for it (match.pathPrefix: ${nr.request.path})`
              : `Send version ${near.r.match.version} from ${c.name} (clients.${i}.version), or add a route to ${g.name} ${nr.request.version !== undefined ? `for version ${nr.request.version}` : 'without match.version (one that takes any version)'}`
          : `Add a route to ${g.name} that matches ${requestText(nr.request)} (a route with match: {} takes every request), or make ${direct ? `${c.name}'s host, path and version` : `${nr.from}'s call`} match one of its routes`;
      out.push(
        finding(
          'MS013',
          actorRef(client, field, locate),
          field,
          `every request of ${c.name} ends 404 no-route (NR) at gateway ${g.name}: ${sender} sends ${requestText(nr.request)}, and none of ${g.name}'s ${g.routes.length} ${g.routes.length === 1 ? 'route matches' : 'routes matches'} it (${routesText})${nearText}`,
          { text: `0 of ${g.routes.length} routes of ${g.name} match the requests of ${c.name}: all end 404 no-route`, values: { client: c.name, at: g.name, edge: `${nr.from}->${g.name}`, routes: g.routes.length, host: nr.request.host ?? null, path: nr.request.path, version: nr.request.version ?? null } },
          fixNear,
        ),
      );
      return;
    }
    const svc = s.services[nr.si];
    const call = svc.calls[nr.call];
    const field = `services.${nr.si}.calls.${nr.call}.routes`;
    const routesText = call.routes!.map((r, k) => `routes.${k} ${r.match && Object.keys(r.match.headers).length ? headerText(r.match.headers) : 'every request'} -> ${r.to.map((d) => d.service).join(', ')}`).join('; ');
    out.push(
      finding(
        'MS013',
        actorRef(actors.get(svc.name)!, field, locate),
        field,
        `every request of ${c.name} ends 404 no-route (NR) at ${svc.name}'s sidecar, on its call to ${call.service}: ${c.name} sends ${headerText(nr.headers)}, and every route of the call matches on headers it does not carry (${routesText})`,
        { text: `0 of ${call.routes!.length} routes of ${svc.name} -> ${call.service} match the requests of ${c.name}: all end 404 no-route`, values: { client: c.name, at: svc.name, edge: `${svc.name}->${call.service}`, routes: call.routes!.length, headers: headerText(nr.headers) } },
        `Add a last route without a match to ${svc.name}'s call to ${call.service} (Istio: a final http route with no match, the default), or send a header one route matches from ${c.name} (clients.${i}.headers)`,
      ),
    );
  });
  return out;
}
