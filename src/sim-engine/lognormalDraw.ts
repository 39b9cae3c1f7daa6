// A lognormal draw from an encoded draw record (distributions.ts encodeDraw: the kind at p, mu at
// p + 1, sigma at p + 2, the Alea stream's slot at p + 3), written out in one function for the
// data plane's hot callers: a proxy's pass draws (models/proxy/Sidecar.ts) and a link's latency
// (models/drawRecords.ts). The same value, bit for bit, as `drawInto` on a lognormal record.
//
// NOTE: issue 14.4: bent for speed. It is three functions written out: Alea's step (alea.ts
// aleaNext), the normal ziggurat's fast path (ziggurat.ts normalValue; the tail still
// `normalTail`) and e^x (detmath.ts exp), with drawInto's cap. A bundle makes each module function
// a mutable module variable, so V8 checks the callee's identity at each inlined call (a context
// load, a compare and a branch: some 18 instructions a draw for the four calls it took, 3 draws a
// pass, 12 passes a 3-hop request). Change those three and this together: lognormalDraw.test.ts
// holds it to drawInto bit for bit over a million draws, tails and both caps included.
import { EXP_TABLES, fdlibmExp } from './detmath';
import { kwn, normalTail } from './ziggurat';

/**
 * The constants of the three, as literals (a module `const` is a context load at each use:
 * EventQueue.ts says why): alea.ts' A, ziggurat.ts' Z, detmath.ts' X and drawInto's MAX_DRAW.
 */
const enum G {
  TWO_M32 = 2.3283064365386963e-10,
  NORM_LAYERS = 128,
  NORM_BITS = 7,
  EXP_N = 64,
  invLn2N = 64 * 1.44269504088896338700e0,
  ln2N_hi = 6.93147180369123816490e-1 / 64,
  ln2N_lo = 1.90821492927058770002e-10 / 64,
  MAX_DRAW = 8760 * 3_600_000,
}

/** Where the ziggurat's tail (`normalTail`, under 1% of draws) leaves its normal; read straight after. */
const tail = new Float64Array(1);

/**
 * One draw of the lognormal encoded at `p` of `f` (its kind must be DrawCode.lognormal; not
 * checked), ms or whatever unit it was encoded in: min(MAX_DRAW, e^(mu + sigma z)) with z the
 * record's stream's next standard normal. Advances the stream (mutates `f[p + 3 .. p + 6]`).
 */
export function lognormalDraw(f: Float64Array, p: number): number {
  const mu = f[p + 1];
  const sigma = f[p + 2];
  // Alea's step on the stream at s (alea.ts aleaNext).
  const s = p + 3;
  const t = 2091639 * f[s] + f[s + 3] * G.TWO_M32;
  f[s] = f[s + 1];
  f[s + 1] = f[s + 2];
  const c = t | 0;
  f[s + 3] = c;
  const u = (f[s + 2] = t - c);
  // The normal ziggurat's first rectangle test (ziggurat.ts normalValue).
  const bits = u * 4294967296;
  const l2 = (bits & (G.NORM_LAYERS - 1)) << 1;
  const j = (bits | 0) >> G.NORM_BITS;
  const kw = kwn;
  let z = 0;
  if (Math.abs(j) < kw[l2]) z = j * kw[l2 + 1];
  else {
    normalTail(f, s, bits | 0, tail, 0);
    z = tail[0];
  }
  // e^x (detmath.ts exp).
  const x = mu + sigma * z;
  let v = 0;
  if (!(x > -708 && x < 709)) v = fdlibmExp(x);
  else {
    const n = Math.floor(x * G.invLn2N + 0.5);
    const r = x - n * G.ln2N_hi - n * G.ln2N_lo;
    const ni = n | 0;
    const q = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
    const e = EXP_TABLES;
    const tj = e[ni & (G.EXP_N - 1)];
    v = e[(ni >> 6) + (G.EXP_N + 1022)] * (tj + tj * q);
  }
  // Math.min(MAX_DRAW, v) as drawInto takes it, NaN included (NaN > MAX_DRAW is false), in one compare.
  return v > G.MAX_DRAW ? G.MAX_DRAW : v;
}
