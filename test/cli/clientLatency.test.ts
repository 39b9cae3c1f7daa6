import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { runWithWindow } from '../../src/cli/window';
import { clientWindow, formatClientWindow } from '../../src/cli/clientWindow';
import { latencyPoint, seriesClients } from '../../src/ui/charts/latencyPoint';
import { hostSeries } from '../workers/hostSeries';
import { simWithin } from './spawnSim';

// Session 45 (C5, 1): the latency chart scoped to one client (the single view's client choice, the
// compare view's "figures for") reads each second's own figures for that client, and
// `run FILE --client NAME --from S --to S+1` prints the same. gateway-and-mesh, seed 11: shoppers
// beside old-app, bulk-export (rate-limited) and scraper (refused).

const text = readFileSync(fileURLToPath(new URL('../../scenarios/gateway-and-mesh.json', import.meta.url)), 'utf8');
const parsed = parseScenarioText(text);
if (!parsed.ok) throw new Error('gateway-and-mesh is invalid');
const scenario = parsed.scenario;
const app = hostSeries(text, 'gateway-and-mesh', 20_000);
const cli = runWithWindow(scenario, { client: 'shoppers' });

describe("a client's latency over time", () => {
  it("is the same each second in the app's chart and in run --client --from S --to S+1 (shoppers, seconds 5, 12, 19), and differs from every client's", () => {
    expect(seriesClients(app.buckets)).toEqual(['shoppers', 'old-app', 'bulk-export', 'scraper']);
    let differs = 0;
    for (const s of [5, 12, 19]) {
      const b = app.buckets[s];
      expect(b.t).toBe(s * 1000);
      const c = clientWindow(cli.buckets, cli.bucketMs, 'shoppers', { fromMs: s * 1000, toMs: (s + 1) * 1000 }, cli.summary.simulatedMs);
      expect(c.latencyCount).toBe(b.clients.shoppers.latencyCount);
      expect(c.latencyCount).toBeGreaterThan(60);
      expect([c.latencyMs!.p50, c.latencyMs!.p90, c.latencyMs!.p99]).toEqual([latencyPoint(b, 'shoppers', 'p50'), latencyPoint(b, 'shoppers', 'p90'), latencyPoint(b, 'shoppers', 'p99')]);
      if (latencyPoint(b, null, 'p99') !== latencyPoint(b, 'shoppers', 'p99')) differs++;
      // Fewer requests than every client's: old-app's and bulk-export's ok ones are not counted.
      expect(b.clients.shoppers.latencyCount).toBeLessThan(b.latencyCount);
    }
    expect(differs).toBeGreaterThan(0);
  }, 120_000);

  it("second 12 as the app draws it: shoppers' 92 ok requests, p50 101.75 ms, p99 167.1 ms; the spawned CLI's --json says the same", () => {
    const b = app.buckets[12];
    expect(b.clients.shoppers.latencyCount).toBe(92);
    expect(latencyPoint(b, 'shoppers', 'p50')).toBe(101.75);
    expect(latencyPoint(b, 'shoppers', 'p99')).toBeCloseTo(167.106, 3);
    const r = simWithin(90_000, 'run', 'scenarios/gateway-and-mesh.json', '--client', 'shoppers', '--from', '12s', '--to', '13s', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).client;
    expect(c).toMatchObject({ client: 'shoppers', fromMs: 12_000, toMs: 13_000, ok: 92, failed: 0, latencyCount: 92 });
    expect([c.latencyMs.p50, c.latencyMs.p90, c.latencyMs.p99]).toEqual([latencyPoint(b, 'shoppers', 'p50'), latencyPoint(b, 'shoppers', 'p90'), latencyPoint(b, 'shoppers', 'p99')]);
  }, 120_000);

  it("over the whole run merges to the run's own figure for the client (its summary, what compare --client reads)", () => {
    const c = clientWindow(cli.buckets, cli.bucketMs, 'shoppers', { fromMs: 0 }, cli.summary.simulatedMs);
    const own = cli.summary.clients!.shoppers.latencyMs;
    expect([c.latencyMs!.p50, c.latencyMs!.p90, c.latencyMs!.p99]).toEqual([own.p50, own.p90, own.p99]);
    // The mean is summed bucket by bucket: the same to the last few bits.
    expect(c.latencyMs!.mean).toBeCloseTo(own.mean, 9);
    expect(c.ok).toBe(cli.summary.clients!.shoppers.ok);
    expect(formatClientWindow(c)).toMatch(/^client shoppers, its requests that ended 0 s – 60 s: [\d,]+ \(ok [\d,]+, failed 0\)\n {2}latency of its ok requests: mean [\d.]+ ms {3}p50 [\d.]+ ms {3}p90 [\d.]+ ms {3}p99 [\d.]+ ms/);
  });

  it('reads a gap for a client a bucket does not count, and where the client measured nothing', () => {
    const b = app.buckets[12];
    expect(latencyPoint(b, 'nobody', 'p99')).toBeNull();
    // scraper's requests are all refused (401): none ok, no latency.
    expect(b.clients.scraper.latencyCount).toBe(0);
    expect(latencyPoint(b, 'scraper', 'p50')).toBeNull();
  });
});
