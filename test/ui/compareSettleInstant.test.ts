// The compare view's Step and Pause finish the instant they stop at (commit 76e9474): the settle
// after them (pairSeek.ts syncPanes) runs every event of the time both panes stand at, however
// many worker calls that takes, so the pair shows the moment a run to that time reaches (the
// CLI's --duration). Before 76e9474 it made one call of 120 ms of wall budget and stopped among
// the instant's events. Each pane's "worker" is a real SimHost whose wall clock moves 20 ms each
// time it is read (one look every 256 events), on test/browser/fixtures/same-instant.json made
// 200 ms long: 4,000 requests sent at 0 and 8,000 events of their replies at 100 ms.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SimBridge, SimWorker } from '../../src/ui/bridge/simBridge';
import { createCompareController, type CompareController } from '../../src/ui/compare/compareController';
import type { Recipe } from '../../src/ui/recipe/types';
import { SimHost } from '../../src/workers/SimHost';
import { simHere } from '../cli/spawnSim';

const FIXTURE = fileURLToPath(new URL('../browser/fixtures/same-instant.json', import.meta.url));
/** same-instant.json run to 200 ms: the replies' instant (100 ms) is mid-run. */
const TEXT = JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE, 'utf8')), duration: '200ms' });

/** The CLI's trace hash and figures for TEXT run to `duration` (`npm run sim -- run FILE --duration T --json`), each asked once. */
const cliRuns = new Map<string, { traceHash: string; sent: number; ok: number }>();
async function cli(duration: string): Promise<{ traceHash: string; sent: number; ok: number }> {
  const known = cliRuns.get(duration);
  if (known) return known;
  const file = join(mkdtempSync(join(tmpdir(), 'same-instant-')), 'scenario.json');
  writeFileSync(file, TEXT);
  // In this process (the CLI's own runCli): a spawn would add about 1.3 s of CPU to start.
  const out = await simHere(['run', file, '--duration', duration, '--json']);
  expect(out.code).toBe(0);
  const r = JSON.parse(out.stdout) as { traceHash: string; requests: { sent: number; ok: number } };
  const run = { traceHash: r.traceHash, sent: r.requests.sent, ok: r.requests.ok };
  cliRuns.set(duration, run);
  return run;
}

/** A pair of real SimHosts on a wall clock that moves 20 ms per reading, opened at 0; `sims` reads each one's engine. */
async function openPair() {
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
  const entry = { id: 'file:same-instant', label: 'same-instant', text: TEXT, fileName: 'same-instant.json', source: 'file' as const };
  const pair = createCompareController(bridge, [entry]);
  const recipe: Recipe = { scenario: { kind: 'inline', text: TEXT, fileName: 'same-instant.json' }, seed: null, actions: [] };
  await pair.openRecipes(recipe, recipe, 0);
  const sims = () => hosts.map((h) => (h as unknown as { world: { sim: { now: number; peek(): number } } }).world.sim);
  return { pair, sims };
}

/** Each pane's counters as its header shows them. */
const paneStats = (pair: CompareController) =>
  pair.panes.map((p) => {
    const s = p.services.store.getState().stats as { simTime: number; sent: number; ok: number; traceHash: string };
    return { simTime: s.simTime, sent: s.sent, ok: s.ok, traceHash: s.traceHash };
  });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('compare Step and Pause finish the instant they stop at', () => {
  test("Step onto the replies' instant (100 ms, 8,000 events) runs all of them: both panes on the CLI's --duration 100ms hash, 4,000 ok", async () => {
    const want = await cli('100ms');
    expect(want.ok).toBe(4000);
    const { pair, sims } = await openPair();
    // Steps until the pair stands at 100 ms: the sends at 0 first, then one reply and the rest of its instant.
    for (let i = 0; i < 3 && paneStats(pair)[0].simTime < 100; i++) await pair.step();
    // No event of 100 ms left in either worker (before 76e9474: peek 100, about 1,500 of them run).
    for (const sim of sims()) {
      expect(sim.now).toBe(100);
      expect(sim.peek()).toBeGreaterThan(100);
    }
    expect(paneStats(pair)).toEqual([0, 1].map(() => ({ simTime: 100, ...want })));
    expect(pair.store.getState()).toMatchObject({ status: 'paused', settling: null, simTime: 100 });
    pair.dispose();
  }, 60_000);

  test("Pause while a tick stands among the replies' instant runs the rest of it: both panes on the CLI's --duration 100ms hash", async () => {
    const want = await cli('100ms');
    // Animation frames moved by hand, 16 ms of the page's clock each.
    let now = 1000;
    const pending = new Map<number, FrameRequestCallback>();
    let nextId = 0;
    vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => (pending.set(++nextId, fn), nextId));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => void pending.delete(id));
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const frame = async () => {
      now += 16;
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) fn(now);
      await new Promise((r) => setTimeout(r, 0));
    };
    const { pair, sims } = await openPair();
    pair.setSpeed('1');
    pair.play();
    // Played at 1x until a tick has reached 100 ms: its 12 ms budget ends among the instant's events.
    for (let i = 0; i < 40 && sims().some((s) => s.now < 100); i++) await frame();
    expect(sims().map((s) => s.now)).toEqual([100, 100]);
    expect(sims().some((s) => s.peek() === 100)).toBe(true);
    await pair.pause();
    for (const sim of sims()) {
      expect(sim.now).toBe(100);
      expect(sim.peek()).toBeGreaterThan(100);
    }
    expect(paneStats(pair)).toEqual([0, 1].map(() => ({ simTime: 100, ...want })));
    expect(pair.store.getState()).toMatchObject({ status: 'paused', settling: null, simTime: 100 });
    pair.dispose();
  }, 60_000);
});
