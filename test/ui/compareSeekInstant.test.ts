// The compare view's seek and settle reach the moment a run to that time reaches (the CLI's):
// every event at the target time run, even when 8,000 of them share it and a worker's wall budget
// runs out among them. Each pane's "worker" is a real SimHost whose wall clock moves 20 ms each
// time it is read, so a 150 ms seek slice stops after about 2,000 events (one look every 256).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { SimBridge, SimWorker } from '../../src/ui/bridge/simBridge';
import { createCompareController, type CompareController } from '../../src/ui/compare/compareController';
import type { Recipe } from '../../src/ui/recipe/types';
import { SimHost } from '../../src/workers/SimHost';
import { simHere } from '../cli/spawnSim';

const FIXTURE = fileURLToPath(new URL('../browser/fixtures/same-instant.json', import.meta.url));
const TEXT = readFileSync(FIXTURE, 'utf8');
/** The same scenario run to 200 ms: its 8,000 events at 100 ms are then mid-run, not at the end. */
const LONGER = JSON.stringify({ ...JSON.parse(TEXT), duration: '200ms' });

/** The CLI's trace hash and figures for `text` run to `duration` (`npm run sim -- run FILE --duration T --json`). */
async function cli(text: string, duration: string): Promise<{ traceHash: string; sent: number; ok: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'same-instant-')), 'scenario.json');
  writeFileSync(file, text);
  // In this process (the CLI's own runCli): a spawn would add about 1.3 s of CPU to start.
  const out = await simHere(['run', file, '--duration', duration, '--json']);
  expect(out.code).toBe(0);
  const r = JSON.parse(out.stdout) as { traceHash: string; requests: { sent: number; ok: number } };
  return { traceHash: r.traceHash, sent: r.requests.sent, ok: r.requests.ok };
}

/** A pair of real SimHosts on a wall clock that moves 20 ms per reading; `sims` reads each one's engine. */
function pairOf(text: string) {
  const hosts: SimHost[] = [];
  let wall = 0;
  const bridge = {
    spawn: (): SimWorker => {
      const host = new SimHost(() => (wall += 20));
      hosts.push(host);
      return {
        terminate() {},
        api: new Proxy({} as SimWorker['api'], {
          get: (_, key) => (typeof key !== 'string' || key === 'then' ? undefined : (...args: unknown[]) => Promise.resolve((host as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args))),
        }),
      };
    },
  } as unknown as SimBridge;
  const entry = { id: 'file:same-instant', label: 'same-instant', text, fileName: 'same-instant.json', source: 'file' as const };
  const pair = createCompareController(bridge, [entry]);
  const recipe: Recipe = { scenario: { kind: 'inline', text, fileName: 'same-instant.json' }, seed: null, actions: [] };
  const sims = () => hosts.map((h) => (h as unknown as { world: { sim: { now: number; peek(): number } } }).world.sim);
  return { pair, recipe, sims };
}

/** Each pane's counters as its header shows them. */
const paneStats = (pair: CompareController) =>
  pair.panes.map((p) => {
    const s = p.services.store.getState().stats as { simTime: number; sent: number; ok: number; traceHash: string };
    return { simTime: s.simTime, sent: s.sent, ok: s.ok, traceHash: s.traceHash };
  });

describe('compare seek onto an instant that holds 8,000 events', () => {
  test("a seek to the end (100 ms) runs all of them: both panes finished on the CLI's hash", async () => {
    const want = await cli(TEXT, '100ms');
    const { pair, recipe, sims } = pairOf(TEXT);
    await pair.openRecipes(recipe, recipe, 0);
    await pair.seek(100);
    // Past every event at 100 ms in both workers, and both panes show it.
    for (const sim of sims()) expect(sim.peek()).toBeGreaterThan(100);
    expect(paneStats(pair)).toEqual([0, 1].map(() => ({ simTime: 100, sent: want.sent, ok: want.ok, traceHash: want.traceHash })));
    expect(pair.store.getState().status).toBe('done');
    pair.dispose();
  }, 60_000);

  test("a seek to 100 ms of a 200 ms run stops past that instant: both panes on the CLI's hash at --duration 100ms", async () => {
    const want = await cli(LONGER, '100ms');
    const { pair, recipe, sims } = pairOf(LONGER);
    await pair.openRecipes(recipe, recipe, 0);
    await pair.seek(100);
    for (const sim of sims()) expect(sim.peek()).toBeGreaterThan(100);
    expect(paneStats(pair)).toEqual([0, 1].map(() => ({ simTime: 100, sent: want.sent, ok: want.ok, traceHash: want.traceHash })));
    expect(pair.store.getState().status).toBe('paused');
    pair.dispose();
  }, 60_000);
});
