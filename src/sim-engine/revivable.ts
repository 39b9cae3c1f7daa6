// Functions in a world's state that say how a deep copy (snapshot.ts) makes them again: a random
// stream or a sampler holds its state in its closure, which no walk can read.

/** Symbol under which a function in state says how it is copied (see `revivable`, `stateless`). */
export const REVIVE: unique symbol = Symbol('meshsim.snapshot.revive');

/**
 * How to make a copy of a function that holds state in its closure (a random stream, a sampler
 * drawing from one). `data` is taken as it is, never walked: it must be a fresh value or one
 * that is never mutated (a distribution's parameters, an Alea state read just now). `deps` are
 * the functions it draws on, or state it shares with the rest of the world (a typed array a
 * stream keeps its state in, `streamAt`): each is copied first (once per copy, shared as in the
 * original), then `revive(data, copiedDeps)` builds the copy.
 */
export interface Revival {
  readonly data: unknown;
  /** Functions, or state the copy must share with the rest of the world (a typed array). */
  readonly deps: readonly unknown[];
  revive(data: unknown, deps: unknown[]): Function;
}

/** A function tagged by `revivable` or `stateless`. */
export type Tagged = Function & { [REVIVE]?: (() => Revival) | null };

/**
 * Tags `fn` as copyable: `describe()` is called at each copy and says how (see Revival).
 * Mutates `fn` (one symbol-keyed property) and returns it.
 */
export function revivable<F extends Function>(fn: F, describe: () => Revival): F {
  (fn as Tagged)[REVIVE] = describe;
  return fn;
}

/**
 * Tags `fn` as holding no state of its own (a factory such as `() => new Call()`): copies of
 * the world share it. Mutates `fn` (one symbol-keyed property) and returns it.
 */
export function stateless<F extends Function>(fn: F): F {
  (fn as Tagged)[REVIVE] = null;
  return fn;
}
