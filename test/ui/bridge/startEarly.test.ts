// The page's first simulation worker is asked for before the app's modules run (startEarly.ts)
// and handed to the bridge: the bridge's first worker is that one, later ones are its own, and a
// death the early worker met before the bridge listened still reaches the bridge's crash
// listeners. Workers are stand-ins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EarlyWorker } from '../../../src/ui/bridge/startEarly';
import { createSimBridge, WorkerStopped } from '../../../src/ui/bridge/simBridge';

class StandIn {
  static made: StandIn[] = [];
  readonly listeners = new Map<string, ((e: { message: string }) => void)[]>();
  terminated = false;
  constructor(readonly url?: URL) {
    StandIn.made.push(this);
  }
  postMessage(): void {}
  addEventListener(type: string, listener: (e: { message: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  removeEventListener(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

/** A worker as startEarly.ts leaves it, having met `failed` (null: running). */
function early(failed: string | null = null): EarlyWorker {
  return { worker: new StandIn() as unknown as Worker, failed };
}

describe('the first simulation worker starts before the app', () => {
  beforeEach(() => {
    StandIn.made = [];
    vi.stubGlobal('Worker', StandIn);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is the worker the bridge spawns first; the next is one the bridge starts, on the simulation script', () => {
    const bridge = createSimBridge(early());
    bridge.spawn();
    expect(StandIn.made).toHaveLength(1);
    bridge.spawn();
    expect(StandIn.made).toHaveLength(2);
    expect(StandIn.made[1].url?.pathname).toMatch(/workers\/sim\.worker\.ts$/);
    bridge.terminate();
    expect(StandIn.made.every((w) => w.terminated)).toBe(true);
  });

  it('is stopped with the bridge when no scenario ever took it', () => {
    const bridge = createSimBridge(early());
    bridge.terminate();
    expect(StandIn.made[0].terminated).toBe(true);
  });

  it('hands the bridge the error its script met before the bridge listened: the crash is heard and its calls reject', async () => {
    const bridge = createSimBridge(early('sim.worker.js: SyntaxError'));
    const crashes: string[] = [];
    bridge.onCrash((m) => crashes.push(m));
    const worker = bridge.spawn();
    bridge.adopt(worker);
    await Promise.resolve();
    expect(crashes).toEqual(['sim.worker.js: SyntaxError']);
    expect(StandIn.made[0].terminated).toBe(true);
    await expect(worker.api.load('x')).rejects.toBeInstanceOf(WorkerStopped);
  });
});
