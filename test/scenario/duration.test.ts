import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/scenario';
import { MAX_DURATION_MS } from '../../src/scenario/duration';

const ms = (input: unknown) => {
  const r = parseDuration(input);
  return r.ok ? r.ms : r.message;
};

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
    ['80us', 0.08],
    ['80µs', 0.08],
    ['.5s', 500],
    [' 5 s ', 5000],
    ['0ms', 0],
    [1500, 1500],
    [0.25, 0.25],
    [0, 0],
  ])('reads %j as %d ms', (input, expected) => {
    expect(ms(input)).toBe(expected);
  });

  it.each(['5 parsecs', '5', 'ms', '5sec', '1.2.3s', '', '5 m s'])('refuses %j, naming it and the units', (input) => {
    const r = parseDuration(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(`"${input}" is not a duration`);
    expect(!r.ok && r.message).toMatch(/us, ms, s, m or h/);
  });

  it.each(['-3s', ' -1ms', -5])('refuses the negative duration %j', (input) => {
    const r = parseDuration(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/must not be negative/);
  });

  it.each([NaN, Infinity])('refuses the non-finite number %d', (input) => {
    expect(ms(input)).toMatch(/finite/);
  });

  it('refuses a number of 400 digits (Infinity) as not finite, quoting only its ends', () => {
    expect(ms('1' + '0'.repeat(400) + 'ms')).toBe('must be a finite duration, at most 8760h (one year of simulated time), got "100000000000000000…0000000000000000ms"');
  });

  it('takes up to one year of simulated time, and refuses more in any unit', () => {
    expect(ms('8760h')).toBe(MAX_DURATION_MS);
    expect(MAX_DURATION_MS).toBe(31_536_000_000);
    expect(ms('8761h')).toBe('must be at most 8760h (one year of simulated time), got "8761h"');
    expect(ms(1e300)).toBe('must be at most 8760h (one year of simulated time), got 1e+300 ms');
    expect(ms('600000m')).toMatch(/^must be at most 8760h/);
  });

  it.each([
    [null, 'null'],
    [true, 'boolean true'],
    [[1], 'an array'],
    [{ s: 1 }, 'an object'],
  ])('refuses %j, saying what it got', (input, got) => {
    expect(ms(input)).toMatch(new RegExp(`expected a duration .*got ${got}`));
  });
});

describe('formatDuration', () => {
  it.each([
    [0.85, '850 µs'],
    [5, '5.00 ms'],
    [12.34, '12.3 ms'],
    [250, '250 ms'],
    [4200, '4.20 s'],
    [125_000, '2m 05s'],
    [3_599_600, '1h 00m'],
    [5_400_000, '1h 30m'],
    [86_400_000, '1d 00h'],
    [6_000_000 * 60_000, '4166d 16h'],
    [MAX_DURATION_MS, '365d 00h'],
    [Infinity, 'Infinity'],
  ])('formats %d ms as %j', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });
});
