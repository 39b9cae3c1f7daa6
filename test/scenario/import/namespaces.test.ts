import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importManifests } from '../../../src/scenario/import';
import { validateScenario, type Problem } from '../../../src/scenario';
import { World } from '../../../src/models/World';
import { findNode } from '../../../src/ui/topology/findNode';
import { mtlsMarkWidth } from '../../../src/ui/topology/mtlsMark';
import { shopScenario } from '../shop';

const read = (name: string) => ({ name, text: readFileSync(new URL(`manifests/${name}`, import.meta.url), 'utf8') });

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  return r.ok ? [] : r.problems;
}

describe('namespaces and mTLS modes of an imported mesh (session 53, N1)', () => {
  const r = importManifests([read('shop-and-billing.yaml')], read('shop-and-billing-workload.yaml'));
  const services = (r.scenario?.services ?? []) as { name: string; namespace?: string; sidecar?: boolean; mtls?: string }[];

  it('keeps each service\'s metadata.namespace, and the mode its namespace\'s PeerAuthentication sets (STRICT in shop only)', () => {
    expect(r.errors).toEqual([]);
    expect(services.map((s) => [s.name, s.namespace, s.sidecar ?? false, s.mtls ?? null])).toEqual([
      ['storefront', 'shop', true, 'STRICT'],
      ['orders', 'shop', true, 'STRICT'],
      ['payments', 'billing', true, null],
      ['ledger', 'billing', false, null],
    ]);
    expect(r.provenance['services.2.namespace']).toEqual([{ file: 'shop-and-billing.yaml', line: 79, path: 'metadata.namespace' }]);
  });

  it('resolves a call across namespaces by its namespaced name as before (orders -> payments.billing)', () => {
    expect((r.scenario?.services as { calls?: { service: string }[] }[])[1].calls?.map((c) => c.service)).toEqual(['payments']);
  });

  it('draws the namespace and the mode into the topology, which Find reads ("ns billing", "orders.shop")', () => {
    const v = validateScenario(r.scenario);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const nodes = new World(v.scenario, v.scenario.seed).topology.nodes;
    expect(nodes.filter((n) => n.kind === 'service').map((n) => [n.name, n.namespace, n.mtls])).toEqual([
      ['storefront', 'shop', 'STRICT'],
      ['orders', 'shop', 'STRICT'],
      ['payments', 'billing', 'PERMISSIVE'],
      ['ledger', 'billing', null],
    ]);
    expect(findNode(nodes, 'ns billing')?.name).toBe('ledger');
    expect(findNode(nodes, 'namespace:shop')?.name).toBe('orders');
    expect(findNode(nodes, 'orders.shop.svc.cluster.local')?.name).toBe('orders');
    expect(findNode(nodes, 'pay')?.name).toBe('payments');
    expect(findNode(nodes, 'ns nowhere')).toBeNull();
  });

  it('a manifest without metadata.namespace lands in "default", as kubectl applies it', () => {
    const text = read('shop-and-billing.yaml').text.replace('  name: ledger\n  namespace: billing\n', '  name: ledger\n');
    const d = importManifests([{ name: 'm.yaml', text: text.replace(/name: ledger\n  namespace: billing/g, 'name: ledger') }]);
    const ledger = (d.scenario?.services as { name: string; namespace?: string }[]).find((s) => s.name === 'ledger');
    expect(ledger?.namespace).toBe('default');
  });
});

describe('a scenario\'s namespace field', () => {
  it('takes a DNS-1123 label and refuses anything else at its field, saying what a namespace may hold', () => {
    const on = () => shopScenario() as { services: Record<string, unknown>[] };
    const ok = on();
    ok.services[0].namespace = 'team-a1';
    expect(problemsOf(ok)).toEqual([]);
    for (const bad of ['Shop', 'team_a', '-a', 'a'.repeat(64)]) {
      const s = on();
      s.services[0].namespace = bad;
      const p = problemsOf(s);
      expect(p.map((x) => x.path)).toEqual(['services.0.namespace']);
      expect(p[0].message).toMatch(/Kubernetes namespace/);
    }
  });

  it('refuses a namespace on a third party: it runs outside the cluster', () => {
    const s = shopScenario() as { services: Record<string, unknown>[] };
    s.services[0].external = true;
    s.services[0].sidecar = false;
    s.services[0].namespace = 'shop';
    expect(problemsOf(s).filter((p) => p.path === 'services.0.namespace').map((p) => p.message)).toEqual([expect.stringContaining('third party (external)')]);
  });
});

describe('the mTLS chip on a box', () => {
  it('says its word left of up to three hexagons on a 196-unit box, the lock alone beside five, nothing on a 120-unit box with five', () => {
    expect(mtlsMarkWidth('PERMISSIVE', 196, 3).word).toBe(true);
    expect(mtlsMarkWidth('STRICT', 196, 5)).toEqual({ w: expect.any(Number), word: true });
    expect(mtlsMarkWidth('PERMISSIVE', 196, 5)).toEqual({ w: 16, word: false });
    expect(mtlsMarkWidth('STRICT', 120, 5).w).toBe(0);
  });
});
