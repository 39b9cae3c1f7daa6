// MS011: a client's own route policy that its proxy does not apply: no proxy at all, or an L4 one
// for the policy's L7 fields. A route policy acts in the router of the proxy that sends the
// request (Envoy's router filter; the schema's "meshed clients only"), and an L4 proxy runs no
// HTTP router: it carries TCP with mutual TLS, so retries, timeouts, outlier detection and faults
// are as if unset there, as with no proxy (compilePolicy with l7 false; policyReach.ts calls it
// "not applied: an L4 proxy").
import type { Policy, Scenario } from '../../scenario';
import type { Locator } from './locate';
import { actorRef, finding } from './findings';
import type { Finding } from './types';

/**
 * The route policy fields an L4 proxy does not apply, as `compilePolicy` (src/models/proxy/
 * policy.ts) compiles a route with `l7` false at a meshed caller: they change nothing there. The
 * rest (circuitBreaker, loadBalancer, connectTimeout, the connection lifetimes and limits, a
 * localityLbSetting's failover) act at L4. test/cli/clientPolicyRules.test.ts compiles every
 * policy field at L4 and keeps this list equal to those that change nothing.
 */
export const L7_ONLY_FIELDS = ['timeout', 'retries', 'outlierDetection', 'healthyPanicThreshold', 'fault', 'protocol', 'h2UpgradePolicy'] as const satisfies readonly (keyof Policy)[];

const L7_ONLY: ReadonlySet<string> = new Set(L7_ONLY_FIELDS);

/** "timeout", "retries and timeout", "retries, timeout and fault". */
const listed = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * MS011: a client with `policy` whose fields no proxy applies. Without a sidecar (`sidecar:
 * false`, the default) none of them acts: World.wire compiles such a client's route without L7
 * or a mesh, and compilePolicy then applies no field of the client's policy, the connection ones
 * (connectTimeout, the lifetimes and limits) included: they are config for an Envoy, and the
 * client has none. With an L4 sidecar (`sidecar: {mode: L4}`) its L7 fields (L7_ONLY_FIELDS) do not;
 * its connection fields do and are not flagged. The fix names where the same fields would act:
 * an L7 sidecar at the client, or a gateway target's route policy (its Envoy applies it), or for
 * a service target the client's own `timeout`. Pure.
 */
export function clientPolicyFindings(s: Scenario, locate: Locator): Finding[] {
  const out: Finding[] = [];
  s.clients.forEach((c, i) => {
    if (!c.policy) return;
    const l4 = typeof c.sidecar === 'object' && c.sidecar.mode === 'L4';
    if (c.sidecar !== false && !l4) return;
    const written = Object.keys(c.policy).filter((k) => c.policy![k as keyof Policy] !== undefined);
    const fields = l4 ? written.filter((k) => L7_ONLY.has(k)) : written;
    if (!fields.length) return;
    const field = `clients.${i}.policy`;
    const gi = s.gateways.findIndex((g) => g.name === c.target);
    const g = s.gateways[gi];
    const what = l4 ? 'no L7 proxy' : 'no proxy';
    // The policy as a whole without a proxy; its L7 fields, one or several, with an L4 one.
    const them = l4 && fields.length > 1 ? 'them' : 'it';
    const elsewhere = g
      ? `move ${them} to gateway ${g.name}'s route policy (${g.routes.length === 1 ? `gateways.${gi}.routes.0.policy` : `gateways.${gi}.routes.N.policy, on the route its requests match`}), which the gateway's Envoy applies`
      : fields.includes('timeout')
        ? `move its timeout to clients.${i}.timeout, the client's own wait${fields.length > 1 ? `, and drop the rest (${fields.filter((f) => f !== 'timeout').join(', ')}): ${what} between ${c.name} and ${c.target} applies them` : ''}`
        : `drop ${them}: ${what} between ${c.name} and ${c.target} applies ${them}`;
    const a = { kind: 'Client' as const, name: c.name, path: `clients.${i}`, meshed: l4 };
    if (!l4) {
      out.push(
        finding(
          'MS011',
          actorRef(a, field, locate),
          field,
          `${field}: client ${c.name}'s policy (${fields.join(', ')}) has no proxy to apply it (set sidecar: true, or ${elsewhere}). A route policy is applied by the proxy that sends the request, and ${c.name} sends without a sidecar, so no request uses it`,
          { text: `${fields.length} ${fields.length === 1 ? 'field' : 'fields'}, no proxy`, values: { client: c.name, target: c.target, fields: fields.join(', ') } },
          `Set sidecar: true on client ${c.name}, or ${elsewhere}`,
        ),
      );
      return;
    }
    const applied = written.filter((k) => !L7_ONLY.has(k));
    out.push(
      finding(
        'MS011',
        actorRef(a, field, locate),
        field,
        `${field}: client ${c.name}'s sidecar is an L4 proxy (sidecar.mode: L4), which does not apply its policy's ${listed(fields)} (set sidecar.mode: L7, or ${elsewhere}). ` +
          `${fields.length === 1 ? 'It acts' : 'They act'} in the HTTP router of the proxy that sends the request, and an L4 proxy only carries TCP with mutual TLS: no request uses ${them}, as with no proxy` +
          (fields.includes('retries') ? ` (${c.name}'s proxy tries each request once${fields.includes('timeout') ? ' and sets no route timeout' : ''})` : fields.includes('timeout') ? ` (${c.name}'s proxy sets no route timeout)` : '') +
          (applied.length ? `. Its ${listed(applied)} ${applied.length === 1 ? 'does' : 'do'} act at L4` : ''),
        { text: `${fields.length} L7 ${fields.length === 1 ? 'field' : 'fields'}, an L4 proxy`, values: { client: c.name, target: c.target, fields: fields.join(', ') } },
        `Set sidecar.mode: L7 on client ${c.name} (or sidecar: true), or ${elsewhere}`,
      ),
    );
  });
  return out;
}
