/// <reference path="./alea.d.ts" />
// The one door to randomness in the engine and the models: every draw comes from a seeded
// stream made here, never from the platform's unseeded generator.
import alea, { aleaAt, type AleaState, type Alea } from './alea';
import { revivable, type Revival } from './revivable';

/** A uniform source on [0, 1). */
export type Rng = () => number;

/**
 * The independent random stream of one actor, derived from (scenario seed, actor name).
 * Adding an actor never changes another actor's draws, because each stream depends only on
 * the seed and its own name. Uses Alea (about ten times faster than seedrandom's ARC4).
 * The stream can be copied into a snapshot (`deepCopy`): the copy starts from the state the
 * stream has when copied (seedrandom's `state` option) and draws the same numbers from there.
 */
export function streamFor(seed: number | string, actorName: string): Rng {
  return fromAlea(alea(`meshsim/${seed}/${actorName}`, { state: true }));
}

/** The Rng over one Alea generator, tagged so a snapshot copies its state. */
function fromAlea(prng: Alea): Rng {
  // The generator itself, so samplers find its state (`slotOf`) and draw from it directly.
  const rng: Rng = prng;
  return revivable(rng, (): Revival => ({ data: prng.state(), deps: [], revive: reviveAlea }));
}

/** A stream that goes on from a saved Alea state (the seed is then ignored by seedrandom). */
function reviveAlea(state: unknown): Rng {
  return fromAlea(alea('', { state: state as AleaState }));
}

/**
 * `streamFor(seed, actorName)`'s stream (the same draws), with its state at doubles `o` to
 * `o + 3` of `s`: a block its owner lays out so that state read together lies together (a
 * proxy's record, issue 14). A snapshot copies the block with its owner and the copy draws from
 * the copied block, so the owner's own reads of the state and this stream's stay one stream.
 */
export function streamAt(seed: number | string, actorName: string, s: Float64Array, o: number): Rng {
  return atSlot(aleaAt(`meshsim/${seed}/${actorName}`, s, o), s, o);
}

function atSlot(prng: Alea, s: Float64Array, o: number): Rng {
  return revivable(prng as Rng, (): Revival => ({ data: o, deps: [s], revive: reviveAt }));
}

/** A stream over a copied block: the state is already there (copied with it). */
function reviveAt(o: unknown, deps: unknown[]): Rng {
  const s = deps[0] as Float64Array;
  return atSlot(aleaAt(null, s, o as number), s, o as number);
}
