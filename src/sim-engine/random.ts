/// <reference path="./alea.d.ts" />
// The one door to randomness in the engine and the models: every draw comes from a seeded
// stream made here, never from the platform's unseeded generator.
import alea from 'seedrandom/lib/alea.js';

/** A uniform source on [0, 1). */
export type Rng = () => number;

/**
 * The independent random stream of one actor, derived from (scenario seed, actor name).
 * Adding an actor never changes another actor's draws, because each stream depends only on
 * the seed and its own name. Uses Alea (about ten times faster than seedrandom's ARC4).
 */
export function streamFor(seed: number | string, actorName: string): Rng {
  const prng = alea(`meshsim/${seed}/${actorName}`);
  return () => prng();
}
