import type { Rng } from './random';
import { exp, log } from './detmath';
import { aleaNext } from './alea';

// Marsaglia and Tsang's ziggurat (J. Statistical Software 5(8), 2000) for the standard
// exponential and normal distributions. The density is covered by layers of equal area; a draw
// picks a layer and a point in it, and about 99% of the time the point lies inside the density's
// rectangle core, so the draw costs one uniform, one comparison and one multiplication: no
// logarithm, unlike inversion or the polar method. Wedges and the tail fall back to exact
// rejection.
//
// Two departures from the paper: each 32-bit uniform is split into independent bits for the
// layer (low bits) and the position (high bits), rather than reusing the position's low bits as
// the layer index (Doornik 2005 shows the correlation that causes); and the tables are built with
// detmath's log and exp, so every engine builds the same bits and runs repeat across them.

/**
 * The ziggurats' constants. NOTE: issue 14.4: a const enum, so esbuild writes each as a literal
 * where it is used (a module `const` is a context load at every use; EventQueue.ts says more).
 */
const enum Z {
  EXP_LAYERS = 256,
  EXP_BITS = 8,
  /** Positions are 24-bit integers: what remains of 32 bits after the layer's 8. */
  EXP_SCALE = 16777216,
  EXP_R = 7.697117470131487,
  EXP_AREA = 3.949659822581572e-3,
  NORM_LAYERS = 128,
  NORM_BITS = 7,
  /** Signed 25-bit positions: |j| < 2^24. */
  NORM_SCALE = 16777216,
  NORM_R = 3.442619855899,
  NORM_AREA = 9.91256303526217e-3,
}

const ke = new Float64Array(Z.EXP_LAYERS);
const we = new Float64Array(Z.EXP_LAYERS);
const fe = new Float64Array(Z.EXP_LAYERS);
{
  let de: number = Z.EXP_R;
  let te = de;
  const q = Z.EXP_AREA / exp(-de);
  ke[0] = Math.floor((de / q) * Z.EXP_SCALE);
  ke[1] = 0;
  we[0] = q / Z.EXP_SCALE;
  we[Z.EXP_LAYERS - 1] = de / Z.EXP_SCALE;
  fe[0] = 1;
  fe[Z.EXP_LAYERS - 1] = exp(-de);
  for (let i = Z.EXP_LAYERS - 2; i >= 1; i--) {
    de = -log(Z.EXP_AREA / de + exp(-de));
    ke[i + 1] = Math.floor((de / te) * Z.EXP_SCALE);
    te = de;
    fe[i] = exp(-de);
    we[i] = de / Z.EXP_SCALE;
  }
}

/** Standard exponential draws (mean 1) from `rng`. */
export function exponentialZiggurat(rng: Rng): () => number {
  return () => {
    // rng() has 32 random bits, so this is an exact integer in [0, 2^32).
    let bits = rng() * 4294967296;
    let layer = bits & (Z.EXP_LAYERS - 1);
    let j = bits >>> Z.EXP_BITS;
    if (j < ke[layer]) return j * we[layer];
    for (;;) {
      // Beyond the base layer's core lies the tail: exponential again, shifted by R.
      if (layer === 0) return Z.EXP_R - log(1 - rng());
      const x = j * we[layer];
      if (fe[layer] + rng() * (fe[layer - 1] - fe[layer]) < exp(-x)) return x;
      bits = rng() * 4294967296;
      layer = bits & (Z.EXP_LAYERS - 1);
      j = bits >>> Z.EXP_BITS;
      if (j < ke[layer]) return j * we[layer];
    }
  };
}

const kn = new Float64Array(Z.NORM_LAYERS);
const wn = new Float64Array(Z.NORM_LAYERS);
const fn = new Float64Array(Z.NORM_LAYERS);
{
  let dn: number = Z.NORM_R;
  let tn = dn;
  const q = Z.NORM_AREA / exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * Z.NORM_SCALE);
  kn[1] = 0;
  wn[0] = q / Z.NORM_SCALE;
  wn[Z.NORM_LAYERS - 1] = dn / Z.NORM_SCALE;
  fn[0] = 1;
  fn[Z.NORM_LAYERS - 1] = exp(-0.5 * dn * dn);
  for (let i = Z.NORM_LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * log(Z.NORM_AREA / dn + exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * Z.NORM_SCALE);
    tn = dn;
    fn[i] = exp(-0.5 * dn * dn);
    wn[i] = dn / Z.NORM_SCALE;
  }
}

/** Standard normal draws (mean 0, standard deviation 1) from `rng`. */
export function normalZiggurat(rng: Rng): () => number {
  return () => {
    let bits = rng() * 4294967296;
    let layer = bits & (Z.NORM_LAYERS - 1);
    // The high 25 bits as a signed integer: the sign picks the side.
    let j = (bits | 0) >> Z.NORM_BITS;
    if (Math.abs(j) < kn[layer]) return j * wn[layer];
    for (;;) {
      if (layer === 0) {
        // The tail beyond R, by Marsaglia's 1964 method.
        let x: number;
        let y: number;
        do {
          x = -log(1 - rng()) / Z.NORM_R;
          y = -log(1 - rng());
        } while (y + y < x * x);
        return j > 0 ? Z.NORM_R + x : -Z.NORM_R - x;
      }
      const x = j * wn[layer];
      if (fn[layer] + rng() * (fn[layer - 1] - fn[layer]) < exp(-0.5 * x * x)) return x;
      bits = rng() * 4294967296;
      layer = bits & (Z.NORM_LAYERS - 1);
      j = (bits | 0) >> Z.NORM_BITS;
      if (Math.abs(j) < kn[layer]) return j * wn[layer];
    }
  };
}

// NOTE: the same two algorithms again, drawing their uniforms from an Alea stream's slot
// (alea.ts) instead of through a closure: the same draws bit for bit (test/sim-engine/
// ziggurat.test.ts compares them), with the chain of closures of a draw cut to none. The
// samplers of every stream made by streamFor use these (distributions.ts).

/**
 * Where `exponentialAt` and `normalAt` read back the draw their `...Into` form wrote: one slot for
 * every caller, read straight after the call.
 */
const drawn = new Float64Array(1);

/** A standard exponential draw (mean 1) from the Alea stream in slot `o` of `s`; advances it. */
export function exponentialAt(s: Float64Array, o: number): number {
  exponentialInto(s, o, drawn, 0);
  return drawn[0];
}

/**
 * The exponential ziggurat's fast-path tables interleaved: ke[i] at 2i, we[i] at 2i + 1, so the
 * fast path reads one table (one context load and map check) and one cache line.
 */
const kwe = new Float64Array(2 * Z.EXP_LAYERS);
for (let i = 0; i < Z.EXP_LAYERS; i++) {
  kwe[2 * i] = ke[i];
  kwe[2 * i + 1] = we[i];
}

/**
 * `exponentialAt`'s draw, written to `out[k]` rather than returned. NOTE: issue 14.4: a double
 * returned from a call V8 does not inline is a fresh 16-byte heap number; one stored in a
 * Float64Array is not (distributions.ts drawInto transforms it in place). Only the fast path (about
 * 99% of draws) is here, small enough for V8 to inline; the rest is `exponentialTail`.
 */
export function exponentialInto(s: Float64Array, o: number, out: Float64Array, k: number): void {
  const bits = aleaNext(s, o) * 4294967296;
  const l2 = (bits & (Z.EXP_LAYERS - 1)) << 1;
  const j = bits >>> Z.EXP_BITS;
  if (j < kwe[l2]) out[k] = j * kwe[l2 + 1];
  else exponentialTail(s, o, bits | 0, out, k);
}

/**
 * exponentialInto past its first rectangle test, which `bits` (the first uniform x 2^32, as an
 * int32: the same low and high bits, and no heap number to pass) failed.
 */
function exponentialTail(s: Float64Array, o: number, bits: number, out: Float64Array, k: number): void {
  let layer = bits & (Z.EXP_LAYERS - 1);
  let j = bits >>> Z.EXP_BITS;
  for (;;) {
    if (layer === 0) {
      out[k] = Z.EXP_R - log(1 - aleaNext(s, o));
      return;
    }
    const x = j * we[layer];
    if (fe[layer] + aleaNext(s, o) * (fe[layer - 1] - fe[layer]) < exp(-x)) {
      out[k] = x;
      return;
    }
    bits = aleaNext(s, o) * 4294967296;
    layer = bits & (Z.EXP_LAYERS - 1);
    j = bits >>> Z.EXP_BITS;
    if (j < ke[layer]) {
      out[k] = j * we[layer];
      return;
    }
  }
}

/** A standard normal draw from the Alea stream in slot `o` of `s`; advances it. */
export function normalAt(s: Float64Array, o: number): number {
  normalInto(s, o, drawn, 0);
  return drawn[0];
}

/**
 * The normal ziggurat's fast-path tables interleaved, as kwe: kn[i] at 2i, wn[i] at 2i + 1.
 * Exported for lognormalDraw.ts only (the fast path written out there), which reads it.
 */
export const kwn = new Float64Array(2 * Z.NORM_LAYERS);
for (let i = 0; i < Z.NORM_LAYERS; i++) {
  kwn[2 * i] = kn[i];
  kwn[2 * i + 1] = wn[i];
}

/** `normalAt`'s draw, written to `out[k]` rather than returned (see exponentialInto; the rest is `normalTail`). */
export function normalInto(s: Float64Array, o: number, out: Float64Array, k: number): void {
  const bits = aleaNext(s, o) * 4294967296;
  const l2 = (bits & (Z.NORM_LAYERS - 1)) << 1;
  // The high 25 bits as a signed integer: the sign picks the side.
  const j = (bits | 0) >> Z.NORM_BITS;
  if (Math.abs(j) < kwn[l2]) out[k] = j * kwn[l2 + 1];
  else normalTail(s, o, bits | 0, out, k);
}

/**
 * `normalAt`'s draw for a caller V8 inlines it into: the fast path's value returned, so it stays
 * in a register (an inlined call's double is not boxed), the tail's (`normalTail`, out of line,
 * under 1% of draws) written to `drawn` and read back. The same value as normalInto, bit for bit.
 * NOTE: issue 14.4: a pass's draws (models/proxy/passDraws.ts) each stored its normal into an
 * array and loaded it back.
 */
export function normalValue(s: Float64Array, o: number): number {
  const bits = aleaNext(s, o) * 4294967296;
  const l2 = (bits & (Z.NORM_LAYERS - 1)) << 1;
  const j = (bits | 0) >> Z.NORM_BITS;
  // The table read once: a bundle's module-level const is a `var`, a context load and checks each use.
  const t = kwn;
  if (Math.abs(j) < t[l2]) return j * t[l2 + 1];
  normalTail(s, o, bits | 0, drawn, 0);
  return drawn[0];
}

/**
 * normalInto past its first rectangle test, which `bits` (as exponentialTail's) failed: the draw
 * to `out[k]`, the stream in slot `o` of `s` advanced. Exported for lognormalDraw.ts.
 */
export function normalTail(s: Float64Array, o: number, bits: number, out: Float64Array, k: number): void {
  let layer = bits & (Z.NORM_LAYERS - 1);
  let j = (bits | 0) >> Z.NORM_BITS;
  for (;;) {
    if (layer === 0) {
      let x: number;
      let y: number;
      do {
        x = -log(1 - aleaNext(s, o)) / Z.NORM_R;
        y = -log(1 - aleaNext(s, o));
      } while (y + y < x * x);
      out[k] = j > 0 ? Z.NORM_R + x : -Z.NORM_R - x;
      return;
    }
    const x = j * wn[layer];
    if (fn[layer] + aleaNext(s, o) * (fn[layer - 1] - fn[layer]) < exp(-0.5 * x * x)) {
      out[k] = x;
      return;
    }
    bits = aleaNext(s, o) * 4294967296;
    layer = bits & (Z.NORM_LAYERS - 1);
    j = (bits | 0) >> Z.NORM_BITS;
    if (Math.abs(j) < kn[layer]) {
      out[k] = j * wn[layer];
      return;
    }
  }
}
