// Deterministic elementary functions. JavaScript engines may compute Math.log, Math.exp,
// Math.sin... differently (V8 in Node 20 and in Chromium 156 differ by one ulp on some
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

/** e^x, fdlibm e_exp.c. */
export function exp(x: number): number {
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

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

function kernelSin(x: number, y: number, iy: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

function kernelCos(x: number, y: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  let qx: number;
  if (ix > 0x3fe90000) qx = 0.28125;
  else {
    u32[LO] = 0;
    u32[HI] = (ix - 0x00200000) >>> 0;
    qx = f64[0];
  }
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const invpio2 = 6.36619772367581382433e-1;
const pio2_1 = 1.57079632673412561417e0;
const pio2_1t = 6.07710050650619224932e-11;
const pio2_2 = 6.07710050630396597660e-11;
const pio2_2t = 2.02226624879595063154e-21;
const pio2_3 = 2.02226624871116645580e-21;
const pio2_3t = 8.47842766036889956997e-32;
const npio2_hw = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c,
  0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c,
  0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];
/** Reduction result: x = n * pi/2 + (y0 + y1). */
const red = { y0: 0, y1: 0 };

/** fdlibm e_rem_pio2.c for |x| <= 2^19 * pi/2 (the engine never needs more). */
function remPio2(x: number): number {
  const hx = hiWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    red.y0 = x;
    red.y1 = 0;
    return 0;
  }
  if (ix < 0x4002d97c) {
    if (hx > 0) {
      let z = x - pio2_1;
      if (ix !== 0x3ff921fb) {
        red.y0 = z - pio2_1t;
        red.y1 = z - red.y0 - pio2_1t;
      } else {
        z -= pio2_2;
        red.y0 = z - pio2_2t;
        red.y1 = z - red.y0 - pio2_2t;
      }
      return 1;
    }
    let z = x + pio2_1;
    if (ix !== 0x3ff921fb) {
      red.y0 = z + pio2_1t;
      red.y1 = z - red.y0 + pio2_1t;
    } else {
      z += pio2_2;
      red.y0 = z + pio2_2t;
      red.y1 = z - red.y0 + pio2_2t;
    }
    return -1;
  }
  if (ix > 0x413921fb) throw new RangeError(`detmath: |x| too large for sin/cos: ${x}`);
  const t0 = Math.abs(x);
  const n = Math.trunc(t0 * invpio2 + 0.5);
  const fn = n;
  let r = t0 - fn * pio2_1;
  let w = fn * pio2_1t;
  if (n < 32 && ix !== npio2_hw[n - 1]) {
    red.y0 = r - w;
  } else {
    const j = ix >> 20;
    red.y0 = r - w;
    let i = j - ((hiWord(red.y0) >> 20) & 0x7ff);
    if (i > 16) {
      let t = r;
      w = fn * pio2_2;
      r = t - w;
      w = fn * pio2_2t - (t - r - w);
      red.y0 = r - w;
      i = j - ((hiWord(red.y0) >> 20) & 0x7ff);
      if (i > 49) {
        t = r;
        w = fn * pio2_3;
        r = t - w;
        w = fn * pio2_3t - (t - r - w);
        red.y0 = r - w;
      }
    }
  }
  red.y1 = r - red.y0 - w;
  if (hx < 0) {
    red.y0 = -red.y0;
    red.y1 = -red.y1;
    return -n;
  }
  return n;
}

/** Sine, fdlibm s_sin.c (|x| <= 2^19 * pi/2). */
export function sin(x: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0);
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelSin(red.y0, red.y1, 1);
    case 1:
      return kernelCos(red.y0, red.y1);
    case 2:
      return -kernelSin(red.y0, red.y1, 1);
    default:
      return -kernelCos(red.y0, red.y1);
  }
}

/** Cosine, fdlibm s_cos.c (|x| <= 2^19 * pi/2). */
export function cos(x: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return Number.NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelCos(red.y0, red.y1);
    case 1:
      return -kernelSin(red.y0, red.y1, 1);
    case 2:
      return -kernelCos(red.y0, red.y1);
    default:
      return kernelSin(red.y0, red.y1, 1);
  }
}
