// MS010: policy that no request feels. A service's own policy field that every caller's route
// policy overrides, and a timed policy change that reaches no request (src/models/policyReach.ts:
// Envoy applies the route policy of the proxy that sends the request, a caller's own over the
// callee's, field by field).
import type { Scenario } from '../../scenario';
import { callerName, callersOf, changeReach, describeField, type PolicyField } from '../policyReach';
import { changeNotes, suggestedChange } from './changeNotes';
import type { Locator } from './locate';
import { actorRef, finding } from './findings';
import type { Finding } from './types';

const WHY = "Envoy applies the route policy of the proxy that sends the request, and a caller's own route policy overrides the callee's field by field";

/** MS010 findings of a validated scenario, service policies first (in service order), then timed changes (in file order). Pure. */
export function reachFindings(s: Scenario, locate: Locator): Finding[] {
  const out: Finding[] = [];
  s.services.forEach((svc, i) => {
    if (!svc.policy || callersOf(s, svc.name).length === 0) return;
    const a = { kind: 'Service' as const, name: svc.name, path: `services.${i}`, meshed: svc.sidecar !== false };
    for (const f of Object.keys(svc.policy) as PolicyField[]) {
      if (svc.policy[f] === undefined) continue;
      // Whether the field reaches any request: the design without it, and it added back as a change.
      const without = { ...s, services: s.services.map((v, j) => (j === i ? { ...v, policy: { ...v.policy, [f]: undefined } } : v)) };
      const r = changeReach(without, { type: 'policy', at: 0, service: svc.name, policy: { [f]: svc.policy[f] }, replace: false });
      if (!r || r.reach !== 'none' || !r.callers.some((c) => c.status === 'overridden')) continue;
      const field = `services.${i}.policy.${f}`;
      const overriding = r.callers.filter((c) => c.status === 'overridden');
      const why = r.callers.map((c) =>
        c.status === 'overridden'
          ? `${callerName(c.route)} sets its own (${describeField(f, c.route.route![f])}) at ${c.route.routePath}.${f}`
          : c.status === 'not-applied'
            ? `${c.route.kind} ${c.route.caller} ${c.route.proxy ? 'works at L4 for it' : 'has no proxy'}, so it applies no ${f}`
            : `${callerName(c.route)} runs the same without it`,
      );
      const all = overriding.length === r.callers.length;
      const n = r.callers.length;
      out.push(
        finding(
          'MS010',
          actorRef(a, field, locate),
          field,
          `${svc.name}'s own ${f} (${describeField(f, svc.policy[f])}) ${all ? 'is overridden on every path' : 'applies on no path'}, so no request uses it: ${why.join('; ')}. ${WHY}`,
          { text: `overridden on ${overriding.length} of ${n} ${n === 1 ? 'path' : 'paths'}, used on none`, values: { field: f, callers: n, overriding: overriding.map((c) => c.route.caller).join(', ') } },
          `Set ${f} where it acts: on the callers' own routes (${overriding.map((c) => `${c.route.routePath}.${f}`).join(', ')}), or drop it from ${svc.name}'s policy`,
        ),
      );
    }
  });
  for (const n of changeNotes(s)) {
    if (n.reach !== 'none' || n.warning === null) continue;
    const c = s.changes[n.index];
    const target = c.type === 'gateway-route' ? { kind: 'Gateway' as const, name: c.gateway, path: `gateways.${s.gateways.findIndex((g) => g.name === c.gateway)}`, meshed: true } : { kind: 'Service' as const, name: c.type === 'policy' ? c.service : '', path: `services.${s.services.findIndex((v) => c.type === 'policy' && v.name === c.service)}`, meshed: true };
    const keys = Object.keys((c.type === 'policy' || c.type === 'gateway-route' ? c.policy : undefined) ?? {});
    const field = `changes.${n.index}.policy${keys.length === 1 ? `.${keys[0]}` : ''}`;
    out.push(
      finding(
        'MS010',
        actorRef(target, field, locate),
        field,
        n.overridden ? `changes.${n.index}: ${n.warning} ${WHY}` : `changes.${n.index}: ${n.warning}`,
        { text: 'reaches 0 paths', values: { change: n.index, reach: n.reach } },
        n.alternative ? `Make the change on the route that owns it: ${suggestedChange(n.alternative, c.at)}` : 'Drop the change, or make it where a proxy applies it',
      ),
    );
  }
  return out;
}
