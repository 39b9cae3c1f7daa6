// Traffic too quick to animate. A hop that starts and ends between two screen frames never
// appears as a dot (hello-mesh's 0.5 ms hops last 10 ms of wall time at 0.05x), so the
// worker counts such messages per edge (`Frame.passed`) and the link lights up instead, with
// dashes marching in the direction of travel. The glow fades in wall time while playing; at rest
// the lanes are those of the moment (momentPulses).
import { DOT_STRIDE, DotField, EDGE_STRIDE, EdgeField, PASSED_STRIDE } from '../../workers/protocol';

/** Wall ms for a pulse to fade to 1/e. */
const FADE_MS = 260;

export interface Pulses {
  /** PASSED_STRIDE levels per edge (requests, responses, failed), as of `at`. */
  readonly level: Float32Array;
  at: number;
  /** Simulated time of the last frame fed, to notice a new run. */
  simTime: number;
}

export function createPulses(edges: number): Pulses {
  return { level: new Float32Array(edges * PASSED_STRIDE), at: 0, simTime: 0 };
}

/** Decays the levels to wall time `now` and adds a frame's counts. Mutates `pulses`. */
export function feedPulses(pulses: Pulses, passed: Float32Array | undefined, simTime: number, now: number): void {
  const level = pulses.level;
  if (simTime < pulses.simTime) level.fill(0);
  const decay = Math.exp(-Math.max(0, now - pulses.at) / FADE_MS);
  for (let i = 0; i < level.length; i++) {
    level[i] = level[i] * decay + (passed && i < passed.length ? passed[i] : 0);
  }
  pulses.at = now;
  pulses.simTime = simTime;
}

/** The strength (0..1) to draw slot `i` with at wall time `now`. Pure. */
export function pulseStrength(pulses: Pulses, i: number, now: number): number {
  const v = pulses.level[i] * Math.exp(-Math.max(0, now - pulses.at) / FADE_MS);
  return v < 0.04 ? 0 : Math.min(1, v);
}

/**
 * The lanes' glow at rest (paused, stepped, a seek, a share link, a branch), a function of the
 * moment alone: the worker's window of the last simulated second (`Frame.recent`, EDGE_STRIDE
 * floats per edge, workers/edgeWindow.ts) lights an edge's request lane when requests were sent on
 * it (EdgeField.sent: every attempt, answered yet or not, the figure its label says; not the
 * attempts of the calls that ended, which left a flooded lane dark while its label said 98,680 req/s), its response lane when calls ended ok, and in the failure colour when some failed,
 * unless a message of the edge is on the wire now (its dot shows it). The wall-time glow of play
 * (feedPulses) depends on which frames the page happened to see: two pages at the same moment
 * drew different lanes. Never fades (`at` is +Infinity). Pure: a new Pulses.
 */
export function momentPulses(edges: number, recent: Float64Array, dots: Float32Array, simTime: number): Pulses {
  const level = new Float32Array(edges * PASSED_STRIDE);
  if (recent.length < edges * EDGE_STRIDE) return { level, at: Number.POSITIVE_INFINITY, simTime };
  const onWire = new Uint8Array(edges);
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    const e = dots[j + DotField.edge];
    if (e >= 0 && e < edges) onWire[e] = 1;
  }
  for (let e = 0; e < edges; e++) {
    if (onWire[e]) continue;
    const r = e * EDGE_STRIDE;
    const failed = recent[r + EdgeField.failed];
    level[e * PASSED_STRIDE] = recent[r + EdgeField.sent] > 0 ? 1 : 0;
    level[e * PASSED_STRIDE + 1] = recent[r + EdgeField.calls] - failed > 0 ? 1 : 0;
    level[e * PASSED_STRIDE + 2] = failed > 0 ? 1 : 0;
  }
  return { level, at: Number.POSITIVE_INFINITY, simTime };
}

/** The slots lit in `pulses`, as "edge:slot" words (slot 0 requests, 1 responses, 2 failed), for tests. Pure. */
export function litLanes(pulses: Pulses): string {
  const lit: string[] = [];
  for (let i = 0; i < pulses.level.length; i++) if (pulses.level[i] > 0) lit.push(`${Math.floor(i / PASSED_STRIDE)}:${i % PASSED_STRIDE}`);
  return lit.join(' ');
}
