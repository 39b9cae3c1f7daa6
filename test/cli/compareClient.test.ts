import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { diffRows, paneFigures, type DiffRow } from '../../src/workers/compareRows';
import { runLatencyMeasured } from '../../src/ui/measuredLatency';
import { unknownClient } from '../../src/cli/compare';
import { simHere, simWithin, type Result } from './spawnSim';

/*
 * `npm run sim -- compare A B --client NAME` prints the figures the app's compare view shows with "figures for:
 * NAME" (scope= in its link, session 43): gateway-and-mesh's 16% failed were the gateway's refusals of three clients
 * gateway-only lacks, its shoppers' near 0; before session 44 the CLI could print only every client's.
 */

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** The app's rows for gateway-only against gateway-and-mesh at 20 s on seed 11, for `scope`, as two panes build them. */
function appRows(scope: string | null): DiffRow[] {
  const pane = (name: string) => {
    const host = new SimHost(() => 0);
    const r = host.load(text(name), 11);
    if (!r.ok) throw new Error(`${name} did not load`);
    let f = host.seekTo(20_000, Number.POSITIVE_INFINITY);
    while (!f.done && f.simTime < 20_000) f = host.seekTo(20_000, Number.POSITIVE_INFINITY);
    const summary = host.summary();
    return paneFigures(summary, runLatencyMeasured(summary.latencyMs.mean, host.seriesSince(-1, 0), f.simTime));
  };
  return diffRows(pane('gateway-only'), pane('gateway-and-mesh'), scope);
}

describe('npm run sim -- compare gateway-only gateway-and-mesh --client shoppers', () => {
  let json: Result;
  let table: Result;
  let app: DiffRow[];
  beforeAll(async () => {
    json = await simHere(['compare', 'gateway-only', 'gateway-and-mesh', '--duration', '20s', '--client', 'shoppers', '--json']);
    table = await simHere(['compare', 'gateway-only', 'gateway-and-mesh', '--duration', '20s', '--client', 'shoppers']);
    app = appRows('shoppers');
  }, 180_000);

  it("--json figures are the app's rows for shoppers, row for row and value for value", () => {
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { client: string; figures: DiffRow[]; ratios: { failedShare: number | null; sent: number | null } };
    expect(out.client).toBe('shoppers');
    expect(out.figures.map((r) => [r.key, r.label, r.allClients ?? false])).toEqual(app.map((r) => [r.key, r.label, r.allClients ?? false]));
    for (const [i, mine] of out.figures.entries()) {
      for (const side of ['a', 'b'] as const) {
        const theirs = app[i][side];
        if (theirs === null) expect(mine[side], `${mine.key} ${side}`).toBeNull();
        else expect(mine[side], `${mine.key} ${side}`).toBeCloseTo(theirs, 9);
      }
    }
    // Shoppers' failed share in B is next to none (the whole run's holds the gateway's 401/429/410 for 3 other clients).
    const failed = out.figures.find((r) => r.key === 'failed')!;
    expect(failed.b!).toBeLessThan(0.01);
    expect(appRows(null).find((r) => r.key === 'failed')!.b!).toBeGreaterThan(0.1);
    // The top figures are shoppers' too: the same 100 req/s of shoppers in both runs.
    expect(out.ratios.sent).toBe(1);
  });

  it("the table heads the client's rows with its name and the rest with the whole run's", () => {
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
    expect(at("shoppers' requests")).toBeGreaterThan(0);
    expect(at("shoppers' requests")).toBeLessThan(at('sent '));
    expect(at('latency mean')).toBeLessThan(at("the whole run, every client's requests"));
    expect(at("the whole run, every client's requests")).toBeLessThan(at('events '));
    // B's rate-limited and 401s are other clients': shoppers' failures by cause list none of them.
    expect(table.stdout).not.toMatch(/rate-limited|unauthenticated/);
    const sent = app.find((r) => r.key === 'rps')!;
    expect(lines[at('sent ')]).toBe(`sent ${Math.round((sent.a! * 20_000) / 1000)} ${Math.round((sent.b! * 20_000) / 1000)} 1.00x`);
    expect(lines[at("hops on a request's path")]).toBe("hops on a request's path (shoppers') 3 3 1.00x");
  });
});

describe('compare --client: a name neither run has', () => {
  it('exits 2 before running, naming the clients A and B have', () => {
    const r = simWithin(60_000, 'compare', 'scenarios/gateway-only.json', 'scenarios/gateway-and-mesh.json', '--client', 'shopper');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--client: no client "shopper" in A or B (clients: shoppers, old-app, bulk-export, scraper)');
  });

  it('lists A\'s clients then those only B has, once each', () => {
    expect(unknownClient('x', ['shoppers'], ['shoppers', 'scraper'])).toBe('--client: no client "x" in A or B (clients: shoppers, scraper)');
    expect(unknownClient('scraper', ['shoppers'], ['shoppers', 'scraper'])).toBeNull();
  });

  it('on a single run names a client the file has not (run --client reads one client since session 45), and a name a link could not hold is refused before any run', () => {
    const run = simWithin(60_000, 'run', 'scenarios/gateway-only.json', '--client', 'shopper');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--client: no client "shopper" in scenarios/gateway-only.json (clients: shoppers)');
    const bad = simWithin(60_000, 'compare', 'gateway-only', 'gateway-and-mesh', '--client', 'a b');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--client: expected a client's name (letters, digits, '.', '_' or '-'), e.g. --client shoppers, got "a b"`);
  });
});

describe("replay of a compare link with scope=: the figures for the link's client", () => {
  it('prints the same figures as compare --client for scope=shoppers, and every client\'s for a client neither run has', () => {
    const r = simWithin(120_000, 'replay', '/?compare=gateway-only,gateway-and-mesh&scope=shoppers&t=5s', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { client: string | null; figures: DiffRow[] };
    expect(out.client).toBe('shoppers');
    expect(out.figures.find((f) => f.key === 'svc:frontend')!.allClients).toBe(true);
    const none = simWithin(120_000, 'replay', '/?compare=gateway-only,gateway-and-mesh&scope=nobody&t=2s', '--json');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).client).toBeNull();
    expect(none.stderr).toContain('scope: no client "nobody" in A or B; the figures are every client\'s, as the app shows them');
  });
});
