// The editor's Run keeps the person's live actions the edited file still accepts, at their times,
// and the run's moment (carry.ts; trial N10, 7c).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { carryRecipe, refusalInWords } from '../../src/ui/editor/carry';
import { UNPINNED, type LiveAction } from '../../src/workers/liveActions';

const shipped = readFileSync('scenarios/gateway-only.json', 'utf8');
const edit = (from: string, to: string) => {
  const t = shipped.replace(from, to);
  expect(t).not.toBe(shipped);
  return t;
};
const inventory6 = edit('"name": "inventory", "replicas": 3', '"name": "inventory", "replicas": 6');
const inventory2 = edit('"name": "inventory", "replicas": 3', '"name": "inventory", "replicas": 2');
const F = 'gateway-only.json';

const killInventory2: LiveAction = { kind: 'inject', ms: 10_000, ev: 4321, fault: { type: 'kill-replica', service: 'inventory', replica: 2 } };
const httpCatalog: LiveAction = { kind: 'inject', ms: 12_000, ev: 5000, fault: { type: 'http-abort', service: 'catalog', percent: 50, status: 503 } };

describe('carryRecipe', () => {
  it('keeps a fault whose target still exists, unpinned, and the moment', () => {
    const c = carryRecipe(shipped, F, inventory6, F, [killInventory2, httpCatalog], 30_000)!;
    expect(c.actions).toEqual([
      { ...killInventory2, ev: UNPINNED },
      { ...httpCatalog, ev: UNPINNED },
    ]);
    expect(c.kept.map((k) => k.what)).toEqual(['your fault at 10.0 s (kill one replica on inventory-2)', 'your fault at 12.0 s (HTTP errors on catalog)']);
    expect(c.dropped).toEqual([]);
    expect(c.tMs).toBe(30_000);
    expect(c.momentCut).toBe(false);
  });

  it("drops a fault on a replica the edited file no longer has, and says why; its clear goes with it, a later one's clear is renumbered", () => {
    // Fault numbers: the file's slow replica is 0, then kill (1) and HTTP errors (2).
    const clearKill: LiveAction = { kind: 'clear', ms: 14_000, ev: 6000, id: 1 };
    const clearHttp: LiveAction = { kind: 'clear', ms: 15_000, ev: 7000, id: 2 };
    const c = carryRecipe(shipped, F, inventory2, F, [killInventory2, httpCatalog, clearKill, clearHttp], 30_000)!;
    expect(c.dropped).toEqual([
      { what: 'your fault at 10.0 s (kill one replica on inventory-2)', why: 'the edited file has inventory at 2 replicas' },
      { what: 'your clear at 14.0 s of your fault at 10.0 s', why: 'the fault it clears was dropped' },
    ]);
    // HTTP errors is now fault 1: its clear names 1.
    expect(c.actions).toEqual([
      { ...httpCatalog, ev: UNPINNED },
      { ...clearHttp, id: 1, ev: UNPINNED },
    ]);
  });

  it("keeps a clear of the file's own fault only while the edited file has that fault at that place", () => {
    const clearSlow: LiveAction = { kind: 'clear', ms: 25_000, ev: 9000, id: 0 };
    expect(carryRecipe(shipped, F, inventory6, F, [clearSlow], 30_000)!.actions).toEqual([{ ...clearSlow, ev: UNPINNED }]);
    const faster = edit('"factor": 500', '"factor": 50');
    const c = carryRecipe(shipped, F, faster, F, [clearSlow], 30_000)!;
    expect(c.actions).toEqual([]);
    expect(c.dropped[0].what).toBe("your clear at 25.0 s of the scenario's slow one replica on inventory-0");
    expect(c.dropped[0].why).toMatch(/faults are not the same/);
  });

  it('cuts the moment to a shorter edited run and drops what comes after its end', () => {
    const short = edit('"duration": "60s"', '"duration": "59s"');
    const late: LiveAction = { kind: 'inject', ms: 59_200, ev: 1, fault: { type: 'kill-service', service: 'catalog' } };
    const c = carryRecipe(shipped, F, short, F, [httpCatalog, late], 59_500)!;
    expect(c.tMs).toBe(59_000);
    expect(c.momentCut).toBe(true);
    expect(c.kept.map((k) => k.what)).toEqual(['your fault at 12.0 s (HTTP errors on catalog)']);
    expect(c.dropped).toEqual([{ what: 'your fault at 59.2 s (kill a service on catalog)', why: 'the edited run ends at 59.0 s' }]);
  });

  it('drops a config change whose service the edited file removed', () => {
    const change: LiveAction = { kind: 'change', ms: 8_000, ev: 100, change: { type: 'policy', service: 'catalog', policy: { timeout: '1s' } } };
    const kept = carryRecipe(shipped, F, inventory6, F, [change], 30_000)!;
    expect(kept.kept.map((k) => k.what)).toEqual(['your change at 8.00 s (policy on catalog)']);
    const renamed = shipped.replace(/catalog/g, 'products');
    const c = carryRecipe(shipped, F, renamed, F, [change], 30_000)!;
    expect(c.actions).toEqual([]);
    expect(c.dropped[0].what).toBe('your change at 8.00 s (policy on catalog)');
    expect(c.dropped[0].why).toMatch(/^the edited file refuses it \(change\.service: /);
  });

  it('is null for a text that is not a valid scenario', () => {
    expect(carryRecipe(shipped, F, '{ "name": ', F, [], 0)).toBeNull();
  });
});

describe('refusalInWords', () => {
  it("says a replica count in words, and any other refusal with its path", () => {
    expect(refusalInWords([{ path: 'fault.replica', message: '"catalog" has replicas 0 to 1, not 2' }])).toBe('the edited file has catalog at 2 replicas');
    expect(refusalInWords([{ path: 'fault.replica', message: '"db" has replicas 0 to 0, not 1' }])).toBe('the edited file has db at 1 replica');
    expect(refusalInWords([{ path: 'fault.service', message: 'unknown service "x"' }])).toBe('the edited file refuses it (fault.service: unknown service "x")');
  });
});
