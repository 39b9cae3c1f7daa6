import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatLatency, formatNumber, formatPercent, formatRate, formatRateShort, formatShare, formatMoment, formatSimTime, keepUnits } from '../../src/ui/format';
import { edgeLabel } from '../../src/ui/topology/edgeRates';

describe('numbers on screen', () => {
  it('group thousands with commas and keep the decimals asked for, whatever the browser language', () => {
    expect(formatNumber(1234.5, 1)).toBe('1,234.5');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(12.345, 2)).toBe('12.35');
    expect(formatNumber(-0.01, 1)).toBe('0.0');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatCount(12034)).toBe('12,034');
  });

  it('read exactly as en-US Intl.NumberFormat does, without making one, over 100,000 numbers of every size, each at 0-3 decimals', () => {
    const intl = [0, 1, 2, 3].map((d) => new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
    const asIntl = (n: number, d: number) => {
      const t = intl[d].format(n);
      return /^-0(\.0*)?$/.test(t) ? t.slice(1) : t;
    };
    // A fixed sequence (a 32-bit LCG), so a difference found is found again.
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const cases: number[] = [0, -0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 1.005, 1.045, 12.345, 999.95, 999.995, 9.9999, 99999.5, 1e-7, 1.5e-7, 123e20, 1e21, -1e21, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e300, 5e-324];
    for (let i = 0; i < 25_000; i++) {
      const mag = 10 ** Math.floor(next() * 16 - 6);
      const r = next();
      cases.push(r * mag, -r * mag, Math.round(r * 1e4) / 1e4 * mag, (Math.floor(r * 2000) + 0.5) / 10 ** Math.floor(next() * 4));
    }
    const wrong: string[] = [];
    for (const n of cases) for (let d = 0; d <= 3; d++) if (formatNumber(n, d) !== asIntl(n, d)) wrong.push(`${n} (${d}): ${formatNumber(n, d)} vs ${asIntl(n, d)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('read rates with one decimal under 10 and none above, and shares likewise under and over 10%', () => {
    expect(formatRate(4.25)).toBe('4.3');
    expect(formatRate(1234.5)).toBe('1,235');
    expect(formatRate(70_000)).toBe('70,000');
    // The short form, for a tile title with little room.
    expect([21, 4.25, 999, 7028, 9960, 12_345, 70_000, 2_500_000].map(formatRateShort)).toEqual(['21', '4.3', '999', '7.0k', '10k', '12k', '70k', '2.5M']);
    expect(formatPercent(0.035)).toBe('3.5%');
    expect(formatPercent(0.27)).toBe('27%');
  });

  it('read a moment on the timeline with one decimal at every size: "0.0 s", not the clock\'s "0.000 s"', () => {
    expect([formatMoment(0), formatMoment(2500), formatMoment(25_000), formatMoment(1_234_500)]).toEqual(['0.0 s', '2.5 s', '25.0 s', '1,234.5 s']);
    expect(formatSimTime(0)).toBe('0.000 s');
  });

  it('read a moment off a whole tenth with the decimals it needs, at most ms: a branch at 9,850 ms is "9.85 s", not "9.8 s"', () => {
    expect([formatMoment(9_850), formatMoment(4_165), formatMoment(2_466.6666666666665), formatMoment(12_000), formatMoment(100)]).toEqual(['9.85 s', '4.165 s', '2.467 s', '12.0 s', '0.1 s']);
  });

  it('read the simulated clock cut down to its last digit, never rounded up to a time not reached: 29,950 ms is 29.9 s, the end of the labels\' window', () => {
    expect([formatClock(29_950), formatClock(29_999), formatClock(9_995), formatClock(999.6), formatClock(4_350), formatClock(29_900), formatClock(0), formatClock(3_600_000)]).toEqual(['29.9 s', '29.9 s', '9.99 s', '0.999 s', '4.35 s', '29.9 s', '0.000 s', '3,600.0 s']);
    // A moment that was keeps its rounding: a fault cleared at 14,250 ms ended at 14.3 s.
    expect(formatSimTime(14_250)).toBe('14.3 s');
  });

  it('put separators in simulated times, latencies and shares', () => {
    expect(formatSimTime(3_600_000)).toBe('3,600.0 s');
    expect(formatSimTime(12_400)).toBe('12.4 s');
    expect(formatSimTime(500)).toBe('0.500 s');
    expect(formatLatency(1_234_567, true)).toBe('1,234.57 s');
    expect(formatLatency(250, true)).toBe('250 ms');
    expect(formatLatency(60, true)).toBe('60.0 ms');
    expect(formatLatency(60, false)).toBe('—');
    expect(formatShare(1, 3)).toBe('33.3%');
  });

  it('write a busy link label as "1,234 req/s" (edge labels share the one formatter)', () => {
    expect(edgeLabel({ perSecond: 1234.5, triesPerSecond: 1234.5, failedShare: 0, failedHereShare: 0, tries: 1 })).toBe('1,235 req/s');
    expect(edgeLabel({ perSecond: 56_000, triesPerSecond: 70_000, failedShare: 0.004, failedHereShare: 0.004, tries: 1.25 })).toBe('70,000 req/s · 0.4% failed here · 20% retries');
  });
});

describe('a number keeps its unit on its line', () => {
  it('joins a number to the unit after it with a no-break space, and nothing else: "at 15.0 s" never leaves a lone "s"', () => {
    expect(keepUnits('B · with timeout 5ms on payments at 15.0 s')).toBe('B · with timeout 5ms on payments at 15.0\u00a0s');
    expect(keepUnits('B · with retries 3 on web at 1,234.5 s · no effect')).toBe('B · with retries 3 on web at 1,234.5\u00a0s · no effect');
    expect(keepUnits('p99 197 ms, 4.7 %, 190 req/s, 0.2 vCPU, 3 ×')).toBe('p99 197\u00a0ms, 4.7\u00a0%, 190\u00a0req/s, 0.2\u00a0vCPU, 3\u00a0×');
    // A word that only starts like a unit, or a unit with no number before it, keeps its space.
    expect(keepUnits('3 services, 2 mesh, at s 5')).toBe('3 services, 2 mesh, at s 5');
    expect(keepUnits('A · retry-storm')).toBe('A · retry-storm');
  });
});
