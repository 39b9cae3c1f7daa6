/// <reference lib="webworker" />
// The worker that hosts the engine. It exposes one typed API through comlink; the UI imports
// only `SimWorkerApi` (a type) and talks to it with `wrap<SimWorkerApi>()`.
import { expose, transfer } from 'comlink';
import { SimHost } from './SimHost';
import { PASSED_STRIDE, type Frame } from './protocol';

/**
 * A SimHost that also counts, per edge, the messages sent and delivered between two frames.
 * Those never show up in `Frame.dots`; the UI still needs to know traffic went by.
 */
class WorkerHost extends SimHost {
  private edges = 0;
  // Messages sent since the last frame, as parallel arrays: edge, slot (0..2), arrival time.
  private edge = new Int32Array(256);
  private slot = new Uint8Array(256);
  private arrive = new Float64Array(256);
  private count = 0;

  override transmit(edge: number, response: boolean, t0: number, t1: number, failed: boolean, retry = false): void {
    super.transmit(edge, response, t0, t1, failed, retry);
    if (this.count === this.edge.length) this.grow();
    const i = this.count++;
    this.edge[i] = edge;
    this.slot[i] = failed ? 2 : response ? 1 : 0;
    this.arrive[i] = t1;
  }

  /** Starts counting afresh for a topology with `edges` edges. */
  clearPassed(edges = this.edges): void {
    this.edges = edges;
    this.count = 0;
  }

  /** Adds `passed` to a frame and forgets the messages sent before it. */
  withPassed(frame: Frame): Frame {
    const passed = new Float32Array(this.edges * PASSED_STRIDE);
    for (let i = 0; i < this.count; i++) {
      // Still in flight: drawn as a dot from this frame on.
      if (this.arrive[i] > frame.simTime || this.edge[i] >= this.edges) continue;
      passed[this.edge[i] * PASSED_STRIDE + this.slot[i]]++;
    }
    this.count = 0;
    frame.passed = passed;
    return frame;
  }

  private grow(): void {
    const n = this.edge.length * 2;
    const e = new Int32Array(n);
    e.set(this.edge);
    this.edge = e;
    const s = new Uint8Array(n);
    s.set(this.slot);
    this.slot = s;
    const a = new Float64Array(n);
    a.set(this.arrive);
    this.arrive = a;
  }
}

const host = new WorkerHost(() => performance.now());

/** Frames carry typed arrays; transfer their buffers instead of copying them. */
function send(frame: Frame): Frame {
  const buffers = [frame.counters.buffer, frame.dots.buffer, frame.nodes.buffer, frame.edges.buffer];
  if (frame.passed) buffers.push(frame.passed.buffer);
  return transfer(frame, buffers);
}

const api = {
  load: (text: string, seed?: number) => {
    const result = host.load(text, seed);
    if (result.ok) host.clearPassed(result.info.topology.edges.length);
    return result;
  },
  reset: (seed?: number) => {
    host.reset(seed);
    host.clearPassed();
  },
  advance: (simMs: number, budgetMs: number) => send(host.withPassed(host.advance(simMs, budgetMs))),
  stepEvent: () => send(host.withPassed(host.stepEvent())),
  summary: () => host.summary(),
  injectFault: (fault: unknown) => host.injectFault(fault),
  clearFault: (id: number) => host.clearFault(id),
  faults: () => host.faults(),
};

export type SimWorkerApi = typeof api;

expose(api);
