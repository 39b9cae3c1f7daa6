import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatProblems, parseScenarioText, scenarioSchema, validateScenario, type Problem } from '../../src/scenario';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { MAX_HOSTS, MAX_NODES, MAX_PROXIES, countYamlNodes } from '../../src/scenario/limits';

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems;
}

const accepted = (data: unknown) => {
  const r = validateScenario(data);
  expect(r.ok, r.ok ? '' : formatProblems(r.problems)).toBe(true);
};

function scenario(services: object[], clients: object[] = [{ name: 'c', type: 'open', rate: 1, target: 'svc-0' }], extra: object = {}) {
  return { name: 'big', duration: '1s', clients, services, ...extra };
}

/** `n` services named svc-0..; each calls the next when `chain`. */
function services(n: number, fields: object = {}, chain = false) {
  return Array.from({ length: n }, (_, i) => ({ name: `svc-${i}`, serviceTime: '1ms', ...fields, ...(chain && i + 1 < n ? { calls: [{ service: `svc-${i + 1}` }] } : {}) }));
}

// No test here times itself (speed is the benchmarks' job, and CI's machine is shared): where a
// limit's point is to refuse before the costly part, the test checks that the costly part never
// ran (the schema's walk, the key scan), and vitest's timeout stands guard against a hang.
describe('size limits', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses 1,000,000 replicas with sidecars at the field, naming the limit and why, without building anything', () => {
    const ps = problemsOf(scenario([{ name: 'svc-0', serviceTime: '1ms', replicas: 1_000_000, sidecar: true }]));
    expect(ps).toEqual([
      {
        path: 'services.0.replicas',
        message: 'must be at most 1,000: every caller keeps connections, balancer and ejection state for each replica it calls, so replicas multiply into every caller, got 1000000',
      },
    ]);
  });

  it('refuses a replica count past 2^53 once, with the same words', () => {
    const ps = problemsOf(scenario([{ name: 'svc-0', serviceTime: '1ms', replicas: 1e300 }]));
    expect(ps).toHaveLength(1);
    expect(ps[0].message).toMatch(/^must be at most 1,000: .*got 1e\+300$/);
  });

  it('bounds workers of services and gateways (10,000) and of sidecars (64), each saying why', () => {
    const ps = problemsOf(
      scenario([{ name: 'svc-0', serviceTime: '1ms', concurrency: 10_001, sidecar: { concurrency: 65 } }], undefined, {
        gateways: [{ name: 'g', concurrency: 20_000, routes: [{ service: 'svc-0' }] }],
      }),
    );
    expect(ps.map((p) => p.path)).toEqual(['services.0.concurrency', 'services.0.sidecar.concurrency', 'gateways.0.concurrency']);
    expect(ps[0].message).toMatch(/^must be at most 10,000: a replica with more workers than that is better written as more replicas, got 10001$/);
    expect(ps[1].message).toMatch(/^must be at most 64: Envoy runs one worker thread per core/);
    accepted(scenario([{ name: 'svc-0', serviceTime: '1ms', concurrency: 10_000, sidecar: { concurrency: 64 } }]));
  });

  it('refuses 1e8 users on one closed-loop client, and 1,000,001 users over several', () => {
    const closed = (name: string, users: number) => ({ name, type: 'closed', users, target: 'svc-0', thinkTime: '1h' });
    expect(problemsOf(scenario(services(1), [closed('c', 1e8)]))).toEqual([
      { path: 'clients.0.users', message: 'must be at most 1,000,000: every user always has a request or a think time pending, and each holds memory in the event queue, got 100000000' },
    ]);
    const ps = problemsOf(scenario(services(1), [closed('a', 600_000), closed('b', 400_001)]));
    expect(ps).toEqual([{ path: 'clients', message: expect.stringMatching(/^closed-loop clients have 1,000,001 users in all, more than 1,000,000: /) }]);
  });

  it('refuses 125,000 services by a count, before the schema reads them', () => {
    const data = scenario(services(125_000));
    const schema = vi.spyOn(scenarioSchema, 'safeParse');
    const ps = problemsOf(data);
    expect(schema).not.toHaveBeenCalled();
    expect(ps).toEqual([
      {
        path: 'services',
        message: `125,000 services, 0 gateways and 1 client make 125,001 nodes, more than 5,000: every node is built, checked and drawn, and a bigger graph no longer fits a run of seconds or a readable picture (the scenario was not checked further)`,
      },
    ]);
  });

  it('refuses the text of 150,000 chained services by their count, before the key scan and the schema read it in full', () => {
    // A key given twice near the end: the key scan, had it run first, would report that instead.
    const text = JSON.stringify(scenario(services(150_000, {}, true))).replace('{"name":"svc-149999"', '{"name":"svc-149999","name":"svc-149999"');
    expect(text.length).toBeGreaterThan(8_000_000);
    expect(text).toContain('"name":"svc-149999","name"');
    const schema = vi.spyOn(scenarioSchema, 'safeParse');
    const r = parseScenarioText(text, 'json');
    expect(schema).not.toHaveBeenCalled();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['services']);
    expect(!r.ok && r.problems[0].message).toMatch(/^150,000 services, 0 gateways and 1 client make 150,001 nodes, more than 5,000/);
    // A chain of 4,000 (under the limit, still counted first) is read in full: the key scan finds the key.
    const small = JSON.stringify(scenario(services(4_000, {}, true))).replace('{"name":"svc-3999"', '{"name":"svc-3999","name":"svc-3999"');
    const read = parseScenarioText(small, 'json');
    expect(!read.ok && read.problems[0].message).toMatch(/the key "name" is given twice/);
  });

  it('refuses YAML text of 125,000 services by a count of its lines, before the YAML parser reads it (fuzz seed 6108: 15-25 s of parsing)', () => {
    const items = Array.from({ length: 125_000 }, (_, i) => `  - name: svc-${i}\n    serviceTime: 1ms\n`).join('');
    // An unclosed quote at the end: the parser, had it run first, would report that instead.
    const text = `name: big\nduration: 1s\nclients:\n  - name: c\n    type: open\n    rate: 1\n    target: svc-0\nservices:\n${items}  - name: "svc-last\n`;
    expect(text.length).toBeGreaterThan(4_000_000);
    for (const format of ['yaml', 'auto'] as const) {
      const r = parseScenarioText(text, format);
      expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['services']);
      expect(!r.ok && r.problems[0].message).toMatch(/^125,001 services, 0 gateways and 1 client make 125,002 nodes, more than 5,000/);
    }
  });

  it("counts a YAML file's services, gateways and clients by its lines as the parser does, for every shipped scenario written as YAML", () => {
    const dir = join(import.meta.dirname, '..', '..', 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) {
      const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown[] | undefined>;
      const want = { services: data.services?.length ?? 0, gateways: data.gateways?.length ?? 0, clients: data.clients?.length ?? 0 };
      // Block style, as people write it, with the list's dashes indented and not.
      expect(countYamlNodes(stringify(data)), f).toEqual(want);
      expect(countYamlNodes(stringify(data, { indentSeq: false })), f).toEqual(want);
    }
    // Flow-style lists are left to the count after reading.
    expect(countYamlNodes('services: [{ name: a }, { name: b }]\nclients:\n- name: c\n  calls:\n  - service: a\n')).toEqual({ services: 0, gateways: 0, clients: 1 });
  });

  it(`accepts ${MAX_NODES.toLocaleString('en-US')} nodes in a chain, checked (names, loops, sizes, closed loops)`, () => {
    const n = MAX_NODES - 1;
    const data = scenario(services(n, {}, true), [{ name: 'c', type: 'closed', users: 10, target: 'svc-0', thinkTime: '0ms' }]);
    accepted(data);
    // One more node is one too many.
    expect(problemsOf(scenario(services(n + 1, {}, true)))[0].message).toMatch(/^5,000 services, 0 gateways and 1 client make 5,001 nodes, more than 5,000/);
  });

  it(`refuses more than ${MAX_HOSTS.toLocaleString('en-US')} hosts, counting replicas, gateways, clients and control planes`, () => {
    const ps = problemsOf(scenario(services(11, { replicas: 1000 })));
    expect(ps).toContainEqual({
      path: 'services',
      message: '11,001 hosts (11,000 service replicas, 0 gateway replicas, 1 client, 0 control planes), more than 10,000: each host has its own connections, random streams and place in the network, and the run would no longer build in seconds',
    });
  });

  it(`refuses more than ${MAX_PROXIES.toLocaleString('en-US')} sidecars`, () => {
    const ps = problemsOf(scenario(services(6, { replicas: 1000, sidecar: true })));
    expect(ps).toContainEqual({ path: 'services', message: expect.stringMatching(/^6,000 sidecars \(6,000 on service replicas, 0 on clients\), more than 5,000: /) });
  });

  it("admits Istio's full load test: 1,000 services × 2 replicas with sidecars and 1,000 meshed load generators", () => {
    const svcs = services(1000, { replicas: 2, concurrency: 16, sidecar: true });
    const clients = svcs.map((s, i) => ({ name: `fortio-${i}`, type: 'open', rate: 70, target: s.name, sidecar: true }));
    accepted(scenario(svcs, clients));
  });

  it('admits 5,000 sidecars over 1,250 services (a sidecar keeps endpoints only for its routes), and refuses caller × callee replicas past 4,000,000 route entries', () => {
    // 1,250 meshed services of 3 replicas and 1,250 meshed clients: 5,000 sidecars.
    const svcs = services(1250, { replicas: 3, sidecar: true });
    const clients = svcs.map((s, i) => ({ name: `c-${i}`, type: 'open', rate: 1, target: s.name, sidecar: true }));
    accepted(scenario(svcs, clients));
    // Five services of 1,000 replicas, each calling all the ones after it: 10 calls × 1,000,000.
    const dense = services(5, { replicas: 1000 }).map((s, i) => ({ ...s, calls: services(5).slice(i + 1).map((t) => ({ service: t.name })) }));
    const ps = problemsOf(scenario(dense));
    expect(ps).toEqual([{ path: 'services', message: expect.stringMatching(/^calls between replicas need 10,001,000 route entries \(for each call, the caller's replicas × the callee's\), more than 4,000,000: /) }]);
  });
});
