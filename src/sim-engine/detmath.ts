// Deterministic elementary functions. JavaScript engines may compute Math.log and Math.exp
// differently (V8 in Node 20 and in Chromium 156 differ by one ulp on some
// inputs), which breaks "same seed, same trace" between the CLI and the browser. These are
// straight ports of fdlibm 5.3 (e_log.c, e_exp.c), using only IEEE-exact + - * /, so every
// engine gives the same bits. They match V8's own fdlibm-derived Math.log/Math.exp in Node 20.
//
// fdlibm's notice, preserved as it asks:
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this software is freely granted, provided
// that this notice is preserved.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// NOTE: assumes a little-endian host (every platform V8/SpiderMonkey/JSC ship on).
const LO = 0;
const HI = 1;

function hiWord(x: number): number {
  f64[0] = x;
  return u32[HI] | 0;
}
function loWord(x: number): number {
  f64[0] = x;
  return u32[LO] | 0;
}
function withHiWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0];
}
/** 2^k for -1022 <= k <= 1023, exactly. */
function pow2(k: number): number {
  u32[LO] = 0;
  u32[HI] = ((k + 1023) << 20) >>> 0;
  return f64[0];
}

const ln2_hi = 6.93147180369123816490e-1;
const ln2_lo = 1.90821492927058770002e-10;
const two54 = 1.8014398509481984e16;
const Lg1 = 6.666666666666735130e-1;
const Lg2 = 3.999999999940941908e-1;
const Lg3 = 2.857142874366239149e-1;
const Lg4 = 2.222219843214978396e-1;
const Lg5 = 1.818357216161805012e-1;
const Lg6 = 1.531383769920937332e-1;
const Lg7 = 1.479819860511658591e-1;

/** Natural logarithm, fdlibm e_log.c. */
export function log(x: number): number {
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return Number.NEGATIVE_INFINITY;
    if (hx < 0) return Number.NaN;
    k -= 54;
    x *= two54;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = withHiWord(x, hx | (i0 ^ 0x3ff00000));
  k += i0 >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) {
      if (k === 0) return 0;
      return k * ln2_hi + k * ln2_lo;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * ln2_hi - (R - k * ln2_lo - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - (hfsq - (s * (hfsq + R) + dk * ln2_lo) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * ln2_hi - (s * (f - R) - dk * ln2_lo - f);
}

const o_threshold = 7.09782712893383973096e2;
const u_threshold = -7.45133219101941108420e2;
const invln2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const twom1000 = 9.33263618503218878990e-302;

/** e^x, fdlibm e_exp.c: equals V8's Math.exp bit for bit. Builds the table `exp` reads. */
export function fdlibmExp(x: number): number {
  let hx = hiWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > o_threshold) return Number.POSITIVE_INFINITY;
    if (x < u_threshold) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = x - (xsb === 0 ? ln2_hi : -ln2_hi);
      lo = xsb === 0 ? ln2_lo : -ln2_lo;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(invln2 * x + (xsb === 0 ? 0.5 : -0.5));
      const t = k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  } else {
    k = 0;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * twom1000;
}

// A faster e^x for the samplers' hot path (a lognormal draw is one exp): x = (64 k + j) ln2/64 + r
// with |r| <= ln2/128, so e^x = 2^k * 2^(j/64) * e^r, with 2^(j/64) from a table fdlibm builds
// once and e^r from a degree-6 polynomial (truncation below 2^-60). Within one ulp or so of
// Math.exp, and like everything here made of IEEE-exact operations, so every engine agrees.
/**
 * exp's constants. NOTE: issue 14.4: a const enum, written as literals where used (a module
 * `const` is a context load at each use, EventQueue.ts says why). The same doubles as
 * `EXP_N * invln2`, `ln2_hi / EXP_N` and `ln2_lo / EXP_N` (products and quotients by 64 are exact).
 */
const enum X {
  EXP_N = 64,
  invLn2N = 64 * 1.44269504088896338700e0,
  ln2N_hi = 6.93147180369123816490e-1 / 64,
  ln2N_lo = 1.90821492927058770002e-10 / 64,
}
/**
 * exp's two tables in one array (one context load and map check a call): 2^(j/64) at j, for
 * 0 <= j < 64, built by fdlibm; then 2^k at 64 + k + 1022, for -1022 <= k <= 1023: pow2's values,
 * read rather than built (writing the two halves and reading the double back stalls the load;
 * exp's draws do it 43 times a request in the 3-hop chain, issue 14.4). exp's range, |x| < 709,
 * keeps k inside it. Exported for lognormalDraw.ts only (exp written out there), which reads it.
 */
export const EXP_TABLES = new Float64Array(X.EXP_N + 2046);
for (let j = 0; j < X.EXP_N; j++) EXP_TABLES[j] = fdlibmExp((j / X.EXP_N) * ln2_hi + (j / X.EXP_N) * ln2_lo);
for (let k = -1022; k <= 1023; k++) EXP_TABLES[X.EXP_N + k + 1022] = pow2(k);

/** e^x by table and polynomial; fdlibm outside (-708, 709), where it handles NaN and the limits. */
export function exp(x: number): number {
  if (!(x > -708 && x < 709)) return fdlibmExp(x);
  const n = Math.floor(x * X.invLn2N + 0.5);
  const r = x - n * X.ln2N_hi - n * X.ln2N_lo;
  // |n| < 2^16 here, so n | 0 is n, and (n | 0) >> 6 is (n - j) / 64: integer operations, no
  // division and no double-to-index conversion.
  const ni = n | 0;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  const t = EXP_TABLES[ni & (X.EXP_N - 1)];
  return EXP_TABLES[(ni >> 6) + (X.EXP_N + 1022)] * (t + t * p);
}
