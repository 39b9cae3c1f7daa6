// The compare figures for one client's requests (trial N13, 1 and 2): gateway-only against
// gateway-and-mesh at 45 s, as `/?compare=gateway-only,gateway-and-mesh&t=45s` shows them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { diffRows, paneFigures } from '../../src/workers/compareRows';
import { clientSets, clientsLine, hopsSpan, pathHops } from '../../src/workers/clientScope';
import { hopsNote } from '../../src/ui/compare/diff';
import type { RunSummary } from '../../src/models';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** A shipped scenario's summary at `toMs` in the worker's host, with seed 11 (the pair's). */
function summaryAt(name: string, toMs: number): RunSummary {
  const host = new SimHost(() => 0);
  const r = host.load(text(name), 11);
  if (!r.ok) throw new Error(`${name} did not load`);
  let f = host.seekTo(toMs, Number.POSITIVE_INFINITY);
  while (!f.done && f.simTime < toMs) f = host.seekTo(toMs, Number.POSITIVE_INFINITY);
  return host.summary();
}

const row = (rows: ReturnType<typeof diffRows>, key: string) => rows.find((r) => r.key === key)!;

describe('client scope of the compare figures: gateway-only against gateway-and-mesh at 45 s', () => {
  const a = summaryAt('gateway-only', 45_000);
  const b = summaryAt('gateway-and-mesh', 45_000);
  const A = paneFigures(a, true);
  const B = paneFigures(b, true);

  it("books each client's requests apart, and they add up to the run's", () => {
    for (const s of [a, b]) {
      const c = Object.values(s.clients!);
      expect(c.reduce((n, x) => n + x.sent, 0)).toBe(s.requests.sent);
      expect(c.reduce((n, x) => n + x.failed, 0)).toBe(s.requests.failed);
      expect(c.reduce((n, x) => n + x.ok, 0)).toBe(s.requests.ok);
    }
    expect(Object.keys(b.clients!)).toEqual(['shoppers', 'old-app', 'bulk-export', 'scraper']);
    expect(b.clients!.scraper.failures).toEqual({ unauthenticated: b.clients!.scraper.failed });
  });

  it("all clients: B's failed share is mostly the gateway's refusals of its 3 extra clients; shoppers only: B fails next to none", () => {
    const all = diffRows(A, B);
    const shop = diffRows(A, B, 'shoppers');
    // The whole run's share (the 18% vs 16% the trial read) holds B's 401/429/410.
    expect(row(all, 'failed').b!).toBeGreaterThan(0.1);
    expect(row(all, 'cause:rate-limited').b!).toBeGreaterThan(0.05);
    // Shoppers alone: A's queue-full and timeouts stay, B's refusals go (shoppers send none of them).
    expect(row(shop, 'failed').a).toBeCloseTo(row(all, 'failed').a!, 12);
    expect(row(shop, 'failed').b).toBe(b.clients!.shoppers.failed / b.clients!.shoppers.sent);
    expect(row(shop, 'failed').b!).toBeLessThan(0.01);
    expect(shop.find((r) => r.key === 'cause:rate-limited')).toBeUndefined();
    // Both send shoppers' 100 req/s (B's whole run sends 154).
    expect(row(shop, 'rps').b! / row(shop, 'rps').a!).toBeCloseTo(1, 1);
    expect(row(all, 'rps').b! / row(all, 'rps').a!).toBeGreaterThan(1.4);
    expect(row(shop, 'p99').b).toBe(b.clients!.shoppers.latencyMs.p99);
    // Rows that count every client's requests say so; the scoped ones do not.
    expect(shop.filter((r) => !r.allClients).map((r) => r.key)).toEqual(['p50', 'p90', 'p99', 'mean', 'rps', 'failed', ...shop.filter((r) => r.key.startsWith('cause:')).map((r) => r.key), 'links']);
    expect(row(shop, 'svc:frontend').allClients).toBe(true);
    expect(row(all, 'svc:frontend').allClients).toBeUndefined();
  });

  it("counts the hops on a shopper's path, 3 in both (shoppers -> edge -> frontend -> catalog), not the 4 and 7 links with calls", () => {
    expect(pathHops(a, 'shoppers')).toBe(3);
    expect(pathHops(b, 'shoppers')).toBe(3);
    expect(Object.values(b.edges).filter((e) => e.requests > 0).length).toBe(7);
    expect(row(diffRows(A, B), 'links')).toMatchObject({ a: 3, b: 3, label: "hops on a request's path" });
    expect(hopsNote(diffRows(A, B), ['A', 'B'])).toBeNull();
  });

  it('says above the table that B has 3 clients A has not, and what the figures show', () => {
    expect(clientsLine(a, b, null)).toBe('B has 3 clients A has not: old-app, bulk-export, scraper — showing all clients');
    expect(clientsLine(a, b, 'shoppers')).toBe('B has 3 clients A has not: old-app, bulk-export, scraper — showing shoppers');
    expect(clientsLine(a, a, null)).toBeNull();
    expect(diffRows(A, B, 'scraper').find((r) => r.key === 'failed')).toMatchObject({ a: null, b: b.clients!.scraper.failed / b.clients!.scraper.sent });
  });
});

describe('pathHops and hopsSpan', () => {
  const edge = (requests: number) => ({ requests }) as RunSummary['edges'][string];
  const s = {
    clients: { web: { sent: 5 }, batch: { sent: 2 }, idle: { sent: 0 } },
    edges: { 'web->gw': edge(5), 'gw->api': edge(5), 'api->db': edge(3), 'db->api': edge(1), 'batch->api': edge(2), 'api->cache': edge(0) },
  } as unknown as RunSummary;
  it('takes the longest path over links with calls, each node once (a cycle ends it), and a range over clients', () => {
    expect(pathHops(s, 'web')).toBe(3);
    expect(pathHops(s, 'batch')).toBe(2);
    expect(hopsSpan(s, null)).toEqual([2, 3]);
    expect(hopsSpan(s, 'batch')).toEqual([2, 2]);
    expect(hopsSpan(s, 'nobody')).toBeNull();
  });
  it('reads the same on links without a cycle (memoized), a diamond and a self-call too', () => {
    const dag = {
      clients: { web: { sent: 5 }, batch: { sent: 2 }, idle: { sent: 0 } },
      edges: { 'web->gw': edge(5), 'gw->api': edge(5), 'gw->auth': edge(5), 'auth->api': edge(5), 'api->db': edge(3), 'batch->db': edge(2), 'idle->gw': edge(0) },
    } as unknown as RunSummary;
    expect(pathHops(dag, 'web')).toBe(4);
    expect(pathHops(dag, 'batch')).toBe(1);
    expect(pathHops(dag, 'idle')).toBe(0);
    expect(hopsSpan(dag, null)).toEqual([1, 4]);
    const self = { clients: { web: { sent: 1 } }, edges: { 'web->api': edge(1), 'api->api': edge(1), 'api->db': edge(1) } } as unknown as RunSummary;
    expect(pathHops(self, 'web')).toBe(2);
  });
  it("reads 4,000 clients' links once: each client one hop from the service (the compare view's same-instant pair)", () => {
    const n = 4000;
    const many = {
      clients: Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, { sent: 1 }])),
      edges: Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}->s`, edge(1)])),
    } as unknown as RunSummary;
    expect(hopsSpan(many, null)).toEqual([1, 1]);
    expect(clientSets(many, many).both).toHaveLength(n);
  });
});
