import type { Rng } from './random';
import { assertNever } from './invariant';
import { exp, log } from './detmath';
import { exponentialAt, exponentialInto, exponentialZiggurat, normalAt, normalInto, normalZiggurat } from './ziggurat';
import { aleaNext, slotOf } from './alea';
import { revivable } from './revivable';

/**
 * A distribution of non-negative values (durations in milliseconds, usually), as plain data.
 * Parameters are already in milliseconds; the scenario layer converts "250ms" and "2s".
 */
export type Distribution =
  | { readonly type: 'constant'; readonly value: number }
  | { readonly type: 'uniform'; readonly min: number; readonly max: number }
  | { readonly type: 'exponential'; readonly mean: number }
  | { readonly type: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly type: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly type: 'pareto'; readonly scale: number; readonly shape: number };

/** A compiled sampler: each call draws one value from its own stream. */
export type Sampler = () => number;

/**
 * The largest value a heavy-tailed draw (lognormal, Pareto) gives: a year in ms, the longest
 * run a scenario may ask for. A wide enough tail overflows to Infinity (a lognormal of sigma
 * 1000, a Pareto of shape 0.001), which no event can be scheduled at; a draw of a year means
 * "not within this run" all the same. Draws below it are untouched, so runs repeat as before.
 */
export const MAX_DRAW = 8760 * 3_600_000;

/**
 * Compiles a distribution into a sampler drawing from `rng`.
 * Normal draws are truncated at zero (durations cannot be negative); lognormal and Pareto
 * draws are capped at MAX_DRAW.
 */
export function sampler(d: Distribution, rng: Rng): Sampler {
  // A snapshot copies a sampler by compiling the distribution again over a copy of its stream.
  return revivable(compile(d, rng), () => ({ data: d, deps: [rng], revive: (x, deps) => sampler(x as Distribution, deps[0] as Rng) }));
}

function compile(d: Distribution, rng: Rng): Sampler {
  const slot = slotOf(rng);
  if (slot !== null) return compileOnSlot(d, slot.s, slot.o);
  switch (d.type) {
    case 'constant': {
      const v = d.value;
      return () => v;
    }
    case 'uniform': {
      const lo = d.min;
      const span = d.max - d.min;
      return () => lo + span * rng();
    }
    case 'exponential': {
      const mean = d.mean;
      const standard = exponentialZiggurat(rng);
      return () => mean * standard();
    }
    case 'normal': {
      const { mean, stddev } = d;
      const gauss = normalZiggurat(rng);
      return () => Math.max(0, mean + stddev * gauss());
    }
    case 'lognormal': {
      const mu = log(d.median);
      const sigma = d.sigma;
      const gauss = normalZiggurat(rng);
      return () => Math.min(MAX_DRAW, exp(mu + sigma * gauss()));
    }
    case 'pareto': {
      // (1 - U)^(-1/shape) = exp(E / shape) for a standard exponential E.
      const { scale } = d;
      const inv = 1 / d.shape;
      const standard = exponentialZiggurat(rng);
      return () => Math.min(MAX_DRAW, scale * exp(inv * standard()));
    }
    default:
      return assertNever(d, 'distribution');
  }
}

/**
 * NOTE: `compile` for a stream made by streamFor: the same draws, read straight from the
 * stream's state (alea.ts) rather than through its closure, which halves a draw's cost at
 * scale. Each case must stay the same arithmetic as compile's.
 */
function compileOnSlot(d: Distribution, s: Float64Array, o: number): Sampler {
  switch (d.type) {
    case 'constant': {
      const v = d.value;
      return () => v;
    }
    case 'uniform': {
      const lo = d.min;
      const span = d.max - d.min;
      return () => lo + span * aleaNext(s, o);
    }
    case 'exponential': {
      const mean = d.mean;
      return () => mean * exponentialAt(s, o);
    }
    case 'normal': {
      const { mean, stddev } = d;
      return () => Math.max(0, mean + stddev * normalAt(s, o));
    }
    case 'lognormal': {
      const mu = log(d.median);
      const sigma = d.sigma;
      return () => Math.min(Code.MAX_DRAW, exp(mu + sigma * normalAt(s, o)));
    }
    case 'pareto': {
      const { scale } = d;
      const inv = 1 / d.shape;
      return () => Math.min(Code.MAX_DRAW, scale * exp(inv * exponentialAt(s, o)));
    }
    default:
      return assertNever(d, 'distribution');
  }
}

/** The distribution's mean (Infinity for a Pareto with shape <= 1). */
export function meanOf(d: Distribution): number {
  switch (d.type) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean; // ignores the truncation at zero, negligible when mean >> stddev
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'pareto':
      return d.shape <= 1 ? Infinity : (d.shape * d.scale) / (d.shape - 1);
    default:
      return assertNever(d, 'distribution');
  }
}

/** True when every draw is exactly zero, so a hop can skip scheduling. */
export function isZero(d: Distribution): boolean {
  return d.type === 'constant' && d.value === 0;
}

/**
 * Doubles a distribution takes in a block (see `encodeDraw`): its kind, two parameters and
 * its stream's Alea state.
 */
export const DRAW_SLOT = 7;

/** Kind codes of an encoded distribution; `custom` means the owner draws through a Sampler. */
export const DrawCode = { constant: 0, uniform: 1, exponential: 2, normal: 3, lognormal: 4, pareto: 5, custom: 6 } as const;

/**
 * DrawCode and MAX_DRAW again, for `drawInto`. NOTE: issue 14.4: a const enum is written as a
 * literal where used; `DrawCode.lognormal` is a context load and a property load at each test, and
 * MAX_DRAW a context load (EventQueue.ts says why). Used by the samplers too; drawAt.test.ts
 * compares every kind's draws with a sampler's.
 */
const enum Code {
  constant = 0,
  uniform = 1,
  exponential = 2,
  normal = 3,
  lognormal = 4,
  pareto = 5,
  custom = 6,
  MAX_DRAW = 8760 * 3_600_000,
}

/**
 * Writes `d` at doubles `p` to `p + 2` of `f` (kind, then two parameters as `compile` derives
 * them), for `drawAt(f, p)`; its stream's state goes at `p + 3` to `p + 6` (`streamAt(.., f, p + 3)`).
 * `null` encodes "draw with your Sampler" (`DrawCode.custom`). Mutates `f`.
 */
export function encodeDraw(d: Distribution | null, f: Float64Array, p: number): void {
  if (d === null) {
    f[p] = DrawCode.custom;
    return;
  }
  f[p] = DrawCode[d.type];
  switch (d.type) {
    case 'constant':
      f[p + 1] = d.value;
      break;
    case 'uniform':
      f[p + 1] = d.min;
      f[p + 2] = d.max - d.min;
      break;
    case 'exponential':
      f[p + 1] = d.mean;
      break;
    case 'normal':
      f[p + 1] = d.mean;
      f[p + 2] = d.stddev;
      break;
    case 'lognormal':
      f[p + 1] = log(d.median);
      f[p + 2] = d.sigma;
      break;
    case 'pareto':
      f[p + 1] = d.scale;
      f[p + 2] = 1 / d.shape;
      break;
    default:
      assertNever(d, 'distribution');
  }
}

/**
 * Where `drawAt` reads back the draw `drawInto` wrote: one slot for every caller, read straight
 * after the call.
 */
const drawn = new Float64Array(1);

/**
 * One draw of the distribution encoded at `p` of `f` (`encodeDraw`), from the stream whose state
 * is at `p + 3`: the same value, bit for bit, as a `sampler` of it over that stream would give
 * (the same arithmetic as compileOnSlot). A call and a read, small enough for V8 to inline
 * everywhere; where that makes it take `drawInto` in too and box what that inlines, call `drawInto`
 * (Sidecar.ts).
 * Not for `DrawCode.custom` (NaN).
 */
export function drawAt(f: Float64Array, p: number): number {
  drawInto(f, p, drawn, 0);
  return drawn[0];
}

/**
 * `drawAt`'s draw, written to `out[k]` rather than returned. Mutates the stream's state at
 * `p + 3` of `f` and `out[k]`. NOTE: issue 14.4: once optimized (638 bytecodes with what it
 * inlines) it is over V8's inlining budget, and a call not inlined that returns a double returns
 * it in a fresh 16-byte heap number (45 a 3-hop request, 40% of its allocation); a double stored
 * in a Float64Array stays a plain double. For hot per-proxy state kept in one block (issue 14): a draw reads one stretch
 * of memory rather than a closure, its context and a typed array.
 */
export function drawInto(f: Float64Array, p: number, out: Float64Array, k: number): void {
  const s = p + 3;
  const kind = f[p];
  // NOTE: a proxy's three draws are lognormal by default (calibration.ts): tested first.
  if (kind === Code.lognormal) {
    normalInto(f, s, out, k);
    out[k] = Math.min(Code.MAX_DRAW, exp(f[p + 1] + f[p + 2] * out[k]));
    return;
  }
  switch (kind) {
    case Code.constant:
      out[k] = f[p + 1];
      return;
    case Code.uniform:
      out[k] = f[p + 1] + f[p + 2] * aleaNext(f, s);
      return;
    case Code.exponential:
      exponentialInto(f, s, out, k);
      out[k] = f[p + 1] * out[k];
      return;
    case Code.normal:
      normalInto(f, s, out, k);
      out[k] = Math.max(0, f[p + 1] + f[p + 2] * out[k]);
      return;
    case Code.pareto:
      exponentialInto(f, s, out, k);
      out[k] = Math.min(Code.MAX_DRAW, f[p + 1] * exp(f[p + 2] * out[k]));
      return;
    default:
      out[k] = NaN;
  }
}
