import { ISTIO_DEFAULT_RETRIES } from './policy';
import type { ImportMessage, SourceRef } from './types';

// The last step of building an imported scenario: each DestinationRule's retry budget written on
// the routes into its service, where the model keeps it (build.ts gathers them, then calls here).

type Obj = Record<string, unknown>;

/** A DestinationRule's retry budget as the model writes it: a share of active requests and a floor. */
type Budget = { percent: number; minConcurrency: number };

/**
 * Puts each DestinationRule's retry budget on the routes into its service. In Envoy the budget
 * is the cluster's (circuit breakers' retry_budget, per caller proxy and upstream cluster); the
 * model keeps it in a route's `retries.budget` and counts it per cluster the same way
 * (src/models/envoy/resourceManager.ts), so the importer writes it on every route to the service
 * whose router retries: a call, a call's route, a meshed client, a gateway route. A sidecar whose
 * route sets no retries retries by Istio's default, which is written out to carry the budget. A
 * route with no retries (`attempts: 0`, or a gateway route without any) has nothing to cap and
 * is left alone. A route split over services whose budgets differ keeps none, with a warning (the
 * model has one retry policy per route). Mutates the built services, clients and gateways.
 */
export function placeBudgets(
  services: Obj[],
  clients: Obj[],
  gateways: Obj[],
  budgetOf: ReadonlyMap<string, { budget: Budget; ref: SourceRef }>,
  warnings: ImportMessage[],
  note: (path: string, ...refs: SourceRef[]) => void,
  prov: Readonly<Record<string, SourceRef[]>>,
): void {
  if (budgetOf.size === 0) return;
  const tcp = new Set(services.filter((x) => x.protocol === 'tcp').map((x) => x.name as string));
  const said = new Set<string>();
  /** The policy `policy` at `at` with the budget of its destinations, where its router retries. */
  const place = (policy: Obj | undefined, dests: string[], sidecar: boolean, inherited: Obj | undefined, at: string, caller: string): Obj | undefined => {
    const found = dests.map((d) => budgetOf.get(d));
    const first = found.find((b) => b !== undefined);
    if (!first || dests.some((d) => tcp.has(d))) return policy;
    if (found.some((b) => JSON.stringify(b?.budget) !== JSON.stringify(first.budget))) {
      const key = `${caller} ${dests.join(',')}`;
      if (!said.has(key)) {
        said.add(key);
        warnings.push({ ...first.ref, message: `not modelled for ${caller}'s route over ${dests.join(', ')}, whose retry budgets differ (the model has one retry policy per route): that route keeps none` });
      }
      return policy;
    }
    const own = (policy?.retries ?? inherited) as Obj | undefined;
    const retries = own ?? (sidecar ? { ...ISTIO_DEFAULT_RETRIES, retryOn: [...ISTIO_DEFAULT_RETRIES.retryOn], retriableStatusCodes: [...ISTIO_DEFAULT_RETRIES.retriableStatusCodes] } : undefined);
    if (!retries || retries.attempts === 0) return policy;
    if (!own) {
      // Placed first at the call's own line (lint points there, as for other default retries), then why they are written.
      const base = (prov[at] ?? prov[at.replace(/\.policy$/, '.service')] ?? [])[0];
      note(`${at}.retries`, ...(base ? [base] : []), { ...first.ref, path: `${first.ref.path} (a sidecar and no retries set: Istio's default retries, 2 on connect-failure, refused-stream and 503, written out to carry the budget)` });
    }
    note(`${at}.retries.budget`, first.ref);
    return { ...(policy ?? {}), retries: { ...retries, budget: { ...first.budget } } };
  };
  services.forEach((svc, i) => {
    if (!Array.isArray(svc.calls)) return;
    const sidecar = svc.sidecar === true;
    (svc.calls as Obj[]).forEach((call, j) => {
      const at = `services.${i}.calls.${j}`;
      if (Array.isArray(call.routes)) {
        (call.routes as Obj[]).forEach((r, k) => {
          const p = place(r.policy as Obj | undefined, (r.to as { service: string }[]).map((t) => t.service), sidecar, (call.policy as Obj | undefined)?.retries as Obj | undefined, `${at}.routes.${k}.policy`, svc.name as string);
          if (p) r.policy = p;
        });
      } else {
        const p = place(call.policy as Obj | undefined, [call.service as string], sidecar, undefined, `${at}.policy`, svc.name as string);
        if (p) call.policy = p;
      }
    });
  });
  clients.forEach((cl, i) => {
    const sidecar = cl.sidecar === true || (typeof cl.sidecar === 'object' && cl.sidecar !== null);
    if (!sidecar || typeof cl.target !== 'string') return;
    const p = place(cl.policy as Obj | undefined, [cl.target], true, undefined, `clients.${i}.policy`, cl.name as string);
    if (p) cl.policy = p;
  });
  // A gateway's own Envoy retries only where its route says so (the model gives it no default).
  gateways.forEach((g, gi) => {
    (g.routes as Obj[]).forEach((r, ri) => {
      const dests = Array.isArray(r.canary) ? (r.canary as { service: string }[]).map((x) => x.service) : [r.service as string];
      const p = place(r.policy as Obj | undefined, dests, false, undefined, `gateways.${gi}.routes.${ri}.policy`, g.name as string);
      if (p) r.policy = p;
    });
  });
}
