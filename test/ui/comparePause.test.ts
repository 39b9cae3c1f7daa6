// The compare view's Pause and Step against workers whose answers come back in an order the test
// chooses: each pane's "worker" is a real SimHost behind a fake API that can hold a pane's
// answers back (a tick that lands after Pause) or stop it short of the goal (its budget ran out).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { SimBridge, SimWorker } from '../../src/ui/bridge/simBridge';
import { createCompareController, type CompareController } from '../../src/ui/compare/compareController';
import type { ScenarioEntry } from '../../src/ui/scenarios/catalog';
import { SimHost } from '../../src/workers/SimHost';
import { pauseMoment } from '../../src/ui/sim/pauseMoment';
import { formatClock } from '../../src/ui/format';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const ENTRIES: ScenarioEntry[] = ['retry-storm', 'retry-storm-fixed'].map((id) => ({ id, label: id, text: text(id), fileName: `${id}.json`, source: 'builtin' }));

/** One pane's worker: a SimHost whose seekTo answers can be held back (`late`) or stop `shortMs` before their target. */
interface FakeWorker extends SimWorker {
  late: boolean;
  shortMs: number;
  /** Answers held back while `late`, in the order asked. */
  held: (() => void)[];
  /** The run's time in the worker, ms (what the pane shows once its answers are in). */
  now(): number;
}

function fakeWorker(): FakeWorker {
  const host = new SimHost(() => 0);
  const w: FakeWorker = {
    late: false,
    shortMs: 0,
    held: [],
    // NaN while it loads: the pair's store now changes during a load (the pane's opening stage), before the world exists.
    now: () => (host as unknown as { world: { sim: { now: number } } | null }).world?.sim.now ?? Number.NaN,
    terminate() {},
    api: new Proxy({} as SimWorker['api'], {
      get: (_, key) => {
        if (typeof key !== 'string' || key === 'then') return undefined;
        return (...args: unknown[]) => {
          if (key === 'seekTo' && !args[2]) args[0] = Math.max(w.now(), (args[0] as number) - w.shortMs);
          // The worker does the work when asked (calls to one worker run in order); only the answer waits.
          const answer = (host as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args);
          if (key !== 'seekTo' || !w.late) return Promise.resolve(answer);
          return new Promise((resolve) => w.held.push(() => resolve(answer)));
        };
      },
    }),
  };
  return w;
}

/** Animation frames and performance.now() moved by hand: `frame(ms)` moves the wall clock by ms and runs the frame asked for. */
let wall = 0;
let pending: Map<number, FrameRequestCallback>;
let nextId = 0;
const answersIn = () => new Promise((r) => setTimeout(r, 0));
async function frame(ms: number): Promise<void> {
  wall += ms;
  const due = [...pending.values()];
  pending.clear();
  for (const fn of due) fn(wall);
  await answersIn();
}

beforeEach(() => {
  wall = 1000;
  pending = new Map();
  vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => (pending.set(++nextId, fn), nextId));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => void pending.delete(id));
  vi.spyOn(performance, 'now').mockImplementation(() => wall);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** retry-storm against retry-storm-fixed, opened and played at 1x for `frames` frames of 16 ms. */
async function playingPair(frames: number) {
  const workers: FakeWorker[] = [];
  const bridge = {
    spawn: () => {
      const w = fakeWorker();
      workers.push(w);
      return w;
    },
  } as unknown as SimBridge;
  const pair = createCompareController(bridge, ENTRIES);
  await pair.openRecipes({ scenario: { kind: 'builtin', id: 'retry-storm' }, seed: null, actions: [] }, { scenario: { kind: 'builtin', id: 'retry-storm-fixed' }, seed: null, actions: [] }, 5000);
  pair.setSpeed('1');
  pair.play();
  for (let i = 0; i < frames; i++) await frame(16);
  return { pair, workers: workers as [FakeWorker, FakeWorker] };
}

/** Each pane's counters' time, as its header shows it. */
const paneTimes = (pair: CompareController) => pair.panes.map((p) => (p.services.store.getState().stats as { simTime: number }).simTime);

/**
 * Every moment the pair reads as paused and done settling (status 'paused', `settling` null),
 * with both panes' counters' times and the clock then: a person who sees "paused" sees these.
 */
function pausedMoments(pair: CompareController) {
  const seen: { a: number; b: number; clock: number; paneTimes: number[] }[] = [];
  const look = () => {
    const s = pair.store.getState();
    if (s.status !== 'paused' || s.settling) return;
    const [a, b] = paneTimes(pair);
    seen.push({ a, b, clock: s.simTime, paneTimes: [...s.paneTimes] });
  };
  const stop = [pair.store.subscribe(look), ...pair.panes.map((p) => p.services.store.subscribe(look))];
  return { seen, stop: () => stop.forEach((f) => f()) };
}

describe('compare opening at a moment', () => {
  test('a pair opened at 5 s never reads as ready with no seek under way before both panes stand at 5 s', async () => {
    const workers: FakeWorker[] = [];
    const bridge = { spawn: () => (workers.push(fakeWorker()), workers.at(-1)!) } as unknown as SimBridge;
    const pair = createCompareController(bridge, ENTRIES);
    const early: { status: string; seekingTo: number | null; times: number[] }[] = [];
    pair.store.subscribe((s) => {
      const times = workers.map((w) => w.now());
      if ((s.status === 'ready' || s.status === 'paused') && s.seekingTo === null && times.some((t) => t !== 5000)) early.push({ status: s.status, seekingTo: s.seekingTo, times });
    });
    await pair.openRecipes({ scenario: { kind: 'builtin', id: 'retry-storm' }, seed: null, actions: [] }, { scenario: { kind: 'builtin', id: 'retry-storm-fixed' }, seed: null, actions: [] }, 5000);
    expect(early).toEqual([]);
    expect(workers.map((w) => w.now())).toEqual([5000, 5000]);
    expect(pair.store.getState()).toMatchObject({ status: 'paused', seekingTo: null, simTime: 5000, figuresAt: 5000 });
    pair.dispose();
  });
});

describe('compare pause', () => {
  test('after pause both panes show the same time even when the last tick lands late, with one pane short of its goal', async () => {
    const { pair, workers } = await playingPair(6);
    const [a, b] = workers;
    expect(a.now()).toBe(b.now());
    expect(a.now()).toBeGreaterThan(5000);
    // The last tick: A's answer comes back after Pause, and A stopped 7 ms short of the goal.
    a.late = true;
    a.shortMs = 7;
    const watch = pausedMoments(pair);
    await frame(16);
    expect(a.held).toHaveLength(1);
    const paused = pair.pause();
    expect(pair.store.getState().settling).toBe('pausing');
    a.late = false;
    a.shortMs = 0;
    a.held.shift()!();
    await paused;
    watch.stop();
    expect(pair.store.getState().settling).toBeNull();
    expect(watch.seen.length).toBeGreaterThan(0);
    // At every moment it read "paused", both panes' counters and the clock were at one time: B's.
    for (const m of watch.seen) expect(m).toEqual({ a: b.now(), b: b.now(), clock: b.now(), paneTimes: [b.now(), b.now()] });
    expect(a.now()).toBe(b.now());
    pair.dispose();
  });

  test('Play pressed while pausing plays once both panes stand at one time, not alongside the pane behind catching up', async () => {
    const { pair, workers } = await playingPair(6);
    const [a, b] = workers;
    // The last tick leaves A 7 ms short; its catching up after Pause is answered late.
    a.shortMs = 7;
    await frame(16);
    a.shortMs = 0;
    const target = b.now();
    expect(a.now()).toBe(target - 7);
    a.late = true;
    const paused = pair.pause();
    await answersIn();
    expect(a.held).toHaveLength(1);
    pair.play();
    // Frames while A's catching up is on its way: neither pane moves past the pause's time (the
    // round moment just after B's, sim/pauseMoment.ts: 5112.67 ms -> 5113 ms).
    for (let i = 0; i < 3; i++) await frame(16);
    expect(pauseMoment(target, 1)).toBeGreaterThan(target);
    expect(b.now()).toBe(pauseMoment(target, 1));
    a.late = false;
    a.held.shift()!();
    await paused;
    await answersIn();
    expect(pair.store.getState()).toMatchObject({ status: 'playing', settling: null });
    for (let i = 0; i < 3; i++) await frame(16);
    expect(a.now()).toBeGreaterThan(target);
    expect(b.now()).toBeGreaterThan(target);
    expect(pair.panes.map((p) => p.services.store.getState().status)).toEqual(['playing', 'playing']);
    pair.dispose();
  });

  test('a pause at 1x stands on a round moment just after the clock it was pressed at (5112.67 ms: 5113 ms), both panes and the clock, and the link carries t=5113ms', async () => {
    const { pair, workers } = await playingPair(7);
    const [a, b] = workers;
    const pressed = a.now();
    expect(pressed).toBe(5112.666666666667);
    const clock = pair.store.getState().simTime;
    await pair.pause();
    expect(a.now()).toBe(5113);
    expect(b.now()).toBe(5113);
    expect(pair.store.getState()).toMatchObject({ status: 'paused', settling: null, simTime: 5113, paneTimes: [5113, 5113] });
    expect(formatClock(5113)).toBe(formatClock(clock));
    vi.stubGlobal('location', { origin: 'http://localhost', pathname: '/' });
    expect(new URL(pair.shareLink()!).searchParams.get('t')).toBe('5113ms');
    pair.dispose();
  });

  test('a paused pane shows its last frame at once, not the one before (counters reach the store at most every 100 ms while playing)', async () => {
    const { pair, workers } = await playingPair(3);
    const [a, b] = workers;
    // Frames 16 ms apart: the counters of the last ones are held back while playing.
    expect(paneTimes(pair)).not.toEqual([a.now(), b.now()]);
    void pair.pause();
    expect(pair.store.getState().status).toBe('paused');
    expect(paneTimes(pair)).toEqual([a.now(), b.now()]);
    expect(pair.store.getState().paneTimes).toEqual([a.now(), b.now()]);
    pair.dispose();
  });

  test('a step says "stepping" until both panes stand at one time, one event on', async () => {
    const { pair, workers } = await playingPair(4);
    const [a, b] = workers;
    await pair.pause();
    const before = a.now();
    const watch = pausedMoments(pair);
    const stepped = pair.step();
    expect(pair.store.getState().settling).toBe('stepping');
    await stepped;
    watch.stop();
    expect(pair.store.getState().settling).toBeNull();
    expect(a.now()).toBe(b.now());
    expect(a.now()).toBeGreaterThan(before);
    expect(watch.seen.at(-1)).toEqual({ a: a.now(), b: a.now(), clock: a.now(), paneTimes: [a.now(), a.now()] });
    for (const m of watch.seen) expect(m.a).toBe(m.b);
    pair.dispose();
  });

  test('a fault injected while playing goes into both panes at one time, and both play on after it', async () => {
    const { pair, workers } = await playingPair(4);
    const [a, b] = workers;
    await pair.injectFault({ type: 'kill-service', service: 'orders' });
    const at = pair.store.getState().faults[0]?.atMs;
    expect(pair.store.getState().faults).toEqual([{ n: 1, label: 'kill a service on orders', atMs: at, hit: [true, true], notes: [] }]);
    expect(a.now()).toBe(at);
    expect(b.now()).toBe(at);
    expect(pair.store.getState().status).toBe('playing');
    for (let i = 0; i < 3; i++) await frame(16);
    expect(a.now()).toBeGreaterThan(at);
    expect(b.now()).toBeGreaterThan(at);
    pair.dispose();
  });
});
