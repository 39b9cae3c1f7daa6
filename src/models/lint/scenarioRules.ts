import type { Scenario, ServiceSpec } from '../../scenario';
import type { Locator, Place } from './locate';
import { fieldOf, routesOf, totalWaitMs, tryWaitMs, type Actor, type Route } from './routes';
import type { Finding } from './types';
import { actorRef, finding, ms } from './findings';
import { IMPLICIT_MESH } from '../../scenario/implicitMesh';
import { reachFindings } from './reachRules';
import { clientPolicyFindings } from './clientPolicyRules';
import { noRouteFindings } from './noRouteRules';
import { retryOverflowFindings } from './retryOverflowRules';
import { loadFindings } from './loadRules';
import { networkFindings } from './networkRules';
import { saturationFindings } from './saturationRules';

export { clientPolicyFindings } from './clientPolicyRules';

/** "web -> orders" */
const edge = (r: Route) => `${r.from.name} -> ${r.to.name}`;

/** MS006's words for a caller that sends plaintext: a gateway is outside the mesh (it has no `sidecar` field), the others have no sidecar. */
const plainCaller = (a: Actor) => (a.kind === 'Gateway' ? `${a.name} is a gateway outside the mesh (it sets no mesh or bridge)` : `${a.name} has no sidecar`);

/**
 * MS006's fix for plaintext `caller` -> STRICT `callee`, naming the field to write. A gateway joins
 * the callee's mesh (`gateways.N.mesh: <mesh>`, docs/scenario-files.md: a gateway has no `sidecar`
 * field, so "give it a sidecar" is refused as an unknown field; trial N18, 1); a service or client
 * gets a sidecar (`services.N.sidecar: true`). From manifests, a gateway's Deployment gets the mesh's
 * sidecar injection. `mesh`: the callee's mesh, the name to write.
 */
export function plaintextFix(caller: Actor, callee: string, mesh: string, kind: 'scenario' | 'manifests'): string {
  const orPermissive = `or set mtls: PERMISSIVE on ${callee} while plaintext callers remain`;
  if (caller.kind === 'Gateway')
    return kind === 'manifests'
      ? `Put ${caller.name} in the mesh (sidecar injection on its pods, so it speaks mutual TLS), ${orPermissive}`
      : `Put ${caller.name} in the mesh: set ${caller.path}.mesh: ${mesh} (a gateway has no sidecar field; in a mesh it speaks mutual TLS with its own identity), ${orPermissive}`;
  return kind === 'manifests' ? `Give ${caller.name} a sidecar (sidecar injection on its pods), ${orPermissive}` : `Give ${caller.name} a sidecar (${caller.path}.sidecar: true), ${orPermissive}`;
}

/**
 * The rules read from a validated scenario's settings alone (MS002 to MS006, MS008 to MS011, MS013 to MS015), in
 * the order of the scenario's routes. Figures are the config's own numbers; MS001 and the
 * measured share of MS006 come from simulate.ts. `flattened`: the imported calls and clients
 * whose policy flattens an app's retries with its sidecar's (ImportResult.flattened). `kind`:
 * whether the scenario is a file or was imported from manifests (a fix names a PeerAuthentication
 * then). Pure.
 */
export function scenarioFindings(s: Scenario, locate: Locator, flattened: ReadonlySet<string> = new Set(), kind: 'scenario' | 'manifests' = 'scenario'): Finding[] {
  const routes = routesOf(s);
  const out: Finding[] = [];
  const into = (name: string) => routes.filter((r) => r.to.name === name);

  // MS002: an inner call outlives its caller's wait for one try.
  for (const inner of routes) {
    if (inner.from.kind === 'Client') continue;
    const innerMs = totalWaitMs(inner);
    if (innerMs === Infinity) continue;
    const callers = into(inner.from.name).filter((c) => tryWaitMs(c) < innerMs);
    if (!callers.length) continue;
    const caller = callers.reduce((a, b) => (tryWaitMs(b) < tryWaitMs(a) ? b : a));
    const callerTry = tryWaitMs(caller);
    const callerTotal = totalWaitMs(caller);
    const field = inner.timeoutMs === innerMs ? fieldOf(inner, 'timeout') : `${fieldOf(inner, 'retries')}.perTryTimeout`;
    const how = inner.timeoutDefault ? `${ms(innerMs)}, Envoy's default route timeout` : inner.timeoutMs === innerMs ? `its timeout of ${ms(innerMs)}` : `${inner.tries} tries of ${ms(inner.perTryMs)}`;
    // The tries that get their full wait: a route timeout may end the last ones early.
    const fullTries = Math.min(caller.tries, Math.ceil(callerTotal / callerTry));
    const callerWait = fullTries > 1 && callerTotal > callerTry ? `${ms(callerTry)} a try (${ms(callerTotal)} over ${fullTries} tries)` : ms(callerTry);
    out.push(
      finding(
        'MS002',
        actorRef(inner.from, field, locate),
        field,
        `${inner.from.name} waits up to ${ms(innerMs)} for ${inner.to.name} (${how}), but ${caller.from.name} waits ${callerWait} for ${inner.from.name}: ${caller.from.name} gives up while ${inner.from.name} still waits`,
        { text: `inner ${ms(innerMs)} > caller's ${ms(callerTry)} a try`, values: { innerMs, callerTryMs: callerTry, callerTotalMs: callerTotal === Infinity ? null : callerTotal, callerTries: caller.tries, callerFullTries: fullTries, inner: edge(inner), caller: edge(caller) } },
        `Give ${edge(inner)} a timeout under ${ms(callerTry)}, or let ${caller.from.name} wait longer for ${inner.from.name}`,
      ),
    );
  }

  // MS003: the tries do not fit in the route timeout. Not on a call whose import flattened an
  // app's retries with its sidecar's: there the timeout is the app's own tries times its per-try
  // timeout, and the tries past it are the sidecar's, inside each of the app's. In Istio the app
  // ends each of its tries at its per-try timeout and the sidecar (no route timeout, no per-try
  // timeout by default) retries inside it, so no layer has tries that miss a timeout: the one
  // router here reproduces that (a hanging callee gets the app's tries, a 503 every layer's), and
  // MS003's fix (fewer tries, or a shorter per-try timeout) would change what the mesh does. The
  // call says so itself (`flattened: true`, routes.ts), so the imported file and the manifests
  // agree; `flattened` (the import's list) is read too, for a scenario built without the marker.
  const isFlattened = (r: Route) => r.flattened || [...flattened].some((at) => r.routePolicyPath.startsWith(`${at}.`));
  for (const r of routes) {
    if (r.tries < 2 || r.perTryMs === Infinity || r.timeoutMs === Infinity || isFlattened(r)) continue;
    const fit = Math.floor(r.timeoutMs / r.perTryMs);
    if (fit >= r.tries) continue;
    const field = `${fieldOf(r, 'retries')}.perTryTimeout`;
    out.push(
      finding(
        'MS003',
        actorRef(r.from, field, locate),
        field,
        `${edge(r)}: ${r.tries} tries of ${ms(r.perTryMs)} need ${ms(r.tries * r.perTryMs)}, but the route times out at ${ms(r.timeoutMs)}${r.timeoutDefault ? " (Envoy's default)" : ''}: only ${fit} ${fit === 1 ? 'try gets' : 'tries get'} its full per-try time`,
        { text: `${r.tries} x ${ms(r.perTryMs)} = ${ms(r.tries * r.perTryMs)} > ${ms(r.timeoutMs)}`, values: { tries: r.tries, perTryTimeoutMs: r.perTryMs, neededMs: r.tries * r.perTryMs, timeoutMs: r.timeoutMs, triesThatFit: fit } },
        `Make perTryTimeout x tries at most the timeout: perTryTimeout ${ms(Math.floor(r.timeoutMs / r.tries))} for ${r.tries} tries, or ${fit} tries (attempts: ${Math.max(0, fit - 1)})`,
      ),
    );
  }

  // MS004: a fan-in service whose callers retry without a budget.
  s.services.forEach((svc, i) => {
    const ins = into(svc.name);
    const callers = new Set(ins.map((r) => r.from.name));
    const unbudgeted = ins.filter((r) => r.tries > 1 && !r.hasBudget);
    if (callers.size < 2 || unbudgeted.length === 0) return;
    const field = `services.${i}.policy.retries.budget`;
    const a: Actor = { kind: 'Service', name: svc.name, path: `services.${i}`, meshed: svc.sidecar !== false };
    // One call from each caller: its most tries over its routes to the service (1 when it does not retry).
    const most = new Map<string, number>();
    for (const r of ins) most.set(r.from.name, Math.max(most.get(r.from.name) ?? 1, r.hasBudget ? 1 : r.tries));
    const worst = [...most.values()].reduce((n, t) => n + t, 0);
    const names = [...new Set(unbudgeted.map((r) => r.from.name))];
    out.push(
      finding(
        'MS004',
        actorRef(a, field, locate),
        field,
        `${svc.name} is called by ${callers.size} callers and ${names.length} of them (${names.join(', ')}) retry it with no retry budget: when it fails, one call from each caller becomes up to ${worst} tries in all, bounded only by the circuit breakers' maxRetries`,
        { text: `${callers.size} callers, ${names.length} retrying without a budget: up to ${worst} tries for one call from each`, values: { callers: callers.size, unbudgetedCallers: names.length, worstCaseTries: worst } },
        kind === 'manifests'
          ? `Give ${svc.name} a retry budget (a DestinationRule for it with trafficPolicy.retryBudget: percent 20, minRetryConcurrency 3; Istio 1.27+), or retry at fewer callers`
          : `Give the retries to ${svc.name} a budget (policy.retries.budget: percent 20, minConcurrency 3), or retry at fewer callers`,
      ),
    );
  });

  // MS005: outlier detection with nowhere to fail over to.
  const seenOutlier = new Set<string>();
  for (const r of routes) {
    const svc = s.services.find((x) => x.name === r.to.name);
    if (!r.outlier || !svc || svc.replicas > 1) continue;
    const field = fieldOf(r, 'outlierDetection');
    if (seenOutlier.has(field)) continue;
    seenOutlier.add(field);
    const owner = field.startsWith(`${r.to.path}.`) ? r.to : r.from;
    out.push(
      finding(
        'MS005',
        actorRef(owner, field, locate),
        field,
        `${edge(r)}: outlier detection on ${svc.name}, which has 1 replica: there is no other host to fail over to, and ejecting the only one sends traffic to it anyway (Envoy's panic threshold)`,
        { text: `1 replica, 0 hosts to fail over to`, values: { replicas: svc.replicas } },
        `Run ${svc.name} with 2 replicas or more (in different zones), or drop outlierDetection for it`,
      ),
    );
  }

  // MS006 (scenario side): plaintext callers of a STRICT workload.
  const seenStrict = new Set<string>();
  for (const r of routes) {
    const svc = s.services.find((x) => x.name === r.to.name);
    if (!svc || svc.mtls !== 'STRICT' || r.from.meshed) continue;
    const key = `${r.from.name}->${svc.name}`;
    if (seenStrict.has(key)) continue;
    seenStrict.add(key);
    const field = `${r.to.path}.mtls`;
    out.push(
      finding(
        'MS006',
        actorRef(r.to, field, locate),
        field,
        `${svc.name} accepts only mutual TLS (STRICT), but ${plainCaller(r.from)} and sends plaintext: every call ${edge(r)} is rejected (tls-plaintext-rejected)`,
        { text: `every call ${edge(r)} fails`, values: { caller: r.from.name, callee: svc.name, mtls: 'STRICT', callerMeshed: false } },
        plaintextFix(r.from, svc.name, svc.mesh ?? s.meshes[0]?.name ?? IMPLICIT_MESH, kind),
      ),
    );
  }

  // MS008: PERMISSIVE where every caller is meshed. Hardening (info): no request fails for it.
  // Grouped, so that a mesh nobody set a mode for (Istio's default, Bookinfo's case) is one
  // finding and one fix, not one per service: every service whose PERMISSIVE is the default is
  // one finding; those set PERMISSIVE in writing, one per place that sets it (a PeerAuthentication
  // for a namespace is one).
  const groups = new Map<string, { svc: ServiceSpec; i: number; callers: string[]; at: Place | undefined }[]>();
  s.services.forEach((svc, i) => {
    if (svc.sidecar === false || svc.mtls !== 'PERMISSIVE') return;
    const ins = into(svc.name);
    if (ins.length === 0 || !ins.every((r) => r.from.meshed)) return;
    const at = locate(`services.${i}.mtls`);
    const key = at?.exact ? `${at.file}:${at.line}` : 'default';
    groups.set(key, [...(groups.get(key) ?? []), { svc, i, callers: [...new Set(ins.map((r) => r.from.name))], at }]);
  });
  for (const [key, list] of groups) {
    const byDefault = key === 'default';
    const first = list[0];
    const field = `services.${first.i}.mtls`;
    const a: Actor = { kind: 'Service', name: first.svc.name, path: `services.${first.i}`, meshed: true };
    const callers = new Set(list.flatMap((x) => x.callers));
    const whose = (x: (typeof list)[number]) => (x.callers.length === 1 ? `its only caller, ${x.callers[0]}, is in the mesh` : `all ${x.callers.length} of its callers (${x.callers.join(', ')}) are in the mesh`);
    const why = byDefault ? (kind === 'manifests' ? `no PeerAuthentication sets ${list.length === 1 ? 'its' : 'their'} mode, and Istio's default is PERMISSIVE` : `${list.length === 1 ? 'its' : 'their'} mtls is not set, and the default is PERMISSIVE, as Istio's`) : 'as set here';
    const what =
      list.length === 1
        ? `${first.svc.name} accepts plaintext (PERMISSIVE: ${why}), yet ${whose(first)} and speaks mutual TLS`
        : `${list.length} services accept plaintext (PERMISSIVE: ${why}), yet every caller of each is in the mesh and speaks mutual TLS: ${list.map((x) => `${x.svc.name} (called by ${x.callers.join(', ')})`).join(', ')}`;
    const namespaces = [...new Set(list.map((x) => x.at?.resource?.namespace).filter((n): n is string => n !== undefined))];
    const names = list.map((x) => x.svc.name).join(', ');
    const fix =
      kind === 'manifests'
        ? byDefault
          ? `Once nothing outside the mesh calls ${list.length === 1 ? 'it' : 'them'}, apply one PeerAuthentication with mtls.mode: STRICT${namespaces.length ? ` in namespace ${namespaces.join(' and ')}` : ''} (or mesh-wide: named default, in istio-system)`
          : `Once nothing outside the mesh calls ${names}, set mtls.mode: STRICT in this PeerAuthentication`
        : `Once nothing without a sidecar calls ${list.length === 1 ? first.svc.name : 'them'}, set mtls: STRICT on ${list.length === 1 ? first.svc.name : `each (${list.map((x) => `services.${x.i}.mtls`).join(', ')})`}`;
    out.push(
      finding(
        'MS008',
        actorRef(a, field, locate),
        field,
        // Why it is worth saying at all, once: Istio's sidecars already speak mutual TLS to each
        // other (auto mTLS), so PERMISSIVE only keeps a plaintext door open to workloads outside
        // the mesh, which no caller in this config is.
        `${what}. Istio's proxies already send each other mutual TLS (auto mTLS), so PERMISSIVE only lets workloads outside the mesh in without it, and no caller here is one: hardening, no request fails for it`,
        { text: `${list.length} ${list.length === 1 ? 'service' : 'services'} PERMISSIVE, ${callers.size} of ${callers.size} callers meshed`, values: { services: list.length, serviceNames: names, callers: callers.size, meshedCallers: callers.size, byDefault } },
        fix,
      ),
    );
  }

  // MS009: gateway routes on Envoy's 15 s default.
  const seenGateway = new Set<string>();
  for (const r of routes) {
    if (r.from.kind !== 'Gateway' || !r.timeoutDefault) continue;
    const field = `${r.routePolicyPath}.timeout`;
    if (seenGateway.has(field)) continue;
    seenGateway.add(field);
    const below = routes.filter((x) => x.from.name === r.to.name).map(totalWaitMs);
    const longest = below.length ? Math.max(...below) : 0;
    out.push(
      finding(
        'MS009',
        actorRef(r.from, field, locate),
        field,
        `${edge(r)} sets no timeout, so it takes Envoy's default of 15 s: a slower answer fails with 504 at the gateway${longest > 15_000 && longest !== Infinity ? `, while ${r.to.name} may wait ${ms(longest)} for its own calls` : ''}`,
        { text: "15 s, Envoy's default route timeout", values: { timeoutMs: 15_000, downstreamLongestMs: longest === Infinity ? null : longest } },
        `Set a timeout on the route that the slowest good answer fits in (timeout: 5s, say)`,
      ),
    );
  }

  // MS010: policy no request feels (reachRules.ts).
  out.push(...reachFindings(s, locate));

  // MS011: a client's policy with no proxy to apply it, or an L4 one for its L7 fields (clientPolicyRules.ts).
  out.push(...clientPolicyFindings(s, locate));

  // MS013: a client every request of which ends 404 no-route (noRouteRules.ts).
  out.push(...noRouteFindings(s, locate));

  // MS014: a service or gateway offered 90% of its capacity or more (loadRules.ts).
  out.push(...loadFindings(s, locate, kind));
  out.push(...networkFindings(s, locate, kind));
  // MS017: a service whose workers are kept busy waiting on its calls (saturationRules.ts).
  out.push(...saturationFindings(s, locate, kind));
  // MS016: retries a route's circuit breaker will refuse at the offered load (retryOverflowRules.ts).
  out.push(...retryOverflowFindings(s, locate));
  return out;
}
