import { z } from 'zod';
import { name } from './common';
import { policySchema } from './policy';
import type { Problem } from './parse';

/**
 * Routes at the caller: where one call's requests go, by request attribute and by weight.
 * Istio's VirtualService `http[]` for mesh traffic: routes are tried in order, the first whose
 * `match` the request satisfies is taken, and its `to` list splits the requests that take it
 * by weight (Envoy's weighted clusters). A request that matches no route fails as Envoy's
 * router fails it (404, "route not found", cause `no-route`), with no upstream try.
 *
 * Only a caller with an L7 sidecar matches headers, as only a meshed caller has a VirtualService
 * in Istio: a `match` at any other caller is refused. Routes without a match at a plain caller
 * (or an L4 sidecar) split requests by weight, as kube-proxy spreads them over a Service's pods.
 * The model: src/models/envoy/routeTable.ts.
 */

/** An HTTP header name, as Envoy matches it (lower case). */
const headerName = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(100, { message: 'must be at most 100 characters' })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { message: 'use lower-case letters, digits, ".", "_" or "-" (Envoy matches header names in lower case)' });

/** One destination of a route and its share (Istio: `route[].destination` and `weight`). */
export const routeDestinationSchema = z.strictObject({
  service: name,
  /** Relative weight; Istio's weights add up to 100, any non-negative numbers work here. */
  weight: z.number().min(0, { message: 'must not be negative' }).default(100),
});

/** What a request must carry to take the route: every header listed, with exactly this value. */
export const routeMatchSchema = z.strictObject({
  /** Istio `match[].headers.<name>.exact`. Headers come from the client (`clients[].headers`). */
  headers: z.record(headerName, z.string()).default({}),
});

export const callRouteSchema = z.strictObject({
  /** Absent: every request takes this route. */
  match: routeMatchSchema.optional(),
  /** The services requests taking this route go to, split by weight. */
  to: z.array(routeDestinationSchema).min(1, { message: 'needs at least one destination' }),
  /** This route's policy (timeout, retries, fault); overrides the call's `policy` field by field. */
  policy: policySchema.optional(),
});

/** Request headers a client sends; every call a request causes carries them on (as Bookinfo's apps forward `end-user`). */
export const requestHeadersSchema = z.record(headerName, z.string().max(1000, { message: 'must be at most 1,000 characters' }));

export type CallRoute = z.output<typeof callRouteSchema>;
export type CallRouteInput = z.input<typeof callRouteSchema>;

/** What the route checks read of a service. */
interface RoutedService {
  name: string;
  sidecar: boolean | { mode: 'L7' | 'L4' };
  calls: readonly { service: string; routes?: readonly CallRoute[] }[];
}

/**
 * What a call's routes must satisfy beyond their schema: destinations that exist, the call's
 * `service` among them, some weight in every route, and a header match only where the caller
 * has an L7 sidecar (Envoy matches headers; kube-proxy cannot).
 */
export function checkCallRoutes(s: { services: readonly RoutedService[] }): Problem[] {
  const problems: Problem[] = [];
  const names = new Set(s.services.map((x) => x.name));
  s.services.forEach((svc, i) => {
    const l7 = svc.sidecar === true || (svc.sidecar !== false && svc.sidecar.mode === 'L7');
    svc.calls.forEach((call, j) => {
      call.routes?.forEach((r, k) => {
        const at = `services.${i}.calls.${j}.routes.${k}`;
        r.to.forEach((d, m) => {
          if (!names.has(d.service)) problems.push({ path: `${at}.to.${m}.service`, message: `no service named "${d.service}"` });
        });
        if (r.to.every((d) => d.weight === 0)) problems.push({ path: `${at}.to`, message: 'every weight is 0: give at least one destination a weight above 0 (Envoy refuses weighted clusters that add up to 0)' });
        if (!l7 && Object.keys(r.match?.headers ?? {}).length > 0) {
          const why = svc.sidecar === false ? 'has no sidecar (sidecar: false)' : 'has an L4 sidecar (sidecar.mode: L4)';
          problems.push({ path: `${at}.match`, message: `"${svc.name}" ${why}, so nothing at the caller reads request headers: a header match needs the caller's L7 sidecar (as a VirtualService applies only to meshed callers in Istio); remove the match or give the caller an L7 sidecar` });
        }
      });
      if (call.routes && !call.routes.some((r) => r.to.some((d) => d.service === call.service))) {
        problems.push({ path: `services.${i}.calls.${j}.service`, message: `must be one of its routes' destinations (${[...new Set(call.routes.flatMap((r) => r.to.map((d) => d.service)))].join(', ')}): it names the call in tables and on the picture` });
      }
    });
  });
  return problems;
}
