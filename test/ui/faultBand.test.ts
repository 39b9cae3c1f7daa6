import { describe, expect, it } from 'vitest';
import { faultBand, faultBandTitle, faultLanes, MAX_FAULT_LANES } from '../../src/ui/components/faultBand';

const RUN = 30_000;

describe("a fault's band on the timeline is its planned length from the moment it is known", () => {
  it('killed for 10 s at 10 s and paused there (in force, not yet played): 10 s to 20 s, run through up to 10 s', () => {
    expect(faultBand({ type: 'kill-service', startMs: 10_000, endMs: null, untilMs: 20_000, pending: false }, 10_000, RUN)).toEqual({ fromMs: 10_000, toMs: 20_000, doneToMs: 10_000, open: false });
  });

  it('the same fault at 15 s is run through to 15 s, and past its end to its end only', () => {
    expect(faultBand({ type: 'kill-service', startMs: 10_000, endMs: null, untilMs: 20_000, pending: false }, 15_000, RUN).doneToMs).toBe(15_000);
    expect(faultBand({ type: 'kill-service', startMs: 10_000, endMs: 20_000, untilMs: 20_000, pending: false }, 25_000, RUN)).toEqual({ fromMs: 10_000, toMs: 20_000, doneToMs: 20_000, open: false });
  });

  it('cleared early at 12 s, its band ends at 12 s', () => {
    expect(faultBand({ type: 'latency', startMs: 10_000, endMs: 12_000, untilMs: 20_000, pending: false }, 15_000, RUN)).toEqual({ fromMs: 10_000, toMs: 12_000, doneToMs: 12_000, open: false });
  });

  it('pending (a seek back before it): the whole planned band, nothing run through', () => {
    expect(faultBand({ type: 'http-abort', startMs: 10_000, endMs: null, untilMs: 25_000, pending: true }, 7_000, RUN)).toEqual({ fromMs: 10_000, toMs: 25_000, doneToMs: null, open: false });
  });

  it('without a duration it lasts until cleared: to the run\'s end, fading (open); a one-shot fault is its start alone; a duration past the end stops at the end', () => {
    expect(faultBand({ type: 'kill-replica', startMs: 12_000, endMs: null, untilMs: null, pending: true }, 7_000, RUN)).toEqual({ fromMs: 12_000, toMs: RUN, doneToMs: null, open: true });
    expect(faultBand({ type: 'expire-certificates', startMs: 12_000, endMs: null, untilMs: null, pending: true }, 7_000, RUN)).toEqual({ fromMs: 12_000, toMs: 12_000, doneToMs: null, open: false });
    expect(faultBand({ type: 'kill-service', startMs: 25_000, endMs: null, untilMs: 35_000, pending: false }, 26_000, RUN)).toEqual({ fromMs: 25_000, toMs: RUN, doneToMs: 26_000, open: false });
  });
});

describe('overlapping faults take lanes of their own under the track, at most three', () => {
  // retry-storm (40 s) on a 1,000 px track, 25 px a second, each band 3 px wider than its time.
  const span = (fromS: number, toS: number) => ({ from: 25 * fromS, to: 25 * toS + 3 });

  it("retry-storm's latency from 5 s until cleared, HTTP errors 10-25 s and a kill at 12 s: three lanes, in order of start", () => {
    expect(faultLanes([span(10, 25), span(5, 40), span(12, 40)])).toEqual([1, 0, 2]);
  });

  it('a fault that starts after another has ended takes its lane again; bands touching within 2 px do not', () => {
    expect(faultLanes([span(10, 20), span(21, 30), span(12, 15), span(16, 18)])).toEqual([0, 0, 1, 1]);
    // 20 s to 20.04 s: the first band ends at 503 px, the next starts at 501 px.
    expect(faultLanes([{ from: 250, to: 503 }, { from: 501, to: 600 }, { from: 505, to: 600 }])).toEqual([0, 1, 0]);
  });

  it('six faults over one another take a lane each; a seventh and eighth share the last one; ties in the order given', () => {
    expect(MAX_FAULT_LANES).toBe(6);
    expect(faultLanes([span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(10, 30)])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(faultLanes([span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(11, 12)], 3)).toEqual([0, 1, 2, 2, 2]);
    expect(faultLanes([span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(10, 30), span(11, 12)])).toEqual([0, 1, 2, 3, 4, 5, 5, 5]);
    expect(faultLanes([span(10, 30), span(10, 30), span(10, 30)], 1)).toEqual([0, 0, 0]);
  });

  it('no faults, no lanes', () => {
    expect(faultLanes([])).toEqual([]);
  });

  it("a band's title names its fault and its span as the clock writes them", () => {
    expect(faultBandTitle({ type: 'http-abort', target: 'payments' }, { fromMs: 10_000, toMs: 25_000, doneToMs: 12_000, open: false })).toBe('HTTP errors on payments, 10.0 s to 25.0 s');
    expect(faultBandTitle({ type: 'latency', target: 'web' }, { fromMs: 5_000, toMs: 40_000, doneToMs: 12_000, open: true })).toBe('add latency on web, from 5.00 s until cleared');
    expect(faultBandTitle({ type: 'expire-certificates', target: 'shop' }, { fromMs: 12_000, toMs: 12_000, doneToMs: null, open: false })).toBe('expire certificates on shop at 12.0 s');
  });
});
