import { z } from 'zod';
import { duration, name } from './common';
import { formatDuration } from './duration';
import { policySchema, type Policy } from './policy';
import type { Problem } from './parse';
import { nameProblem } from './nameProblems';
import { listNames, unknownNameMessage } from './nearMiss';
import type { Scenario } from './schema';

/**
 * Timed config changes (issue 12.2): at `at`, the control plane of each mesh pushes the new
 * config to its proxies, one after another (`pushBase + k x perProxy`, as it pushes endpoint
 * changes; src/models/mesh/ConfigChanges.ts). A proxy cut off from its control plane keeps the
 * old config until it reconnects; gateways and callers without a sidecar apply it at once.
 *
 * `policy` with `"replace": false` (the default) patches field by field, as a call's policy
 * overrides its callee's: `{"retries": {"attempts": 0}}` changes the retries and keeps the
 * timeout. `"replace": true` puts the new policy in the old one's place.
 */
export const changeSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('policy'),
    at: duration.prefault(0),
    /** The callee whose `policy` changes (every meshed caller applies it). */
    service: name,
    /** A caller service: its call's own `policy` to `service` changes instead. */
    from: name.optional(),
    policy: policySchema,
    replace: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('gateway-route'),
    at: duration.prefault(0),
    gateway: name,
    /** The route's index in the gateway's `routes`. */
    route: z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' }).default(0),
    /** A new upstream for the route (one its routes or canaries already name). */
    service: name.optional(),
    /** New canary weights (an empty list ends the canary). */
    canary: z.array(z.strictObject({ service: name, weight: z.number().min(0, { message: 'must not be negative' }) })).optional(),
    policy: policySchema.optional(),
    replace: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('mtls'), at: duration.prefault(0), service: name, mode: z.enum(['STRICT', 'PERMISSIVE']) }),
  z.strictObject({ type: z.literal('sidecar-mode'), at: duration.prefault(0), service: name, mode: z.enum(['L7', 'L4']) }),
  z.strictObject({ type: z.literal('trusts'), at: duration.prefault(0), mesh: name, trusts: z.array(name) }),
]);

export type ChangeSpec = z.output<typeof changeSchema>;
export type ChangeInput = z.input<typeof changeSchema>;

/** The change types, in the order the app's form offers them. */
export const CHANGE_TYPES = ['policy', 'gateway-route', 'mtls', 'sidecar-mode', 'trusts'] as const;

/** Policy fields a proxy applies only at L7 (as checkTcpPolicies in references.ts). */
const L7_ONLY = ['timeout', 'retries', 'outlierDetection', 'fault'] as const;

/** The policy `base` becomes after a change: patched field by field, or replaced. Pure. */
export function changedPolicy(base: Policy | undefined, set: Policy | undefined, replace: boolean): Policy | undefined {
  if (set === undefined) return base;
  return replace ? set : { ...(base ?? {}), ...set };
}

/**
 * What a change names must exist and make sense in `s`, as `path.field: message` (`path` is
 * `changes.N` in a file, `changes.N` of a link's live changes too). `checkTime` false skips the
 * end-of-run check (a live change's `at` counts from the moment it is made).
 */
export function checkChange(s: Scenario, c: ChangeSpec, path: string, checkTime = true): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, message: string) => problems.push({ path: field ? `${path}.${field}` : path, message });
  /** A name that names nothing: kept beside the schema's problems (nameProblems.ts). */
  const addName = (field: string, message: string) => problems.push(nameProblem(field ? `${path}.${field}` : path, message));
  const services = new Map(s.services.map((x) => [x.name, x]));
  const list = (xs: Iterable<string>, typed?: string) => listNames(xs, typed);
  const svcRef = (field: string, n: string) => {
    const svc = services.get(n);
    if (!svc) addName(field, unknownNameMessage('service', n, services.keys()));
    return svc;
  };
  if (checkTime && c.at >= s.duration) add('at', `is at ${formatDuration(c.at)}, when the run is over (duration ${formatDuration(s.duration)})`);
  const tcpCheck = (callee: string, policy: Policy | undefined) => {
    if (!policy || services.get(callee)?.protocol !== 'tcp') return;
    for (const f of L7_ONLY) if (policy[f] !== undefined) add(`policy.${f}`, `L7 policies do not apply to a TCP service ("${callee}" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do`);
  };
  switch (c.type) {
    case 'policy': {
      const callee = svcRef('service', c.service);
      if (c.from !== undefined) {
        const caller = svcRef('from', c.from);
        if (caller && callee && !caller.calls.some((k) => k.service === c.service)) {
          add('from', `"${c.from}" does not call "${c.service}" (it calls: ${list(caller.calls.map((k) => k.service))}); a change edits a route the file has, it cannot add one`);
        }
      }
      tcpCheck(c.service, c.policy);
      // A patch of no field would be listed and spread as a change that changes nothing (an empty
      // policy with "replace": true is a change: back to the defaults).
      if (!c.replace && Object.keys(c.policy).length === 0) add('policy', 'changes nothing: give at least one field to change (e.g. timeout or retries), or "replace": true to go back to the defaults');
      break;
    }
    case 'gateway-route': {
      const g = s.gateways.find((x) => x.name === c.gateway);
      if (!g) {
        addName('gateway', unknownNameMessage('gateway', c.gateway, s.gateways.map((x) => x.name)));
        break;
      }
      if (c.route >= g.routes.length) add('route', `gateway "${g.name}" has routes 0 to ${g.routes.length - 1}, not ${c.route}`);
      // The links a gateway forwards on are made when the run starts, from its routes and canaries.
      const upstreams = new Set(g.routes.flatMap((r) => [r.service, ...(r.canary ?? []).map((k) => k.service)]));
      const upstream = (field: string, n: string) => {
        if (!upstreams.has(n)) add(field, `gateway "${g.name}" has no link to "${n}" (its routes and canaries name: ${list(upstreams)}); a change can send only where the file's routes or canaries already do`);
      };
      if (c.service !== undefined) upstream('service', c.service);
      c.canary?.forEach((k, j) => upstream(`canary.${j}.service`, k.service));
      if (c.canary && c.canary.length > 0 && c.canary.every((k) => k.weight === 0)) add('canary', 'the weights add up to 0, so no request could be sent; give one a weight above 0, or an empty list to end the canary');
      if (c.service === undefined && c.canary === undefined && c.policy === undefined) add('', 'changes nothing: give a `service`, a `canary` or a `policy`');
      break;
    }
    case 'mtls':
    case 'sidecar-mode': {
      const svc = svcRef('service', c.service);
      if (svc && svc.sidecar === false) add('service', `"${c.service}" has no sidecar, and ${c.type === 'mtls' ? 'its sidecar is what enforces peer authentication' : 'the L4/L7 mode is its sidecar\'s'}; a change cannot add a sidecar (that is a redeploy)`);
      break;
    }
    case 'trusts': {
      const meshes = new Set(s.meshes.map((m) => m.name));
      if (!meshes.has(c.mesh)) addName('mesh', s.meshes.length === 0 ? 'there is no `meshes` list to change; trusts name other meshes, so a scenario needs two' : unknownNameMessage('mesh', c.mesh, meshes, 'meshes'));
      c.trusts.forEach((t, j) => {
        if (!meshes.has(t)) addName(`trusts.${j}`, unknownNameMessage('mesh', t, meshes, 'meshes'));
        else if (t === c.mesh) add(`trusts.${j}`, `"${t}" is the mesh itself; it always trusts its own CA`);
      });
      break;
    }
  }
  return problems;
}

/** Every change of a scenario checked against it (`changes.N.field: message`). */
export function checkChanges(s: Scenario, durationMs?: number): Problem[] {
  const problems = s.changes.flatMap((c, i) => checkChange(s, c, `changes.${i}`, durationMs === undefined));
  s.narrative.forEach((step, i) => {
    for (const [figure, path] of [[step.figure, `narrative.${i}.figure`], [step.question?.figure, `narrative.${i}.question.figure`]] as const) {
      const n = figure?.change;
      if (n !== undefined && n >= s.changes.length) {
        problems.push({ path: `${path}.change`, message: s.changes.length === 0 ? 'the scenario has no `changes` to time' : `the scenario has changes 0 to ${s.changes.length - 1}, not ${n}` });
      }
    }
  });
  return problems;
}
