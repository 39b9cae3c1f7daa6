// Johannes Baagøe's Alea generator as seedrandom ships it (seedrandom/lib/alea.js; MIT,
// Copyright (C) 2010 by Johannes Baagøe <baagoe@baagoe.org>): the same seeding, the same draws
// bit for bit and the same `state` option. Only where the state lives differs.
//
// NOTE: bent for speed (issue 14). seedrandom keeps a generator's four numbers as properties of
// an object, each a boxed double, behind two closures; a sampler adds two more. A draw was a
// chain of about ten dependent loads through objects the garbage collector had scattered, and in
// Istio's full load test (14,000 streams, 14 draws per request from different ones) most of them
// missed the cache: an exponential draw took 130 ns at 100 services and 770 ns at 1,000. Here a
// stream's state is four doubles in a shared block (`AleaSlot`), which samplers read directly
// (`aleaNext`), so a draw touches the sampler's closure and one 32-byte slot.

/** Alea's whole state: four numbers (what seedrandom's `state` option reads and restores). */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** A uniform generator on [0, 1); `state()` copies its state out. */
export interface Alea {
  (): number;
  state(): AleaState;
}

/** Where a stream's state lives: doubles `o` to `o + 3` of `s` (s0, s1, s2, c). */
export interface AleaSlot {
  readonly s: Float64Array;
  readonly o: number;
}

/** Streams per block: 16 KB of state, allocated outside the moving heap. */
const SLOTS_PER_BLOCK = 512;
/** 2^-32. NOTE: a const enum, written as a literal where used (a module `const` is a context load per draw, EventQueue.ts). */
const enum A {
  TWO_M32 = 2.3283064365386963e-10,
}

// The block new streams take their slots from. Module state, but no run reads it: a slot is
// only ever read through the stream that owns it, and a full block is simply left to the
// streams that hold it (garbage once they are).
let block = new Float64Array(4 * SLOTS_PER_BLOCK);
let nextSlot = 0;
const slots = new WeakMap<Function, AleaSlot>();

function newSlot(): AleaSlot {
  if (nextSlot === SLOTS_PER_BLOCK) {
    block = new Float64Array(4 * SLOTS_PER_BLOCK);
    nextSlot = 0;
  }
  return { s: block, o: 4 * nextSlot++ };
}

/**
 * The next uniform on [0, 1) of the stream in slot `o` of `s`, advancing it: Alea's step.
 * Mutates `s[o..o+3]`.
 */
export function aleaNext(s: Float64Array, o: number): number {
  const t = 2091639 * s[o] + s[o + 3] * A.TWO_M32;
  s[o] = s[o + 1];
  s[o + 1] = s[o + 2];
  const c = t | 0;
  s[o + 3] = c;
  return (s[o + 2] = t - c);
}

/**
 * A generator seeded from `seed` as seedrandom's `alea(seed)` is, or, when `options.state` is a
 * saved state, going on from it (the seed is then ignored, as in seedrandom).
 */
export default function alea(seed = '', options: { state?: boolean | AleaState } = {}): Alea {
  const slot = newSlot();
  const { s, o } = slot;
  const saved = options.state;
  if (typeof saved === 'object') {
    s[o] = saved.s0;
    s[o + 1] = saved.s1;
    s[o + 2] = saved.s2;
    s[o + 3] = saved.c;
  } else seedInto(s, o, seed);
  const next = (() => aleaNext(s, o)) as Alea;
  next.state = () => ({ c: s[o + 3], s0: s[o], s1: s[o + 1], s2: s[o + 2] });
  slots.set(next, slot);
  return next;
}

/**
 * A generator whose state lives at doubles `o` to `o + 3` of `s`, a block its owner lays out
 * (a proxy's record, issue 14: its draws beside its other hot state). Seeded from `seed` as
 * `alea(seed)` is, or, with `seed` null, going on from the state already there (a copied block).
 */
export function aleaAt(seed: string | null, s: Float64Array, o: number): Alea {
  if (seed !== null) seedInto(s, o, seed);
  const next = (() => aleaNext(s, o)) as Alea;
  next.state = () => ({ c: s[o + 3], s0: s[o], s1: s[o + 1], s2: s[o + 2] });
  slots.set(next, { s, o });
  return next;
}

/** The slot an Alea generator made here draws from, or null for any other function. */
export function slotOf(rng: Function): AleaSlot | null {
  return slots.get(rng) ?? null;
}

/** Baagøe's seeding: three mashes of ' ', each less a mash of the seed, wrapped into [0, 1). */
function seedInto(s: Float64Array, o: number, seed: string): void {
  const m = mash();
  s[o + 3] = 1;
  s[o] = m(' ');
  s[o + 1] = m(' ');
  s[o + 2] = m(' ');
  for (let k = o; k < o + 3; k++) {
    s[k] -= m(seed);
    if (s[k] < 0) s[k] += 1;
  }
}

/** Baagøe's Mash hash; each call goes on from the last one's state. */
function mash(): (data: string) => number {
  let n = 0xefc8249d;
  return (data: string) => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000; // 2^32
    }
    return (n >>> 0) * A.TWO_M32;
  };
}
