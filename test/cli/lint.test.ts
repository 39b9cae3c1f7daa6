import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintMain, type LintReport } from '../../src/cli/lint';
import { simAsync } from './spawnSim';

// `lint` in-process (lintMain with its output captured), and once through `npm run sim -- lint`.

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-lint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function lint(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await lintMain(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const VS_TO_V4 = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews, subset: v4 }
      weight: 20
    - destination: { host: reviews, subset: v1 }
      weight: 80
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels: { version: v1 }
`;

describe('meshsim lint', () => {
  it('retry-storm: the JSON report has schemaVersion 1, findings sorted by severity then line, MS001 measured at 27 attempts, and exits 1 on its error', async () => {
    const r = await lint('scenarios/retry-storm.json', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as LintReport;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'inputs', 'scenarios', 'findings', 'counts', 'failOn', 'exitCode']);
    expect(report.schemaVersion).toBe(1);
    expect(report.scenarios).toEqual([{ name: 'retry-storm', files: ['scenarios/retry-storm.json'], kind: 'scenario', simulated: true }]);
    // By severity, then line: the one error, MS001 (README's example), first; it came last, by line (trial N7, finding 8).
    expect(report.findings.map((f) => [f.code, f.severity, f.resource.line, f.field])).toEqual([
      ['MS001', 'error', 26, 'services.2.policy.retries'],
      ['MS002', 'warning', 16, 'gateways.0.routes.0.policy.timeout'],
      ['MS009', 'warning', 16, 'gateways.0.routes.0.policy.timeout'],
      // One MS008 for the three services left at the default PERMISSIVE (it was one each).
      ['MS008', 'info', 19, 'services.0.mtls'],
    ]);
    const storm = report.findings.find((f) => f.code === 'MS001')!;
    expect(Object.keys(storm)).toEqual(['code', 'rule', 'severity', 'resource', 'field', 'message', 'figure', 'fix', 'simulated']);
    expect(storm).toMatchObject({ rule: 'retry-amplification', severity: 'error', simulated: true, resource: { kind: 'Service', name: 'payments', file: 'scenarios/retry-storm.json', line: 26 } });
    expect(storm.figure.values).toMatchObject({ attemptsPerRequest: 27, attemptsPerRequestHealthy: 1, layers: 3, expectedFromConfig: 27 });
    expect(storm.message).toBe('with payments failing (503), each user request that reaches it becomes 27.0 attempts at payments: the retries of 3 layers multiply (up to api -> web 3, web -> orders 3, orders -> payments 3 tries: 27 by the config)');
    expect(report.counts).toEqual({ error: 1, warning: 2, info: 1 });
    expect(report).toMatchObject({ failOn: 'error', exitCode: 1 });
    // The table too opens with README's "MS001: retries at 3 layers, 27 attempts"; for people, each
    // item by its name (the form sweep --set takes), where the JSON keeps the rules' index paths.
    const text = await lint('scenarios/retry-storm.json');
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'scenarios/retry-storm.json:26: error MS001 retry-amplification (Service payments) services.payments.policy.retries',
      `  ${storm.message}`,
    ]);
  });

  it('exit codes follow --fail-on: retry-storm-fixed has one info finding only (0 by default and at warning, 1 at info); never gives 0 whatever is found', async () => {
    const fixed = await lint('scenarios/retry-storm-fixed.json');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('linted retry-storm-fixed (simulated): 0 errors, 0 warnings, 1 info (fail-on error: exit 0)');
    expect(fixed.stdout).not.toContain('MS001');
    expect((await lint('scenarios/retry-storm-fixed.json', '--fail-on', 'warning', '--no-simulate')).code).toBe(0);
    expect((await lint('scenarios/retry-storm-fixed.json', '--fail-on', 'info', '--no-simulate')).code).toBe(1);
    expect((await lint('scenarios/retry-storm.json', '--fail-on=never', '--no-simulate')).code).toBe(0);
  });

  it('prints each finding as file:line: severity code rule (resource) field, with its message, figure and fix', async () => {
    const r = await lint('scenarios/retry-storm.json');
    expect(r.stdout).toContain(`scenarios/retry-storm.json:26: error MS001 retry-amplification (Service payments) services.payments.policy.retries
  with payments failing (503), each user request that reaches it becomes 27.0 attempts at payments`);
    expect(r.stdout).toMatch(/\n {2}figure: 27\.0 attempts at payments per user request while it fails \(1\.0 while it works\), measured over the first requests of 20 s simulated \[simulated\]\n {2}fix: Retry at one layer only/);
  });

  it('reads a folder of manifests: a route to an undefined subset is MS007 at its file:line, with 20% of the traffic', async () => {
    const dir = join(tmp, 'mesh');
    mkdirSync(dir);
    writeFileSync(join(dir, 'reviews.yaml'), VS_TO_V4);
    writeFileSync(join(dir, 'notes.json'), '{"not": "a scenario"}');
    const r = await lint(dir, '--json', '--no-simulate');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`note: ${join(dir, 'notes.json')}: skipped (neither a scenario nor Kubernetes manifests)`);
    const report = JSON.parse(r.stdout) as LintReport;
    expect(report.findings.map((f) => [f.code, `${f.resource.file}:${f.resource.line}`, f.field, f.figure.values.weightPercent])).toEqual([['MS007', `${join(dir, 'reviews.yaml')}:9`, 'spec.http[0].route[0].destination.subset', 20]]);
  });

  it('bad input exits 2 with each problem as path: message and the usage, never a stack trace', async () => {
    const r = await lint('scenarios/nope.json', '--fail-on', 'sometimes', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['--fail-on: expected one of error, warning, info, never, got "sometimes"', '--frobnicate: unknown option (try lint --help)']);
    expect(r.stderr).toContain('usage: meshsim lint FILES_OR_DIRS...');
    const missing = await lint('scenarios/nope.json');
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'scenarios/nope.json: no such file or folder\n' });
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', clients: [{ name: 'c', type: 'open', rate: -1, target: 's' }], services: [{ name: 's', serviceTime: '1ms' }] }));
    const invalid = await lint(bad);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`${bad}: 1 problem\n`);
    // At its line, the client by its name, as run and sweep list a file's problems.
    expect(invalid.stderr).toContain('line 1: clients.c.rate: must be greater than zero');
    expect((await lint('scenarios/hello-mesh.json', '--workload', 'w.yaml')).stderr).toBe('--workload: a workload applies to Kubernetes manifests, and no input is one\n');
  });

  it('a malformed manifest (replicas "two") exits 2 with file:line: path: message, as import does (it exited 0 with a note)', async () => {
    const dir = join(tmp, 'two');
    mkdirSync(dir);
    writeFileSync(join(dir, 'web.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "two"\n');
    expect(await lint(dir)).toEqual({ code: 2, stdout: '', stderr: `${join(dir, 'web.yaml')}:6: spec.replicas: expected a whole number, got "two"\n` });
  });

  it('a folder with nothing to lint, and a file over 5 MB, exit 2 naming the path (they gave exit 0, and a parse of minutes)', async () => {
    const dir = join(tmp, 'nothing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'hi\n');
    expect(await lint(dir)).toEqual({ code: 2, stdout: '', stderr: `${dir}: a folder with no .json, .yaml or .yml files: nothing to lint\n` });
    const big = join(tmp, 'big.yaml');
    // It ends in malformed YAML: had it been read before its size was checked, the parser's error would show.
    writeFileSync(big, 'apiVersion: v1\nkind: ConfigMap\n' + '#'.repeat(6_000_000) + '\nk: [\n');
    const r = await lint(big);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${big}: is 6.0 MB, more than the 5.0 MB an input file may be (5 MB of manifests takes seconds and 400 MB to read); split it, or give only the resources of one mesh\n` });
  });

  it('gives the same bytes on every run (the simulation is seeded, the order fixed)', async () => {
    const a = await lint('scenarios/hello-mesh.json', 'scenarios/two-meshes-via-gateway.json', '--json');
    const b = await lint('scenarios/two-meshes-via-gateway.json', 'scenarios/hello-mesh.json', '--json');
    const findings = (r: { stdout: string }) => JSON.stringify((JSON.parse(r.stdout) as LintReport).findings);
    expect(findings(a)).toBe(findings(b));
    expect((await lint('scenarios/hello-mesh.json', 'scenarios/two-meshes-via-gateway.json', '--json')).stdout).toBe(a.stdout);
  });

  it('npm run sim -- lint runs the same command', async () => {
    const r = await simAsync(['lint', 'scenarios/retry-storm.json', '--no-simulate', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as LintReport;
    expect(report.findings.map((f) => f.code)).toEqual(['MS002', 'MS009', 'MS008']);
    expect(report.scenarios[0].simulated).toBe(false);
  });
});
