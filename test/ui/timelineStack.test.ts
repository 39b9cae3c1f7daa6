import { describe, expect, it } from 'vitest';
import { belowRowsDrop, handleGroups, rowOffset, spreadMarkers, stackMarkers } from '../../src/ui/components/timelineStack';

const step = (x: number) => ({ x, left: 11, right: 11 });
const handle = (x: number) => ({ x, left: 3, right: 6 });

describe('timeline markers', () => {
  it('a fault handle at a step circle’s time goes on a row of its own; markers far apart share the track', () => {
    // control-plane-outage: steps at 0, 10, 20 s; two faults at 10 s and one at 20 s, on a 1,000 px track of 100 s.
    const markers = [step(0), step(100), step(200), handle(100), handle(100), handle(200)];
    expect(stackMarkers(markers)).toEqual([0, 0, 0, 1, 2, 1]);
    expect(stackMarkers([step(0), step(500), handle(900)])).toEqual([0, 0, 0]);
  });

  it('two steps closer than their circles are stacked, and a later marker goes back on the track once clear', () => {
    expect(stackMarkers([step(100), step(110), step(140)])).toEqual([0, 1, 0]);
  });

  it('rows alternate above and below the track', () => {
    expect([0, 1, 2, 3, 4].map((r) => rowOffset(r, 24))).toEqual([0, -24, 24, -48, 48]);
  });

  it('rows below the track go under the fault lanes, with 2 px of air; rows above stay where they were', () => {
    // Markers reach 7 px above the track's top; lanes end 14, 20, 26 px under it (one, two, three lanes).
    expect([0, 14, 20, 26].map((end) => belowRowsDrop(end, -7, 24))).toEqual([0, 0, 5, 11]);
    const drop = belowRowsDrop(26, -7, 24);
    expect([0, 1, 2, 3, 4].map((r) => rowOffset(r, 24, drop))).toEqual([0, -24, 35, -48, 59]);
    // A marker one row down then starts 2 px under the third lane.
    expect(-7 + rowOffset(2, 24, drop)).toBe(26 + 2);
  });

  it('three or more faults starting at one moment share one handle; two, or faults a millisecond apart, keep one each', () => {
    // Six added from the form at 12 s, then one at 20 s.
    expect(handleGroups([12000, 12000, 12000, 12000, 12000, 12000, 20000])).toEqual([[0, 1, 2, 3, 4, 5], [6]]);
    // control-plane-outage: the control plane and the CA at 10 s, a kill at 20 s.
    expect(handleGroups([10000, 10000, 20000])).toEqual([[0], [1], [2]]);
    expect(handleGroups([5000, 12000, 5000, 12000, 12000, 12001])).toEqual([[0], [1, 3, 4], [2], [5]]);
  });
});

describe('spreadMarkers: step circles on one row never overlap', () => {
  it('leaves markers far enough apart where they are', () => {
    expect(spreadMarkers([100, 50, 200], 22, 0, 1000)).toEqual([100, 50, 200]);
  });
  it("spreads two markers 7 px apart evenly round their times (the compare view's steps 3 and 4 at 1024 px)", () => {
    expect(spreadMarkers([300, 307], 22, 0, 1000)).toEqual([292.5, 314.5]);
  });
  it('keeps every pair at least `span` apart, in their order, inside the track', () => {
    const xs = [0, 3, 5, 40, 41, 990, 1000, 1000];
    const out = spreadMarkers(xs, 22, 0, 1000);
    const sorted = [...out].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(22 - 1e-9);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1000);
    // Order kept: the first of the two at 1000 px stays left of the second.
    expect(out[6]).toBeLessThan(out[7]);
  });
});
