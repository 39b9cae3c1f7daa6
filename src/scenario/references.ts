import type { Problem } from './parse';
import type { CertificateSpec, Scenario } from './schema';
import type { Policy } from './policy';
import { formatDuration } from './duration';
import { figureProblems } from './figure';
import { IMPLICIT_MESH } from './implicitMesh';
import { nameProblem } from './nameProblems';
import { listNames, unknownNameMessage } from './nearMiss';


/** Whether anything joins a mesh: without `meshes`, the implicit one exists only then. */
export function anySidecar(s: Scenario): boolean {
  return s.services.some((x) => x.sidecar !== false) || s.clients.some((c) => c.sidecar !== false) || s.gateways.some((g) => g.mesh !== undefined);
}

// The run's size is work.ts's now (open and closed loops); kept here for existing importers.
export { MAX_REQUESTS, expectedRequests } from './work';

/**
 * Where the first of these actor names is written in the scenario (`clients.0`, `services.2`,
 * `gateways.1`), or null when none is a client, service or gateway: for a problem the engine
 * finds while running (its stall guard names actors), so it points at a field as others do.
 */
export function pathOfActor(s: Pick<Scenario, 'clients' | 'services' | 'gateways'>, actors: readonly string[]): string | null {
  for (const name of actors) {
    for (const [list, key] of [[s.clients, 'clients'], [s.services, 'services'], [s.gateways ?? [], 'gateways']] as const) {
      const i = (list as readonly { name: string }[]).findIndex((x) => x.name === name);
      if (i >= 0) return `${key}.${i}`;
    }
  }
  return null;
}

/**
 * References between meshes, CAs, gateways, faults and the services they name: every name must
 * resolve, gateways route only HTTP, and third parties stay outside every mesh. Times are
 * checked against the end of the run unless `durationMs` overrides the file's duration: then
 * the host (the CLI's --duration) checks them against its own, naming its option.
 */
export function checkMeshParts(s: Scenario, durationMs?: number): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  /** A name that names nothing: kept beside the schema's problems (nameProblems.ts). */
  const addName = (path: string, message: string) => problems.push(nameProblem(path, message));
  const services = new Map(s.services.map((x) => [x.name, x]));
  const gateways = new Map(s.gateways.map((g) => [g.name, g]));
  // Without a `meshes` list, meshed workloads share an implicit mesh named "mesh".
  const meshes = new Set(s.meshes.length ? s.meshes.map((m) => m.name) : anySidecar(s) ? [IMPLICIT_MESH] : []);
  const list = (xs: Iterable<string>, typed?: string) => listNames(xs, typed);
  const meshRef = (path: string, m: string | undefined) => {
    if (m !== undefined && !meshes.has(m)) addName(path, unknownNameMessage('mesh', m, meshes, 'meshes'));
  };
  /** A fault on a mesh (its control plane, its CA): there must be one. */
  const faultMeshRef = (path: string, m: string | undefined) => {
    if (meshes.size === 0) add(path, 'there is no mesh to act on: no service, client or gateway has a sidecar, and `meshes` is empty');
    else meshRef(path, m);
  };
  const seenMeshes = new Set<string>();
  s.meshes.forEach((m, i) => {
    if (seenMeshes.has(m.name)) add(`meshes.${i}.name`, `"${m.name}" is already the name of another mesh`);
    seenMeshes.add(m.name);
    m.trusts.forEach((t, j) => meshRef(`meshes.${i}.trusts.${j}`, t));
  });
  // Certificates name CAs by root name: each mesh's (default "<mesh>-ca"), or the implicit mesh's.
  const cas = new Set(s.meshes.length ? s.meshes.map((m) => m.ca.name ?? `${m.name}-ca`) : [`${IMPLICIT_MESH}-ca`]);
  const caRef = (path: string, ca: string) => {
    if (!cas.has(ca)) addName(path, unknownNameMessage('CA', ca, cas));
  };
  const certificateRefs = (path: string, c: CertificateSpec) => {
    if (c.ca !== undefined) caRef(`${path}.ca`, c.ca);
    c.trust?.forEach((t, j) => caRef(`${path}.trust.${j}`, t));
  };
  s.services.forEach((svc, i) => certificateRefs(`services.${i}.certificate`, svc.certificate));
  s.clients.forEach((c, i) => certificateRefs(`clients.${i}.certificate`, c.certificate));
  s.services.forEach((svc, i) => {
    meshRef(`services.${i}.mesh`, svc.mesh);
    if (svc.mtls === 'STRICT' && svc.sidecar === false) add(`services.${i}.mtls`, `STRICT is enforced by a sidecar; "${svc.name}" has none (add "sidecar": true, or leave mtls out)`);
    if (svc.external && svc.sidecar !== false) add(`services.${i}.sidecar`, `"${svc.name}" is a third party (external): it cannot run a sidecar`);
    if (svc.external && svc.namespace !== undefined) add(`services.${i}.namespace`, `"${svc.name}" is a third party (external): it runs outside the cluster, in no namespace`);
    if (svc.mesh !== undefined && svc.sidecar === false) add(`services.${i}.mesh`, `"${svc.name}" has no sidecar, so it cannot join mesh "${svc.mesh}"`);
    const c = svc.certificate;
    if (svc.sidecar === false && (c.ca !== undefined || c.ttl !== undefined || c.trust !== undefined || !c.renew)) {
      add(`services.${i}.certificate`, `a workload certificate is its sidecar's; "${svc.name}" has none (add "sidecar": true, or leave certificate out)`);
    }
  });
  // Boundaries a control plane denies must be some service's or client's boundary.
  const boundaries = new Set([...s.services, ...s.clients].flatMap((x) => (x.boundary === undefined ? [] : [x.boundary])));
  s.meshes.forEach((m, i) =>
    m.controlPlane.denyBoundaries.forEach((b, j) => {
      if (!boundaries.has(b)) add(`meshes.${i}.controlPlane.denyBoundaries.${j}`, `no service or client has boundary "${b}" (boundaries: ${list(boundaries)})`);
    }),
  );
  s.clients.forEach((c, i) => meshRef(`clients.${i}.mesh`, c.mesh));
  s.gateways.forEach((g, i) => {
    meshRef(`gateways.${i}.mesh`, g.mesh);
    if (g.bridge) {
      meshRef(`gateways.${i}.bridge.from`, g.bridge.from);
      meshRef(`gateways.${i}.bridge.to`, g.bridge.to);
      if (g.mesh !== undefined) add(`gateways.${i}.mesh`, 'a bridging gateway belongs to both meshes of its bridge; leave out `mesh`');
    }
    g.routes.forEach((r, j) => {
      const targets = [{ path: `gateways.${i}.routes.${j}.service`, name: r.service }, ...(r.canary ?? []).map((c, k) => ({ path: `gateways.${i}.routes.${j}.canary.${k}.service`, name: c.service }))];
      for (const t of targets) {
        const svc = services.get(t.name);
        if (!svc) addName(t.path, unknownNameMessage('service', t.name, services.keys()));
        else if (svc.protocol === 'tcp') add(t.path, `"${t.name}" speaks plain TCP; a gateway routes HTTP only (call it directly, through the mesh)`);
      }
      if (r.match.version !== undefined && g.versions.length > 0 && !g.versions.some((v) => v.name === r.match.version)) {
        addName(`gateways.${i}.routes.${j}.match.version`, unknownNameMessage('version', r.match.version, g.versions.map((v) => v.name)));
      }
    });
  });
  s.clients.forEach((c, i) => {
    const g = gateways.get(c.target);
    if (!g || c.consumer === undefined || g.auth === 'none') return;
    if (!g.consumers.some((x) => x.name === c.consumer)) {
      add(`clients.${i}.consumer`, `gateway "${g.name}" has no consumer "${c.consumer}" (consumers: ${list(g.consumers.map((x) => x.name))})`);
    }
  });
  const hostNames = new Set([...services.keys(), ...gateways.keys(), ...s.clients.map((c) => c.name)]);
  s.faults.forEach((f, i) => {
    const svcRef = (field: string, n: string | undefined) => {
      if (n !== undefined && !services.has(n)) addName(`faults.${i}.${field}`, unknownNameMessage('service', n, services.keys()));
    };
    switch (f.type) {
      case 'kill-replica':
      case 'slow-replica':
      case 'http-abort':
      case 'clock-skew': {
        const svc = services.get(f.service);
        if (!svc) svcRef('service', f.service);
        else if (f.replica !== undefined && f.replica >= svc.replicas) add(`faults.${i}.replica`, `"${f.service}" has replicas 0 to ${svc.replicas - 1}, not ${f.replica}`);
        break;
      }
      case 'kill-service':
        svcRef('service', f.service);
        break;
      case 'latency':
        svcRef('service', f.service);
        if (f.from !== undefined && !hostNames.has(f.from)) addName(`faults.${i}.from`, `unknown service, gateway or client "${f.from}"`);
        if (f.to !== undefined && !hostNames.has(f.to)) addName(`faults.${i}.to`, `unknown service or gateway "${f.to}"`);
        if (f.service === undefined && (f.from === undefined || f.to === undefined)) add(`faults.${i}`, 'give a `service`, or a link with `from` and `to`');
        break;
      case 'partition':
        f.between.forEach((group, g) =>
          group.forEach((n, k) => {
            const cp = /^control-plane(?::(.+))?$/.exec(n);
            if (cp) {
              if (cp[1] === undefined) faultMeshRef(`faults.${i}.between.${g}.${k}`, undefined);
              else if (!meshes.has(cp[1])) addName(`faults.${i}.between.${g}.${k}`, unknownNameMessage('mesh', cp[1], meshes, 'meshes'));
            } else if (!hostNames.has(n)) addName(`faults.${i}.between.${g}.${k}`, `unknown service, gateway or client "${n}" (or "control-plane:<mesh>")`);
          }),
        );
        break;
      case 'control-plane-outage':
      case 'ca-outage':
        faultMeshRef(`faults.${i}.mesh`, f.mesh);
        break;
      case 'expire-certificates':
        faultMeshRef(`faults.${i}.mesh`, f.mesh);
        // A service's sidecars, or a gateway's own identities (both of a bridge's): FaultInjector
        // finds either by the hosts of that name (World.serviceByName holds gateways too).
        if (f.service !== undefined && !services.has(f.service) && !gateways.has(f.service))
          addName(`faults.${i}.service`, unknownNameMessage('service or gateway', f.service, [...services.keys(), ...gateways.keys()], 'services and gateways'));
        break;
      case 'gateway-capacity':
        if (!gateways.has(f.gateway)) addName(`faults.${i}.gateway`, unknownNameMessage('gateway', f.gateway, gateways.keys()));
        break;
    }
  });
  const ownDuration = durationMs === undefined;
  s.faults.forEach((f, i) => {
    if (ownDuration && f.at >= s.duration) add(`faults.${i}.at`, `starts at ${formatDuration(f.at)}, when the run is over (duration ${formatDuration(s.duration)})`);
  });
  const nodeNames = new Set([...hostNames, ...[...meshes].map((m) => `control-plane:${m}`)]);
  // The links the app draws, `from->to`: clients to their targets, services to their calls,
  // gateways to their routes' services and canaries (World.wire, Gateway.upstreamNames).
  const links = new Set([
    ...s.clients.map((c) => `${c.name}->${c.target}`),
    ...s.services.flatMap((x) => x.calls.map((c) => `${x.name}->${c.service}`)),
    ...s.gateways.flatMap((g) => g.routes.flatMap((r) => [r.service, ...(r.canary ?? []).map((c) => c.service)].map((to) => `${g.name}->${to}`))),
  ]);
  let last = -Infinity;
  s.narrative.forEach((step, i) => {
    if (step.at < last) add(`narrative.${i}.at`, 'steps must be in time order');
    if (ownDuration && step.at > s.duration) add(`narrative.${i}.at`, `is after the scenario ends (${s.duration} ms)`);
    last = step.at;
    step.highlight.forEach((h, j) => {
      const parts = h.split('->');
      if (parts.length > 2 || parts.some((p) => !nodeNames.has(p.trim()))) {
        const unknown = parts.find((p) => !nodeNames.has(p.trim())) ?? h;
        addName(`narrative.${i}.highlight.${j}`, unknownNameMessage('node', unknown, nodeNames));
      } else if (parts.length === 2 && !links.has(`${parts[0].trim()}->${parts[1].trim()}`)) {
        // Both ends exist but nothing calls from one to the other: the step would light nothing.
        const [from, to] = parts.map((p) => p.trim());
        const out = [...links].filter((l) => l.startsWith(`${from}->`)).map((l) => l.slice(from.length + 2));
        addName(`narrative.${i}.highlight.${j}`, `no link from "${from}" to "${to}" (${from} calls: ${list(out, to)})`);
      }
    });
    if (step.figure) {
      const callees = new Set([...services.keys(), ...gateways.keys()]);
      for (const [path, message, name] of figureProblems(step.figure, `narrative.${i}.figure`, new Set(s.clients.map((c) => c.name)), callees, links)) (name ? addName : add)(path, message);
    }
    if (step.question?.figure) {
      const callees = new Set([...services.keys(), ...gateways.keys()]);
      for (const [path, message, name] of figureProblems(step.question.figure, `narrative.${i}.question.figure`, new Set(s.clients.map((c) => c.name)), callees, links)) (name ? addName : add)(path, message);
    }
  });
  return problems;
}

/** Route policy fields that act only at L7; on a TCP route only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer apply. */
const L7_ONLY = ['timeout', 'retries', 'outlierDetection', 'fault'] as const;

/**
 * L7 policy on a route to a TCP service: the service's own `policy`, a call's, or a client's.
 * A proxy cannot time out, retry, eject on 5xx or inject HTTP faults in a protocol it cannot read.
 */
export function checkTcpPolicies(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const protocolOf = new Map(s.services.map((x) => [x.name, x.protocol]));
  const check = (path: string, callee: string, policy: Policy | undefined) => {
    if (!policy || protocolOf.get(callee) !== 'tcp') return;
    for (const f of L7_ONLY) {
      if (policy[f] !== undefined) problems.push({ path: `${path}.${f}`, message: `L7 policies do not apply to a TCP service ("${callee}" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do` });
    }
  };
  s.services.forEach((svc, i) => {
    check(`services.${i}.policy`, svc.name, svc.policy);
    svc.calls.forEach((call, j) => check(`services.${i}.calls.${j}.policy`, call.service, call.policy));
  });
  s.clients.forEach((c, i) => check(`clients.${i}.policy`, c.target, c.policy));
  return problems;
}
