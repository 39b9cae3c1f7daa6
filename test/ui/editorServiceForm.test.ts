// The editor's Add service form without a sidecar (trial N15, 1): it wrote "mtls": "PERMISSIVE"
// or "STRICT" for a service with no sidecar (STRICT refused by the checker), said nothing of
// who retries calls to it, and "Called by" read "nobody yet" until the worker's first check.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addToScenario } from '../../src/ui/editor/additions';
import { checkScenarioText } from '../../src/ui/editor/check';
import { namesInText } from '../../src/ui/editor/names';
import { servicePolicyNote } from '../../src/ui/editor/serviceNotes';
import { parseScenarioText } from '../../src/scenario';

const gam = readFileSync(fileURLToPath(new URL('../../scenarios/gateway-and-mesh.json', import.meta.url)), 'utf8');

describe('a service added without a sidecar', () => {
  it('is written with no mtls field and the checker accepts it (STRICT was refused at services.legacy-billing.mtls)', () => {
    const r = addToScenario(gam, 'gateway-and-mesh.json', { kind: 'service', name: 'legacy-billing', replicas: 2, sidecar: false, mtls: null, serviceTime: '5ms', retries: 2, timeout: '1s', calledBy: 'frontend' });
    if (!r.ok) throw new Error('not added');
    expect(r.text).toContain('{ "name": "legacy-billing", "replicas": 2, "sidecar": false, "serviceTime": { "type": "lognormal", "median": "5ms", "sigma": 0.4 }, "policy": { "timeout": "1s", "retries": { "attempts": 2 } } }');
    expect(checkScenarioText(r.text, 'gateway-and-mesh.json').problems).toEqual([]);
    const parsed = parseScenarioText(r.text, 'json');
    if (!parsed.ok) throw new Error('refused');
    const svc = parsed.scenario.services.find((s) => s.name === 'legacy-billing')!;
    // The schema's default (PERMISSIVE) stands, which nothing enforces; frontend calls it.
    expect([svc.sidecar, svc.mtls, svc.policy?.retries?.attempts, svc.policy?.timeout]).toEqual([false, 'PERMISSIVE', 2, 1000]);
    expect(parsed.scenario.services.find((s) => s.name === 'frontend')!.calls.map((c) => c.service)).toContain('legacy-billing');
    // What the form wrote before: the checker's refusal the teacher saw.
    const before = addToScenario(gam, 'gateway-and-mesh.json', { kind: 'service', name: 'legacy-billing', replicas: 2, sidecar: false, mtls: 'STRICT', serviceTime: '5ms', retries: 2, timeout: '1s', calledBy: 'frontend' });
    if (!before.ok) throw new Error('not added');
    expect(checkScenarioText(before.text, 'gateway-and-mesh.json').problems.map((p) => `line ${p.line} ${p.path}`)).toEqual(['line 39 services.legacy-billing.mtls']);
  });
});

describe('who applies a new service\'s retries and timeout', () => {
  const sidecars = ['frontend', 'catalog', 'inventory'];
  it('is its caller\'s sidecar when the caller has one, and the new service without one is said to take plaintext', () => {
    expect(servicePolicyNote('legacy-billing', false, 'frontend', sidecars)).toBe(
      "Retries and timeout apply to frontend's calls to legacy-billing, in frontend's sidecar. legacy-billing has no sidecar: it takes plaintext and enforces no mTLS.",
    );
    expect(servicePolicyNote('reviews', true, 'catalog', sidecars)).toBe("Retries and timeout apply to catalog's calls to reviews, in catalog's sidecar.");
  });
  it('is nobody when the caller has no sidecar, and each caller\'s sidecar when there is no caller yet', () => {
    expect(servicePolicyNote('reviews', true, 'ledger', sidecars)).toBe('ledger has no sidecar, so its calls to reviews are neither retried nor timed out (a caller with a sidecar would apply them).');
    expect(servicePolicyNote('reviews', true, '', sidecars)).toBe("Retries and timeout apply to calls to reviews, in each caller's sidecar (no caller yet).");
  });
});

describe('the names the form lists as the dialog opens', () => {
  it('are read from the text on the page\'s thread, the same as the worker\'s check gives', () => {
    const quick = namesInText(gam, 'gateway-and-mesh.json');
    expect(quick).toEqual({ services: ['frontend', 'catalog', 'inventory'], clients: ['shoppers', 'old-app', 'bulk-export', 'scraper'], gateways: ['edge'], sidecars: ['frontend', 'catalog', 'inventory'] });
    expect(checkScenarioText(gam, 'gateway-and-mesh.json').names).toEqual(quick);
  });
  it('are read from YAML and from a text with problems, and are none for a text that does not read', () => {
    const yaml = 'name: x\nservices:\n  - name: a\n    sidecar: { concurrency: 2 }\n  - name: b\n    replicas: 0\n';
    expect(namesInText(yaml, 'x.yaml')).toEqual({ services: ['a', 'b'], clients: [], gateways: [], sidecars: ['a'] });
    expect(namesInText('{ "services": [', 'x.json')).toEqual({ services: [], clients: [], gateways: [], sidecars: [] });
  });
});
