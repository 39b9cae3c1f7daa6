import { pathText, type Manifest } from './manifests';
import { finding } from '../../models/lint/findings';
import type { Finding, ResourceRef } from '../../models/lint/types';

// The rules read from Kubernetes and Istio manifests themselves, where a scenario has no field
// for what is wrong (a subset, a DestinationRule's tls mode, locality settings) or where the
// manifest is the better place to point at (a gateway's VirtualService).

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The root namespace, whose selector-less PeerAuthentication is mesh-wide (Istio's default). */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

/**
 * A host as Istio resolves it against the namespace of the resource that names it:
 * `reviews` -> `reviews.<ns>`, `reviews.prod.svc.cluster.local` -> `reviews.prod`.
 */
export function hostKey(host: string, namespace: string): string {
  const parts = host.replace(/\.svc\.cluster\.local$/, '').replace(/\.svc$/, '').split('.');
  return `${parts[0]}.${parts[1] ?? namespace}`;
}

function ref(m: Manifest, path: readonly (string | number)[]): ResourceRef {
  return { kind: m.kind, name: m.name, namespace: m.namespace, file: m.file, line: m.lineAt(path) };
}

const where = (m: Manifest) => `${m.kind} ${m.name} (${m.file}:${m.line})`;

/** The labels of the pods behind a Service: its selector, and the pod template labels of the Deployments and StatefulSets it selects. */
function podLabels(all: Manifest[], key: string): { labels: Obj; replicas: number | null } {
  const svc = all.find((m) => m.kind === 'Service' && `${m.name}.${m.namespace}` === key);
  const selector = obj(obj(svc?.value.spec)?.selector) ?? {};
  const labels: Obj = { ...selector };
  let replicas: number | null = null;
  if (svc && Object.keys(selector).length) {
    for (const d of all) {
      if ((d.kind !== 'Deployment' && d.kind !== 'StatefulSet') || d.namespace !== svc.namespace) continue;
      const spec = obj(d.value.spec);
      const tpl = obj(obj(obj(spec?.template)?.metadata)?.labels) ?? {};
      if (!Object.entries(selector).every(([k, v]) => tpl[k] === v)) continue;
      Object.assign(labels, tpl);
      replicas = (replicas ?? 0) + (typeof spec?.replicas === 'number' ? spec.replicas : 1);
    }
  }
  return { labels, replicas };
}

/** The PeerAuthentication that decides a workload's mode (workload selector, then namespace, then mesh-wide), and the mode. */
function peerAuthentication(all: Manifest[], namespace: string, labels: Obj): { pa: Manifest; mode: string } | null {
  const pas = all.filter((m) => m.kind === 'PeerAuthentication');
  const modeOf = (m: Manifest) => str(obj(obj(m.value.spec)?.mtls)?.mode) ?? 'UNSET';
  const selectorOf = (m: Manifest) => obj(obj(obj(m.value.spec)?.selector)?.matchLabels);
  const workload = pas.find((m) => {
    const sel = selectorOf(m);
    return m.namespace === namespace && sel !== undefined && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v);
  });
  const ns = pas.find((m) => m.namespace === namespace && selectorOf(m) === undefined);
  const mesh = pas.find((m) => m.namespace === ISTIO_ROOT_NAMESPACE && selectorOf(m) === undefined);
  // UNSET inherits from the level above, as Istio reads it.
  for (const m of [workload, ns, mesh]) if (m && modeOf(m) !== 'UNSET') return { pa: m, mode: modeOf(m) };
  return null;
}

/** Findings of MS005 (locality), MS006 (DestinationRule DISABLE against STRICT), MS007 and MS009 over a set of manifests. Pure. */
export function manifestFindings(all: Manifest[]): Finding[] {
  const out: Finding[] = [];
  const drs = all.filter((m) => m.kind === 'DestinationRule');
  const subsets = new Map<string, { names: string[]; dr: Manifest }[]>();
  for (const dr of drs) {
    const host = str(obj(dr.value.spec)?.host);
    if (!host) continue;
    const key = hostKey(host, dr.namespace);
    const names = arr(obj(dr.value.spec)?.subsets).map((s) => str(obj(s)?.name)).filter((n): n is string => n !== undefined);
    subsets.set(key, [...(subsets.get(key) ?? []), { names, dr }]);
  }

  for (const vs of all.filter((m) => m.kind === 'VirtualService')) {
    const spec = obj(vs.value.spec) ?? {};
    // MS007: a destination subset no DestinationRule defines.
    for (const kind of ['http', 'tcp', 'tls'] as const) {
      arr(spec[kind]).forEach((route, i) => {
        const dests = arr(obj(route)?.route);
        dests.forEach((d, j) => {
          const dest = obj(obj(d)?.destination);
          const host = str(dest?.host);
          const subset = str(dest?.subset);
          if (!host || !subset) return;
          const key = hostKey(host, vs.namespace);
          const defined = subsets.get(key) ?? [];
          if (defined.some((x) => x.names.includes(subset))) return;
          const path = ['spec', kind, i, 'route', j, 'destination', 'subset'];
          const weight = typeof obj(d)?.weight === 'number' ? (obj(d)!.weight as number) : dests.length === 1 ? 100 : 0;
          const has = defined.flatMap((x) => x.names);
          const said = defined.length ? `${defined.map((x) => where(x.dr)).join(', ')} define${defined.length === 1 ? 's' : ''} ${has.length ? has.join(', ') : 'no subsets'}` : `no DestinationRule for ${key} defines subsets`;
          out.push(
            finding(
              'MS007',
              ref(vs, path),
              pathText(path),
              `routes to subset "${subset}" of ${host}, which is not defined: ${said}. Envoy has no cluster for it and answers 503`,
              { text: `${weight}% of ${pathText(['spec', kind, i])}'s traffic answered 503 (no cluster)`, values: { host: key, subset, weightPercent: weight, definedSubsets: has.join(',') } },
              has.length ? `Route to a defined subset (${has.join(', ')}) or add subset "${subset}" to the DestinationRule for ${host}` : `Add a DestinationRule for ${host} with a subset "${subset}" (labels: version: ${subset})`,
            ),
          );
        });
      });
    }
    // MS009: a gateway's route without a timeout.
    const gateways = arr(spec.gateways).filter((g): g is string => typeof g === 'string' && g !== 'mesh');
    if (gateways.length) {
      arr(spec.http).forEach((route, i) => {
        if (obj(route)?.timeout !== undefined) return;
        const path = ['spec', 'http', i, 'timeout'];
        out.push(
          finding(
            'MS009',
            ref(vs, ['spec', 'http', i]),
            pathText(path),
            `route ${i} of a VirtualService bound to gateway ${gateways.join(', ')} sets no timeout, so it takes Envoy's default of 15 s: a slower answer fails with 504 at the gateway`,
            { text: "15 s, Envoy's default route timeout", values: { timeoutMs: 15_000, gateways: gateways.join(',') } },
            `Set spec.http[${i}].timeout to what the slowest good answer needs (timeout: 5s, say)`,
          ),
        );
      });
    }
  }

  for (const dr of drs) {
    const spec = obj(dr.value.spec) ?? {};
    const host = str(spec.host);
    if (!host) continue;
    const key = hostKey(host, dr.namespace);
    const policies: { policy: Obj; path: (string | number)[] }[] = [];
    const tp = obj(spec.trafficPolicy);
    if (tp) policies.push({ policy: tp, path: ['spec', 'trafficPolicy'] });
    arr(tp?.portLevelSettings).forEach((p, k) => obj(p) && policies.push({ policy: obj(p)!, path: ['spec', 'trafficPolicy', 'portLevelSettings', k] }));
    arr(spec.subsets).forEach((s, k) => {
      const stp = obj(obj(s)?.trafficPolicy);
      if (stp) policies.push({ policy: stp, path: ['spec', 'subsets', k, 'trafficPolicy'] });
    });
    const { labels, replicas } = podLabels(all, key);
    const [, ns] = key.split('.');
    for (const { policy, path } of policies) {
      // MS006: plaintext from the caller's sidecar against STRICT peer authentication.
      if (str(obj(policy.tls)?.mode) === 'DISABLE') {
        const peer = peerAuthentication(all, ns, labels);
        if (peer?.mode === 'STRICT') {
          const at = [...path, 'tls', 'mode'];
          out.push(
            finding(
              'MS006',
              ref(dr, at),
              pathText(at),
              `sends plaintext to ${host} (tls.mode DISABLE), but ${where(peer.pa)} requires mutual TLS (STRICT) for its workloads: every call from a sidecar is refused at the handshake`,
              { text: 'every call to ' + host + ' fails its handshake', values: { host: key, tlsMode: 'DISABLE', peerAuthentication: `${peer.pa.namespace}/${peer.pa.name}`, peerMode: 'STRICT' } },
              `Set tls.mode to ISTIO_MUTUAL (or remove the tls block), or make ${peer.pa.name} PERMISSIVE`,
            ),
          );
        }
      }
      // MS005: locality failover without outlier detection, or outlier detection with one replica.
      // `distribute` weights apply without outlier detection (Istio applies them first and fails
      // over only with outlier detection), so they are not flagged.
      const lb = obj(obj(policy.loadBalancer)?.localityLbSetting);
      if (lb && lb.enabled !== false && lb.distribute === undefined && policy.outlierDetection === undefined) {
        const at = [...path, 'loadBalancer', 'localityLbSetting'];
        out.push(
          finding(
            'MS005',
            ref(dr, at),
            pathText(at),
            `locality failover for ${host} without outlierDetection: Istio needs outlier detection to see that a locality is unhealthy, so traffic never fails over`,
            { text: 'no outlierDetection beside localityLbSetting', values: { host: key, outlierDetection: false } },
            `Add outlierDetection (consecutive5xxErrors, interval, baseEjectionTime) to the same trafficPolicy`,
          ),
        );
      }
      if (policy.outlierDetection !== undefined && replicas === 1) {
        const at = [...path, 'outlierDetection'];
        out.push(
          finding(
            'MS005',
            ref(dr, at),
            pathText(at),
            `outlier detection for ${host}, which runs 1 replica: there is no other host to fail over to, and ejecting the only one sends traffic to it anyway (Envoy's panic threshold)`,
            { text: '1 replica, 0 hosts to fail over to', values: { host: key, replicas: 1 } },
            `Run ${host} with 2 replicas or more (in different zones), or drop outlierDetection for it`,
          ),
        );
      }
    }
  }
  return out;
}
