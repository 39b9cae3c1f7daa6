// The app's run of a scenario for tests: the worker's host played to a time as the app plays it,
// with the per-second series taken as the app takes it (only the buckets not had yet, afresh on a
// new epoch). Shared by the tests that hold a CLI figure to the app's (stepFigures, window,
// clientLatency), which each had a copy.
import { SimHost } from '../../src/workers/SimHost';
import type { Frame, ScenarioInfo, SeriesBucket } from '../../src/workers/protocol';

/** What hostSeries gives: the loaded run's info, its closed buckets and the last frame. */
export interface HostSeries {
  info: ScenarioInfo;
  buckets: SeriesBucket[];
  frame: Frame;
}

/**
 * Loads scenario text `text` (its name only for the error) into a fresh SimHost with no spans, event log
 * or snapshots (no figure reads them), plays it in steps of 10 s of simulated time to `untilMs` (its
 * end when not given) and returns the series. Throws when the file does not load.
 */
export function hostSeries(text: string, name: string, untilMs = Infinity): HostSeries {
  return hostSeriesAt(text, name, [untilMs])[0];
}

/**
 * hostSeries at each of `moments` (ms, in time order; Infinity for the end) from one run: the series
 * and frame as they stood at each (buckets copied), as hostSeries(text, name, m) gives for each m.
 * Throws when the file does not load or the moments are out of order.
 */
export function hostSeriesAt(text: string, name: string, moments: readonly number[]): HostSeries[] {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  h.setTracing(null);
  h.setEventLog(false);
  h.setSnapshotPolicy(null);
  const r = h.load(text);
  if (!r.ok) throw new Error(`${name} did not load`);
  const buckets: SeriesBucket[] = [];
  let epoch = -1;
  let frame = h.advance(0, 1e9);
  return moments.map((untilMs, i) => {
    if (i > 0 && untilMs < moments[i - 1]) throw new Error(`hostSeriesAt: moments out of order (${moments[i - 1]} then ${untilMs} ms)`);
    while (!frame.done && frame.simTime < untilMs) {
      frame = h.advance(Math.min(10_000, untilMs - frame.simTime), 1e9);
      const batch = h.seriesSince(epoch, buckets.length);
      if (batch.epoch !== epoch) buckets.length = 0;
      epoch = batch.epoch;
      buckets.push(...batch.buckets);
    }
    return { info: r.info, buckets: [...buckets], frame };
  });
}
