import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, simHere } from './spawnSim';

// The package as users get it: `npm pack` (whose prepack builds dist-cli/), installed from the
// tarball into an empty folder, and the `meshsim` bin run there (once through npx, then by the
// link npx would run), with no TypeScript runner and no repository around it. Slow (npm pack
// builds the bundle, npm install fetches piscina, each run starts a Node: 55 s in all at a load
// average of 20 on 2 cores), so it is one file with long timeouts.

const work = mkdtempSync(join(tmpdir(), 'meshsim-pack-'));
const app = join(work, 'app');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The installed bin run as npx runs it (node_modules/.bin/meshsim, the link npm made from
 * package.json's `bin`), without npx's own start of npm (half a second to a second and a half
 * each). The first test goes through npx itself.
 */
const meshsim = (args: string[]) => run(join(app, 'node_modules', '.bin', 'meshsim'), args, app);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the test worker (npm takes seconds). */
function run(cmd: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const FIXTURE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews, subset: v2 }
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

describe('npm pack, installed into an empty folder', () => {
  let tarball = '';
  beforeAll(async () => {
    const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], root);
    expect(packed.code, packed.stderr).toBe(0);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    await run('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'uses-meshsim', private: true }));
    writeFileSync(join(app, 'mesh.yaml'), FIXTURE);
    // --prefer-offline: piscina comes from npm's cache when it is there (after `npm ci` it is),
    // without asking the registry whether a newer one came out.
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--silent', tarball], app);
    expect(installed.code, installed.stderr).toBe(0);
  }, 240_000);

  it('ships the built bin, its sweep worker and the scenarios, and no TypeScript', async () => {
    const list = await run('tar', ['tzf', tarball], work);
    const files = list.stdout.trim().split('\n').sort();
    expect(files).toContain('package/dist-cli/meshsim.js');
    expect(files).toContain('package/dist-cli/sweep-worker.js');
    expect(files).toContain('package/scenarios/hello-mesh.json');
    // The README's links into docs/ (the CLI reference, the scenario files) resolve in the package too.
    for (const doc of ['cli', 'scenario-files', 'app']) expect(files).toContain(`package/docs/${doc}.md`);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('npx meshsim run hello-mesh --json runs the shipped scenario by name: the same trace hash as from source', async () => {
    // The run from source goes at the same time, in this process (src/cli's runCli; through tsx it
    // cost about 4 s of CPU to transpile src/ first).
    const [r, fromSource] = await Promise.all([run('npx', ['--no-install', 'meshsim', 'run', 'hello-mesh', '--json'], app), simHere(['scenarios/hello-mesh.json', '--json'])]);
    expect(fromSource.code, fromSource.stderr).toBe(0);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.scenario).toBe('hello-mesh');
    expect(s.requests.sent).toBe(s.requests.ok + s.requests.failed + s.requests.inFlight);
    expect(s.traceHash).toBe(JSON.parse(fromSource.stdout).traceHash);
  }, 60_000);

  it('meshsim lint (the installed bin) finds the undefined subset in a manifest (exit 1) and the retry storm by simulating (27 attempts); --fail-on never exits 0', async () => {
    const [manifest, storm, never] = await Promise.all([meshsim(['lint', 'mesh.yaml']), meshsim(['lint', 'retry-storm', '--json']), meshsim(['lint', 'mesh.yaml', '--fail-on', 'never'])]);
    expect(manifest.code).toBe(1);
    expect(manifest.stdout).toContain('mesh.yaml:9: error MS007 undefined-subset (VirtualService default/reviews) spec.http[0].route[0].destination.subset');
    expect(storm.code).toBe(1);
    const report = JSON.parse(storm.stdout);
    expect(report.findings.find((f: { code: string }) => f.code === 'MS001').figure.values.attemptsPerRequest).toBe(27);
    expect(never.code).toBe(0);
  }, 60_000);

  it('meshsim sweep (the installed bin) runs its jobs on worker threads from the installed package', async () => {
    const r = await meshsim(['sweep', 'mm1', '--seeds', '2', '--duration', '8s', '--jobs', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).runs).toHaveLength(2);
  }, 60_000);

  it('meshsim (the installed bin) with a bad option exits 2 and prints the usage', async () => {
    const r = await meshsim(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: meshsim run FILE|NAME');
  });
});

describe('the bin names shipped scenarios', () => {
  it('a bare name becomes the shipped scenario file; paths, flag values and names of files here are kept', async () => {
    const { resolveScenarioName } = await import('../../src/cli/dispatch');
    const dirs = [join(root, 'scenarios/')];
    expect(resolveScenarioName('hello-mesh', dirs)).toBe(join(root, 'scenarios/hello-mesh.json'));
    expect(resolveScenarioName('no-such-scenario', dirs)).toBe('no-such-scenario');
    expect(resolveScenarioName('30s', dirs)).toBe('30s');
    expect(resolveScenarioName('--json', dirs)).toBe('--json');
    expect(resolveScenarioName('scenarios/mm1.json', dirs)).toBe('scenarios/mm1.json');
    // A file or folder of that name in the working folder (the repository root here) wins.
    expect(resolveScenarioName('scenarios', [root])).toBe('scenarios');
    expect(resolveScenarioName('package', [root])).toBe(join(root, 'package.json'));
    expect(resolveScenarioName('README.md', dirs)).toBe('README.md');
  });
});
