// B - A beside B / A for latency and CPU (trial N16, 6): Istio's "+2.65 ms" at p90.
import { expect, test } from 'vitest';
import { differenceOf, differenceText, hasDifference } from '../../src/workers/compareDifference';

test("istio-load-test's p90 3.34 -> 5.98 ms reads '+2.64 ms'; CPU to three decimals; '±0' and null as such", () => {
  expect(differenceText({ unit: 'ms' }, differenceOf(3.34, 5.98))).toBe('+2.64 ms');
  expect(differenceText({ unit: 'ms' }, differenceOf(5.98, 3.34))).toBe('-2.64 ms');
  expect(differenceText({ unit: 'vCPU' }, differenceOf(0.3, 0.351))).toBe('+0.051 vCPU');
  expect(differenceText({ unit: 'ms' }, differenceOf(2, 2.001))).toBe('±0 ms');
  expect(differenceText({ unit: 'ms' }, differenceOf(null, 2))).toBeNull();
});

test("a difference in ms keeps a latency's precision for its size (trial T5, 6: '-506.00 ms' beside '546 ms' and '1.05 s')", () => {
  expect(differenceText({ unit: 'ms' }, differenceOf(1052, 546))).toBe('-506 ms');
  expect(differenceText({ unit: 'ms' }, differenceOf(682.4, 194.9))).toBe('-488 ms');
  expect(differenceText({ unit: 'ms' }, differenceOf(124.3, 108.04))).toBe('-16.3 ms');
  expect(differenceText({ unit: 'ms' }, differenceOf(0.6, 1.0))).toBe('+0.40 ms');
  expect(differenceText({ unit: 'ms' }, differenceOf(200, 1450))).toBe('+1.25 s');
  expect(differenceText({ unit: 'ms' }, differenceOf(99.96, 0))).toBe('-100 ms');
});

test('only latency and CPU rows get a difference', () => {
  expect(hasDifference({ section: 'latency', unit: 'ms' })).toBe(true);
  expect(hasDifference({ section: 'load', unit: 'vCPU' })).toBe(true);
  expect(hasDifference({ section: 'load', unit: 'req/s' })).toBe(false);
  expect(hasDifference({ section: 'failures', unit: '% of sent' })).toBe(false);
});

test("gateway-only's 33.6% failing against mesh-only's 0% reads '-33.6 pts' (not 0.00x: trial N17, 5); '±0 pts' and null as such", async () => {
  const { pointsText, pointsApart } = await import('../../src/workers/compareDifference');
  expect(pointsText(0.336, 0)).toBe('-33.6 pts');
  expect(pointsText(0.16, 0.18)).toBe('+2.0 pts');
  expect(pointsText(0.5, 0.5004)).toBe('±0 pts');
  expect(pointsText(null, 0.1)).toBeNull();
  expect(pointsText(Number.NaN, 0.1)).toBeNull();
  expect(pointsApart(0.336, 0)).toBe(true);
  expect(pointsApart(0.5, 0.505)).toBe(false);
  expect(pointsApart(0.5, null)).toBe(false);
});

test("alikeDigits: one decimal, two where one makes different values read alike ('1.0 / 1.0 / 0.96x', trial T5, 6)", async () => {
  const { alikeDigits } = await import('../../src/workers/compareDifference');
  expect(alikeDigits(1.02, 0.98)).toBe(2);
  expect((1.02).toFixed(alikeDigits(1.02, 0.98))).toBe('1.02');
  expect(alikeDigits(27.0, 2.9)).toBe(1);
  expect(alikeDigits(3, 3)).toBe(1);
  expect(alikeDigits(null, 1)).toBe(1);
  expect(alikeDigits(Number.NaN, 1)).toBe(1);
});
