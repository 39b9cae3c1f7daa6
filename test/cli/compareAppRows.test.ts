import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { diffRows, paneFigures, type DiffRow } from '../../src/workers/compareRows';
import { runLatencyMeasured } from '../../src/ui/measuredLatency';
import { simHere, type Result } from './spawnSim';

/*
 * `npm run sim -- compare` prints the app's compare-table rows (N9's finding 5, session 39): each
 * layer's CPU, tries and retries per user request, each service's utilisation, from the function
 * the app uses (workers/compareRows.ts diffRows), with the same figures as the app's pair at the
 * same moment. Before, the CLI had none of these rows though the app's note says "as `npm run sim
 * -- compare` counts them".
 */

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** The app's rows for gateway-only against mesh-only at 24 s, both on seed 11, as two panes build them. */
function appRows(): DiffRow[] {
  const pane = (name: string) => {
    const host = new SimHost(() => 0);
    const r = host.load(text(name), 11);
    if (!r.ok) throw new Error(`${name} did not load`);
    let f = host.seekTo(24_000, Number.POSITIVE_INFINITY);
    while (!f.done && f.simTime < 24_000) f = host.seekTo(24_000, Number.POSITIVE_INFINITY);
    const summary = host.summary();
    return paneFigures(summary, runLatencyMeasured(summary.latencyMs.mean, host.seriesSince(-1, 0), f.simTime));
  };
  return diffRows(pane('gateway-only'), pane('mesh-only'));
}

const KEYS = ['retriesPer', 'links', 'tries', 'gatewayCpu', 'gatewayCpu1000', 'proxyCpu', 'proxyCpu1000', 'util:frontend', 'util:catalog', 'util:inventory'];

describe('npm run sim -- compare gateway-only mesh-only: the app table\'s rows', () => {
  let json: Result;
  let table: Result;
  let app: DiffRow[];
  beforeAll(async () => {
    json = await simHere(['compare', 'gateway-only', 'mesh-only', '--duration', '24s', '--json']);
    table = await simHere(['compare', 'gateway-only', 'mesh-only', '--duration', '24s']);
    app = appRows();
  }, 120_000);

  it('--json figures hold the same rows with the same values as the app pair at 24 s', () => {
    expect(json.code).toBe(0);
    const figures = JSON.parse(json.stdout).figures as DiffRow[];
    for (const k of KEYS) {
      const mine = figures.find((r) => r.key === k)!;
      const theirs = app.find((r) => r.key === k)!;
      expect(mine, k).toBeDefined();
      expect({ key: k, label: mine.label, unit: mine.unit }).toEqual({ key: k, label: theirs.label, unit: theirs.unit });
      for (const side of ['a', 'b'] as const) {
        if (theirs[side] === null) expect(mine[side], `${k} ${side}`).toBeNull();
        else expect(mine[side], `${k} ${side}`).toBeCloseTo(theirs[side]!, 9);
      }
    }
    // The gateway's CPU: its 2 × 16 workers' busy time, 0.055 vCPU over 24 s (test/ui/compare.test.ts).
    expect(figures.find((r) => r.key === 'gatewayCpu')!.a).toBeCloseTo(1320.028 / 24_000, 6);
  });

  it('the table prints them in the app\'s words and units', () => {
    expect(table.code).toBe(0);
    const line = (label: string) => table.stdout.split('\n').find((l) => l.trimStart().startsWith(label))?.replace(/\s+/g, ' ').trim();
    expect(table.stdout).toContain('as the app counts them');
    // B has no gateway: no value and no ratio (trial N15, 5: "0.00x" read as B saving all of it).
    expect(line('gateway CPU, in all')).toBe('gateway CPU, in all 0.055 vCPU - -');
    expect(line('sidecar CPU per 1000 req/s per proxy')).toMatch(/^sidecar CPU per 1000 req\/s per proxy - 0\.\d{3} vCPU -$/);
    expect(line('attempts per user request, all hops')).toMatch(/^attempts per user request, all hops 3\.\d{3} 2\.\d{3} 0\.\d\dx$/);
    expect(line('inventory: utilisation')).toMatch(/^inventory: utilisation \d/);
  });
});
