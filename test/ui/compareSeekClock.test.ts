// The compare view's header clock during a seek says the moment the panes show: each pane's frames
// are held until both stand at the target (pairSeek.ts), and the clock followed the run behind on
// the way (a CI screenshot: both panes at 10.0 s, the header at 24.2 s). Each pane's "worker" is
// a real SimHost whose wall clock moves 20 ms each time it is read, so a seek slice stops after a
// few thousand events and a seek to 20 s takes many calls a pane.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { SimBridge, SimWorker } from '../../src/ui/bridge/simBridge';
import { createCompareController, type CompareController } from '../../src/ui/compare/compareController';
import type { ScenarioEntry } from '../../src/ui/scenarios/catalog';
import { SimHost } from '../../src/workers/SimHost';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const ENTRIES: ScenarioEntry[] = ['gateway-only', 'mesh-only'].map((id) => ({ id, label: id, text: text(id), fileName: `${id}.json`, source: 'builtin' }));

/** gateway-only against mesh-only on SimHosts whose wall clock moves 20 ms per reading. */
function pairOf(): CompareController {
  let wall = 0;
  const bridge = {
    spawn: (): SimWorker => {
      const host = new SimHost(() => (wall += 20));
      return {
        terminate() {},
        api: new Proxy({} as SimWorker['api'], {
          get: (_, key) => (typeof key !== 'string' || key === 'then' ? undefined : (...args: unknown[]) => Promise.resolve((host as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args))),
        }),
      };
    },
  } as unknown as SimBridge;
  return createCompareController(bridge, ENTRIES);
}

/** Each pane's counters' time, as its line under the picture shows it, ms. */
const paneTimes = (pair: CompareController) => pair.panes.map((p) => (p.services.store.getState().stats as { simTime: number }).simTime);

test('a seek from 2 s to 20 s keeps the header clock at what both panes show, then moves it with them to 20 s', async () => {
  const pair = pairOf();
  await pair.openRecipes({ scenario: { kind: 'builtin', id: 'gateway-only' }, seed: null, actions: [] }, { scenario: { kind: 'builtin', id: 'mesh-only' }, seed: null, actions: [] }, 2000);
  expect(paneTimes(pair)).toEqual([2000, 2000]);
  // Every change of the pair's store on the way: the clock, and the panes' own times then.
  const seen: { clock: number; panes: number[]; seeking: number | null }[] = [];
  const off = pair.store.subscribe((s) => seen.push({ clock: s.simTime, panes: paneTimes(pair), seeking: s.seekingTo }));
  await pair.seek(20_000);
  off();
  expect(seen.filter((m) => m.seeking === 20_000).length).toBeGreaterThan(0);
  const wrong = seen.filter((m) => m.panes.some((t) => t !== m.clock));
  // The build before: 35 readings with the clock on the run behind (2.3 s, 2.6 s, 2.9 s, ...) over panes at 2.0 s.
  expect(wrong, JSON.stringify(wrong.slice(0, 3))).toEqual([]);
  expect(seen.at(-1)).toEqual({ clock: 20_000, panes: [20_000, 20_000], seeking: null });
  pair.dispose();
}, 60_000);

test("while the pictures are held, each pane's seek progress climbs slice by slice from 2 s to 20 s, and a seek back starts it at 0", async () => {
  const pair = pairOf();
  await pair.openRecipes({ scenario: { kind: 'builtin', id: 'gateway-only' }, seed: null, actions: [] }, { scenario: { kind: 'builtin', id: 'mesh-only' }, seed: null, actions: [] }, 2000);
  const seen: [number, number][] = [];
  const off = pair.store.subscribe((s) => s.seekingTo !== null && seen.push([...s.seekReached]));
  await pair.seek(20_000);
  for (const i of [0, 1]) {
    const mine = seen.map((r) => r[i]);
    expect(mine[0]).toBe(2000);
    // Many slices a pane (the wall clock moves 20 ms a reading): the bar moves, not jumps from start to end.
    expect(new Set(mine).size).toBeGreaterThan(3);
    expect(mine.every((t, k) => k === 0 || t >= mine[k - 1])).toBe(true);
    expect(mine.at(-1)).toBe(20_000);
  }
  seen.length = 0;
  await pair.seek(5000);
  off();
  expect(seen[0]).toEqual([0, 0]);
  expect(seen.at(-1)).toEqual([5000, 5000]);
  pair.dispose();
}, 60_000);
