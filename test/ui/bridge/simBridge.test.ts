// The bridge's spare worker (simBridge.ts): a replaced worker is made fresh and handed out again,
// one that does not answer is terminated and never reused, and a prewarmed spare's warm-up runs
// before the calls of whoever takes it. Workers are stand-ins: a comlink endpoint over a Node
// MessageChannel, recording the calls their API receives.
import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimBridge, SPARE_ANSWER_MS, WorkerStopped } from '../../../src/ui/bridge/simBridge';

class FakeWorker {
  static made: FakeWorker[] = [];
  readonly calls: string[] = [];
  /** fresh() never answers, as a worker spinning in a loop. */
  hang = false;
  terminated = false;
  /** Answers the bridge has read, with what its promises ran on them (counted a macrotask after each message). */
  handled = 0;
  private readonly port: MessagePort;
  constructor() {
    const ch = new MessageChannel();
    this.port = ch.port1;
    this.port.start();
    const log = (name: string) => this.calls.push(name);
    expose(
      {
        load: (text: string) => (log(`load ${text}`), { ok: true }),
        advance: () => (log('advance'), {}),
        fresh: () => (log('fresh'), this.hang ? new Promise(() => {}) : undefined),
      },
      ch.port2 as unknown as Parameters<typeof expose>[1],
    );
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.port.postMessage(message, transfer as never);
  }
  addEventListener(type: string, listener: EventListener): void {
    if (type !== 'message') return;
    this.port.addEventListener('message', listener);
    this.port.addEventListener('message', () => setTimeout(() => this.handled++, 0));
  }
  removeEventListener(type: string, listener: EventListener): void {
    this.port.removeEventListener('message', listener);
  }
  terminate(): void {
    this.terminated = true;
    this.port.close();
  }
}

describe('the simulation bridge keeps a warm spare worker', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('hands the worker a newly opened scenario replaced out again, made fresh, and its old holder can no longer reach it', async () => {
    const bridge = createSimBridge();
    const first = bridge.spawn();
    bridge.adopt(first);
    const second = bridge.spawn();
    bridge.adopt(second);
    // The replaced worker is made fresh and its answer read (a fixed 20 ms wait failed at load 22: the
    // call was logged, its answer not yet read, so the next spawn started a third worker).
    await vi.waitFor(() => expect(FakeWorker.made[0].handled).toBeGreaterThanOrEqual(1), { timeout: 5000, interval: 5 });
    expect(FakeWorker.made.map((w) => w.calls)).toEqual([['fresh'], []]);
    const third = bridge.spawn();
    expect(FakeWorker.made).toHaveLength(2);
    await third.api.load('b');
    expect(FakeWorker.made[0].calls).toEqual(['fresh', 'load b']);
    // The first lease is spent: its calls reject, its terminate leaves the worker to its new holder.
    await expect(first.api.load('a')).rejects.toBeInstanceOf(WorkerStopped);
    first.terminate();
    expect(FakeWorker.made[0].terminated).toBe(false);
    bridge.terminate();
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('terminates a replaced worker that does not answer fresh within SPARE_ANSWER_MS, and starts a new one instead', async () => {
    const bridge = createSimBridge();
    const first = bridge.spawn();
    bridge.adopt(first);
    FakeWorker.made[0].hang = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    bridge.adopt(bridge.spawn());
    // Not answered yet: not handed out, a new worker is started.
    const meanwhile = bridge.spawn();
    expect(FakeWorker.made).toHaveLength(3);
    vi.advanceTimersByTime(SPARE_ANSWER_MS);
    expect(FakeWorker.made[0].terminated).toBe(true);
    meanwhile.terminate();
    bridge.spawn();
    expect(FakeWorker.made).toHaveLength(4);
    bridge.terminate();
  });

  it('never keeps a worker stopped as hung (stopActive)', () => {
    const bridge = createSimBridge();
    const first = bridge.spawn();
    bridge.adopt(first);
    bridge.stopActive();
    expect(FakeWorker.made[0].terminated).toBe(true);
    bridge.spawn();
    expect(FakeWorker.made).toHaveLength(2);
    bridge.terminate();
  });

  it('runs a prewarmed spare warm-up before the calls of whoever takes it', async () => {
    const bridge = createSimBridge();
    bridge.prewarm('warm');
    const taken = bridge.spawn();
    expect(FakeWorker.made).toHaveLength(1);
    await taken.api.load('mine');
    expect(FakeWorker.made[0].calls).toEqual(['load warm', 'advance', 'fresh', 'load mine']);
    bridge.terminate();
  });
});
