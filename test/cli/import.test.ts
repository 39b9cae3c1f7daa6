import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseImportArgs } from '../../src/cli/import';
import { parseScenarioText } from '../../src/scenario';
import { simAsync, simHere } from './spawnSim';

// The first two cases go through a spawned `npm run sim` (an import that writes its scenario, and a
// refused one); the others run the same command in this process (simHere), one at a time: a spawn
// costs about 1.5 s of CPU.

const B = 'examples/bookinfo';

describe('npm run sim -- import', () => {
  it('imports Bookinfo with route-to-v1 into a YAML scenario whose comments name each value\'s manifest line, exit 0, warnings on stderr', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'meshsim-import-')), 'bookinfo.yaml');
    const r = await simAsync(['import', `${B}/platform`, `${B}/tasks/route-to-v1`, '--workload', `${B}/workload.yaml`, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const err = r.stderr.trim().split('\n');
    // One line for the six Deployments' dropped pod templates, as the app's notice has it (T3's trial, 6).
    expect(err[0]).toBe('warning: examples/bookinfo/platform/apps.yaml:31, 64, 97, 118, 139, 172: spec.template.spec: not modelled (dropped): what the app does comes from the workload file');
    expect(err.filter((l) => l.includes('spec.template.spec'))).toHaveLength(1);
    expect(err[err.length - 2]).toBe(`wrote ${out}: 15 resources read, 9 warnings`);
    // Then lint's static rules on what was imported: counts, and the command for them all (trial T5, 3).
    expect(err[err.length - 1]).toBe(`lint (its rules read from the settings, before simulating): 0 errors, 1 warning, 1 info; all of them, with the simulated rules' figures: npm run sim -- lint ${B}/platform ${B}/tasks/route-to-v1 --workload ${B}/workload.yaml`);
    const text = readFileSync(out, 'utf8');
    // Its namespace from metadata.namespace, named where it was read (session 53, N1).
    expect(text).toContain('  - name: productpage # examples/bookinfo/platform/apps.yaml:6 metadata.name\n    namespace: bookinfo # examples/bookinfo/platform/apps.yaml:7 metadata.namespace\n    replicas: 2 # examples/bookinfo/platform/apps.yaml:21 spec.replicas\n');
    expect(text).toContain('- service: reviews-v1 # examples/bookinfo/workload.yaml:32 apps[0].calls[1].service; examples/bookinfo/tasks/route-to-v1/virtual-service-reviews.yaml:11 spec.http[0].route');
    // The written file is a scenario meshsim runs.
    const p = parseScenarioText(text, 'yaml');
    expect(p.ok).toBe(true);
  });

  it("warns with lint's error when the import will fail every request (a plaintext client of a STRICT service, MS006 with its fix), exit 0; a fault in the workload at its own line", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: { istio-injection: enabled }\n';
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec:\n  selector: { app: web }\n  ports: [{ name: http, port: 8080 }]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels: { app: web }\n';
    const pa = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  mtls: { mode: STRICT }\n';
    const m = join(dir, 'platform.yaml');
    const text = [ns, svc, pa].join('---\n');
    writeFileSync(m, text);
    const modeLine = text.split('\n').indexOf('  mtls: { mode: STRICT }') + 1;
    const wl = 'name: t\nduration: 5s\nclients:\n  - { name: users, type: open, rate: 10, target: web }\napps:\n  - { name: web, serviceTime: 1ms }\n';
    writeFileSync(join(dir, 'wl.yaml'), wl);
    writeFileSync(join(dir, 'wl-fault.yaml'), wl + 'faults:\n  - { type: latency, service: web, replica: 0, delay: 800ms, at: 1s }\n');
    const r = await simHere(['import', m, '--workload', join(dir, 'wl.yaml'), '-o', join(dir, 'out.yaml')]);
    expect(r.code).toBe(0);
    const err = r.stderr.trim().split('\n');
    expect(err).toContain(`warning: ${m}:${modeLine}: spec.mtls.mode: lint error MS006 mtls-mismatch: web accepts only mutual TLS (STRICT), but users has no sidecar and sends plaintext: every call users -> web is rejected (tls-plaintext-rejected); fix: Give users a sidecar (sidecar injection on its pods), or set mtls: PERMISSIVE on web while plaintext callers remain`);
    expect(err[err.length - 1]).toMatch(new RegExp(`^lint \\(its rules read from the settings, before simulating\\): 1 error \\(above\\), .*; all of them, with the simulated rules' figures: npm run sim -- lint ${m} --workload ${join(dir, 'wl.yaml')}$`));
    const f = await simHere(['import', m, '--workload', join(dir, 'wl-fault.yaml')]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain(`${join(dir, 'wl-fault.yaml')}:8: faults[0].replica: unknown field (fields here: type, service, from, to, delay, at, for)\n`);
  });

  it('writes JSON with -o .json, and YAML on stdout without -o', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    const j = await simHere(['import', `${B}/platform`, `${B}/tasks/route-to-v1`, '--workload', `${B}/workload.yaml`, '-o', join(dir, 's.json')]);
    const y = await simHere(['import', `${B}/platform/namespace.yaml`, `${B}/platform/apps.yaml`, `${B}/tasks/circuit-breaking`, `--workload=${B}/workload-load-test.yaml`]);
    expect([j.code, y.code]).toEqual([0, 0]);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')).services.map((s: { name: string }) => s.name)).toEqual(['productpage', 'details', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings']);
    expect(parse(y.stdout).services[1]).toMatchObject({ name: 'details', policy: { circuitBreaker: { maxConnections: 1, maxPendingRequests: 1 } } });
  });

  it('exits 2 on a malformed manifest, printing file:line: path: message and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: -1\n');
    const r = await simAsync(['import', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`${join(dir, 'bad.yaml')}:6: spec.replicas: must be between 0 and ${Number.MAX_SAFE_INTEGER}, got -1`);
  });

  it('exits 2 on a missing file, an empty folder, a missing workload and an unknown option, naming each', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    const a = await simHere(['import', 'no/such.yaml', empty, '--workload', 'nope.yaml']);
    const b = await simHere(['import', `${B}/platform`, '--frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toEqual(['no/such.yaml: no such file or folder', `${empty}: a folder with no .yaml or .yml files`, '--workload: nope.yaml: no such file']);
    expect(b.code).toBe(2);
    expect(b.stderr.split('\n')[0]).toBe('--frobnicate: unknown option (try import --help)');
  });
});

describe('import as a new user gets it wrong: path: message and exit 2, never a stack trace', () => {
  it('a typo in a manifest, a folder or a missing folder for -o (said before the import), an empty file, and lint of the typo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    writeFileSync(join(dir, 'typo.yaml'), readFileSync(`${B}/platform/apps.yaml`, 'utf8').replace('replicas: 2', 'replcas: 2'));
    writeFileSync(join(dir, 'empty.yaml'), '');
    mkdirSync(join(dir, 'out.yaml'));
    const typo = await simHere(['import', join(dir, 'typo.yaml')]);
    const toDir = await simHere(['import', `${B}/platform`, '-o', join(dir, 'out.yaml')]);
    const toMissing = await simHere(['import', `${B}/platform`, '-o', join(dir, 'no', 'x.yaml')]);
    const empty = await simHere(['import', join(dir, 'empty.yaml')]);
    const lint = await simHere(['lint', join(dir, 'typo.yaml')]);
    const typoLine = `${join(dir, 'typo.yaml')}:21: spec.replcas: unknown field; did you mean replicas? (Kubernetes and Istio refuse a field their schema lacks; left as it is, replicas would take its default)`;
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim().split('\n').filter((l) => !l.startsWith('warning: '))).toEqual([typoLine]);
    expect(lint).toMatchObject({ code: 2, stdout: '' });
    expect(lint.stderr.trim()).toBe(typoLine);
    expect(toDir).toMatchObject({ code: 2, stdout: '', stderr: `-o: ${join(dir, 'out.yaml')} is a folder; give a file name, e.g. ${join(dir, 'out.yaml')}/scenario.yaml\n` });
    expect(toMissing).toMatchObject({ code: 2, stdout: '', stderr: `-o: cannot write ${join(dir, 'no', 'x.yaml')}: its folder ${join(dir, 'no')} does not exist\n` });
    expect(empty).toMatchObject({ code: 2, stdout: '', stderr: `${join(dir, 'empty.yaml')}:1: holds no Kubernetes or Istio resource (Deployment, Service, VirtualService, ...)\n` });
    for (const r of [typo, toDir, toMissing, empty, lint]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('import of a folder that holds the workload beside the manifests, as lint takes it', () => {
  it('uses the folder\'s workload.yaml as the workload, with a note (it was read as a manifest: "kind: is required", exit 2), also when --workload names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    for (const f of ['namespace.yaml', 'apps.yaml', 'gateway.yaml']) writeFileSync(join(dir, f), readFileSync(join(B, 'platform', f), 'utf8'));
    writeFileSync(join(dir, 'workload.yaml'), readFileSync(join(B, 'workload.yaml'), 'utf8'));
    const inFolder = await simHere(['import', dir]);
    expect(inFolder.stderr).not.toContain('kind: is required');
    expect(inFolder.stderr).toContain(`note: ${join(dir, 'workload.yaml')}: read as the workload of the manifests (give --workload to choose another)`);
    expect(inFolder.code).toBe(0);
    const sc = parse(inFolder.stdout);
    // The workload's two clients (readers 20/s, jason 2/s), not the default one of 10/s.
    expect(sc.clients.map((c: { name: string; rate: number }) => [c.name, c.rate])).toEqual([['readers', 20], ['jason', 2]]);
    const named = await simHere(['import', dir, '--workload', join(dir, 'workload.yaml')]);
    expect([named.code, named.stdout]).toEqual([0, inFolder.stdout.replace(` Imported by meshsim from ${dir}.`, ` Imported by meshsim from ${dir}, ${join(dir, 'workload.yaml')}.`)]);
    expect(named.stderr).not.toContain('note:');
    writeFileSync(join(dir, 'workload-2.yaml'), readFileSync(join(B, 'workload-load-test.yaml'), 'utf8'));
    const two = await simHere(['import', dir]);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(`--workload: 2 workload files among the inputs (${join(dir, 'workload-2.yaml')}, ${join(dir, 'workload.yaml')}): say which with --workload FILE\n`);
  });
});

describe('import refuses what it cannot read, fast and in one line', () => {
  it('a 50 MB file exits 2 by its size before it is read, and binary data is named by its byte, not printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-import-'));
    // Malformed YAML first: had the file been read before its size was checked, the parser's
    // error would come out instead. (No wall-clock bound: vitest's timeout guards against a hang.)
    const big = Buffer.alloc(50_000_000, 0x23);
    big.write('k: [\n');
    writeFileSync(join(dir, 'big.yaml'), big);
    writeFileSync(join(dir, 'junk.yaml'), Buffer.from([0x6b, 0x3a, 0x20, 0x00, 0xff, 0x13, 0x80, 0x41]));
    const bigRun = await simHere(['import', join(dir, 'big.yaml')]);
    const junk = await simHere(['import', join(dir, 'junk.yaml')]);
    expect(bigRun.code).toBe(2);
    expect(bigRun.stderr.trim()).toBe(`${join(dir, 'big.yaml')}: is 50.0 MB, more than the 5.0 MB an input file may be (5 MB of manifests takes seconds and 400 MB to read); split it, or give only the resources of one mesh`);
    expect(junk.code).toBe(2);
    expect(junk.stderr.trim()).toBe(`${join(dir, 'junk.yaml')}:1: is not text (binary data from its 4th byte); manifests are YAML text files`);
  });
});

describe('import arguments', () => {
  it('take inputs, --workload (also --workload=FILE) and -o/--out, whose extension decides the format', () => {
    expect(parseImportArgs(['a', 'b/', '--workload=w.yaml', '-o', 'x.json'])).toEqual({ ok: true, args: { inputs: ['a', 'b/'], workload: 'w.yaml', out: 'x.json', help: false } });
    expect(parseImportArgs(['a', '-o', 'x.txt'])).toEqual({ ok: false, problems: ['-o: "x.txt" must end in .yaml, .yml or .json (it decides the format)'] });
    expect(parseImportArgs(['--workload'])).toEqual({ ok: false, problems: ['--workload: expected a workload file, e.g. --workload examples/bookinfo/workload.yaml, got nothing', 'FILES_OR_DIRS: give manifest files or folders, e.g. import examples/bookinfo/platform --workload examples/bookinfo/workload.yaml'] });
  });
});
