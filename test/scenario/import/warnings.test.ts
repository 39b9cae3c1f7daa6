import { describe, expect, it } from 'vitest';
import { NAMESPACE, app, imp, virtualService, workload } from './helpers';
import { groupedImportMessages } from '../../../src/scenario/import';

/** Manifests with one unmodelled thing added to a working pair of apps a -> b. */
function withExtra(extra: Record<string, string>) {
  const apps = '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: b\n  - { name: b, serviceTime: 2ms }';
  return imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), ...extra }, workload('a', apps));
}

const vsB = (http: string) => virtualService('b', `  - route:\n    - destination:\n        host: b\n${http}`);

describe('what the importer does not model is a warning by path, never dropped silently', () => {
  it('a kind it does not read (a ConfigMap) is named with its file and line', () => {
    const r = withExtra({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n' });
    expect(r.w).toContain('cm.yaml:2: kind: ConfigMap "settings": kind not modelled (dropped)');
    expect(r.e).toEqual([]);
  });

  it('a VirtualService mirror is reported at its path', () => {
    const r = withExtra({ 'vs.yaml': vsB('    mirror:\n      host: b\n') });
    expect(r.w).toContain('vs.yaml:13: spec.http[0].mirror: not modelled (dropped)');
  });

  it('a retryOn condition the model lacks is named and dropped, the others kept', () => {
    const r = withExtra({ 'vs.yaml': vsB('    retries:\n      attempts: 2\n      retryOn: connect-failure,retriable-4xx\n') });
    expect(r.w).toContain('vs.yaml:15: spec.http[0].retries.retryOn: "retriable-4xx": not modelled (dropped; the model retries on 5xx, gateway-error, reset, connect-failure, retriable-status-codes, refused-stream and status codes)');
    expect((r.scenario as any).services[0].calls[0].policy.retries.retryOn).toEqual(['connect-failure']);
  });

  it("a DestinationRule's tls mode other than ISTIO_MUTUAL, useClientProtocol and a port other than the Service's are each warned", () => {
    const r = withExtra({
      'dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: b
  namespace: shop
spec:
  host: b
  trafficPolicy:
    tls:
      mode: DISABLE
    connectionPool:
      http:
        useClientProtocol: true
    portLevelSettings:
    - port:
        number: 9999
      loadBalancer:
        simple: RANDOM
`,
    });
    expect(r.w).toContain("dr.yaml:10: spec.trafficPolicy.tls.mode: DISABLE: not modelled (dropped; the model's sidecars always speak Istio mutual TLS to a meshed callee, as ISTIO_MUTUAL)");
    // (maxRequestsPerConnection, warned here until the model ran it, is imported now: trafficPolicy.test.ts.)
    expect(r.w).toContain('dr.yaml:13: spec.trafficPolicy.connectionPool.http.useClientProtocol: not modelled (dropped)');
    expect(r.w).toContain("dr.yaml:15: spec.trafficPolicy.portLevelSettings[0]: port 9999: not modelled (dropped; the model gives a service one port, and this setting is not for the Service's only port)");
    expect((r.scenario as any).services[1].policy).toBeUndefined();
    // The typed resource keeps the tls mode for lint rules.
    expect(r.resources.find((x) => x.kind === 'DestinationRule')).toMatchObject({ trafficPolicy: { tls: { mode: 'DISABLE' } } });
  });

  it('a header match by prefix and a uri match on a mesh route are warned as conditions not tested', () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: b
  namespace: shop
spec:
  hosts: [b]
  http:
  - match:
    - headers:
        end-user:
          prefix: ja
      uri:
        prefix: /x
    route:
    - destination: { host: b }
  - route:
    - destination: { host: b }
`;
    const r = withExtra({ 'vs.yaml': vs });
    expect(r.w).toContain('vs.yaml:12: spec.http[0].match[0].headers.end-user.prefix: not modelled (dropped: only exact header matches are; this condition is not tested)');
    expect(r.w).toContain('vs.yaml:13: spec.http[0].match[0].uri: not modelled for calls between apps (a call carries no path): this condition is not tested');
  });

  it("a Deployment's containers and a Service's targetPort are warned with the reason", () => {
    const r = withExtra({});
    const a = app('a').replace('    port: 8080', '    port: 8080\n    targetPort: 9090');
    const r2 = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': a + '    spec:\n      containers:\n      - name: a\n        image: x\n' }, workload('a'));
    expect(r.w).toEqual([]);
    expect(r2.w).toEqual(['a.yaml:12: spec.ports[0].targetPort: not modelled (dropped): the model addresses services by name', 'a.yaml:25: spec.template.spec: not modelled (dropped): what the app does comes from the workload file']);
  });

  it('PeerAuthentication portLevelMtls and a ServiceEntry marked MESH_INTERNAL are warned', () => {
    const pa = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n';
    const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: s\n  namespace: shop\nspec:\n  hosts: [db.internal]\n  location: MESH_INTERNAL\n  resolution: DNS\n';
    const r = withExtra({ 'pa.yaml': pa, 'se.yaml': se });
    expect(r.w).toContain('pa.yaml:9: spec.portLevelMtls: not modelled (dropped)');
    expect(r.w).toContain('se.yaml:8: spec.location: MESH_INTERNAL: not modelled (taken as a third party outside the mesh, MESH_EXTERNAL)');
    expect(r.w).toContain('se.yaml:9: spec.resolution: not modelled (dropped)');
  });

  it('a Deployment no Service selects, and a Service that selects no pods, are warned as dropped', () => {
    const r = withExtra({ 'x.yaml': app('lonely').split('---\n')[1] + '---\n' + app('ghost').split('---\n')[0] });
    expect(r.w).toContain('x.yaml:10: spec.template.metadata.labels: selected by no Service: nothing can call it (dropped)');
    expect(r.w).toContain('x.yaml:19: spec.selector: selects no Deployment or StatefulSet in the manifests: no pods to run it (dropped)');
  });
});

describe('routes the importer cannot reach', () => {
  it('a VirtualService route after one that matches every request is never reached: warned and dropped', () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: b
  namespace: shop
spec:
  hosts: [b]
  http:
  - route:
    - destination: { host: b }
  - route:
    - destination: { host: b }
    timeout: 1s
`;
    const apps = '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: b\n  - { name: b, serviceTime: 2ms }';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs }, workload('a', apps));
    expect(r.w).toContain('vs.yaml:11: spec.http[1]: never reached: an earlier route matches every request (dropped)');
    expect((r.scenario as any).services[0].calls).toEqual([{ service: 'b' }]);
  });
});

describe('a mesh VirtualService no call goes through is not dropped silently', () => {
  const vsA = (host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: a
  namespace: shop
spec:
  hosts: [a]
  http:
  - route:
    - destination: { host: ${host} }
    timeout: 1s
`;
  it('one routing to a host the manifests lack is warned at that host (it imported with no word before)', () => {
    const r = withExtra({ 'vs.yaml': vsA('nowhere') });
    expect(r.e).toEqual([]);
    expect(r.w).toContain('vs.yaml:10: spec.http[0].route[0].destination.host: "nowhere": no Service or ServiceEntry host of that name in the manifests: a call routed here would fail (503, no cluster)');
  });

  it('one for a host only the client calls (no sidecar) says it routes nothing', () => {
    const r = withExtra({ 'vs.yaml': vsA('a') });
    expect(r.w).toContain('vs.yaml:7: spec.hosts: no caller with a sidecar calls a in the workload: this VirtualService routes nothing here (not simulated)');
  });

  it('one that a call uses gets neither warning', () => {
    const r = withExtra({ 'vs.yaml': vsB('    timeout: 1s\n') });
    expect(r.w.filter((w) => w.startsWith('vs.yaml'))).toEqual([]);
    expect((r.scenario as any).services[0].calls[0].policy.timeout).toBe('1s');
  });

  it("a PeerAuthentication's portLevelMtls that differs from its mode is warned with what the model does instead (it was 'spec.portLevelMtls: not modelled (dropped)', though b took PERMISSIVE where Istio is STRICT on its port)", () => {
    const pa = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: b\n  namespace: shop\nspec:\n  selector:\n    matchLabels: { app: b }\n  mtls: { mode: PERMISSIVE }\n  portLevelMtls:\n    8080: { mode: STRICT }\n';
    const r = withExtra({ 'pa.yaml': pa });
    expect(r.e).toEqual([]);
    expect((r.scenario as any).services.find((s: { name: string }) => s.name === 'b').mtls).toBe('PERMISSIVE');
    expect(r.w).toContain('pa.yaml:11: spec.portLevelMtls["8080"].mode: STRICT on port 8080 (for b): a mode per port is not modelled; b is taken as PERMISSIVE on every port, so callers without a sidecar get through where Istio refuses them on that port');
    expect(r.w.filter((w) => w.includes('portLevelMtls: not modelled'))).toEqual([]);
    // A port with the workload's own mode says nothing.
    const same = withExtra({ 'pa.yaml': pa.replace('8080: { mode: STRICT }', '8080: { mode: PERMISSIVE }') });
    expect(same.w.filter((w) => w.includes('portLevelMtls'))).toEqual([]);
  });
});


describe('groupedImportMessages', () => {
  it("puts the same warning at several lines of one file on one line, in first-seen order (T3's trial, 6: the CLI printed it 7 times)", () => {
    const m = (file: string, line: number, path: string, message: string) => ({ file, line, path, message });
    const dropped = 'not modelled (dropped): what the app does comes from the workload file';
    expect(
      groupedImportMessages([m('mesh.yaml', 27, 'spec.template.spec', dropped), m('mesh.yaml', 40, 'spec.http[0].mirror', 'not modelled (dropped)'), m('mesh.yaml', 57, 'spec.template.spec', dropped), m('other.yaml', 9, 'spec.template.spec', dropped), m('mesh.yaml', 87, 'spec.template.spec', dropped)]),
    ).toEqual([`mesh.yaml:27, 57, 87: spec.template.spec: ${dropped}`, 'mesh.yaml:40: spec.http[0].mirror: not modelled (dropped)', `other.yaml:9: spec.template.spec: ${dropped}`]);
    expect(groupedImportMessages([m('a.yaml', 2, '', 'kind: ConfigMap "x": kind not modelled (dropped)')])).toEqual(['a.yaml:2: kind: ConfigMap "x": kind not modelled (dropped)']);
  });
});
