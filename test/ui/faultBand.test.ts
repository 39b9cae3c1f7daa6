import { describe, expect, it } from 'vitest';
import { faultBand } from '../../src/ui/components/faultBand';

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
