import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MAX_WALL_STEP_MS, createFrameLoop, type FrameLoopHooks } from '../../src/ui/sim/frameLoop';

/** Animation frames fired by hand: `frame(t)` runs the callback asked for, at wall time t. */
let pending: Map<number, FrameRequestCallback>;
let nextId: number;
const frame = (t: number) => {
  const due = [...pending.entries()];
  pending.clear();
  for (const [, fn] of due) fn(t);
};

beforeEach(() => {
  pending = new Map();
  nextId = 0;
  vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => (pending.set(++nextId, fn), nextId));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => void pending.delete(id));
});
afterEach(() => vi.unstubAllGlobals());

function loopWith(over: Partial<FrameLoopHooks> = {}) {
  const asked: number[] = [];
  const state = { playing: true, busy: false, disposed: false, factor: 1 };
  const loop = createFrameLoop({
    playing: () => state.playing,
    busy: () => state.busy,
    disposed: () => state.disposed,
    factor: () => state.factor,
    advance: (ms) => void asked.push(ms),
    ...over,
  });
  return { loop, asked, state };
}

describe('frame loop', () => {
  test('the first frame after a start counts one 60 Hz frame, later ones the wall time since the last', () => {
    const { loop, asked } = loopWith();
    loop.start();
    frame(1000);
    frame(1040);
    frame(1050);
    expect(asked).toEqual([1000 / 60, 40, 10]);
  });

  test('a wall gap longer than MAX_WALL_STEP_MS turns into MAX_WALL_STEP_MS of it, times the speed', () => {
    const { loop, asked, state } = loopWith();
    state.factor = 2;
    loop.start();
    frame(0);
    frame(5000);
    expect(asked).toEqual([2000 / 60, 2 * MAX_WALL_STEP_MS]);
  });

  test('at max speed every frame asks for Infinity', () => {
    const { loop, asked, state } = loopWith();
    state.factor = Number.POSITIVE_INFINITY;
    loop.start();
    frame(0);
    frame(16);
    expect(asked).toEqual([Infinity, Infinity]);
  });

  test('while an answer is outstanding frames ask nothing, and the wall time they span is caught up after', () => {
    const { loop, asked, state } = loopWith();
    loop.start();
    frame(0);
    state.busy = true;
    frame(16);
    frame(32);
    state.busy = false;
    frame(48);
    expect(asked).toEqual([1000 / 60, 48]);
  });

  test('a frame after the run stops playing asks nothing and asks for no further frame', () => {
    const { loop, asked, state } = loopWith();
    loop.start();
    frame(0);
    state.playing = false;
    frame(16);
    expect(pending.size).toBe(0);
    expect(asked).toHaveLength(1);
  });

  test('stop cancels the frame asked for, and a start after it counts its first frame afresh', () => {
    const { loop, asked } = loopWith();
    loop.start();
    frame(0);
    loop.stop();
    expect(pending.size).toBe(0);
    loop.start();
    frame(3000);
    expect(asked).toEqual([1000 / 60, 1000 / 60]);
  });

  test('schedule asks for one frame at a time, and none once the controller is disposed', () => {
    const { loop, state } = loopWith();
    loop.schedule();
    loop.schedule();
    expect(pending.size).toBe(1);
    loop.stop();
    state.disposed = true;
    loop.start();
    expect(pending.size).toBe(0);
  });
});
