import { importManifests, formatImportMessage, type ImportResult } from '../../../src/scenario/import';

/** A namespace with sidecar injection on, and one app `name` (a Service and a Deployment) in it. */
export function app(name: string, opts: { replicas?: number; version?: string; ns?: string; annotations?: string } = {}): string {
  const ns = opts.ns ?? 'shop';
  const v = opts.version;
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app: ${name}
  ports:
  - name: http
    port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${v ? `-${v}` : ''}
  namespace: ${ns}
spec:
  replicas: ${opts.replicas ?? 1}
  template:
    metadata:
      labels:
        app: ${name}${v ? `\n        version: ${v}` : ''}${opts.annotations ? `\n      annotations:\n${opts.annotations}` : ''}
`;
}

export const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
`;

/** A workload whose client calls `target`, and whose apps are given as YAML lines. */
export function workload(target: string, apps = ''): string {
  return `name: t
duration: 5s
clients:
  - { name: users, type: open, rate: 10, target: ${target} }
apps:
${apps || '  - { name: ' + target + ', serviceTime: 1ms }'}
`;
}

/** Imports named texts, with a workload; messages formatted as the CLI prints them. */
export function imp(files: Record<string, string>, wl?: string): ImportResult & { w: string[]; e: string[] } {
  const r = importManifests(
    Object.entries(files).map(([name, text]) => ({ name, text })),
    wl === undefined ? undefined : { name: 'workload.yaml', text: wl },
  );
  return { ...r, w: r.warnings.map(formatImportMessage), e: r.errors.map(formatImportMessage) };
}

/** The scenario's service of a name, as imported. */
export function service(r: ImportResult, name: string): Record<string, any> {
  const s = (r.scenario as { services: Record<string, any>[] } | null)?.services.find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name} in ${JSON.stringify(r.scenario)} / ${JSON.stringify(r.errors)}`);
  return s;
}

/** A VirtualService for `host` in namespace shop, its `http:` list given as YAML lines. */
export const virtualService = (host: string, http: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${host}
  namespace: shop
spec:
  hosts:
  - ${host}
  http:
${http}`;

/** A DestinationRule for `host` in namespace shop, the rest of its spec given as YAML lines. */
export const destinationRule = (host: string, spec: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${host}
  namespace: shop
spec:
  host: ${host}
${spec}`;
