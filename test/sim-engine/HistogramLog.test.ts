import { describe, expect, it } from 'vitest';
import { Histogram, HistogramLog, deepCopy, sampler, streamFor } from '../../src/sim-engine';

/** Lognormal latencies (ms) spanning a few powers of two, as a service's do. */
function latencies(n: number, seed: number): number[] {
  const s = sampler({ type: 'lognormal', median: 2, sigma: 1.2 }, streamFor(seed, 'histogram-log-test'));
  return Array.from({ length: n }, () => s());
}

function same(a: Histogram, b: Histogram): void {
  // Sum to the bit: its values were added in the same order.
  expect(Object.is(a.sum, b.sum)).toBe(true);
  expect(a.count).toBe(b.count);
  expect(a.min).toBe(b.min);
  expect(a.max).toBe(b.max);
  expect(a.toData()).toEqual(b.toData());
  expect(a.summary()).toEqual(b.summary());
  expect(a.bucketsHeld).toBe(b.bucketsHeld);
}

describe('HistogramLog', () => {
  it('leaves every histogram exactly as recording each value at once would, across batches', () => {
    const values = latencies(5_000, 3);
    const direct = Array.from({ length: 7 }, () => new Histogram());
    const logged = Array.from({ length: 7 }, () => new Histogram());
    // A batch of 97 values: filed 51 times, the last batch part-full when read.
    const log = new HistogramLog(97);
    const ids = logged.map((h) => log.register(h));
    values.forEach((v, k) => {
      const which = (k * 2654435761) % 7 >>> 0;
      direct[which].record(v);
      log.add(ids[which], v);
    });
    expect(log.pending).toBeGreaterThan(0);
    for (let j = 0; j < 7; j++) same(logged[j], direct[j]);
    expect(log.pending).toBe(0);
  });

  it('files what waits before a direct record, a merge or a copy of the values as data', () => {
    const log = new HistogramLog(1_000);
    const h = new Histogram();
    const id = log.register(h);
    const ref = new Histogram();
    for (const v of [3, 0.5, 70, 1e-4]) {
      log.add(id, v);
      ref.record(v);
    }
    h.record(9);
    ref.record(9);
    same(h, ref);
    log.add(id, 12);
    ref.record(12);
    const into = new Histogram();
    into.merge(h);
    same(into, ref);
    log.add(id, 0.25);
    ref.record(0.25);
    expect(Histogram.fromData(h.toData()).toData()).toEqual(ref.toData());
    expect(h.mean).toBe(ref.mean);
  });

  it('is copied with the world: a copy taken with values waiting files them into the copied histograms', () => {
    const log = new HistogramLog(64);
    const h = new Histogram();
    const id = log.register(h);
    for (let k = 0; k < 10; k++) log.add(id, k + 0.5);
    const copy = deepCopy({ log, h }).value;
    expect(copy.h).not.toBe(h);
    expect(copy.h.count).toBe(10);
    expect(h.count).toBe(10);
    copy.log.add(0, 100);
    expect(copy.h.count).toBe(11);
    expect(h.count).toBe(10);
  });

  it('refuses a histogram already registered with a log, and an empty log', () => {
    const h = new Histogram();
    new HistogramLog(8).register(h);
    expect(() => new HistogramLog(8).register(h)).toThrow(/one log at most/);
    expect(() => new HistogramLog(0)).toThrow(/at least one value/);
  });
});
