// How fast simulated time runs against wall time. hello-mesh hops take 0.5-20 ms of
// simulated time, so at 1x a dot would cross an edge in one or two screen frames; slowed
// down, a person can follow a single request.

export interface Speed {
  id: string;
  /** Simulated ms per wall ms; Infinity runs as fast as the worker's time budget allows. */
  factor: number;
  /** The menu's words: "0.1× slow". */
  label: string;
  /**
   * The factor alone ("0.1×", "max"), what the menu says below 1280 px (SPEED_SHORT_QUERY): the
   * words took up to 137 px of a 1024 px header, cutting the scenario picker to "Two meshes, two
   * C…", which cannot tell the three two-meshes scenarios apart (trial N14, 9).
   */
  short: string;
}

/** Windows where the speed menu says each speed's factor alone (Speed.short). */
export const SPEED_SHORT_QUERY = '(max-width: 1280px)';

export const SPEEDS: readonly Speed[] = [
  { id: '0.01', factor: 0.01, label: '0.01× very slow', short: '0.01×' },
  { id: '0.05', factor: 0.05, label: '0.05× slow motion', short: '0.05×' },
  { id: '0.1', factor: 0.1, label: '0.1× slow', short: '0.1×' },
  { id: '0.25', factor: 0.25, label: '0.25×', short: '0.25×' },
  { id: '1', factor: 1, label: '1× real time', short: '1×' },
  { id: '10', factor: 10, label: '10×', short: '10×' },
  { id: '100', factor: 100, label: '100×', short: '100×' },
  { id: 'max', factor: Number.POSITIVE_INFINITY, label: 'max', short: 'max' },
];

/** Slow enough to follow one request of hello-mesh (an internet hop, then fast in-mesh hops). */
export const DEFAULT_SPEED_ID = '0.1';

export function speedById(id: string): Speed {
  return SPEEDS.find((s) => s.id === id) ?? SPEEDS.find((s) => s.id === DEFAULT_SPEED_ID)!;
}
