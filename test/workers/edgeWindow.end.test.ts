// N13's trial (finding 7) read 125/s on every link of gateway-only at 60 s though its client sends
// 100/s: is the last window counted over a second, or a count over a longer span divided by a
// shorter one at the run's end? Checked against the run's own counters: the client sent 126
// requests in (59, 60] s (Poisson at 100/s, seed 11: 2.6 sd, the busiest second of the run),
// 125 of them ended there, and the shoppers->edge link counts those 125 over 1.0 s.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, EDGE_STRIDE, EdgeField, type Frame } from '../../src/workers/protocol';
import { edgeRateOf } from '../../src/ui/topology/edgeRates';

it("gateway-only's links at 60 s count the calls that ended in the run's last second, over that second", () => {
  let clock = 0;
  const host = new SimHost(() => (clock += 1e-6));
  const r = host.load(readFileSync('scenarios/gateway-only.json', 'utf8'));
  if (!r.ok) throw new Error('gateway-only.json did not load');
  const at = new Map<number, Frame>();
  let f = host.advance(100, 1e9);
  while (!f.done) {
    f = host.advance(100, 1e9);
    if (f.simTime === 59_000 || f.simTime === 60_000) at.set(f.simTime, f);
  }
  const [a, b] = [at.get(59_000)!, at.get(60_000)!];
  expect(b.done).toBe(true);
  expect([b.recentFromMs, b.recentToMs]).toEqual([59_000, 60_000]);
  const ended = b.counters[Counter.ok] + b.counters[Counter.failed] - (a.counters[Counter.ok] + a.counters[Counter.failed]);
  expect(b.counters[Counter.sent] - a.counters[Counter.sent]).toBe(126);
  expect(ended).toBe(125);
  // Edge 0 is shoppers->edge: every user request's first hop.
  expect(b.recent[0 * EDGE_STRIDE + EdgeField.calls]).toBe(ended);
  expect(edgeRateOf(b, 0)!.perSecond).toBe(125);
  // A second earlier the same link read the second before: 98, as the counters say.
  expect(a.recent[EdgeField.calls]).toBe(98);
});
