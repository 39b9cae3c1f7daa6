import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, type Finding } from '../../src/cli/lint';

// Lint on the Bookinfo example (examples/bookinfo): its manifests imported with its workload.
// The product page gives reviews 3 s a try and one retry (6 s in all), while reviews v2 and v3
// give ratings 10 s: the inner timeout outlives its caller (MS002), with those numbers. The
// product page's sidecar adds Istio's default 2 retries under each of the app's 2 tries: 6 tries
// at a 503, flattened into one route policy by the importer (callerTries 6, 2 of them in time).

const platform = 'examples/bookinfo/platform';
const workload = 'examples/bookinfo/workload.yaml';

function run(...inputs: string[]) {
  const r = lint({ inputs, workload, json: true, failOn: 'error', simulate: true, help: false });
  if (!r.ok) throw new Error(r.lines.join('\n'));
  return r;
}

const timeouts = (fs: Finding[]) => fs.filter((f) => f.code === 'MS002').map((f) => ({ callee: f.resource.name, ...f.figure.values }));

describe('lint on Bookinfo', () => {
  it('finds reviews v2 and v3 waiting 10 s for ratings while the product page waits 3 s a try (6 s over 2 tries), at the workload line that says so', () => {
    const { report, notes } = run(platform);
    expect(timeouts(report.findings)).toEqual([
      { callee: 'reviews-v2', innerMs: 10_000, callerTryMs: 3000, callerTotalMs: 6000, callerTries: 6, callerFullTries: 2, inner: 'reviews-v2 -> ratings', caller: 'productpage -> reviews-v2' },
      { callee: 'reviews-v3', innerMs: 10_000, callerTryMs: 3000, callerTotalMs: 6000, callerTries: 6, callerFullTries: 2, inner: 'reviews-v3 -> ratings', caller: 'productpage -> reviews-v3' },
    ]);
    const f = report.findings.find((x) => x.code === 'MS002')!;
    expect(f.resource.file).toBe(workload);
    expect(f.field).toMatch(/^apps\[\d\]\.calls\[0\]\.policy/);
    expect(f.scenarioField).toMatch(/^services\.\d\.calls\.0\.policy\.timeout$/);
    expect(f.message).toBe('reviews-v2 waits up to 10 s for ratings (its timeout of 10 s), but productpage waits 3 s a try (6 s over 2 tries) for reviews-v2: productpage gives up while reviews-v2 still waits');
    // Without a VirtualService, requests spread over the three versions' pods, which the simulator
    // runs: with ratings failing, the product page's 2 tries, its sidecar's 3 under each (Istio's
    // default) and reviews' sidecar's 3 (Istio's default) make 18, an error (10 or more).
    expect(report.scenarios).toEqual([{ name: 'bookinfo', files: expect.any(Array), kind: 'manifests', simulated: true }]);
    expect(notes).toContain('note: import: 10 warnings (kinds and fields not modelled, and choices made for you such as flattened retries; meshsim import lists them)');
    const storm = report.findings.find((x) => x.code === 'MS001')!;
    expect(storm.figure.values).toMatchObject({ service: 'ratings', expectedFromConfig: 18, layers: 2 });
    expect(storm.figure.values.attemptsPerRequest).toBeCloseTo(17.9, 1);
    expect(storm.severity).toBe('error');
    // The layer nearest ratings retries by Istio's default, which no file shows: the fix says how to turn it off in Istio.
    expect(storm.fix).toContain("; reviews-v2 -> ratings retries by Istio's default (2 retries at a sidecar when nothing sets retries): retries.attempts: 0 there turns it off (in Istio, a VirtualService for ratings whose http route sets retries: {attempts: 0})");
    expect(report.exitCode).toBe(1);
    // The flattened route timeout (the app's 2 tries of 3 s) is not read as tries that miss it.
    expect(report.findings.filter((x) => x.code === 'MS003')).toEqual([]);
  });

  it('with the 2 s timeout on reviews, the product page waits 2 s a try for reviews-v2, and ratings still gets 10 s', () => {
    const { report } = run(platform, 'examples/bookinfo/tasks/timeout-reviews');
    expect(timeouts(report.findings)).toEqual([{ callee: 'reviews-v2', innerMs: 10_000, callerTryMs: 2000, callerTotalMs: 4000, callerTries: 6, callerFullTries: 2, inner: 'reviews-v2 -> ratings', caller: 'productpage -> reviews-v2' }]);
    // Every request goes to v2 there: the simulator runs it.
    expect(report.scenarios[0].simulated).toBe(true);
  });

  it('with the circuit-breaking task, outlier detection on details (1 replica) is found once, at the DestinationRule', () => {
    const { report } = run(platform, 'examples/bookinfo/tasks/circuit-breaking');
    const f = report.findings.filter((x) => x.code === 'MS005');
    expect(f.map((x) => [x.resource.kind, x.resource.name, x.resource.file, x.field])).toEqual([['DestinationRule', 'details', 'examples/bookinfo/tasks/circuit-breaking/destination-rule-details.yaml', 'spec.trafficPolicy.outlierDetection']]);
  });

  it('says once, as info, that the six services left at Istio\'s default PERMISSIVE need no plaintext: one PeerAuthentication for the namespace is the fix (it was a warning per service)', () => {
    const { report } = run(platform);
    const f = report.findings.filter((x) => x.code === 'MS008');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', resource: { kind: 'Service', name: 'productpage', namespace: 'bookinfo', file: 'examples/bookinfo/platform/apps.yaml' } });
    expect(f[0].figure.values).toMatchObject({ services: 6, serviceNames: 'productpage, details, reviews-v1, reviews-v2, reviews-v3, ratings', callers: 4, meshedCallers: 4, byDefault: true });
    expect(f[0].message).toContain("6 services accept plaintext (PERMISSIVE: no PeerAuthentication sets their mode, and Istio's default is PERMISSIVE)");
    expect(f[0].message).toContain('productpage (called by bookinfo-gateway)');
    expect(f[0].message).toContain("Istio's proxies already send each other mutual TLS (auto mTLS)");
    expect(f[0].fix).toBe('Once nothing outside the mesh calls them, apply one PeerAuthentication with mtls.mode: STRICT in namespace bookinfo (or mesh-wide: named default, in istio-system)');
    expect(report.counts).toEqual({ error: 1, warning: 3, info: 1 });
    // A fix for manifests names the manifest field, which the importer reads (trafficPolicy.retryBudget).
    expect(report.findings.find((x) => x.code === 'MS004')!.fix).toBe('Give ratings a retry budget (a DestinationRule for it with trafficPolicy.retryBudget: percent 20, minRetryConcurrency 3; Istio 1.27+), or retry at fewer callers');
  });

  it('with a PeerAuthentication that sets PERMISSIVE for the namespace, the one finding is at its line, and STRICT there leaves none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-pa-'));
    tmps.push(dir);
    const pa = (mode: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: bookinfo\nspec:\n  mtls:\n    mode: ${mode}\n`;
    writeFileSync(join(dir, 'pa.yaml'), pa('PERMISSIVE'));
    const f = run(platform, dir).report.findings.filter((x) => x.code === 'MS008');
    expect(f.map((x) => [x.resource.kind, x.resource.file, x.resource.line, x.field, x.figure.values.services, x.figure.values.byDefault])).toEqual([['PeerAuthentication', join(dir, 'pa.yaml'), 8, 'spec.mtls.mode', 6, false]]);
    expect(f[0].fix).toBe('Once nothing outside the mesh calls productpage, details, reviews-v1, reviews-v2, reviews-v3, ratings, set mtls.mode: STRICT in this PeerAuthentication');
    writeFileSync(join(dir, 'pa.yaml'), pa('STRICT'));
    expect(run(platform, dir).report.findings.filter((x) => x.code === 'MS008')).toEqual([]);
  });
});

describe('lint on Bookinfo with a retry budget for ratings', () => {
  it('a DestinationRule retryBudget on ratings (10%, at least 1) ends MS004 there, and MS001 measures 9.8 attempts at ratings instead of 17.9: a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-budget-'));
    tmps.push(dir);
    writeFileSync(join(dir, 'dr.yaml'), 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ratings\n  namespace: bookinfo\nspec:\n  host: ratings\n  trafficPolicy:\n    retryBudget: { percent: 10, minRetryConcurrency: 1 }\n');
    const { report } = run(platform, dir);
    expect(report.findings.filter((x) => x.code === 'MS004')).toEqual([]);
    const storm = report.findings.find((x) => x.code === 'MS001')!;
    expect(storm.figure.values.attemptsPerRequest).toBeCloseTo(9.8, 1);
    expect(storm.severity).toBe('warning');
  });
});

const tmps: string[] = [];
afterAll(() => tmps.forEach((d) => rmSync(d, { recursive: true, force: true })));
