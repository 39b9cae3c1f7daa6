import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from '../../src/ui/editor/check';
import { locateProblems } from '../../src/ui/editor/lines';
import { addToScenario, newServiceProblems } from '../../src/ui/editor/additions';
import { editedFileName } from '../../src/ui/editor/drafts';
import { parseScenarioText } from '../../src/scenario';
import { readDurationField } from '../../src/ui/faults/durationField';

const hello = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('the editor checks text as the CLI does, each problem at its line', () => {
  it('names a bad field by its path with the line of its key', () => {
    const text = hello.replace('"duration": "120s"', '"duration": "10 parsecs"');
    const { problems } = checkScenarioText(text, 'hello-mesh.json');
    expect(problems).toEqual([{ path: 'duration', message: '"10 parsecs" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)', line: 7 }]);
    // The same list the CLI prints (parseScenarioText), line aside.
    const cli = parseScenarioText(text, 'json');
    expect(cli.ok ? [] : cli.problems).toEqual(problems.map(({ path, message }) => ({ path, message })));
    // The Faults and Add forms say the same of the same text, bare number included (trial N7: the editor's left it out).
    const form = readDurationField('10 parsecs');
    expect(form.ok ? '' : form.message).toBe(problems[0].message);
  });

  it('puts a field inside a list item on the line of that item', () => {
    const { problems } = checkScenarioText(hello.replace('"replicas": 3', '"replicas": 0'), 'hello-mesh.json');
    expect(problems).toEqual([{ path: 'services.catalog.replicas', message: 'must be at least 1, got 0', line: lineOf(hello, '"name": "catalog"') }]);
    expect(problems[0].line).toBe(16);
  });

  it('puts a field the text leaves out on the line of the object that lacks it', () => {
    const text = hello.replace('"serviceTime": { "type": "lognormal", "median": "6ms", "sigma": 0.5 },', '');
    const { problems } = checkScenarioText(text, 'hello-mesh.json');
    expect(problems.map((p) => [p.path, p.line])).toEqual([['services.cart.serviceTime', lineOf(text, '"name": "cart"')]]);
  });

  it('takes a syntax error at the line its message names', () => {
    const { problems } = checkScenarioText(hello.replace('"seed": 7,', '"seed": 7'), 'hello-mesh.json');
    expect(problems).toEqual([{ path: '(file)', message: "malformed JSON at line 7, column 3: Expected ',' or '}' after property value", line: 7 }]);
  });

  it('finds YAML fields by path too', () => {
    const yaml = 'name: y\nclients:\n  - { name: c, type: open, rate: 5, target: a }\nservices:\n  # the one service\n  - name: a\n    serviceTime: fast\n';
    const { problems } = checkScenarioText(yaml, 'y.yaml');
    expect(problems.map((p) => [p.path, p.line])).toEqual([['services.a.serviceTime', 7]]);
  });

  it('lists problems in reading order: whole-file ones first, then by line, ties in the order found', () => {
    const problems = locateProblems(hello, [
      { path: 'services.2.name', message: 'third' },
      { path: 'duration', message: 'first line' },
      { path: '(run)', message: 'whole file' },
      { path: 'services.2', message: 'same line as third' },
    ]);
    expect(problems.map((p) => [p.message, p.line])).toEqual([
      ['whole file', null],
      ['first line', 7],
      ['third', lineOf(hello, '"name": "cart"')],
      ['same line as third', lineOf(hello, '"name": "cart"')],
    ]);
  });

  it('lists the names the form offers, also while the scenario has problems', () => {
    const r = checkScenarioText(hello.replace('"replicas": 3', '"replicas": 0'), 'hello-mesh.json');
    expect(r.names).toEqual({ services: ['frontend', 'catalog', 'cart'], clients: ['shoppers'], gateways: [], sidecars: ['frontend', 'catalog', 'cart'] });
    expect(r.name).toBe('hello-mesh');
  });
});

describe('the form writes into the text', () => {
  it('adds a service and a call to it from its caller, leaving the rest of the JSON as written', () => {
    const r = addToScenario(hello, 'hello-mesh.json', { kind: 'service', name: 'reviews', replicas: 2, sidecar: true, mtls: 'STRICT', serviceTime: '5ms', retries: 1, timeout: '800ms', calledBy: 'catalog' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    // Everything up to catalog's policy is untouched, byte for byte.
    const cut = hello.indexOf('"retryOn": ["5xx", "connect-failure"] } }') + '"retryOn": ["5xx", "connect-failure"] } }'.length;
    expect(r.text.slice(0, cut)).toBe(hello.slice(0, cut));
    expect(r.text).toContain('"calls": [ { "service": "reviews" } ] },');
    expect(r.text).toContain('\n    { "name": "reviews", "replicas": 2, "sidecar": true, "mtls": "STRICT", "serviceTime": { "type": "lognormal", "median": "5ms", "sigma": 0.4 }, "policy": { "timeout": "800ms", "retries": { "attempts": 1 } } }\n  ]');
    const parsed = parseScenarioText(r.text, 'json');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const reviews = parsed.scenario.services.find((s) => s.name === 'reviews')!;
    expect([reviews.replicas, reviews.mtls, reviews.policy?.timeout, reviews.policy?.retries?.attempts]).toEqual([2, 'STRICT', 800, 1]);
    expect(parsed.scenario.services.find((s) => s.name === 'catalog')!.calls.map((c) => c.service)).toEqual(['reviews']);
  });

  it('reads a duration typed as in the file: a timeout of 2 from the file, typed into the form, is written back as 2 ms, and 2s stays two seconds', () => {
    // The file's own rule: `"timeout": 2` is 2 ms.
    const yaml = 'name: y\nclients:\n  - { name: c, type: open, rate: 5, target: a }\nservices:\n  - name: a\n    serviceTime: 2ms\n    policy: { timeout: 2 }\n';
    const file = parseScenarioText(yaml, 'yaml');
    if (!file.ok) throw new Error(JSON.stringify(file.problems));
    const fromFile = file.scenario.services[0].policy?.timeout;
    expect(fromFile).toBe(2);
    // file -> form -> file: the number as the file writes it, typed into the form's timeout.
    const typed = readDurationField(String(fromFile), { positive: true });
    if (!typed.ok || typed.value === null) throw new Error('refused');
    expect(typed.value).toBe('2ms');
    const timeouts = (...typedTimeouts: string[]) => {
      let text = yaml;
      for (const [i, t] of typedTimeouts.entries()) {
        const d = readDurationField(t, { positive: true });
        if (!d.ok || d.value === null) throw new Error(t);
        const r = addToScenario(text, 'y.yaml', { kind: 'service', name: `b${i}`, replicas: 1, sidecar: false, mtls: 'PERMISSIVE', serviceTime: '5ms', retries: null, timeout: d.value, calledBy: '' });
        if (!r.ok) throw new Error(JSON.stringify(r));
        text = r.text;
      }
      const parsed = parseScenarioText(text, 'yaml');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      return parsed.scenario.services.map((s) => s.policy?.timeout);
    };
    expect(timeouts('2', '2s', '1500ms')).toEqual([2, 2, 2000, 1500]);
  });

  it('makes the faults list when the scenario has none, and a gateway for a route to a new gateway', () => {
    const f = addToScenario(hello, 'hello-mesh.json', { kind: 'fault', entry: { type: 'kill-replica', service: 'cart', at: '10s', for: '5s' } });
    if (!f.ok) throw new Error('refused');
    expect(f.text.endsWith('  ],\n  "faults": [ { "type": "kill-replica", "service": "cart", "at": "10s", "for": "5s" } ]\n}\n')).toBe(true);
    const g = addToScenario(f.text, 'hello-mesh.json', { kind: 'route', gateway: 'api', pathPrefix: '/shop', service: 'frontend' });
    if (!g.ok) throw new Error('refused');
    const parsed = parseScenarioText(g.text, 'json');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.scenario.faults).toEqual([{ type: 'kill-replica', service: 'cart', replica: 0, at: 10_000, for: 5_000 }]);
    expect(parsed.scenario.gateways.map((x) => [x.name, x.routes.map((r) => [r.match?.pathPrefix, r.service])])).toEqual([['api', [['/shop', 'frontend']]]]);
    // A second route joins that gateway's routes.
    const h = addToScenario(g.text, 'hello-mesh.json', { kind: 'route', gateway: 'api', pathPrefix: '/cart', service: 'cart' });
    if (!h.ok) throw new Error('refused');
    const again = parseScenarioText(h.text, 'json');
    expect(again.ok && again.scenario.gateways[0].routes.map((r) => r.service)).toEqual(['frontend', 'cart']);
  });

  it('adds a change to YAML and keeps its comments', () => {
    const yaml = 'name: y # the name\nclients:\n  - { name: c, type: open, rate: 5, target: a }\nservices:\n  # the one service\n  - name: a\n    serviceTime: 2ms\n';
    const r = addToScenario(yaml, 'y.yaml', { kind: 'change', entry: { type: 'policy', at: '5s', service: 'a', policy: { retries: { attempts: 0 } } } });
    if (!r.ok) throw new Error('refused');
    expect(r.text).toContain('# the name');
    expect(r.text).toContain('# the one service');
    const parsed = parseScenarioText(r.text, 'yaml');
    expect(parsed.ok && parsed.scenario.changes).toEqual([{ type: 'policy', at: 5_000, service: 'a', policy: { retries: expect.objectContaining({ attempts: 0 }) }, replace: false }]);
  });

  it('refuses to add to text that does not read, saying why, and leaves it as it was', () => {
    const broken = hello.replace('"seed": 7,', '"seed": 7');
    const r = addToScenario(broken, 'hello-mesh.json', { kind: 'fault', entry: { type: 'kill-service', service: 'cart' } });
    expect(r).toEqual({ ok: false, problems: [{ path: '(file)', message: "malformed JSON at line 7, column 3: Expected ',' or '}' after property value (fix the text before adding from the form)" }] });
  });
});

describe("the editor's form refuses a service the schema would", () => {
  it('names a name taken by a service, client or gateway, and replicas under 1, at the field, in the schema\'s words', () => {
    const taken = { services: ['frontend', 'catalog'], clients: ['shoppers'], gateways: ['edge'] };
    const texts = (name: string, replicas: number | null) => newServiceProblems(name, replicas, taken).map((p) => `${p.field} | ${p.text}`);
    expect(texts('catalog', 2)).toEqual(['name | name: "catalog" is also the name of a service in this scenario; services, clients and gateways each need their own name']);
    expect(texts('shoppers', 2)).toEqual(['name | name: "shoppers" is also the name of a client in this scenario; services, clients and gateways each need their own name']);
    expect(texts('edge', 2)).toEqual(['name | name: "edge" is also the name of a gateway in this scenario; services, clients and gateways each need their own name']);
    expect(texts('reviews', -1)).toEqual(['replicas | replicas: must be at least 1, got -1']);
    expect(texts('reviews', 0)).toEqual(['replicas | replicas: must be at least 1, got 0']);
    expect(texts('reviews', 1)).toEqual([]);
    // Every problem at once (N4's trial 7 saw one a press), the name in the schema's rule's words;
    // replicas the form could not read (null) it names itself.
    expect(texts('my service!', 0)).toEqual(['name | name: use letters, digits, ".", "_" or "-" (starting with a letter or digit), got "my service!"', 'replicas | replicas: must be at least 1, got 0']);
    expect(texts('', null)).toEqual(['name | name: a service needs a name']);
    // The schema says the same of the text the form would have written.
    const dup = parseScenarioText(hello.replace('"services": [', '"services": [ { "name": "catalog", "replicas": 1, "serviceTime": "5ms" },'), 'json');
    expect(dup.ok ? [] : dup.problems.map((p) => p.message)).toContain('"catalog" is also the name of services.2; services, clients and gateways each need their own name');
  });
});

describe("the form's additions are checked against the text itself", () => {
  it('refuses a service whose name the text already gives, or negative retries, at their fields, and writes nothing, whatever names the form was given', () => {
    const add = (name: string, retries: number | null) => addToScenario(hello, 'hello-mesh.json', { kind: 'service', name, replicas: 2, sidecar: true, mtls: 'STRICT', serviceTime: '5ms', retries, timeout: '1s', calledBy: '' });
    const refused = (r: ReturnType<typeof add>) => (!r.ok && 'fieldProblems' in r ? r.fieldProblems.map((p) => `${p.field} | ${p.text}`) : r);
    expect(refused(add('frontend', -1))).toEqual([
      'name | name: "frontend" is also the name of a service in this scenario; services, clients and gateways each need their own name',
      'retries | retries: must not be negative (0 for none), got -1',
    ]);
    expect(refused(add('shoppers', 0))).toEqual(['name | name: "shoppers" is also the name of a client in this scenario; services, clients and gateways each need their own name']);
    expect(refused(add('reviews2', -3))).toEqual(['retries | retries: must not be negative (0 for none), got -3']);
    const ok = add('reviews2', 0);
    expect(ok.ok && ok.text.includes('"name": "reviews2"')).toBe(true);
  });
});

describe("the form's routes and start times that could never act are refused or put where they act (trial N6 F9)", () => {
  const gm = readFileSync(fileURLToPath(new URL('../../scenarios/gateway-and-mesh.json', import.meta.url)), 'utf8');
  const refused = (r: ReturnType<typeof addToScenario>) => (!r.ok && 'fieldProblems' in r ? r.fieldProblems.map((p) => `${p.field} | ${p.text}`) : r);
  const gateway = (() => {
    const r = parseScenarioText(gm, 'json');
    if (!r.ok) throw new Error('gateway-and-mesh is invalid');
    return r.scenario.gateways[0];
  })();

  it('refuses a path prefix without a leading "/", at its field, as the schema does', () => {
    expect(refused(addToScenario(gm, 'gateway-and-mesh.json', { kind: 'route', gateway: gateway.name, pathPrefix: 'no-slash path', service: 'frontend' }))).toEqual([
      'pathPrefix | path prefix: must start with "/" (every request\'s path does), got "no-slash path"',
    ]);
    const schema = parseScenarioText(gm.replace('"routes": [', '"routes": [ { "match": { "pathPrefix": "orders" }, "service": "frontend" },'), 'json');
    expect(schema.ok ? [] : schema.problems.map((p) => `${p.path}: ${p.message}`)).toContain('gateways.0.routes.0.match.pathPrefix: must start with "/" (every request\'s path does)');
  });

  it("puts a route with a prefix before the gateway's catch-all route, so the gateway's first match can be it, and refuses one without a prefix after a catch-all", () => {
    const all = gateway.routes.findIndex((r) => r.match.pathPrefix === undefined && r.match.host === undefined && r.match.version === undefined);
    expect(all).toBeGreaterThanOrEqual(0);
    const r = addToScenario(gm, 'gateway-and-mesh.json', { kind: 'route', gateway: gateway.name, pathPrefix: '/admin', service: gateway.routes[all].service });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const parsed = parseScenarioText(r.text, 'json');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const routes = parsed.scenario.gateways[0].routes;
    expect(routes).toHaveLength(gateway.routes.length + 1);
    expect(routes[all].match.pathPrefix).toBe('/admin');
    expect(routes.slice(all + 1).map((x) => x.service)).toEqual(gateway.routes.slice(all).map((x) => x.service));
    expect(refused(addToScenario(gm, 'gateway-and-mesh.json', { kind: 'route', gateway: gateway.name, pathPrefix: ' ', service: 'frontend' }))).toEqual([
      `pathPrefix | path prefix: gateway ${gateway.name}'s route ${all} (to ${gateway.routes[all].service}) already takes every request, so a route with no path prefix would never match; give a path prefix such as "/frontend"`,
    ]);
    // YAML too: before the catch-all, comments kept.
    const yaml = 'name: y\ngateways:\n  - name: edge\n    routes:\n      # everything\n      - service: a\nclients:\n  - { name: c, type: open, rate: 5, target: edge }\nservices:\n  - { name: a, serviceTime: 2ms }\n  - { name: b, serviceTime: 2ms }\n';
    const y = addToScenario(yaml, 'y.yaml', { kind: 'route', gateway: 'edge', pathPrefix: '/b', service: 'b' });
    if (!y.ok) throw new Error(JSON.stringify(y));
    const py = parseScenarioText(y.text, 'yaml');
    expect(py.ok && py.scenario.gateways[0].routes.map((x) => [x.match.pathPrefix, x.service])).toEqual([['/b', 'b'], [undefined, 'a']]);
    expect(y.text).toContain('# everything');
  });

  it("refuses a fault or a change that starts at or after the run's end, at its field", () => {
    expect(refused(addToScenario(hello, 'hello-mesh.json', { kind: 'fault', entry: { type: 'kill-replica', service: 'cart', at: '999h', for: '5s' } }))).toEqual([
      "at | at: 41d 15h is at or after the run's end (2m 00s), so it would never act",
    ]);
    expect(refused(addToScenario(hello, 'hello-mesh.json', { kind: 'change', entry: { type: 'policy', at: '120s', service: 'cart', policy: { timeout: '1s' } } }))).toEqual([
      "at | at: 2m 00s is at or after the run's end (2m 00s), so it would never act",
    ]);
    expect(addToScenario(hello, 'hello-mesh.json', { kind: 'fault', entry: { type: 'kill-replica', service: 'cart', at: '119s' } }).ok).toBe(true);
  });
});

describe('edited file names', () => {
  it('say the format by extension, as the CLI reads it, with unsafe characters replaced', () => {
    expect(editedFileName('hello-mesh', 'json')).toBe('edited-hello-mesh.json');
    expect(editedFileName('my shop/v2', 'yaml')).toBe('edited-my-shop-v2.yaml');
    expect(editedFileName('../..', 'json')).toBe('edited-scenario.json');
  });
});
