// The compare view's words where the figures count one client, or a p99 is over different
// requests (trial T3, 1 and 2): the verdict line, the first-difference line, the table's p99.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffRows, paneFigures, type DiffRow } from '../../src/ui/compare/diff';
import { clientBuckets, divergenceHeadline, firstDivergence } from '../../src/ui/compare/divergence';
import type { StoryWindowRow } from '../../src/ui/compare/storyWindows';
import { clientsShort, verdictParts } from '../../src/ui/compare/verdict';
import { runLatencyMeasured } from '../../src/ui/measuredLatency';
import { okOnlyWords } from '../../src/workers/okSets';
import type { RunSummary, SeriesBucket } from '../../src/workers/protocol';
import { SimHost } from '../../src/workers/SimHost';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** A shipped scenario run to `toMs` in the worker's host, as a pane runs it: its series and figures. */
function run(name: string, toMs: number, seed?: number) {
  const host = new SimHost(() => 0);
  const r = host.load(text(name), seed);
  if (!r.ok) throw new Error(`${name} did not load`);
  let f = host.seekTo(toMs, Number.POSITIVE_INFINITY);
  while (!f.done && f.simTime < toMs) f = host.seekTo(toMs, Number.POSITIVE_INFINITY);
  const series = host.seriesSince(-1, 0);
  const summary = host.summary();
  return { info: r.info, series, figures: paneFigures(summary, runLatencyMeasured(summary.latencyMs.mean, series, f.simTime)) };
}

const row = (key: string, format: DiffRow['format'], a: number | null, b: number | null, allClients = false): DiffRow => ({ key, label: key, unit: '', format, section: 'load', a, b, ratio: null, ...(allClients ? { allClients: true as const } : {}) });
const clients = (...names: string[]) => ({ clients: Object.fromEntries(names.map((n) => [n, {}])) }) as unknown as RunSummary;

describe('okOnlyWords: whose failed requests a p99 of ok requests leaves out (trial T3, 2)', () => {
  it('names the side or sides that failed, only when the shares are more than 5 points apart', () => {
    expect(okOnlyWords(0.216, 0)).toBe("A's 21.6% failed are left out");
    expect(okOnlyWords(0, 0.169)).toBe("B's 16.9% failed are left out");
    expect(okOnlyWords(0.22, 0.06)).toBe("A's 22.0% and B's 6.0% failed are left out");
    expect(okOnlyWords(0.05, 0.01)).toBeNull();
    expect(okOnlyWords(null, 0.5)).toBeNull();
  });
});

describe("the verdict line's scope and clients (trial T3, 1)", () => {
  it('says how the clients differ, short', () => {
    expect(clientsShort(clients('shoppers'), clients('shoppers', 'old-app', 'bulk-export', 'scraper'))).toBe('B has 3 clients A has not');
    expect(clientsShort(clients('a', 'b'), clients('a'))).toBe('A has 1 client B has not');
    expect(clientsShort(clients('a', 'x'), clients('a', 'y', 'z'))).toBe('A has 1 client B has not, B has 2 A has not');
    expect(clientsShort(clients('a'), clients('a'))).toBeNull();
  });

  it("names the client before its figures, 'every client:' before the whole run's rows, and the clients' difference first", () => {
    const rows = [row('p99', 'ms', 183, 188), row('failed', 'share', 0.216, 0), row('tries', 'number', 3.991, 3.491, true)];
    const parts = verdictParts(rows, null, { scope: 'shoppers', clients: 'B has 3 clients A has not' });
    expect(parts[0]).toBe('B has 3 clients A has not');
    expect(parts[1]).toBe('shoppers: failed 21.6% vs 0.0% (-21.6 pts)');
    expect(parts[2]).toMatch(/^p99 of ok requests 183 ?ms vs 188 ?ms \(A's 21\.6% failed are left out, not like for like ‡\)$/);
    expect(parts[3]).toBe('every client: attempts per user request, all hops, whole run 4.0 vs 3.5');
    expect(parts).toHaveLength(4);
  });

  it("with every client's figures and clients that differ, says so on the first figure", () => {
    const parts = verdictParts([row('failed', 'share', 0.216, 0.169)], null, { scope: null, clients: 'B has 3 clients A has not' });
    expect(parts).toEqual(['B has 3 clients A has not', 'every client: failed 21.6% vs 16.9% (-4.7 pts)']);
  });

  it("puts the stories' window (every client's) after the client's figures", () => {
    const fig = (value: number) => ({ value, text: '', note: '', over: '', complete: true });
    const win: StoryWindowRow = { key: 'k', measure: 'failed-share', ofAll: true, label: '', window: '21 s – 58 s', fromMs: 21000, toMs: 58000, a: fig(0.334), b: fig(0), ratio: null, share: true };
    const parts = verdictParts([row('failed', 'share', 0.216, 0), row('tries', 'number', 3.9, 3.4, true)], win, { scope: 'shoppers', clients: null });
    expect(parts).toEqual(['shoppers: failed 21.6% vs 0.0% (-21.6 pts)', "every client: failed 33.4% vs 0.0% (-33.4 pts) over the stories' 21 s – 58 s", 'every client: attempts per user request, all hops, whole run 3.9 vs 3.4']);
  });

  it('leaves the p99 as it was where the failed shares are close', () => {
    const parts = verdictParts([row('p99', 'ms', 183, 188), row('failed', 'share', 0.02, 0)]);
    expect(parts[1]).toMatch(/^p99 183 ?ms vs 188 ?ms$/);
  });
});

describe('the first difference, scoped as the figures (trial T3, 1)', () => {
  const b = (t: number, over: Partial<SeriesBucket>): SeriesBucket => ({ t, sent: 10, ok: 10, failed: 0, causes: {}, latencyCount: 10, latencySum: 20, p50: 2, p90: 4, p99: 8, clients: {}, tries: {}, ...over });
  const c = (ok: number, failed: number, causes: Record<string, number> = {}) => ({ ok, failed, causes, latencyCount: ok, p50: 2, p90: 4, p99: 8 });

  it("reads a client's part of each bucket, none where the bucket lacks it", () => {
    const [x, y] = clientBuckets([b(0, { failed: 7, causes: { 'rate-limited': 7 }, clients: { shoppers: c(10, 0), scraper: c(0, 7, { 'rate-limited': 7 }) } }), b(1000, {})], 'shoppers');
    expect([x.ok, x.failed, x.causes, x.latencyCount]).toEqual([10, 0, {}, 10]);
    expect([y.ok, y.failed, y.latencyCount, y.p99]).toEqual([0, 0, 0, 0]);
  });

  it('names the client in the line, and does not count the other clients\' failures', () => {
    const a = [b(0, { clients: { shoppers: c(10, 0) } }), b(1000, { failed: 3, causes: { timeout: 3 }, clients: { shoppers: c(7, 3, { timeout: 3 }) } })];
    const bb = [b(0, { failed: 7, causes: { 'rate-limited': 7 }, clients: { shoppers: c(10, 0), scraper: c(0, 7, { 'rate-limited': 7 }) } }), b(1000, { clients: { shoppers: c(10, 0) } })];
    expect(firstDivergence(a, bb, 1000, ['x', 'y'])?.ms).toBe(0);
    const d = firstDivergence(a, bb, 1000, ['x', 'y'], [], 'shoppers');
    expect(d).toEqual({ ms: 1000, kind: 'first-failure', text: '1.0 s – 2.0 s: first failures in x (3: timeout 3), none in y yet', scope: 'shoppers' });
    expect(divergenceHeadline(d!)).toBe('First differ for shoppers at 1.0 s (up to 2.0 s): first failures in x (3: timeout 3), none in y yet');
    expect(divergenceHeadline({ ms: 1000, kind: 'first-failure', text: '1.0 s – 2.0 s: z' })).toBe('First differ at 1.0 s (up to 2.0 s): z');
  });

  it("gateway-only against gateway-and-mesh: every client's first differ at 0 s (B's refused clients), shoppers' at 20 s (A's hung replica)", () => {
    const a = run('gateway-only', 30_000);
    const bb = run('gateway-and-mesh', 30_000, a.info.seed);
    const names = ['gateway-only', 'gateway-and-mesh'] as const;
    expect(firstDivergence(a.series.buckets, bb.series.buckets, 1000, names)?.text).toMatch(/^0\.0 s – 1\.0 s: first failures in gateway-and-mesh/);
    const d = firstDivergence(a.series.buckets, bb.series.buckets, 1000, names, [], 'shoppers');
    expect(d?.ms).toBe(20_000);
    expect(d?.text).toMatch(/first failures in gateway-only \(\d+: queue-full \d+\), none in gateway-and-mesh yet$/);
    // The verdict's figures for shoppers are the table's (diffRows, the CLI's --client).
    const parts = verdictParts(diffRows(a.figures, bb.figures, 'shoppers'), null, { scope: 'shoppers', clients: clientsShort(a.figures.summary, bb.figures.summary) });
    expect(parts[0]).toBe('B has 3 clients A has not');
    expect(parts[1]).toMatch(/^shoppers: failed \d+\.\d% vs 0\.0% \(-\d+\.\d pts\)$/);
    expect(parts[2]).toMatch(/^p99 of ok requests .* \(A's \d+\.\d% failed are left out, not like for like ‡\)$/);
    expect(parts[3]).toMatch(/^every client: attempts per user request, all hops, whole run /);
  });
});
