// How fast simulated time runs against wall time. hello-mesh hops take 0.5-20 ms of
// simulated time, so at 1x a dot would cross an edge in one or two screen frames; slowed
// down, a person can follow a single request.

export interface Speed {
  id: string;
  /** Simulated ms per wall ms; Infinity runs as fast as the worker's time budget allows. */
  factor: number;
  label: string;
}

export const SPEEDS: readonly Speed[] = [
  { id: '0.01', factor: 0.01, label: '0.01× very slow' },
  { id: '0.05', factor: 0.05, label: '0.05× slow motion' },
  { id: '0.1', factor: 0.1, label: '0.1× slow' },
  { id: '0.25', factor: 0.25, label: '0.25×' },
  { id: '1', factor: 1, label: '1× real time' },
  { id: '10', factor: 10, label: '10×' },
  { id: '100', factor: 100, label: '100×' },
  { id: 'max', factor: Number.POSITIVE_INFINITY, label: 'max' },
];

/** Slow enough to follow one request of hello-mesh (an internet hop, then fast in-mesh hops). */
export const DEFAULT_SPEED_ID = '0.1';

export function speedById(id: string): Speed {
  return SPEEDS.find((s) => s.id === id) ?? SPEEDS.find((s) => s.id === DEFAULT_SPEED_ID)!;
}
