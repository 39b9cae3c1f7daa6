import { describe, expect, it } from 'vitest';
import { isZero, meanOf, sampler, streamFor, type Distribution } from '../../src/sim-engine';

const N = 200_000;

function draws(d: Distribution, seed = 1): Float64Array {
  const s = sampler(d, streamFor(seed, `dist/${d.type}`));
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = s();
  return xs;
}

function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function variance(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

function minOf(xs: Float64Array): number {
  return xs.reduce((m, x) => Math.min(m, x), Infinity);
}

function maxOf(xs: Float64Array): number {
  return xs.reduce((m, x) => Math.max(m, x), -Infinity);
}

function median(xs: Float64Array): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.floor(sorted.length / 2)];
}

/** |actual - expected| / expected. */
const relErr = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

/** The standard normal CDF (Abramowitz and Stegun 7.1.26 via erf), good to 1e-7. */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

// Tolerances are several standard errors wide for 200k draws; the comments give the error.
describe('distributions over 200k draws', () => {
  it('constant always gives its value', () => {
    const xs = draws({ type: 'constant', value: 3.5 });
    expect(xs.every((x) => x === 3.5)).toBe(true);
  });

  it('uniform stays within [min, max) and has mean (min + max) / 2', () => {
    const d: Distribution = { type: 'uniform', min: 2, max: 6 };
    const xs = draws(d);
    expect(minOf(xs)).toBeGreaterThanOrEqual(2);
    expect(maxOf(xs)).toBeLessThan(6);
    // SE of the mean: 1.15 / sqrt(2e5) = 0.0026, i.e. 0.06% of 4.
    expect(relErr(mean(xs), 4)).toBeLessThan(0.005);
    expect(meanOf(d)).toBe(4);
  });

  it('exponential has the given mean and variance mean^2', () => {
    const d: Distribution = { type: 'exponential', mean: 2 };
    const xs = draws(d);
    expect(minOf(xs)).toBeGreaterThanOrEqual(0);
    // SE of the mean: 0.22%; of the variance: sqrt(8 / 2e5) = 0.63%.
    expect(relErr(mean(xs), 2)).toBeLessThan(0.01);
    expect(relErr(variance(xs), 4)).toBeLessThan(0.03);
    expect(meanOf(d)).toBe(2);
  });

  it('normal has the given mean and standard deviation when far from zero', () => {
    const d: Distribution = { type: 'normal', mean: 10, stddev: 2 };
    const xs = draws(d);
    // SE of the mean: 0.045% of 10; of the standard deviation: 0.16%.
    expect(relErr(mean(xs), 10)).toBeLessThan(0.003);
    expect(relErr(Math.sqrt(variance(xs)), 2)).toBeLessThan(0.01);
    expect(meanOf(d)).toBe(10);
  });

  it('normal is truncated at zero: no negative draws, and the mass below zero lands on zero', () => {
    const d: Distribution = { type: 'normal', mean: 1, stddev: 2 };
    const xs = draws(d);
    expect(minOf(xs)).toBe(0);
    const zeros = xs.filter((x) => x === 0).length / N;
    // P(X < 0) = Phi(-0.5) = 0.3085; SE 0.001.
    expect(zeros).toBeCloseTo(phi(-0.5), 2);
    // E[max(0, X)] = mu Phi(mu/sigma) + sigma phi(mu/sigma) = 1.3956.
    const density = Math.exp(-0.125) / Math.sqrt(2 * Math.PI);
    const truncatedMean = 1 * phi(0.5) + 2 * density;
    expect(relErr(mean(xs), truncatedMean)).toBeLessThan(0.01);
  });

  it('lognormal has the given median, log standard deviation sigma, and mean median * exp(sigma^2 / 2)', () => {
    const d: Distribution = { type: 'lognormal', median: 8, sigma: 0.5 };
    const xs = draws(d);
    expect(minOf(xs)).toBeGreaterThan(0);
    // SE of the median: about 0.14%; of the mean: 0.12%.
    expect(relErr(median(xs), 8)).toBeLessThan(0.01);
    expect(relErr(mean(xs), 8 * Math.exp(0.125))).toBeLessThan(0.01);
    expect(meanOf(d)).toBeCloseTo(8 * Math.exp(0.125), 12);
    // Its log is normal with standard deviation sigma; SE 0.16%.
    const logs = xs.map(Math.log);
    expect(relErr(Math.sqrt(variance(logs)), 0.5)).toBeLessThan(0.01);
  });

  it('pareto never goes below its scale and has mean shape * scale / (shape - 1)', () => {
    const d: Distribution = { type: 'pareto', scale: 1, shape: 3 };
    const xs = draws(d);
    expect(minOf(xs)).toBeGreaterThanOrEqual(1);
    // SE of the mean: 0.87 / 1.5 / sqrt(2e5) = 0.13% (the tail is heavy, so allow 2%).
    expect(relErr(mean(xs), 1.5)).toBeLessThan(0.02);
    // Median scale * 2^(1/shape).
    expect(relErr(median(xs), Math.pow(2, 1 / 3))).toBeLessThan(0.01);
    expect(meanOf(d)).toBe(1.5);
    expect(meanOf({ type: 'pareto', scale: 1, shape: 1 })).toBe(Infinity);
  });

  it('two samplers on the same seed and name draw the same values', () => {
    const d: Distribution = { type: 'lognormal', median: 8, sigma: 0.5 };
    const a = sampler(d, streamFor(5, 'svc'));
    const b = sampler(d, streamFor(5, 'svc'));
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
  });

  it('isZero is true only for a constant zero', () => {
    expect(isZero({ type: 'constant', value: 0 })).toBe(true);
    expect(isZero({ type: 'constant', value: 1 })).toBe(false);
    expect(isZero({ type: 'uniform', min: 0, max: 0 })).toBe(false);
  });
});

describe('heavy tails that overflow', () => {
  it('caps lognormal and Pareto draws at a year, where a wide tail would reach Infinity', () => {
    const wide = sampler({ type: 'lognormal', median: 1, sigma: 1000 }, streamFor(1, 'wide'));
    const pareto = sampler({ type: 'pareto', scale: 1, shape: 0.001 }, streamFor(1, 'pareto'));
    const draws = Array.from({ length: 2000 }, () => [wide(), pareto()]).flat();
    expect(draws.every((x) => Number.isFinite(x) && x >= 0 && x <= 8760 * 3_600_000)).toBe(true);
    expect(draws.filter((x) => x === 8760 * 3_600_000).length).toBeGreaterThan(500);
  });

});
