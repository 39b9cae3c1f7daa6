import { expect, test } from 'vitest';
import { refusalMarks } from '../../src/ui/components/expiredHandshakesWords';
import { sideRefusalMarks } from '../../src/ui/compare/sideRefusalMarks';

// Brief U3 2: the compare timeline marks each pane's first refused handshake, A's and B's apart, one tick where both
// runs have the moment.
test("compare's first-refusal ticks: a moment in both runs is one tick 'in both runs', A's 9.25 s alone and B's 23.08 s alone are said so, earliest first", () => {
  const a = refusalMarks([{ target: 'payments-bridge', refusals: { firstMs: 9250 } }, { target: 'storefront', refusals: { firstMs: 23_080 } }], 9250);
  const b = refusalMarks([{ target: 'storefront', refusals: { firstMs: 23_080 } }, { target: 'checkout', refusals: { firstMs: 12_500 } }], 12_500);
  expect(sideRefusalMarks(a, b).map((m) => [m.ms, m.sides])).toEqual([
    [9250, 'A'],
    [12_500, 'B'],
    [23_080, 'AB'],
  ]);
  const marks = sideRefusalMarks(a, b);
  expect(marks[0].label).toBe("First handshake refused at 9.25 s: certificate expired (tls-expired-cert), payments-bridge's expiry (in A only)");
  expect(marks[2].label).toMatch(/storefront's expiry \(in both runs\)$/);
  // No refusal in B: A's ticks alone; none in either: none.
  expect(sideRefusalMarks(a, []).map((m) => m.sides)).toEqual(['A', 'A']);
  expect(sideRefusalMarks([], refusalMarks([], -1))).toEqual([]);
});
