import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario';
import { MAX_SEED, parseSeed } from '../../src/scenario/seed';
import { streamFor } from '../../src/sim-engine';

const RULE = 'must be a whole number from -9007199254740991 to 9007199254740991 (2^53 − 1: larger numbers cannot be held exactly, so two seeds would run the same)';

const withSeed = (seed: unknown) => validateScenario({ name: 's', seed, clients: [{ name: 'c', type: 'open', rate: 1, target: 'a' }], services: [{ name: 'a', serviceTime: '1ms' }] });

describe('seeds', () => {
  it('are whole numbers within ±(2^53 − 1), the same rule in a file and on the command line', () => {
    for (const seed of [0, 42, -3, MAX_SEED, -MAX_SEED]) {
      expect(withSeed(seed).ok).toBe(true);
      expect(parseSeed(String(seed))).toEqual({ ok: true, seed });
    }
  });

  it.each([
    [2 ** 53, '9007199254740992'],
    [1e23, '99999999999999999999999'],
    [1e300, '1' + '0'.repeat(300)],
  ])('refuses %d in a file and as %s on the command line, saying the rule', (seed, text) => {
    const r = withSeed(seed);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([{ path: 'seed', message: `${RULE}, got ${String(seed)}` }]);
    expect(parseSeed(text)).toEqual({ ok: false, message: `${RULE}, got ${text}` });
  });

  it('refuses a fraction and a word in the same words everywhere (seedProblem: a file, --seed, a link)', () => {
    const r = withSeed(1.5);
    expect(!r.ok && r.problems).toEqual([{ path: 'seed', message: `${RULE}, got 1.5` }]);
    expect(parseSeed('1.5')).toEqual({ ok: false, message: `${RULE}, got 1.5` });
    const w = withSeed('abc');
    expect(!w.ok && w.problems).toEqual([{ path: 'seed', message: `${RULE}, got "abc"` }]);
    expect(parseSeed('abc')).toEqual({ ok: false, message: `${RULE}, got "abc"` });
  });

  it('reads a seed written as a file writes numbers, so --seed 1e3 is the file\'s 1e3', () => {
    expect(parseSeed('1e3')).toEqual({ ok: true, seed: 1000 });
    expect(withSeed(1e3).ok).toBe(true);
    expect(parseSeed('0x10')).toEqual({ ok: false, message: `${RULE}, got "0x10"` });
  });

  it('gives neighbouring seeds at the limit different streams (the generator keys them by their text)', () => {
    expect(streamFor(MAX_SEED, 'a')()).not.toBe(streamFor(MAX_SEED - 1, 'a')());
    // Past the limit two typed seeds become one number: why they are refused.
    expect(Number('99999999999999999999999')).toBe(Number('100000000000000000000000'));
  });
});
