// The single view draws a seek's frames on the way at most every SEEK_SHOW_INTERVAL_MS, and the
// frame it lands on always: each drawn frame is a whole page's render, and a seek answers one every
// SEEK_SLICE_MS. The "worker" is a real SimHost whose wall clock (the page's performance.now too)
// moves 10 ms each time the host reads it, so a slice stops after a few thousand events.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';
import type { SimBridge, SimWorker } from '../../src/ui/bridge/simBridge';
import type { ScenarioEntry } from '../../src/ui/scenarios/catalog';
import { createController } from '../../src/ui/sim/controller';
import { SEEK_SHOW_INTERVAL_MS } from '../../src/ui/sim/controllerApi';
import { createFrameChannel } from '../../src/ui/state/frameChannel';
import { createAppStore } from '../../src/ui/state/store';
import type { Frame } from '../../src/workers/protocol';
import { SimHost } from '../../src/workers/SimHost';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const ENTRIES: ScenarioEntry[] = ['gateway-only'].map((id) => ({ id, label: id, text: text(id), fileName: `${id}.json`, source: 'builtin' }));

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** The page's address bar and history, as the controller writes them (addressBar.ts, scenarioHistory.ts). */
function stubPage(search: string) {
  const location = { origin: 'http://localhost', pathname: '/', search, hash: '' };
  const move = (_: unknown, __: string, url?: string) => {
    if (url !== undefined) location.search = url.slice(url.indexOf('?') >>> 0 === url.length ? url.length : Math.max(0, url.indexOf('?')));
  };
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', { state: null, replaceState: move, pushState: move });
  vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
}

/**
 * The single view's controller on gateway-only over SimHosts whose wall clock (the page's
 * performance.now too) moves 10 ms a reading; `answered` gets every frame a `seekTo` answered.
 */
function singleView() {
  let wall = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => wall);
  const answered: Frame[] = [];
  let active: SimWorker['api'] | null = null;
  const apiOf = (host: SimHost) =>
    new Proxy({} as SimWorker['api'], {
      get: (_, key) =>
        typeof key !== 'string' || key === 'then'
          ? undefined
          : (...args: unknown[]) => {
              const out = (host as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args);
              if (key === 'seekTo') answered.push(out as Frame);
              return Promise.resolve(out);
            },
    });
  const bridge = {
    api: new Proxy({} as SimWorker['api'], { get: (_, key) => (key === 'then' ? undefined : (active as unknown as Record<string | symbol, unknown>)[key]) }),
    spawn: (): SimWorker => ({ api: apiOf(new SimHost(() => (wall += 10))), terminate() {} }),
    adopt(w: SimWorker) {
      active = w.api;
    },
    release() {},
    prewarm() {},
    stopActive() {},
    onCrash() {},
    terminate() {},
  } as unknown as SimBridge;
  const store = createAppStore(ENTRIES);
  const frames = createFrameChannel();
  stubPage('?scenario=gateway-only');
  return { store, frames, answered, wall: () => wall, controller: createController(store, bridge, frames) };
}

test('a seek to 20 s draws its frames on the way at most every SEEK_SHOW_INTERVAL_MS and lands on the frame a run to 20 s gives', async () => {
  const { store, frames, answered, wall, controller } = singleView();
  try {
    await controller.start('?scenario=gateway-only');
    expect(store.getState().info?.title).toBeTruthy();
    /** Each frame drawn (published) during the seek, with the wall time it was drawn at. */
    const drawn: { simTime: number; at: number; frame: Frame }[] = [];
    const off = frames.subscribe((f) => drawn.push({ simTime: f.simTime, at: wall(), frame: f }));
    await controller.seek(20_000);
    off();

    // Many slices on the way, few of them drawn: the first, then one each SEEK_SHOW_INTERVAL_MS.
    expect(answered.length).toBeGreaterThan(10);
    const last = answered.at(-1)!;
    expect(last.simTime).toBe(20_000);
    expect(drawn.at(-1)!.frame).toBe(last);
    const onTheWay = drawn.slice(0, -1);
    expect(onTheWay.length).toBeGreaterThan(0);
    // The build before drew every one of them (64 of 64 here; 22 since).
    expect(drawn.length).toBeLessThan(answered.length / 2);
    for (let i = 1; i < onTheWay.length; i++) expect(onTheWay[i].at - onTheWay[i - 1].at).toBeGreaterThanOrEqual(SEEK_SHOW_INTERVAL_MS);
    // The clock moved forward on the way, and the run's latest frame is the last answered.
    expect(drawn.map((d) => d.simTime)).toEqual([...drawn.map((d) => d.simTime)].sort((a, b) => a - b));
    expect(frames.latest).toBe(last);
    expect(frames.shown).toBe(last);

    // What the page shows at 20 s is what a run straight to 20 s gives.
    const s = store.getState();
    expect(s.stats.simTime).toBe(20_000);
    expect(s.seekingTo).toBeNull();
    const straight = new SimHost(() => 0);
    straight.load(ENTRIES[0].text, undefined, ENTRIES[0].fileName);
    expect(s.stats.traceHash).toBe(straight.seekTo(20_000, Number.POSITIVE_INFINITY, false).traceHash);
  } finally {
    controller.dispose();
  }
}, 60_000);
