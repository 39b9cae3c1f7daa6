import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/scenario';

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
    [Infinity, 'Infinity'],
  ])('formats %d ms as %j', (input, expected) => {
    expect(formatDuration(input)).toBe(expected);
  });
});
