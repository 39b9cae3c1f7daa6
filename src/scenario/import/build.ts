import type { PolicyInput } from '../policy';
import type { ScenarioInput } from '../schema';
import { buildContext, type Obj } from './buildContext';
import { Cluster, msgAt, refOf, type Group } from './cluster';
import type { Seg } from './documents';
import { buildGateways } from './gateways';
import { trafficPolicy, type Mapped } from './policy';
import { resolveCall } from './resolveCall';
import type { ImportMessage, Resource, SourceRef } from './types';
import type { Workload } from './workload';
import { placeBudgets } from './retryBudgets';

/** What an app does when the workload does not say: 10 ms of work and no calls. */
export const DEFAULT_SERVICE_TIME = '10ms';
/** The client made when there is no workload file. */
export const DEFAULT_RATE = 10;

/**
 * The scenario the manifests and the workload describe (see the README, "Import Kubernetes and
 * Istio YAML", for every mapping). Appends to `warnings`, `errors` and `provenance`; pure.
 */
export function buildScenario(resources: Resource[], wl: Workload | null, warnings: ImportMessage[], errors: ImportMessage[], prov: Record<string, SourceRef[]>, flattened: string[] = []): ScenarioInput | null {
  const ctx = buildContext(new Cluster(resources, warnings, errors), wl, warnings, errors, prov, flattened);
  const { c, saidDr, saidVs, note, wref, werr, wwarn, dropped } = ctx;

  // Services: one per group, in the order the Services were written.
  const groups = [...c.groups.values()].flat();
  const services: Obj[] = [];
  const index = new Map<Group, number>();
  const sidecar = new Map<Group, boolean>();
  // Where a group's sidecar comes from (its namespace's label, or its pods' annotation).
  const sidecarRef = new Map<Group, SourceRef>();
  // A DestinationRule's retryBudget by scenario service, put on the routes into it at the end.
  const budgetOf = new Map<string, { budget: { percent: number; minConcurrency: number }; ref: SourceRef }>();
  const saidNs = new Set<string>();
  for (const g of groups) {
    const i = services.length;
    index.set(g, i);
    const s: Obj = { name: g.name };
    const at = `services.${i}`;
    const external = g.members.length === 0;
    if (external) {
      s.external = true;
      note(`${at}.external`, refOf(g.svc, ['spec', 'hosts']));
      note(`${at}.name`, refOf(g.svc, ['spec', 'hosts']));
      sidecar.set(g, false);
    } else {
      note(`${at}.name`, refOf(g.svc, ['metadata', 'name']), ...(g.subset ? [refOf(g.dr!, ['spec', 'subsets', g.dr!.subsets.indexOf(g.subset), 'name'])] : []));
      // Its Service's namespace ("default" when metadata.namespace is left out, as kubectl applies it).
      s.namespace = g.svc.namespace;
      note(`${at}.namespace`, refOf(g.svc, ['metadata', 'namespace']));
      s.replicas = g.replicas;
      note(`${at}.replicas`, ...g.members.map((m) => refOf(m, ['spec', 'replicas'])));
      const sc = g.members.map((m) => c.sidecarOf(m));
      for (const [k, x] of sc.entries()) {
        if (x.note && !saidNs.has(g.members[k].namespace)) {
          saidNs.add(g.members[k].namespace);
          warnings.push(msgAt(g.members[k], ['metadata', 'namespace'], x.note));
        }
      }
      const on = sc[0].on;
      if (sc.some((x) => x.on !== on)) warnings.push(msgAt(g.members[1], ['spec', 'template', 'metadata'], `its pods' sidecar injection differs from ${g.members[0].name}'s, in one scenario service "${g.name}": not modelled (took ${g.members[0].name}'s: ${on ? 'a sidecar' : 'no sidecar'})`));
      sidecar.set(g, on);
      if (on) {
        s.sidecar = true;
        const refs = sc.flatMap((x, k) => x.from ?? refOf(g.members[k], ['metadata', 'namespace']));
        note(`${at}.sidecar`, ...refs);
        sidecarRef.set(g, refs[0]);
        const pa = c.peerAuthOf(g);
        if (pa) {
          if (pa.mode === 'DISABLE') warnings.push(msgAt(pa, ['spec', 'mtls', 'mode'], `DISABLE (for ${g.name}): not modelled; taken as PERMISSIVE: the model's meshed callers still use mutual TLS, with its handshakes, where Istio would send plaintext`));
          s.mtls = pa.mode === 'STRICT' ? 'STRICT' : 'PERMISSIVE';
          note(`${at}.mtls`, refOf(pa, ['spec', 'mtls', 'mode']));
          // A port whose own mode differs: Istio applies it there; the model has one mode a service.
          for (const pl of pa.portLevel ?? []) {
            const mode = pl.mode === 'STRICT' ? 'STRICT' : 'PERMISSIVE';
            if (pl.mode !== 'UNSET' && mode !== s.mtls) warnings.push(msgAt(pa, ['spec', 'portLevelMtls', pl.port, 'mode'], `${pl.mode} on port ${pl.port} (for ${g.name}): a mode per port is not modelled; ${g.name} is taken as ${s.mtls} on every port, so ${mode === 'STRICT' ? 'callers without a sidecar get through where Istio refuses them on that port' : 'plaintext callers are refused where Istio lets them through on that port'}`));
          }
        }
      }
      const ports = g.svc.ports;
      const tcp = ports.length > 0 && ports.every((p) => /^(tcp|tls|mongo|mysql|redis)$/i.test(p.appProtocol ?? (p.name ?? '').split('-')[0]));
      if (tcp) {
        s.protocol = 'tcp';
        note(`${at}.protocol`, ...ports.map((_, k) => refOf(g.svc, ['spec', 'ports', k, 'name'])));
      }
      // DestinationRule: the host's trafficPolicy, then the subset's over it (Istio: the subset's wins).
      if (g.dr) {
        const parts: Mapped[] = [];
        if (g.dr.trafficPolicy) parts.push(trafficPolicy(g.dr.trafficPolicy, ['spec', 'trafficPolicy'], ports.map((p) => p.port)));
        if (g.subset?.trafficPolicy) parts.push(trafficPolicy(g.subset.trafficPolicy, ['spec', 'subsets', g.dr.subsets.indexOf(g.subset), 'trafficPolicy'], ports.map((p) => p.port)));
        const policy: PolicyInput = {};
        for (const m of parts) {
          if (!saidDr.has(g.dr) || parts.length > 1) dropped(g.dr, m);
          Object.assign(policy, m.policy);
          for (const [k, p] of Object.entries(m.from)) note(`${at}.policy.${k}`, refOf(g.dr, p));
          // The subset's budget over the host's, as every trafficPolicy field.
          if (m.retryBudget) budgetOf.set(g.name, { budget: m.retryBudget.budget, ref: refOf(g.dr, m.retryBudget.from) });
        }
        saidDr.add(g.dr);
        if (Object.keys(policy).length) s.policy = policy;
      }
    }
    services.push(s);
  }
  for (const d of c.drs) if (![...c.groups.keys()].includes(c.lookup(d.host, d.namespace) ?? '')) warnings.push(msgAt(d, ['spec', 'host'], `"${d.host}": no Service of that name in the manifests (dropped)`));

  // Apps from the workload: by group name or Deployment name, else by Service name for all its groups.
  const appOf = new Map<Group, { fields: Obj; from: Map<string, Seg[]> }>();
  for (const a of wl?.apps ?? []) {
    const exact = groups.filter((g) => g.name === a.name || g.members.some((m) => m.name === a.name));
    const bySvc = groups.filter((g) => g.svc.name === a.name);
    if (exact.length === 0 && bySvc.length === 0) {
      werr(['apps', a.index, 'name'], `"${a.name}": no Deployment, Service or ServiceEntry host of that name in the manifests (${groups.map((g) => g.name).join(', ')})`);
      continue;
    }
    for (const g of bySvc.length && !exact.length ? bySvc : []) appOf.set(g, { fields: { ...a.fields }, from: new Map(Object.keys(a.fields).map((k) => [k, ['apps', a.index, k]])) });
    for (const g of exact) {
      const base = appOf.get(g) ?? { fields: {}, from: new Map<string, Seg[]>() };
      for (const [k, v] of Object.entries(a.fields)) {
        base.fields[k] = v;
        base.from.set(k, ['apps', a.index, k]);
      }
      appOf.set(g, base);
    }
  }
  // Service-level entries apply under the specific ones: apply Service names first.
  for (const a of wl?.apps ?? []) {
    const bySvc = groups.filter((g) => g.svc.name === a.name && g.name !== a.name && !g.members.some((m) => m.name === a.name));
    for (const g of bySvc) {
      const cur = appOf.get(g)!;
      if (!cur) continue;
      for (const [k, v] of Object.entries(a.fields)) {
        if (cur.from.has(k) && cur.from.get(k)![1] !== a.index) continue;
        cur.fields[k] = v;
        cur.from.set(k, ['apps', a.index, k]);
      }
    }
  }

  for (const g of groups) {
    const i = index.get(g)!;
    const s = services[i];
    const app = appOf.get(g);
    if (!app) {
      s.serviceTime = DEFAULT_SERVICE_TIME;
      if (wl) warnings.push(msgAt(g.svc, g.members.length ? ['metadata', 'name'] : ['spec', 'hosts'], `${g.name}: no app in the workload file says what it does: serviceTime ${DEFAULT_SERVICE_TIME} and no calls assumed`));
      continue;
    }
    for (const [k, v] of Object.entries(app.fields)) {
      if (k === 'calls') continue;
      s[k] = v;
      note(`services.${i}.${k}`, wref(app.from.get(k)!));
    }
    if (s.serviceTime === undefined) {
      s.serviceTime = DEFAULT_SERVICE_TIME;
      warnings.push({ ...wref(app.from.values().next().value ?? ['apps']), message: `${g.name}: no serviceTime: ${DEFAULT_SERVICE_TIME} assumed` });
    }
    const calls = app.fields.calls;
    if (calls === undefined) continue;
    const cp = app.from.get('calls')!;
    if (!Array.isArray(calls)) {
      werr(cp, 'expected a list of calls, each with a service');
      continue;
    }
    s.calls = calls.flatMap((call: unknown, j: number) => {
      const p = [...cp, j];
      if (call === null || typeof call !== 'object' || typeof (call as Obj).service !== 'string') {
        werr(p, 'expected a call with a service (a Service or ServiceEntry host)');
        return [];
      }
      const at = `services.${i}.calls.${j}`;
      const r = resolveCall(ctx, sidecar.get(g) ? sidecarRef.get(g)! : undefined, g.svc.namespace, call as Obj, p, at);
      if (r && flattened.includes(at)) r.flattened = true;
      return r ? [r] : [];
    });
  }

  // Gateways: an Istio Gateway and the VirtualServices bound to it.
  const gateways = buildGateways(ctx, [...sidecar.values()].some(Boolean));

  // Clients: the workload's, their targets resolved; without a workload, one per gateway (or the first service).
  type GatewayRouteOut = { match: { host?: string; pathPrefix?: string } };
  const clients: Obj[] = [];
  const gwNames = new Set(gateways.map((g) => g.name as string));
  if (!wl) {
    const target = gateways[0]?.name ?? services.find((s) => !s.external)?.name;
    if (target === undefined) return null;
    const client: Obj = { name: 'users', type: 'open', rate: DEFAULT_RATE, target };
    // Requests the gateway's first route takes, on its host and path: the client's default path
    // "/" matches no route of a gateway that routes by prefix (Bookinfo's: every request a 404).
    const match = (gateways[0]?.routes as { match: { host?: string; pathPrefix?: string } }[] | undefined)?.[0]?.match;
    if (match?.pathPrefix !== undefined) client.path = match.pathPrefix;
    if (match?.host !== undefined) client.host = match.host;
    clients.push(client);
    // Said, so a reader of the import knows these numbers are ours, not the cluster's: without a
    // workload every service ran at 10 requests/s with 10 ms of work and no calls, without a word.
    const gw = c.gatewaysRes.find((r) => r.name === gateways[0]?.name);
    const svc = groups.find((g) => g.name === target)?.svc;
    const anchor = gw ?? svc;
    const on = client.path === undefined ? '' : ` on ${String(client.path)}`;
    const what = `no workload file: traffic assumed, not read: a client "users" sends ${DEFAULT_RATE} requests/s to ${target}${on}, and every app does ${DEFAULT_SERVICE_TIME} of work and calls no other service (only what the client reaches gets requests); give a workload file (clients: and apps:, as examples/bookinfo/workload.yaml; the CLI's --workload, or one more file in the app's import) to say what clients send and what each app does`;
    if (anchor) warnings.push(msgAt(anchor, ['metadata', 'name'], what));
  } else {
    const list = wl.top.clients;
    if (!Array.isArray(list) || list.length === 0) werr(['clients'], 'needs at least one client (name, type open or closed, rate or users, and a target: a Service, Gateway or ServiceEntry host)');
    else
      list.forEach((cl: unknown, i: number) => {
        const p: Seg[] = ['clients', i];
        if (cl === null || typeof cl !== 'object') return werr(p, 'expected a client');
        const o = { ...(cl as Obj) };
        for (const k of Object.keys(o)) note(`clients.${i}.${k}`, wref([...p, k]));
        let t = o.target;
        // A host a Gateway serves (its VirtualService's `hosts`, what a browser or curl sends):
        // the client goes to that gateway, with that host, as traffic through the ingress does.
        if (typeof t === 'string' && !gwNames.has(t) && !c.lookup(t, 'default')) {
          const host = t;
          const by = gateways.filter((g) => (g.routes as GatewayRouteOut[]).some((r) => r.match.host === host));
          if (by.length > 1) {
            werr([...p, 'target'], `"${host}" is a host of ${by.length} Gateways (${by.map((g) => g.name).join(', ')}): target one by name, with host: ${host}`);
            return;
          } else if (by.length === 1) {
            const gw = by[0].name as string;
            if (o.host === undefined) {
              o.host = host;
              note(`clients.${i}.host`, wref([...p, 'target']));
            }
            o.target = t = gw;
            wwarn([...p, 'target'], `"${host}" is a host Gateway ${gw} serves: the client sends to ${gw}${o.host === host ? ` with host: ${host}` : ''}`);
          }
        }
        // A client of a gateway whose every route matches a host, and that sends none, would get
        // 404 (no route) for every request: send the host, when the routes name only one.
        if (typeof t === 'string' && gwNames.has(t) && o.host === undefined) {
          const routes = gateways.find((g) => g.name === t)!.routes as GatewayRouteOut[];
          const hosts = [...new Set(routes.map((r) => r.match.host))];
          if (routes.length > 0 && !hosts.includes(undefined)) {
            if (hosts.length === 1) {
              o.host = hosts[0];
              note(`clients.${i}.host`, wref([...p, 'target']));
              wwarn([...p, 'target'], `gives no host, and every route of Gateway ${t} matches host ${hosts[0]}: sent with host: ${hosts[0]} (without it every request would be a 404, no route)`);
            } else wwarn([...p, 'target'], `gives no host, and every route of Gateway ${t} matches one (${hosts.join(', ')}): every request will be a 404 (no route); give the client host: one of them`);
          }
        }
        if (typeof t === 'string' && !gwNames.has(t)) {
          const key = c.lookup(t, 'default');
          if (!key) {
            const known = [...gwNames, ...services.map((x) => x.name as string)];
            werr([...p, 'target'], `"${t}": no Gateway, Service or ServiceEntry host of that name in the manifests${known.length ? ` (targets: ${known.join(', ')}, or a host a Gateway's VirtualService serves)` : ''}`);
          } else {
            const meshed = o.sidecar === true || (typeof o.sidecar === 'object' && o.sidecar !== null);
            const r = resolveCall(ctx, meshed ? wref([...p, 'sidecar']) : undefined, 'default', { service: t, ...(o.policy ? { policy: o.policy } : {}) }, p, `clients.${i}`);
            if (r && r.routes) werr([...p, 'target'], `"${t}" is routed by subset or header (${(r.routes as unknown[]).length} routes): a client's target cannot be split yet; target an app or a gateway that calls it`);
            else if (r) {
              o.target = r.service;
              if (r.policy) o.policy = r.policy;
              if (flattened.includes(`clients.${i}`)) o.flattened = true;
            }
          }
        }
        clients.push(o);
      });
  }

  // A mesh VirtualService no call went through: nothing it says is simulated, so say so, and
  // check its destinations anyway (a route to a host that is not there is Envoy's 503, no cluster).
  for (const v of c.vs) {
    if (saidVs.has(v) || !(v.gateways.length === 0 || v.gateways.includes('mesh'))) continue;
    // A second VirtualService for a host some call used has its own warning (Cluster.meshVs).
    if (c.vs.some((o) => o !== v && saidVs.has(o) && o.hosts.some((h) => v.hosts.includes(h)))) continue;
    let missing = 0;
    for (const h of v.http) {
      for (const [k, d] of h.route.entries()) {
        if (c.lookup(d.host, v.namespace)) continue;
        missing++;
        warnings.push(msgAt(v, ['spec', 'http', h.index, 'route', k, 'destination', 'host'], `"${d.host}": no Service or ServiceEntry host of that name in the manifests: a call routed here would fail (503, no cluster)`));
      }
    }
    if (missing === 0) warnings.push(msgAt(v, ['spec', 'hosts'], `no caller with a sidecar calls ${v.hosts.join(', ')} in the ${wl ? 'workload' : 'default traffic (give a workload)'}: this VirtualService routes nothing here (not simulated)`));
  }

  placeBudgets(services, clients, gateways, budgetOf, warnings, note, prov);

  const top = wl ? { ...wl.top } : {};
  delete top.clients;
  if (top.name === undefined) top.name = 'imported';
  return { ...(top as Obj), clients, services, gateways } as unknown as ScenarioInput;
}
