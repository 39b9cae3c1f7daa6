declare module 'seedrandom/lib/alea.js' {
  /** Alea's whole state: four numbers (seedrandom's `state` option reads and restores it). */
  export interface AleaState {
    c: number;
    s0: number;
    s1: number;
    s2: number;
  }
  /** seedrandom's Alea generator: uniform doubles on [0, 1); `state()` exists when asked for with `{ state: true }`. */
  export interface Alea {
    (): number;
    int32(): number;
    double(): number;
    state(): AleaState;
  }
  /** A generator from `seed`, or, when `options.state` is a saved state, going on from it. */
  export default function alea(seed?: string, options?: { state?: boolean | AleaState }): Alea;
}
