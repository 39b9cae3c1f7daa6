declare module 'seedrandom/lib/alea.js' {
  /** seedrandom's Alea generator: uniform doubles on [0, 1). */
  export default function alea(seed?: string): { (): number; int32(): number; double(): number };
}
