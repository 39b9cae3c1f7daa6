// Traffic too quick to animate. A hop that starts and ends between two screen frames never
// appears as a dot (hello-mesh's 0.5 ms hops last 10 ms of wall time at 0.05x), so the
// worker counts such messages per edge (`Frame.passed`) and the link lights up instead, with
// dashes marching in the direction of travel. The glow fades in wall time.
import { PASSED_STRIDE } from '../../workers/protocol';

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
