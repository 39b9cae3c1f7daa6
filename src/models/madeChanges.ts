// A scenario as its config changes have left it at a moment of a run: the timed changes and the
// live ones made by then, applied in order as the control planes apply them (ConfigChanges). The
// ownership view and the change panel's reach read the design as it stands at the clock. Pure.
import type { ChangeSpec, Scenario, ServiceSpec } from '../scenario';
import { changedPolicy } from '../scenario';

/** A config change and when it is made, simulated ms: a timed one at its `at`, a live one when made plus its `at`. */
export interface MadeChange {
  atMs: number;
  change: ChangeSpec;
}

/**
 * The changes of a run made by `nowMs`, in the order they are made: the scenario's timed
 * `changes` and the run's live ones (`live`). Pure.
 */
export function changesMadeBy(s: Scenario, live: readonly MadeChange[], nowMs: number): MadeChange[] {
  const timed = s.changes.map((change) => ({ atMs: change.at, change }));
  return [...timed, ...live].filter((c) => c.atMs <= nowMs).sort((x, y) => x.atMs - y.atMs);
}

/**
 * `s` with `changes` made, in order, as the control planes make them (ConfigChanges.apply): a
 * policy patched or replaced (a callee's, or one call's), a gateway route's upstream, canary
 * weights or policy, a service's mTLS mode or sidecar mode, a mesh's trusts. What the design is
 * once every proxy has them: a proxy still waiting for its push (or cut off from its control
 * plane) runs the old config a while longer. Changes naming what `s` lacks are skipped (the
 * engine refuses them). Pure: returns a new scenario, sharing what no change touched.
 */
export function configuredAt(s: Scenario, changes: readonly MadeChange[]): Scenario {
  if (changes.length === 0) return s;
  let services = s.services;
  let gateways = s.gateways;
  let meshes = s.meshes;
  const service = (name: string, edit: (v: ServiceSpec) => ServiceSpec) => (services = services.map((v) => (v.name === name ? edit(v) : v)));
  for (const { change: c } of changes) {
    switch (c.type) {
      case 'policy':
        if (c.from === undefined) service(c.service, (v) => ({ ...v, policy: changedPolicy(v.policy, c.policy, c.replace) }));
        else service(c.from, (v) => ({ ...v, calls: v.calls.map((k) => (k.service === c.service ? { ...k, policy: changedPolicy(k.policy, c.policy, c.replace) } : k)) }));
        break;
      case 'gateway-route':
        gateways = gateways.map((g) =>
          g.name !== c.gateway
            ? g
            : {
                ...g,
                routes: g.routes.map((r, i) => (i !== c.route ? r : { ...r, service: c.service ?? r.service, canary: c.canary === undefined ? r.canary : c.canary.length === 0 ? undefined : c.canary, policy: changedPolicy(r.policy, c.policy, c.replace) })),
              },
        );
        break;
      case 'mtls':
        service(c.service, (v) => ({ ...v, mtls: c.mode }));
        break;
      case 'sidecar-mode':
        service(c.service, (v) => (v.sidecar === false ? v : { ...v, sidecar: { ...(v.sidecar === true ? { concurrency: 2 } : v.sidecar), mode: c.mode } }));
        break;
      case 'trusts':
        meshes = meshes.map((m) => (m.name === c.mesh ? { ...m, trusts: c.trusts } : m));
        break;
    }
  }
  return { ...s, services, gateways, meshes };
}
