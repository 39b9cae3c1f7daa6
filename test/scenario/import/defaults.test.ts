import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/models';
import { scenarioYaml } from '../../../src/scenario/import';
import { NAMESPACE, app, imp, service, virtualService, workload } from './helpers';

// Istio's default retries at a sidecar (2 retries on connect-failure, refused-stream and 503;
// istio/istio pilot/pkg/networking/core/route/retry/retry.go DefaultPolicy) where the manifests
// are silent, when an app retries too: the importer flattens both layers into one route policy.

const vs = (http: string) => virtualService('b', http);

/** a calls b with its own client's retries (1 retry, 3 s a try, on gateway errors). */
const appRetries = `  - name: a
    serviceTime: 1ms
    calls:
      - service: b
        policy: { retries: { attempts: 1, perTryTimeout: 3s, retryOn: [gateway-error] } }
  - { name: b, serviceTime: 2ms }`;

const base = { 'ns.yaml': NAMESPACE, 'a.yaml': app('a'), 'b.yaml': app('b') };

describe("Istio's default retries, kept where the manifests are silent", () => {
  it("with no VirtualService, a meshed app's 1 retry times its sidecar's default 3 tries: 5 retries, 6 s (the app's 2 tries of 3 s) in all", () => {
    const r = imp(base, workload('a', appRetries));
    expect(r.e).toEqual([]);
    expect(service(r, 'a').calls[0].policy).toEqual({
      timeout: '6s',
      retries: { attempts: 5, perTryTimeout: '3s', retryOn: ['gateway-error', 'connect-failure', 'refused-stream', 'retriable-status-codes'], retriableStatusCodes: [503] },
    });
    expect(r.w).toContain(
      "workload.yaml:10: apps[0].calls[0].policy: the app's own timeout/retries and its sidecar's are flattened into one route policy (the model has one router per call): retries: the app's 1 and Istio's default 2 at the sidecar (no VirtualService sets retries) multiply to 5 (6 tries at a failure both layers retry); the app gives up after its 2 tries of 3s: timeout 6s",
    );
    expect(r.flattened).toEqual(['services.0.calls.0']);
    // The YAML names where the default comes from: the namespace's injection label, and why.
    const yaml = scenarioYaml(r.scenario!, r.provenance);
    expect(yaml).toContain("# workload.yaml:10 apps[0].calls[0].policy.retries; ns.yaml:6 metadata.labels.istio-injection (a sidecar and no VirtualService: Istio's default retries, 2 on connect-failure, refused-stream and 503)");
  });

  it('a VirtualService route without retries keeps the default too, and says so at its route', () => {
    const r = imp({ ...base, 'vs.yaml': vs('  - route:\n    - destination:\n        host: b\n    timeout: 10s\n') }, workload('a', appRetries));
    expect(service(r, 'a').calls[0].policy).toMatchObject({ timeout: '6s', retries: { attempts: 5, perTryTimeout: '3s' } });
    expect(r.provenance['services.0.calls.0.policy.retries'].map((x) => `${x.file}:${x.line} ${x.path}`)).toContain(
      "vs.yaml:10 spec.http[0] (this route sets no retries: Istio's default retries, 2 on connect-failure, refused-stream and 503)",
    );
  });

  it("retries: {attempts: 0} turns the sidecar's retries off: the app's 1 retry stands, with no timeout added", () => {
    const r = imp({ ...base, 'vs.yaml': vs('  - route:\n    - destination:\n        host: b\n    retries:\n      attempts: 0\n') }, workload('a', appRetries));
    expect(service(r, 'a').calls[0].policy).toEqual({ retries: { attempts: 1, perTryTimeout: '3s', retryOn: ['gateway-error'] } });
    expect(r.w.find((w) => w.includes('flattened'))).toContain("retries: the sidecar's are off (attempts: 0), so the app's 1 stand");
    expect(r.flattened).toEqual([]);
  });

  it('retries: {attempts: 0} alone (no app retries) imports as no retries, which the simulator runs as one try', () => {
    const r = imp({ ...base, 'vs.yaml': vs('  - route:\n    - destination:\n        host: b\n    retries:\n      attempts: 0\n') }, workload('a', '  - name: a\n    serviceTime: 1ms\n    calls:\n      - service: b\n  - { name: b, serviceTime: 2ms }'));
    expect(service(r, 'a').calls[0].policy).toEqual({ retries: { attempts: 0 } });
  });

  it("a caller without a sidecar keeps its app's retries alone: no sidecar, no default", () => {
    const r = imp({ 'a.yaml': app('a', { ns: 'plain' }), 'b.yaml': app('b', { ns: 'plain' }) }, workload('a', appRetries));
    expect(service(r, 'a').calls[0].policy).toEqual({ retries: { attempts: 1, perTryTimeout: '3s', retryOn: ['gateway-error'] } });
    expect(r.w.filter((w) => w.includes('flattened'))).toEqual([]);
  });

  it("runs: with b answering 503 to every call, each of the app's calls ends after 6 tries at b (2 x 3), retries used up (URX)", () => {
    const apps = appRetries.replace('serviceTime: 1ms', 'serviceTime: 1ms\n    concurrency: 16');
    const s = imp(base, workload('a', apps)).validated!;
    const sum = runScenario({ ...s, duration: 3000, warmup: 0, faults: [{ type: 'http-abort', service: 'b', percent: 100, status: 503, at: 0 }] }).summary;
    const edge = sum.edges['a->b'];
    expect(edge.failed).toBeGreaterThan(20);
    expect(edge.responseFlags).toEqual({ URX: edge.failed });
    // 5 retries for each failed call, and at most 5 for each of the 16 calls (a's workers) still trying at the end.
    expect(edge.retries).toBeGreaterThanOrEqual(5 * edge.failed);
    expect(edge.retries).toBeLessThanOrEqual(5 * (edge.failed + 16));
  });
});

describe('traffic assumed without a workload file', () => {
  it('is said once, at the service the made-up client targets: its rate, its target, the 10 ms apps that call nothing, and how to give a workload; with a workload it is not said', () => {
    const r = imp(base);
    const said = r.w.filter((w) => w.includes('no workload file'));
    expect(said).toEqual([
      'a.yaml:4: metadata.name: no workload file: traffic assumed, not read: a client "users" sends 10 requests/s to a, and every app does 10ms of work and calls no other service (only what the client reaches gets requests); give a workload file (clients: and apps:, as examples/bookinfo/workload.yaml; the CLI\'s --workload, or one more file in the app\'s import) to say what clients send and what each app does',
    ]);
    expect(r.scenario).toMatchObject({ clients: [{ name: 'users', type: 'open', rate: 10, target: 'a' }] });
    expect(imp(base, workload('a', appRetries)).w.some((w) => w.includes('no workload file'))).toBe(false);
  });
});
