// The page's first simulation worker is asked for before the app's modules run (earlyWorker.ts):
// the bridge's first worker is that one, later ones are its own, and a death the early worker met
// before the bridge listened still reaches the bridge's crash listeners. Workers are stand-ins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimWorkerEarly, takeSimWorker } from '../../../src/ui/bridge/earlyWorker';
import { createSimBridge, WorkerStopped } from '../../../src/ui/bridge/simBridge';

class StandIn {
  static made: StandIn[] = [];
  readonly listeners = new Map<string, ((e: { message: string }) => void)[]>();
  terminated = false;
  constructor(readonly url: URL, readonly options: WorkerOptions) {
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
  /** Its script failed: every 'error' listener hears `message`. */
  die(message: string): void {
    for (const l of this.listeners.get('error') ?? []) l({ message });
  }
}

describe('the first simulation worker starts before the app', () => {
  beforeEach(() => {
    StandIn.made = [];
    vi.stubGlobal('Worker', StandIn);
  });
  afterEach(() => {
    takeSimWorker();
    vi.unstubAllGlobals();
  });

  it('is started once, on the simulation script, and the bridge spawns it before starting any other', () => {
    startSimWorkerEarly();
    startSimWorkerEarly();
    expect(StandIn.made).toHaveLength(1);
    expect(StandIn.made[0].url.pathname).toMatch(/workers\/sim\.worker\.ts$/);
    expect(StandIn.made[0].options).toEqual({ type: 'module', name: 'meshsim-sim' });
    const bridge = createSimBridge();
    bridge.spawn();
    expect(StandIn.made).toHaveLength(1);
    bridge.spawn();
    expect(StandIn.made).toHaveLength(2);
    bridge.terminate();
    expect(StandIn.made.every((w) => w.terminated)).toBe(true);
  });

  it('hands the bridge the error its script met before the bridge listened: the crash is heard and its calls reject', async () => {
    startSimWorkerEarly();
    StandIn.made[0].die('sim.worker.js: SyntaxError');
    const bridge = createSimBridge();
    const crashes: string[] = [];
    bridge.onCrash((m) => crashes.push(m));
    const worker = bridge.spawn();
    bridge.adopt(worker);
    await Promise.resolve();
    expect(crashes).toEqual(['sim.worker.js: SyntaxError']);
    expect(StandIn.made[0].terminated).toBe(true);
    await expect(worker.api.load('x')).rejects.toBeInstanceOf(WorkerStopped);
  });

  it('makes a new worker for whoever asks when none was started early', () => {
    const { worker, failed } = takeSimWorker();
    expect(worker).toBe(StandIn.made[0]);
    expect(failed).toBeNull();
  });
});
