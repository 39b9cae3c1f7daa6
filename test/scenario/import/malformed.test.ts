import { describe, expect, it } from 'vitest';
import { NAMESPACE, app, imp, workload } from './helpers';

describe('a malformed manifest is an error at file:line: path, and no scenario', () => {
  it('a YAML syntax error names its line', () => {
    const r = imp({ 'bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n' }, workload('a'));
    expect(r.scenario).toBeNull();
    expect(r.e.length).toBeGreaterThan(0);
    expect(r.e[0]).toMatch(/^bad\.yaml:\d+: malformed YAML: /);
  });

  it('replicas that are not a whole number, at their own line', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a').replace('replicas: 1', 'replicas: two') }, workload('a'));
    expect(r.scenario).toBeNull();
    expect(r.e).toEqual(['a.yaml:19: spec.replicas: expected a whole number, got "two"']);
  });

  it('a document without kind, and one without metadata.name', () => {
    const r = imp({ 'x.yaml': 'apiVersion: v1\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nspec: {}\n' });
    expect(r.e).toEqual(['x.yaml:1: kind: is required', 'x.yaml:5: metadata.name: is required']);
  });

  it('an Istio duration that is not one, and a mode Istio does not have', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: { host: a }\n    timeout: soon\n';
    const pa = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  mtls:\n    mode: STRICTER\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'vs.yaml': vs, 'pa.yaml': pa }, workload('a'));
    expect(r.e).toEqual([
      'vs.yaml:11: spec.http[0].timeout: "soon" is not a duration; use a number with a unit: us, ms, s, m or h (e.g. "250ms", "5s", "2m")',
      'pa.yaml:8: spec.mtls.mode: must be one of STRICT, PERMISSIVE, DISABLE, UNSET, got "STRICTER"',
    ]);
  });

  it('a route to a subset the DestinationRule does not define names the subsets it has', () => {
    const dr = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  host: a\n  subsets:\n  - name: v1\n    labels: { version: v1 }\n';
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: { host: a, subset: v4 }\n';
    const caller = app('c');
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a', { version: 'v1' }), 'c.yaml': caller, 'dr.yaml': dr, 'vs.yaml': vs }, workload('c', '  - name: c\n    serviceTime: 1ms\n    calls:\n      - service: a\n  - { name: a, serviceTime: 1ms }'));
    expect(r.e).toEqual(['vs.yaml:10: spec.http[0].route[0].destination.subset: "v4" is not a subset of the host\'s DestinationRule (v1; dr.yaml:1)']);
  });

  it('a workload that sets what the manifests decide, or names an app that does not exist', () => {
    const wl = 'name: t\nclients:\n  - { name: u, type: open, rate: 1, target: a }\napps:\n  - name: a\n    replicas: 4\n    serviceTime: 1ms\n  - name: nope\n    serviceTime: 1ms\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a') }, wl);
    expect(r.e).toEqual(["workload.yaml:6: apps[0].replicas: comes from the manifests (the Deployment's spec.replicas)", 'workload.yaml:8: apps[1].name: "nope": no Deployment, Service or ServiceEntry host of that name in the manifests (a)']);
  });

  it("a scenario problem the workload causes points at the workload's line", () => {
    const wl = 'name: t\nclients:\n  - { name: u, type: open, rate: 1, target: a }\napps:\n  - name: a\n    serviceTime: 5xs\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a') }, wl);
    expect(r.scenario).toBeNull();
    expect(r.e).toEqual(['workload.yaml:6: apps[0].serviceTime: "5xs" is not a duration; use a number with a unit: us, ms, s, m or h (e.g. "250ms", "5s", "2m") (scenario services.0.serviceTime)']);
  });
});
