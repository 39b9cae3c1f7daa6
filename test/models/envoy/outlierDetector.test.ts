import { describe, expect, it } from 'vitest';
import { OutlierDetector, type OutlierConfig } from '../../../src/models/envoy/outlierDetector';

/** Outlier detection as compiled from a policy: one 5xx trips it, 10 s interval, 30 s base. */
const od = (maxPercent: number, alwaysEjectOne = false): NonNullable<OutlierConfig> => ({
  consecutive5xx: 1,
  consecutiveGateway: 0,
  interval: 10_000,
  baseEjection: 30_000,
  maxPercent,
  alwaysEjectOne,
});

/** Every host of `hosts` fails once at t = 1 ms: how many does the detector eject? */
function ejectedOf(hosts: number, cfg: NonNullable<OutlierConfig>): number {
  const d = new OutlierDetector(hosts);
  for (let i = 0; i < hosts; i++) d.recordOutcome(cfg, i, 503, 1);
  return d.ejectedCount;
}

describe('the ejection cap, as Envoy 1.36 counts it (the host about to be ejected included)', () => {
  it('with 3 hosts: 10% ejects none, 33% none, 34% one, 50% one, 67% two, 100% all three', () => {
    expect([10, 33, 34, 50, 67, 100].map((p) => ejectedOf(3, od(p)))).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('with 10 hosts: 10% ejects one, 15% one, 20% two, 50% five, 100% ten', () => {
    expect([10, 15, 20, 50, 100].map((p) => ejectedOf(10, od(p)))).toEqual([1, 1, 2, 5, 10]);
  });

  it('always_eject_one_host lets one host go past the cap (3 hosts at 10%: one), never two', () => {
    expect(ejectedOf(3, od(10, true))).toBe(1);
    expect(ejectedOf(3, od(0, true))).toBe(1);
    // With 10 hosts at 10% the cap already allows one: the option changes nothing.
    expect(ejectedOf(10, od(10, true))).toBe(1);
    expect(ejectedOf(10, od(20, true))).toBe(2);
  });
});

describe('the ejection time multiplier (Envoy ejectTimeBackoff)', () => {
  it('grows with each ejection, up to max_ejection_time (300 s)', () => {
    const d = new OutlierDetector(1);
    const cfg = od(100);
    let now = 1;
    const stays: number[] = [];
    for (let k = 0; k < 13; k++) {
      expect(d.recordOutcome(cfg, 0, 503, now)).toBe(true);
      stays.push(d.ejectedUntil[0] - now);
      // Fails again as soon as it is back: no healthy interval, no decay.
      now = d.ejectedUntil[0] + 1;
    }
    // 30 s x 1, 2, ... up to 300 s (10 x), each ending on the 10 s interval after it (ejected
    // 1 ms after a tick: out for the time plus 9.999 s).
    expect(stays.map((s) => Math.floor(s / 10_000) * 10)).toEqual([30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 300, 300, 300]);
    // Envoy stops raising it at max / base + 1 = 11.
    expect(d.backoff[0]).toBe(11);
  });

  it('comes down by one for every detection interval the host stays in service', () => {
    const d = new OutlierDetector(1);
    const cfg = od(100);
    // Three ejections in a row: 30 s, 60 s, 90 s.
    let now = 1;
    for (let k = 0; k < 3; k++) {
      d.recordOutcome(cfg, 0, 503, now);
      now = d.ejectedUntil[0] + 1;
    }
    const back = d.ejectedUntil[0];
    expect(d.multiplier(0, back - 1, cfg.interval)).toBe(3);
    d.unejectDue(back);
    // Back in service at `back`; each 10 s tick after it takes one off.
    expect([0, 9_999, 10_000, 20_000, 29_999, 30_000, 100_000].map((t) => d.multiplier(0, back + t, cfg.interval))).toEqual([3, 3, 2, 1, 1, 0, 0]);
    // Ejected 15 s after coming back (one tick: 3 -> 2), it is out for 3 x 30 s, not 4 x.
    d.recordOutcome(cfg, 0, 503, back + 15_000);
    expect(d.backoff[0]).toBe(3);
    expect(d.ejectedUntil[0]).toBe(Math.ceil((back + 15_000 + 90_000) / 10_000) * 10_000);
    // After 40 s healthy it starts again from the base time.
    const back2 = d.ejectedUntil[0];
    d.unejectDue(back2);
    d.recordOutcome(cfg, 0, 503, back2 + 40_000);
    expect(d.backoff[0]).toBe(1);
    expect(d.ejectedUntil[0] - (back2 + 40_000)).toBe(30_000);
    expect(d.ejections[0]).toBe(5);
  });
});
