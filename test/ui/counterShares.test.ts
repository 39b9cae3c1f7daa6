// One number for one claim (session 53's T4 trial, 5): the counters' failed share is of the requests that ended, as a
// story step's whole-run figure, and written alike, so control-plane-boundary at step 2 (1 s) reads "14.1% of 64 ended"
// in the lesson's list and in the counters; between whole seconds too (the figure reads the counters' totals, not the closed seconds only).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { counterShares } from '../../src/ui/components/counterShares';
import { measureFigure, type RunTotals } from '../../src/workers/figures';
import { Counter, type Frame } from '../../src/workers/protocol';
import { hostSeriesAt } from '../workers/hostSeries';

const totalsOf = (f: Frame): RunTotals => {
  const c = f.counters;
  return { simTime: f.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses] };
};

describe('counterShares', () => {
  it('ok and failed are of ended (adding up to 100%), failed names its count, in flight is of sent', () => {
    expect(counterShares({ sent: 74, ok: 55, failed: 9, inFlight: 10 })).toEqual({ ok: '85.9%', failed: '14.1% of 64 ended', failedShort: '14.1% of ended', inFlight: '13.5% of sent' });
    // Written as a lesson figure writes a share: two decimals under 1% and over 99%, bare 0% and 100%, counts with commas.
    expect(counterShares({ sent: 3113, ok: 3100, failed: 7, inFlight: 6 })).toEqual({ ok: '99.77%', failed: '0.23% of 3,107 ended', failedShort: '0.23% of ended', inFlight: '0.19% of sent' });
    expect(counterShares({ sent: 28, ok: 0, failed: 20, inFlight: 8 })).toEqual({ ok: '0%', failed: '100% of 20 ended', failedShort: '100% of ended', inFlight: '28.6% of sent' });
  });

  it('says "of all N ended" where several clients send, beside a story figure of one client\'s', () => {
    expect(counterShares({ sent: 3113, ok: 2550, failed: 557, inFlight: 6 }, 3)).toMatchObject({ failed: '17.9% of all 3,107 ended', failedShort: '17.9% of all ended' });
    expect(counterShares({ sent: 3113, ok: 2550, failed: 557, inFlight: 6 }, 1).failed).toBe('17.9% of 3,107 ended');
  });

  it('says none ended before any did, and takes bad counts as 0', () => {
    expect(counterShares({ sent: 0, ok: 0, failed: 0, inFlight: 0 })).toEqual({ ok: '—', failed: 'none ended yet', failedShort: 'none ended', inFlight: '0%' });
    expect(counterShares({ sent: 5, ok: 0, failed: 0, inFlight: 5 })).toEqual({ ok: '—', failed: 'none ended yet', failedShort: 'none ended', inFlight: '100% of sent' });
    expect(counterShares({ sent: Number.NaN, ok: -3, failed: 2, inFlight: Number.POSITIVE_INFINITY })).toEqual({ ok: '0%', failed: '100% of 2 ended', failedShort: '100% of ended', inFlight: '0%' });
  });

  it("control-plane-boundary's lesson figure (step 3's, listed at step 2) and the failed counter read one number at 1 s and at 1.5 s", () => {
    const text = readFileSync('scenarios/control-plane-boundary.json', 'utf8');
    const runs = hostSeriesAt(text, 'control-plane-boundary', [1000, 1500]);
    const figure = runs[0].info.narrative[2].figure!;
    expect(figure.measure).toBe('failed-share');
    const read = runs.map(({ frame, buckets, info }) => {
      const c = frame.counters;
      const m = measureFigure(figure, buckets, 1000, totalsOf(frame), info.durationMs);
      return { figure: `${m.text} ${m.of}`, counter: counterShares({ sent: c[Counter.sent], ok: c[Counter.ok], failed: c[Counter.failed], inFlight: c[Counter.inFlight] }).failed };
    });
    // The trial's moment: 9 failed of 64 ended (74 sent, 10 in flight), 14.1% in the story and in the counters.
    expect(read[0]).toEqual({ figure: '14.1% of 64 ended', counter: '14.1% of 64 ended' });
    expect(read[1].figure).toBe(read[1].counter);
    expect(read[1].counter).not.toBe(read[0].counter);
  });
});
