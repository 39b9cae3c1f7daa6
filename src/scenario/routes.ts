import { z } from 'zod';
import { name } from './common';
import { policySchema } from './policy';
import type { Problem } from './parse';

/**
 * Routes at the caller: where one call's requests go, by request attribute and by weight.
 * Istio's VirtualService `http[]` for mesh traffic: routes are tried in order, the first whose
 * `match` the request satisfies is taken, and its `to` list splits the requests that take it
 * by weight (Envoy's weighted clusters). A request that matches no route fails as Envoy's
 * router fails it (404, "route not found").
 *
 * NOTE: the schema and validation are here; the simulator does not run them yet, so
 * `checkRoutesSimulated` refuses a scenario that uses them (see the README, "Import
 * Kubernetes and Istio YAML", for the model-side work this waits for).
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

/** What a call's routes must satisfy beyond their schema: the call's `service` is one of their destinations. */
export function checkCallRoutes(s: { services: readonly { name: string; calls: readonly { service: string; routes?: readonly CallRoute[] }[] }[] }): Problem[] {
  const problems: Problem[] = [];
  const names = new Set(s.services.map((x) => x.name));
  s.services.forEach((svc, i) =>
    svc.calls.forEach((call, j) => {
      call.routes?.forEach((r, k) =>
        r.to.forEach((d, m) => {
          if (!names.has(d.service)) problems.push({ path: `services.${i}.calls.${j}.routes.${k}.to.${m}.service`, message: `no service named "${d.service}"` });
        }),
      );
      if (call.routes && !call.routes.some((r) => r.to.some((d) => d.service === call.service))) {
        problems.push({ path: `services.${i}.calls.${j}.service`, message: `must be one of its routes' destinations (${[...new Set(call.routes.flatMap((r) => r.to.map((d) => d.service)))].join(', ')}): it names the call in tables and on the picture` });
      }
    }),
  );
  return problems;
}

/**
 * Refuses calls with `routes` until the model runs them: a scenario that would run with its
 * routes silently ignored is refused instead, naming the missing model feature.
 */
export function checkRoutesSimulated(s: { services: readonly { calls?: readonly { routes?: readonly CallRouteInput[] }[] }[] }): Problem[] {
  const problems: Problem[] = [];
  s.services.forEach((svc, i) =>
    (svc.calls ?? []).forEach((call, j) => {
      if (call.routes === undefined) return;
      const split = call.routes.some((r) => r.to.length > 1);
      const matched = call.routes.some((r) => Object.keys(r.match?.headers ?? {}).length > 0);
      const what = [split && 'weighted split across services', matched && 'match on a request header'].filter(Boolean).join(' and ') || 'routes';
      problems.push({ path: `services.${i}.calls.${j}.routes`, message: `${what} at the caller is not simulated yet (the model sends every request to "services.${i}.calls.${j}.service"); this scenario cannot run until it is` });
    }),
  );
  return problems;
}
