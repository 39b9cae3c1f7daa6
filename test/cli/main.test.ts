import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sim, simAsync, simHere, type Result } from './spawnSim';

// Each spawn costs about a second and a half of CPU, so the cases here are few and each checks
// a lot. The first case and one bad input go through a spawned `npm run sim` (its exit code and
// streams as a shell sees them); the others call the same command in this process (simHere).

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a scenario file (text as given, or an object as JSON) and returns its path. */
function scenarioFile(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const valid = {
  name: 'tiny',
  duration: '2s',
  clients: [{ name: 'users', type: 'open', rate: 50, target: 'api' }],
  services: [{ name: 'api', serviceTime: '1ms' }],
};

/** A stack trace looks like "    at fn (file:line:col)" lines, or an "Error:" header. */
function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/^\w*Error:/m);
}

describe('npm run sim', () => {
  it('--json prints exactly one JSON object with the documented keys on stdout, and nothing else', () => {
    const r = sim('scenarios/hello-mesh.json', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ scenario: 'hello-mesh', seed: 7, simulatedMs: 120_000 });
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['scenario', 'seed', 'simulatedMs', 'events', 'wallMs', 'traceHash', 'requests', 'failures', 'latencyMs', 'services']));
    expect(s.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(s.requests).sort()).toEqual(['failed', 'inFlight', 'ok', 'sent']);
    expect(s.requests.sent).toBe(s.requests.ok + s.requests.failed + s.requests.inFlight);
    expect(Object.keys(s.latencyMs).sort()).toEqual(['max', 'mean', 'p50', 'p90', 'p99']);
    expect(Object.keys(s.services)).toEqual(['frontend', 'catalog', 'cart']);
    for (const svc of Object.values(s.services) as Record<string, unknown>[]) {
      expect(svc).toHaveProperty('requests');
      expect(svc).toHaveProperty('utilization');
      expect(Object.keys(svc.latencyMs as object).sort()).toEqual(['max', 'mean', 'p50', 'p90', 'p99']);
    }
    expect(s.wallMs).toBeGreaterThan(0);
  });

  it('--seed and --duration take effect', async () => {
    const r = await simHere(['scenarios/hello-mesh.json', '--json', '--seed', '8', '--duration=10s']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.seed).toBe(8);
    expect(s.simulatedMs).toBe(10_000);
    // 40 requests/s for 10 s, not 120 s.
    expect(s.requests.sent).toBeGreaterThan(300);
    expect(s.requests.sent).toBeLessThan(500);
  });

  it('reads a YAML scenario (.yaml) and runs it exactly as the same scenario in JSON', async () => {
    const yaml = scenarioFile(
      'tiny.yaml',
      ['# the same scenario as tiny.json', 'name: tiny', 'duration: 2s', 'clients:', '  - { name: users, type: open, rate: 50, target: api }', 'services:', '  - name: api', '    serviceTime: 1ms', ''].join('\n'),
    );
    const fromYaml = await simHere([yaml, '--json']);
    expect(fromYaml.code).toBe(0);
    const fromJson = await simHere([scenarioFile('tiny-twin.json', valid), '--json']);
    const { wallMs: _a, ...a } = JSON.parse(fromYaml.stdout);
    const { wallMs: _b, ...b } = JSON.parse(fromJson.stdout);
    expect(a).toEqual(b);
  });

  it('prints a table for people without --json', async () => {
    const r = await simHere([scenarioFile('tiny.json', valid)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^scenario tiny {3}seed 1 {3}simulated 2\.00 s/);
    expect(r.stdout).toMatch(/^requests {2}sent \d+ {3}ok \d+ \(100\.00%\) {3}failed 0 \(0\.00%\)/m);
    expect(r.stdout).toMatch(/^latency {3}mean [\d.]+ ms {3}p50 1\.00 ms/m);
    expect(r.stdout).toMatch(/^service\s+attempts received\s+ok\s+failed\s+p50\s+p90\s+p99\s+utilization$/m);
    expect(r.stdout).toMatch(/^api\s+\d+/m);
  });

  it('--duration longer than the file\'s lets a fault that starts after the file\'s duration run', async () => {
    const late = { ...valid, duration: '5s', clients: [{ ...valid.clients[0], rate: 1 }], faults: [{ type: 'kill-service', service: 'api', at: '10m' }] };
    const r = await simHere([scenarioFile('late-fault.json', late), '--json', '--duration', '20m']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout);
    expect(s.simulatedMs).toBe(20 * 60_000);
    expect(s.faults).toEqual([expect.objectContaining({ type: 'kill-service', startMs: 600_000 })]);
  });

  it('a file the schema refuses also has its broken references listed, all at once with their paths (exit 2)', async () => {
    const mixed = {
      ...valid,
      clients: [{ ...valid.clients[0], rate: -5 }],
      gateways: [{ name: 'edge', routes: [{ service: 'nope' }] }],
      faults: [{ type: 'latency', from: 'api', to: 'ghost', delay: '5ms' }],
    };
    const file = scenarioFile('mixed-problems.json', mixed);
    const r = await simHere([file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}: 3 problems`,
      // At the lines the app's editor and Open file… name (trial N11, finding 8).
      'line 8: clients.users.rate: must be greater than zero (requests per second), got -5',
      'line 23: gateways.edge.routes.0.service: unknown service "nope" (services: api)',
      'line 32: faults.0.to: unknown service or gateway "ghost"',
    ]);
  });

  it('an unknown command (npm run sim -- frobnicate) is named as one, with the commands and the usage, exit 2; not "no such file"', async () => {
    const r = await simHere(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('frobnicate: unknown command (commands: run, compare, sweep, import, lint, help), and no file or shipped scenario has that name (a scenario is given by its path, scenarios/hello-mesh.json, or a shipped one\'s name, hello-mesh)');
    expect(lines[2]).toBe('usage: npm run sim -- [run] FILE [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json] [--traces FILE] [--csv FILE]');
    expect(r.stderr).not.toMatch(/no such file/);
    expectNoStackTrace(r.stderr);
    // A shipped scenario's name mistyped: the one meant.
    expect((await simHere(['retry-strom', '--seed', '3'])).stderr.split('\n')[0]).toMatch(/^retry-strom: unknown command .*; did you mean retry-storm\? /);
  });

  describe('bad input exits with code 2 and path: message lines, no stack trace', () => {
    const cases: [string, () => string[], RegExp][] = [
      ['a missing file', () => [join(tmp, 'nope.json')], /nope\.json: no such file/],
      ['malformed JSON', () => [scenarioFile('broken.json', '{\n  "name": "x",\n  "seed": 1\n  "duration": "5s"\n}')], /^\(file\): malformed JSON at line 4, column 3: /m],
      ['malformed YAML', () => [scenarioFile('broken.yaml', 'name: x\nclients:\n  - name: c\n    name: d\n')], /^\(file\): malformed YAML at line 4, column 5: the key "name" is given twice$/m],
      ['an empty file', () => [scenarioFile('empty.yaml', '\n')], /^\(file\): is empty: a scenario needs at least a name, clients and services$/m],
      ['an unknown field', () => [scenarioFile('unknown-field.json', { ...valid, colour: 'red' })], /^line 18: colour: unknown field \(fields here: \$schema, name, title, description, seed, duration, warmup, network, clients, services, gateways, meshes, kubernetes, faults, changes, layout, narrative, lesson\)$/m],
      ['an unknown service', () => [scenarioFile('unknown-service.json', { ...valid, clients: [{ ...valid.clients[0], target: 'apii' }] })], /^line 9: clients\.users\.target: unknown service "apii"/m],
      ['a negative rate', () => [scenarioFile('negative-rate.json', { ...valid, clients: [{ ...valid.clients[0], rate: -5 }] })], /^line 8: clients\.users\.rate: must be greater than zero/m],
      ['a bad duration', () => [scenarioFile('bad-duration.json', { ...valid, duration: '5 parsecs' })], /^line 3: duration: "5 parsecs" is not a duration/m],
      ['a bad --seed', () => ['scenarios/hello-mesh.json', '--seed', 'abc'], /^--seed: must be a whole number from -9007199254740991 to 9007199254740991 \(2\^53 − 1: .*\), got "abc"$/m],
      ['a fault after the file\'s duration, without --duration', () => [scenarioFile('late-fault-no-override.json', { ...valid, duration: '5s', faults: [{ type: 'kill-service', service: 'api', at: '10m' }] })], /^line 22: faults\.0\.at: starts at 10m 00s, when the run is over \(duration 5\.00 s\)$/m],
      ['a --duration within the warmup', () => ['scenarios/mm1.json', '--duration', '2s'], /^--duration: must be longer than scenarios\/mm1\.json's warmup \(5\.00 s\)$/m],
      ['an unknown option', () => ['scenarios/hello-mesh.json', '--fast'], /^--fast: unknown option/m],
      [
        'a loop that stalls only once a fault refuses its calls at once, at the client\'s field',
        () => [scenarioFile('stall-later.json', { name: 'stall-later', duration: '10s', clients: [{ name: 'users', type: 'closed', users: 10, thinkTime: '0ms', target: 'api' }], services: [{ name: 'api', serviceTime: '1ms' }], faults: [{ type: 'kill-service', service: 'api', at: '5s' }] })],
        /stall-later\.json: clients\.users: the simulated clock stopped at t = 5 s: .* failed at once \(a connection refused by a killed replica/m,
      ],
    ];
    const results = new Map<string, Result>();
    beforeAll(async () => {
      // The first case through a spawned CLI, the others in this process.
      const [first, ...rest] = cases;
      results.set(first[0], await simAsync(first[1]()));
      for (const c of rest) results.set(c[0], await simHere(c[1]()));
    }, 60_000);

    it.each(cases)('%s', (what, _args, expected) => {
      const r = results.get(what)!;
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(expected);
      expectNoStackTrace(r.stderr);
    });
  });
});
