import { formatPath, type ManifestDoc, type Seg } from './documents';
import { describe, Fields, type Out } from './fields';
import { readHttpRoute } from './readRoute';
import { readTrafficPolicy } from './readTrafficPolicy';
import type { HttpRoute, PeerAuthMode, Resource, ResourceBase } from './types';

/**
 * Reads one YAML document into a typed resource, with a `file:line: path: message` error for
 * each malformed field and a warning for each field the importer does not model. The fields
 * read are exactly those the issue lists (issue 15, item 1); see the README section "Import
 * Kubernetes and Istio YAML" for what each becomes. The field readers are fields.ts's; a
 * VirtualService's routes are read by readRoute.ts, a DestinationRule's policies by
 * readTrafficPolicy.ts.
 */

/** Reads a document; null for a kind not modelled (with its warning) or one too broken to use. */
export function readResource(doc: ManifestDoc, out: Out): Resource | null {
  const f = new Fields(doc, out);
  if (doc.data === null || typeof doc.data !== 'object' || Array.isArray(doc.data)) {
    out.errors.push(doc.at([], `expected a Kubernetes object (a map with apiVersion, kind and metadata), got ${describe(doc.data)}`));
    return null;
  }
  const kind = f.str(['kind'], true);
  const apiVersion = f.str(['apiVersion'], true);
  if (kind === undefined || apiVersion === undefined) return null;
  if (kind === 'List') {
    out.warnings.push(doc.at(['kind'], 'List: not read (write its items as documents separated by ---)'));
    return null;
  }
  const known = ['Namespace', 'Deployment', 'StatefulSet', 'Service', 'VirtualService', 'DestinationRule', 'PeerAuthentication', 'Gateway', 'ServiceEntry'];
  if (!known.includes(kind)) {
    const name = doc.peek(['metadata', 'name']);
    out.warnings.push(doc.at(['kind'], `${kind}${typeof name === 'string' ? ` "${name}"` : ''}: kind not modelled (dropped)`));
    return null;
  }
  const name = f.str(['metadata', 'name'], true);
  const namespace = f.str(['metadata', 'namespace']) ?? 'default';
  if (name === undefined) return null;
  const base: ResourceBase = { apiVersion, name, namespace, file: doc.file, line: doc.line, lines: doc.lines };
  const r = readKind(kind, f, base);
  const shape = doc.shapeErrors();
  if (shape.length) {
    // The shape says it better than what a reader made of the missing value ("needs at least one host").
    const at = new Set(shape.map((e) => `${e.file}:${e.line}:${e.path}`));
    for (let i = out.errors.length - 1; i >= 0; i--) if (at.has(`${out.errors[i].file}:${out.errors[i].line}:${out.errors[i].path}`)) out.errors.splice(i, 1);
    out.errors.push(...shape);
    return null;
  }
  for (const p of doc.untaken()) {
    // A near miss of a field read here is a typo, not a field to drop: Kubernetes refuses a field
    // its schema lacks (kubectl apply validates strictly), and dropping it would run the default.
    const meant = doc.nearMiss(p);
    if (meant !== undefined) out.errors.push(doc.at(p, `unknown field; did you mean ${meant}? (Kubernetes and Istio refuse a field their schema lacks; left as it is, ${meant} would take its default)`));
    else out.warnings.push(doc.at(p, `not modelled (dropped)${whyNot(p)}`));
  }
  return r;
}

/** A reason beside "not modelled" where one helps. */
function whyNot(p: Seg[]): string {
  const s = formatPath(p);
  if (s === 'status') return ': status is the cluster\'s report, not config';
  if (s.startsWith('metadata.labels') || s.startsWith('metadata.annotations')) return ': only pod template labels, Namespace labels and sidecar.istio.io/inject select anything';
  if (s.endsWith('containers') || s === 'spec.template.spec') return ': what the app does comes from the workload file';
  if (s.endsWith('targetPort')) return ': the model addresses services by name';
  // A budget written where Istio has none: its place is the TrafficPolicy's own retryBudget.
  if (s.endsWith('connectionPool.http.retryBudget') || s.endsWith('connectionPool.tcp.retryBudget')) return ": Istio's HTTPSettings have no retryBudget; the retry budget is trafficPolicy.retryBudget (Istio 1.27+)";
  if (/portLevelSettings\[\d+\]\.retryBudget$/.test(s)) return ": a port's traffic policy has no retryBudget in Istio; set it on trafficPolicy.retryBudget";
  return '';
}

function readKind(kind: string, f: Fields, base: ResourceBase): Resource | null {
  switch (kind) {
    case 'Namespace':
      return { ...base, kind: 'Namespace', namespace: base.name, labels: f.labels(['metadata', 'labels']) ?? {} };
    case 'Deployment':
    case 'StatefulSet': {
      const replicas = f.int(['spec', 'replicas'], 0) ?? 1;
      f.labels(['spec', 'selector', 'matchLabels']);
      const podLabels = f.labels(['spec', 'template', 'metadata', 'labels']) ?? {};
      const inj = f.str(['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject']);
      let inject: boolean | undefined;
      if (inj !== undefined) {
        if (inj === 'true' || inj === 'false') inject = inj === 'true';
        else f.err(['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject'], `must be "true" or "false", got ${JSON.stringify(inj)}`);
      }
      if (kind === 'StatefulSet') f.str(['spec', 'serviceName']);
      return { ...base, kind, replicas, podLabels, inject };
    }
    case 'Service': {
      const selector = f.labels(['spec', 'selector']) ?? {};
      const type = f.str(['spec', 'type']);
      if (type !== undefined && type !== 'ClusterIP') f.out.warnings.push(f.doc.at(['spec', 'type'], `${type}: not modelled (taken as ClusterIP: callers inside the cluster)`));
      const ports = [];
      for (let i = 0, n = f.list(['spec', 'ports']); i < n; i++) {
        const port = f.int(['spec', 'ports', i, 'port'], 1, 65535);
        f.oneOf(['spec', 'ports', i, 'protocol'], ['TCP', 'UDP', 'SCTP']);
        ports.push({ name: f.str(['spec', 'ports', i, 'name']), port: port ?? 0, appProtocol: f.str(['spec', 'ports', i, 'appProtocol']) });
      }
      return { ...base, kind: 'Service', selector, ports };
    }
    case 'VirtualService': {
      const hosts = f.strings(['spec', 'hosts']);
      if (hosts.length === 0 && !f.notList(['spec', 'hosts'])) f.err(['spec', 'hosts'], 'needs at least one host');
      const gateways = f.strings(['spec', 'gateways']);
      const http: HttpRoute[] = [];
      for (let i = 0, n = f.list(['spec', 'http']); i < n; i++) http.push(readHttpRoute(f, i));
      return { ...base, kind: 'VirtualService', hosts, gateways, http };
    }
    case 'DestinationRule': {
      const host = f.str(['spec', 'host'], true) ?? '';
      const subsets = [];
      for (let i = 0, n = f.list(['spec', 'subsets']); i < n; i++) {
        const p = ['spec', 'subsets', i];
        subsets.push({ name: f.str([...p, 'name'], true) ?? '', labels: f.labels([...p, 'labels']) ?? {}, trafficPolicy: readTrafficPolicy(f, [...p, 'trafficPolicy']) });
      }
      return { ...base, kind: 'DestinationRule', host, subsets, trafficPolicy: readTrafficPolicy(f, ['spec', 'trafficPolicy']) };
    }
    case 'PeerAuthentication': {
      const selector = f.labels(['spec', 'selector', 'matchLabels']);
      const mode = f.oneOf(['spec', 'mtls', 'mode'], ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'] as const) ?? 'UNSET';
      // Istio's root namespace (meshConfig.rootNamespace) is istio-system by default.
      const scope = selector ? 'workload' : base.namespace === 'istio-system' ? 'mesh' : 'namespace';
      // Per-port modes (workload port number -> mode): read so the build can say what it does
      // with them; the model has one mode per service. Istio takes them only with a selector
      // (without one they stay a field not read, warned as such).
      const portLevel: { port: string; mode: PeerAuthMode }[] = [];
      const pl = selector ? f.doc.peek(['spec', 'portLevelMtls']) : undefined;
      if (pl !== undefined && pl !== null && typeof pl === 'object' && !Array.isArray(pl)) {
        for (const port of Object.keys(pl)) {
          const m = f.oneOf(['spec', 'portLevelMtls', port, 'mode'], ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'] as const);
          if (m !== undefined) portLevel.push({ port, mode: m });
        }
      }
      return { ...base, kind: 'PeerAuthentication', selector, mode, scope, ...(portLevel.length ? { portLevel } : {}) };
    }
    case 'Gateway': {
      const selector = f.labels(['spec', 'selector']) ?? {};
      const servers = [];
      for (let i = 0, n = f.list(['spec', 'servers']); i < n; i++) {
        const p = ['spec', 'servers', i];
        const number = f.int([...p, 'port', 'number'], 1, 65535);
        const protocol = f.str([...p, 'port', 'protocol']);
        const pname = f.str([...p, 'port', 'name']);
        servers.push({ hosts: f.strings([...p, 'hosts']), port: number === undefined ? undefined : { number, protocol: protocol ?? 'HTTP', name: pname } });
      }
      return { ...base, kind: 'Gateway', selector, servers };
    }
    case 'ServiceEntry': {
      const hosts = f.strings(['spec', 'hosts']);
      if (hosts.length === 0 && !f.notList(['spec', 'hosts'])) f.err(['spec', 'hosts'], 'needs at least one host');
      const location = f.oneOf(['spec', 'location'], ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const) ?? 'MESH_EXTERNAL';
      return { ...base, kind: 'ServiceEntry', hosts, location };
    }
  }
  return null;
}
