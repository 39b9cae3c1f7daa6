import type { Topology, RunSummary } from '../models';
import type { Problem } from '../scenario';

/** What the UI learns when a scenario loads. Plain data. */
export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
  seed: number;
  durationMs: number;
  topology: Topology;
}

export type LoadResult = { ok: true; info: ScenarioInfo } | { ok: false; problems: Problem[] };

/** Layout of `Frame.counters`. */
export const Counter = {
  sent: 0,
  ok: 1,
  failed: 2,
  inFlight: 3,
  p50: 4,
  p90: 5,
  p99: 6,
  events: 7,
  length: 8,
} as const;

/** Floats per dot in `Frame.dots`: edge id, progress 0..1, 1 when a response, 1 when failed. */
export const DOT_STRIDE = 4;
/** Floats per node in `Frame.nodes`: busy workers, queued requests, utilization so far. */
export const NODE_STRIDE = 3;
/** Floats per edge in `Frame.passed`: requests, responses, failed messages. */
export const PASSED_STRIDE = 3;

/**
 * One frame of the running simulation. The typed arrays are transferred, not copied, so
 * the worker allocates fresh ones each frame (they are small) and the UI owns them after.
 */
export interface Frame {
  /** Increases by one per frame, so the UI can drop frames that arrive out of order. */
  seq: number;
  simTime: number;
  done: boolean;
  counters: Float64Array;
  /** DOT_STRIDE floats per message in flight on a link. */
  dots: Float32Array;
  /** NODE_STRIDE floats per topology node (clients report zeros). */
  nodes: Float32Array;
  /**
   * PASSED_STRIDE floats per topology edge: messages that were sent and arrived between the
   * previous frame and this one, so never appear in `dots` (a hop shorter than a screen frame
   * at the current speed, or a zero-latency link). The UI shows them as a pulse on the link.
   * Set by the worker; absent in frames made by SimHost alone.
   */
  passed?: Float32Array;
  /** Failures so far by cause; small, so sent as a plain object. */
  failures: Record<string, number>;
  traceHash: string;
}

export type { RunSummary };
