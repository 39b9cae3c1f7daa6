import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/models';
import { NAMESPACE, app, imp, workload } from './helpers';

describe('a malformed manifest is an error at file:line: path, and no scenario', () => {
  it('a typo of a field the importer reads is an error that names the field meant (it was a "not modelled" warning, and the default ran)', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: { host: a }\n    timout: 2s\n    retires: { attempts: 1 }\n';
    const dr = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  host: a\n  trafficPolicy:\n    outlierDetection:\n      consecutive5xxError: 3\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a').replace('replicas: 1', 'replcas: 2'), 'vs.yaml': vs, 'dr.yaml': dr }, workload('a'));
    expect(r.scenario).toBeNull();
    expect(r.malformed).toBe(true);
    const why = (meant: string) => `(Kubernetes and Istio refuse a field their schema lacks; left as it is, ${meant} would take its default)`;
    expect(r.e).toEqual([
      `a.yaml:19: spec.replcas: unknown field; did you mean replicas? ${why('replicas')}`,
      `vs.yaml:11: spec.http[0].timout: unknown field; did you mean timeout? ${why('timeout')}`,
      `vs.yaml:12: spec.http[0].retires: unknown field; did you mean retries? ${why('retries')}`,
      `dr.yaml:10: spec.trafficPolicy.outlierDetection.consecutive5xxError: unknown field; did you mean consecutive5xxErrors? ${why('consecutive5xxErrors')}`,
    ]);
  });

  it('a field the importer does not read, and no near miss of one, stays a warning: a Deployment\'s strategy, a route\'s tls beside its http', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: { host: a }\n    mirrorPercentage: { value: 5 }\n';
    const dep = app('a').replace('  replicas: 1', '  replicas: 1\n  strategy: { type: Recreate }');
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': dep, 'vs.yaml': vs }, workload('a'));
    expect(r.e).toEqual([]);
    expect(r.w).toContain('a.yaml:20: spec.strategy: not modelled (dropped)');
    expect(r.w).toContain('vs.yaml:11: spec.http[0].mirrorPercentage: not modelled (dropped)');
  });

  it('a scalar where a map or list belongs is one error at its line (spec: hello was read as no spec, and the Deployment dropped with a misleading warning)', () => {
    const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  namespace: shop\nspec: hello\n';
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  hosts: a\n  http:\n  - route: nope\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'dep.yaml': dep, 'vs.yaml': vs }, workload('a'));
    expect(r.malformed).toBe(true);
    expect(r.e).toEqual(['dep.yaml:6: spec: expected a map, got "hello"', 'vs.yaml:7: spec.hosts: expected a list, got "a"', 'vs.yaml:9: spec.http[0].route: expected a list, got "nope"']);
  });

  it('a YAML syntax error names its line and field, in our words first, the parser\'s after', () => {
    const r = imp({ 'bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n' }, workload('a'));
    expect(r.scenario).toBeNull();
    expect(r.e).toEqual([
      'bad.yaml:4: metadata.name: malformed YAML: this list opened with [ is not closed with ] (or a line inside it is indented less than its key) (the YAML parser: Flow sequence in block collection must be sufficiently indented and end with a ])',
    ]);
  });

  it("a malformed workload's syntax errors lead with the field's path and our words, the YAML library's words after", () => {
    const clients = (lines: string) => `name: t\nclients:\n  - name: users\n    type: open\n${lines}apps: []\n`;
    const cases: [string, string][] = [
      [clients('    rate: 1\n    target: a\n    rate: 2\n'), 'workload.yaml:7: clients[0].rate: malformed YAML: the key "rate" is given twice'],
      [clients('    rate: [1, 2\n'), 'workload.yaml:5: clients[0].rate: malformed YAML: this list opened with [ is not closed with ] (or a line inside it is indented less than its key) (the YAML parser: Flow sequence in block collection must be sufficiently indented and end with a ])'],
      [clients('    target: a\n   path: /p\n'), 'workload.yaml:6: clients[0]: malformed YAML: a line among list items has no "- " before it, or is indented as if it were an item (the YAML parser: Sequence item without - indicator)'],
      ['name: t\napps:\n  - name: a\n    serviceTime: "4ms\n', 'workload.yaml:4: apps[0].serviceTime: malformed YAML: this quoted value is not closed: its closing quote is missing (the YAML parser: Missing closing "quote)'],
      ['name: t\n\tapps: []\n', 'workload.yaml:2: malformed YAML: a tab indents this line; YAML indents with spaces only (the YAML parser: Tabs are not allowed as indentation)'],
      [clients('    rate: 1\n    target: a\n  - *other\n'), 'workload.yaml:7: clients[1]: malformed YAML: this alias (*other) refers to no anchor (&other) set before it (the YAML parser: Unresolved alias (the anchor must be set before the alias): other)'],
    ];
    for (const [text, line] of cases) expect(imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a') }, text).e).toEqual([line]);
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
      'vs.yaml:11: spec.http[0].timeout: "soon" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m)',
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
    expect(r.e).toEqual(['workload.yaml:6: apps[0].serviceTime: "5xs" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250) (scenario services.a.serviceTime)']);
  });

  it("a bad field in the workload's faults, duration or clients is at its own line, field first, with no scenario path (trial T5, 2: line 1, the field at the end)", () => {
    const wl = [
      'name: t',
      'duration: 10 seconds',
      'clients:',
      '  - name: u',
      '    type: open',
      '    rate: -3',
      '    target: a',
      'apps:',
      '  - name: a',
      '    serviceTime: 1ms',
      'faults:',
      '  - { type: slow-replica, service: a, replica: 0, factor: 10, at: 1s }',
      '  - { type: latency, service: a, replica: 0, delay: 800ms, at: 15s, for: 30s }',
      '',
    ].join('\n');
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a') }, wl);
    expect(r.scenario).toBeNull();
    const at = (prefix: string) => r.e.find((e) => e.startsWith(prefix));
    expect(at('workload.yaml:13: faults[1].replica: unknown field (fields here: type, service, from, to, delay, at, for)')).toBeDefined();
    expect(at('workload.yaml:2: duration: ')).toBeDefined();
    expect(at('workload.yaml:6: clients[0].rate: ')).toBeDefined();
    expect(r.e.filter((e) => e.includes('(scenario '))).toEqual([]);
    expect(r.e.filter((e) => /^workload\.yaml:1:/.test(e))).toEqual([]);
  });
});

describe('text the YAML parser must not see is refused before parsing, as one message', () => {
  it('a file over 5 MB names its size and the limit, at once', () => {
    // It ends in malformed YAML: had the parser read it before its size was checked, its error would show.
    const text = `${app('a')}---\n${'# padding\n'.repeat(500_001)}k: [\n`;
    const r = imp({ 'big.yaml': text });
    expect(r.e).toEqual(['big.yaml:1: is 5.0 MB, more than the 5.0 MB a manifest file may be (5 MB of manifests takes seconds and 400 MB to read); split it, or import only the resources of one mesh']);
    expect(r.malformed).toBe(true);
  });

  it('binary data names its byte and never quotes it back', () => {
    const r = imp({ 'junk.yaml': 'apiVersion: v1\n\u0000\u0001\u00ff\u0007garbage' });
    expect(r.e).toEqual(['junk.yaml:1: is not text (binary data from its 16th byte); manifests are YAML text files']);
  });

  it('brackets 200,000 deep: one message, not one per echo (it was 784 lines)', () => {
    const r = imp({ 'deep.yaml': `a: ${'['.repeat(200_000)}` });
    expect(r.e).toEqual(['deep.yaml:1: malformed YAML: brackets nest more than 64 deep; a manifest needs a handful']);
  });

  it('blocks 3,000 levels deep: the line, not "Maximum call stack size exceeded"', () => {
    const text = 'a:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}b:`).join('\n') + ' 1\n';
    const r = imp({ 'deep.yaml': text });
    expect(r.e).toEqual(['deep.yaml:257: malformed YAML: content starts at column 257, nested deeper than 256 columns; a manifest needs a few dozen']);
  });

  it('aliases that expand past 100 are an error at the document, not a thrown exception', () => {
    const bomb = 'a: &a [1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nkind: X\n';
    const r = imp({ 'alias.yaml': bomb });
    expect(r.e).toEqual(['alias.yaml:1: malformed YAML: its aliases expand too far (more than 100 expansions)']);
  });

  it('a syntax error gives its first message only', () => {
    const r = imp({ 'bad.yaml': 'hello: [unclosed\n  foo: }\n' });
    expect(r.e).toEqual([
      'bad.yaml:1: hello: malformed YAML: this list opened with [ runs on over lines that read as one key; close it with ] where it ends, and separate its items with commas (the YAML parser: Implicit keys of flow sequence pairs need to be on a single line)',
    ]);
  });
});

describe('empty documents are skipped, as kubectl skips them', () => {
  it('a trailing ---, a comment-only document and a bare null make no error', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': `---\n# only a comment\n---\n${app('a')}---\nnull\n---\n` }, workload('a'));
    expect(r.e).toEqual([]);
    expect(r.scenario).not.toBeNull();
  });
});

describe('errors say whether a file is malformed or a reference does not resolve (lint exits 2 only for the first)', () => {
  it('replicas "two" is malformed; a route to an undefined subset is not', () => {
    expect(imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a').replace('replicas: 1', 'replicas: two') }, workload('a')).malformed).toBe(true);
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: { host: a, subset: v4 }\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'c.yaml': app('c'), 'vs.yaml': vs }, workload('c', '  - name: c\n    serviceTime: 1ms\n    calls:\n      - service: a\n  - { name: a, serviceTime: 1ms }'));
    expect(r.e.length).toBe(1);
    expect(r.malformed).toBe(false);
  });
});

describe('YAML merge keys, as kubectl reads them', () => {
  it("a Deployment's pod labels written as an anchor merged in (<<: *labels) import: the app found, no error (it was labels[\"<<\"]: expected a string, got a map)", () => {
    const dep = app('a').replace(
      '  replicas: 1\n  template:\n    metadata:\n      labels:\n        app: a',
      '  replicas: 2\n  selector:\n    matchLabels: &labels\n      app: a\n  template:\n    metadata:\n      labels:\n        <<: *labels\n        tier: web',
    );
    expect(dep).toContain('<<: *labels');
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': dep }, workload('a'));
    expect(r.e).toEqual([]);
    expect(r.malformed).toBe(false);
    expect(r.scenario?.services.find((s) => s.name === 'a')?.replicas).toBe(2);
  });
});

describe('Istio durations are text with a unit, as Kubernetes checks them', () => {
  it('an Istio duration written as a bare number (timeout: 2, perTryTimeout: 250) is an error naming the unit it needs (it was read as 2 ms and 250 ms: every call timed out)', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: b\n  namespace: shop\nspec:\n  hosts: [b]\n  http:\n  - route:\n    - destination: { host: b }\n    timeout: 2\n    retries: { attempts: 2, perTryTimeout: 250 }\n';
    const calls = '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: b\n  - { name: b, serviceTime: 5ms }';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs }, workload('a', calls));
    expect(r.scenario).toBeNull();
    expect(r.malformed).toBe(true);
    expect(r.e).toEqual([
      'vs.yaml:11: spec.http[0].timeout: expected a duration with its unit, such as "2s" or "2ms", got the number 2 (Istio\'s durations are text with a unit; Kubernetes refuses a bare number)',
      'vs.yaml:12: spec.http[0].retries.perTryTimeout: expected a duration with its unit, such as "250s" or "250ms", got the number 250 (Istio\'s durations are text with a unit; Kubernetes refuses a bare number)',
    ]);
    // Written with units, the same route imports: 2 s over all tries, 250 ms a try.
    const ok = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs.replace('timeout: 2\n', 'timeout: 2s\n').replace('perTryTimeout: 250 ', 'perTryTimeout: 250ms ') }, workload('a', calls));
    expect(ok.e).toEqual([]);
    expect(ok.scenario?.services.find((s) => s.name === 'a')?.calls?.[0].policy).toMatchObject({ timeout: '2s', retries: { attempts: 2, perTryTimeout: '250ms' } });
  });

  it('timeout: 0s and perTryTimeout: 0s turn the timeout off, as in Istio: no timeout, a warning (it was an error, "must be greater than zero", and no scenario)', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: b\n  namespace: shop\nspec:\n  hosts: [b]\n  http:\n  - route:\n    - destination: { host: b }\n    timeout: 0s\n    retries: { attempts: 2, perTryTimeout: 0s }\n';
    const calls = '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: b\n  - { name: b, serviceTime: 5ms }';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs }, workload('a', calls));
    expect(r.e).toEqual([]);
    expect(r.w).toContain("vs.yaml:11: spec.http[0].timeout: 0s: turns the route timeout off, as in Istio: no timeout here (on a route of a gateway it is written timeout: 0s, which turns off Envoy's 15 s default there too)");
    expect(r.w).toContain('vs.yaml:12: spec.http[0].retries.perTryTimeout: 0s: turns the per-try timeout off, as in Istio: no per-try timeout here (each try may run until the route\'s timeout)');
    const policy = r.scenario?.services.find((s) => s.name === 'a')?.calls?.[0].policy as Record<string, any>;
    expect(policy.retries).toEqual({ attempts: 2 });
    expect(policy.timeout).toBeUndefined();
    // 0 without a unit stays an error: a bare number is no Istio duration.
    expect(imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b'), 'vs.yaml': vs.replace('timeout: 0s', 'timeout: 0') }, workload('a', calls)).e).toHaveLength(1);
  });

  it("a gateway's VirtualService with timeout: 0s imports as timeout: 0s on the gateway route, no timeout where the model kept Envoy's 15 s: a 20 s answer ends ok", () => {
    const gw = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: edge\n  namespace: shop\nspec:\n  selector: { istio: ingressgateway }\n  servers:\n  - port: { number: 80, name: http, protocol: HTTP }\n    hosts: ["*"]\n';
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: edge\n  namespace: shop\nspec:\n  hosts: [shop.example.com]\n  gateways: [edge]\n  http:\n  - route:\n    - destination: { host: a }\n    timeout: 0s\n';
    const wl = 'name: t\nduration: 30s\nclients:\n  - { name: users, type: open, arrival: constant, rate: 1, target: shop.example.com }\napps:\n  - { name: a, serviceTime: 20s, concurrency: 50 }\n';
    const r = imp({ 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'gw.yaml': gw, 'vs.yaml': vs }, wl);
    expect(r.e).toEqual([]);
    expect(r.w).toContain("vs.yaml:12: spec.http[0].timeout: 0s: turns the route timeout off, as in Istio: no timeout here (on a route of a gateway it is written timeout: 0s, which turns off Envoy's 15 s default there too)");
    expect((r.scenario as any).gateways[0].routes[0].policy).toEqual({ timeout: '0s' });
    expect(r.provenance['gateways.0.routes.0.policy.timeout']).toEqual([{ file: 'vs.yaml', line: 12, path: 'spec.http[0].timeout' }]);
    // Sent each second from 0 s, 20 s answers: those sent by 10 s end ok within the 30 s run (Envoy's 15 s failed every one).
    const sum = runScenario(r.validated!).summary;
    expect(sum.requests).toEqual({ sent: 30, ok: 10, failed: 0, inFlight: 20 });
  });
});
