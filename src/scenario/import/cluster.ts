import { formatPath, type Seg } from './documents';
import type { DestinationRuleResource, ImportMessage, PeerAuthenticationResource, Resource, ResourceBase, ServiceEntryResource, ServiceResource, SourceRef, SubsetResource, VirtualServiceResource, WorkloadResource, GatewayResource } from './types';

/**
 * The cluster the manifests describe, indexed: which pods each Service selects, how a
 * DestinationRule's subsets split them into scenario services (`reviews-v1`...), which
 * VirtualService routes a host, and which PeerAuthentication sets a workload's mode.
 */

/** A scenario service made of the pods of one Service, or of one subset of it. */
export interface Group {
  /** The scenario service's name: the Service's, or `<service>-<subset>` when subsets split it. */
  name: string;
  svc: ServiceResource;
  subset?: SubsetResource;
  dr?: DestinationRuleResource;
  members: WorkloadResource[];
  replicas: number;
}

/** A place in a resource, for provenance. */
export function refOf(r: ResourceBase, path: Seg[]): SourceRef {
  const p = formatPath(path);
  let line = r.line;
  for (let n = path.length; n > 0; n--) {
    const l = r.lines[formatPath(path.slice(0, n))];
    if (l !== undefined) {
      line = l;
      break;
    }
  }
  return { file: r.file, line, path: p };
}

export function msgAt(r: ResourceBase, path: Seg[], message: string): ImportMessage {
  return { ...refOf(r, path), message };
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A Kubernetes host name as `name.namespace` (short names are in `ns`). */
export function hostKey(host: string, ns: string): string {
  const h = host.replace(/\.svc\.cluster\.local$/, '').replace(/\.svc$/, '');
  const parts = h.split('.');
  return parts.length === 1 ? `${h}.${ns}` : parts.length === 2 ? h : host;
}

export class Cluster {
  readonly namespaces = new Map<string, Record<string, string>>();
  private readonly nsRes = new Map<string, ResourceBase>();
  readonly workloads: WorkloadResource[] = [];
  readonly services: ServiceResource[] = [];
  readonly gatewaysRes: GatewayResource[] = [];
  readonly entries: ServiceEntryResource[] = [];
  readonly vs: VirtualServiceResource[] = [];
  readonly drs: DestinationRuleResource[] = [];
  readonly pas: PeerAuthenticationResource[] = [];
  /** Groups by Service key (`name.namespace`) and by ServiceEntry host. */
  readonly groups = new Map<string, Group[]>();
  /** Workloads an Istio Gateway selects (its ingress pods): modelled as the gateway, not a service. */
  readonly ingress = new Set<WorkloadResource>();

  constructor(resources: Resource[], readonly warnings: ImportMessage[], readonly errors: ImportMessage[]) {
    for (const r of resources) {
      switch (r.kind) {
        case 'Namespace':
          this.namespaces.set(r.name, r.labels);
          this.nsRes.set(r.name, r);
          break;
        case 'Deployment':
        case 'StatefulSet':
          this.workloads.push(r);
          break;
        case 'Service':
          this.services.push(r);
          break;
        case 'Gateway':
          this.gatewaysRes.push(r);
          break;
        case 'ServiceEntry':
          this.entries.push(r);
          break;
        case 'VirtualService':
          this.vs.push(r);
          break;
        case 'DestinationRule':
          this.drs.push(r);
          break;
        case 'PeerAuthentication':
          this.pas.push(r);
          break;
      }
    }
    for (const g of this.gatewaysRes) for (const w of this.workloads) if (Object.keys(g.selector).length && selects(g.selector, w.podLabels)) this.ingress.add(w);
    this.groupServices();
  }

  /** The DestinationRule for a Service key (the first, with a warning for others). */
  private drFor(key: string): DestinationRuleResource | undefined {
    const all = this.drs.filter((d) => hostKey(d.host, d.namespace) === key);
    for (const d of all.slice(1)) this.warnings.push(msgAt(d, ['spec', 'host'], `a second DestinationRule for "${d.host}": not modelled (dropped; ${all[0].file}:${all[0].line} is used)`));
    return all[0];
  }

  private groupServices(): void {
    const names = new Map<string, ServiceResource>();
    const selected = new Set<WorkloadResource>();
    for (const svc of this.services) {
      const key = `${svc.name}.${svc.namespace}`;
      const members = this.workloads.filter((w) => w.namespace === svc.namespace && Object.keys(svc.selector).length > 0 && selects(svc.selector, w.podLabels));
      members.forEach((m) => selected.add(m));
      if (members.length && members.every((m) => this.ingress.has(m))) {
        this.warnings.push(msgAt(svc, ['spec', 'selector'], 'selects the ingress gateway\'s pods: modelled as the gateway (see gateways), not as a service'));
        continue;
      }
      if (members.length === 0) {
        this.warnings.push(msgAt(svc, ['spec', 'selector'], 'selects no Deployment or StatefulSet in the manifests: no pods to run it (dropped)'));
        continue;
      }
      const other = names.get(svc.name);
      if (other) {
        this.errors.push(msgAt(svc, ['metadata', 'name'], `a Service named "${svc.name}" is also in namespace ${other.namespace} (${other.file}:${other.line}): scenario services are named by name alone; rename one`));
        continue;
      }
      names.set(svc.name, svc);
      const dr = this.drFor(key);
      const subsets = (dr?.subsets ?? []).map((s) => ({ s, pods: members.filter((m) => Object.keys(s.labels).length === 0 || selects(s.labels, m.podLabels)) }));
      const used = subsets.filter((x) => x.pods.length > 0);
      const sum = (ws: WorkloadResource[]) => ws.reduce((n, w) => n + w.replicas, 0);
      let groups: Group[];
      if (used.length >= 2 || (used.length === 1 && used[0].pods.length < members.length)) {
        groups = used.map(({ s, pods }) => ({ name: `${svc.name}-${s.name}`, svc, subset: s, dr, members: pods, replicas: sum(pods) }));
        const inSome = new Set(used.flatMap((x) => x.pods));
        for (const m of members) if (!inSome.has(m)) this.warnings.push(msgAt(m, ['spec', 'template', 'metadata', 'labels'], `in Service "${svc.name}" but in none of its DestinationRule's subsets: not modelled (dropped; the scenario has a service per subset)`));
      } else groups = [{ name: svc.name, svc, subset: used[0]?.s, dr, members, replicas: sum(members) }];
      this.groups.set(key, groups);
    }
    for (const w of this.workloads) {
      if (!selected.has(w) && !this.ingress.has(w)) this.warnings.push(msgAt(w, ['spec', 'template', 'metadata', 'labels'], 'selected by no Service: nothing can call it (dropped)'));
    }
    for (const e of this.entries) {
      e.hosts.forEach((h, i) => {
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(h)) {
          this.warnings.push(msgAt(e, ['spec', 'hosts', i], `"${h}": a wildcard host is not modelled (dropped; list each host)`));
          return;
        }
        if (e.location === 'MESH_INTERNAL') this.warnings.push(msgAt(e, ['spec', 'location'], 'MESH_INTERNAL: not modelled (taken as a third party outside the mesh, MESH_EXTERNAL)'));
        this.groups.set(h, [{ name: h, svc: { ...e, kind: 'Service', selector: {}, ports: [] }, members: [], replicas: 1 }]);
      });
    }
  }

  /** The key of a host called from namespace `ns`: a Service's `name.namespace`, or a ServiceEntry host. */
  lookup(host: string, ns: string): string | undefined {
    if (this.groups.has(host)) return host;
    const k = hostKey(host, ns);
    if (this.groups.has(k)) return k;
    // A short name from outside every namespace (a workload client): the one Service of that name.
    const same = host.includes('.') ? [] : [...this.groups.keys()].filter((x) => x.startsWith(`${host}.`));
    return same.length === 1 ? same[0] : undefined;
  }

  /** The group a VirtualService destination's subset names; a message when there is none. */
  subset(key: string, name: string): Group | string {
    const gs = this.groups.get(key)!;
    const hit = gs.find((g) => g.subset?.name === name);
    if (hit) return hit;
    const dr = gs[0].dr;
    if (!dr) return `subset "${name}": the host has no DestinationRule, so no subsets`;
    const s = dr.subsets.find((x) => x.name === name);
    if (!s) return `"${name}" is not a subset of the host's DestinationRule (${dr.subsets.map((x) => x.name).join(', ') || 'none'}; ${dr.file}:${dr.line})`;
    if (gs.length === 1 && !gs[0].subset) return gs[0];
    return `subset "${name}" (labels ${JSON.stringify(s.labels)}) selects none of the host's pods`;
  }

  /** Whether a workload's pods get a sidecar, and what decided it. */
  sidecarOf(w: WorkloadResource): { on: boolean; from?: SourceRef; note?: string } {
    if (w.inject !== undefined) return { on: w.inject, from: refOf(w, ['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject']) };
    const ns = this.namespaces.get(w.namespace);
    if (!ns) return { on: false, note: `namespace "${w.namespace}" is not in the manifests: its istio-injection label is unknown, so no sidecar (add the Namespace, or the pod annotation sidecar.istio.io/inject)` };
    const on = ns['istio-injection'] === 'enabled' || (ns['istio.io/rev'] !== undefined && ns['istio-injection'] !== 'disabled');
    const label = ns['istio-injection'] !== undefined ? 'istio-injection' : 'istio.io/rev';
    return { on, from: refOf(this.nsRes.get(w.namespace)!, ['metadata', 'labels', label]) };
  }

  /** The VirtualService for mesh traffic to a host key (gateways empty or listing "mesh"). */
  meshVs(key: string): VirtualServiceResource | undefined {
    const all = this.vs.filter((v) => (v.gateways.length === 0 || v.gateways.includes('mesh')) && v.hosts.some((h) => this.lookup(h, v.namespace) === key));
    for (const v of all.slice(1)) this.warnings.push(msgAt(v, ['spec', 'hosts'], `a second VirtualService for the same host: not modelled (dropped; ${all[0].file}:${all[0].line} is used, as Istio merges only for gateways)`));
    return all[0];
  }

  /** The PeerAuthentication that sets a group's mode: workload, then namespace, then mesh-wide. */
  peerAuthOf(g: Group): PeerAuthenticationResource | undefined {
    const ns = g.svc.namespace;
    const levels = [
      this.pas.filter((p) => p.scope === 'workload' && p.namespace === ns && g.members.some((m) => selects(p.selector!, m.podLabels))),
      this.pas.filter((p) => p.scope === 'namespace' && p.namespace === ns),
      this.pas.filter((p) => p.scope === 'mesh'),
    ];
    for (const l of levels) {
      const set = l.filter((p) => p.mode !== 'UNSET');
      if (set.length) return set[0];
    }
    return undefined;
  }
}
