import type { ManifestDoc, Seg } from './documents';
import type { ImportMessage } from './types';

/**
 * The workload file: what YAML manifests do not say. Traffic and the call graph live in
 * application code, so this small file gives them, in the scenario format's own words:
 *
 * ```yaml
 * name: bookinfo              # any top-level scenario field but services and gateways
 * duration: 60s
 * clients:                    # scenario clients; `target` names a Service, Gateway or ServiceEntry host
 *   - { name: readers, type: open, rate: 20, target: bookinfo-gateway }
 * apps:                       # what each app does, by Deployment name or Service name
 *   - name: productpage
 *     serviceTime: 5ms
 *     calls:                  # `service` names a Kubernetes Service (or ServiceEntry host)
 *       - service: reviews
 *         policy: { retries: { attempts: 1, perTryTimeout: 3s, retryOn: [gateway-error, connect-failure, reset] } }
 * ```
 *
 * An app's `calls[].policy` is the app's own client library (its timeout and retries); the
 * importer flattens it with the sidecar's VirtualService policy (see policy.ts, `flatten`).
 */

/** Fields of an app entry that the manifests decide, with where they come from. */
export const FROM_MANIFESTS: Record<string, string> = {
  replicas: 'the Deployment\'s spec.replicas',
  sidecar: 'istio-injection on the Namespace or sidecar.istio.io/inject on the pod template',
  mtls: 'PeerAuthentication',
  policy: 'the DestinationRule and VirtualService (an app\'s own timeouts and retries go in its calls[].policy)',
  external: 'a ServiceEntry',
};

/** Top-level scenario fields the workload may not set: the manifests make them. */
const TOP_FROM_MANIFESTS = ['services', 'gateways'];

export interface WorkloadApp {
  index: number;
  name: string;
  /** Scenario service fields (serviceTime, concurrency, calls...), as written. */
  fields: Record<string, unknown>;
}

export interface Workload {
  doc: ManifestDoc;
  /** Top-level scenario fields (name, duration, clients, ...), as written. */
  top: Record<string, unknown>;
  apps: WorkloadApp[];
}

/** Reads the workload document; errors for what it may not say. */
export function readWorkload(doc: ManifestDoc, errors: ImportMessage[]): Workload | null {
  const d = doc.data;
  if (d === null || typeof d !== 'object' || Array.isArray(d)) {
    errors.push(doc.at([], 'expected a map with name, clients and apps (see the README, "Import Kubernetes and Istio YAML")'));
    return null;
  }
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (k === 'apps') continue;
    if (TOP_FROM_MANIFESTS.includes(k)) errors.push(doc.at([k], `comes from the manifests (Deployments, Services, Gateways); describe what each app does under "apps"`));
    else top[k] = v;
  }
  const apps: WorkloadApp[] = [];
  const list = (d as Record<string, unknown>).apps;
  if (list !== undefined && !Array.isArray(list)) errors.push(doc.at(['apps'], 'expected a list of apps, each with a name'));
  else
    (list ?? []).forEach((a: unknown, i: number) => {
      const p: Seg[] = ['apps', i];
      if (a === null || typeof a !== 'object' || Array.isArray(a) || typeof (a as { name?: unknown }).name !== 'string') {
        errors.push(doc.at(p, 'expected an app with a name (a Deployment or Service name)'));
        return;
      }
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(a)) {
        if (k === 'name') continue;
        if (k in FROM_MANIFESTS) errors.push(doc.at([...p, k], `comes from the manifests (${FROM_MANIFESTS[k]})`));
        else fields[k] = v;
      }
      apps.push({ index: i, name: (a as { name: string }).name, fields });
    });
  return { doc, top, apps };
}
