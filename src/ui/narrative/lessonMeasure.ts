// A lesson figure as the app shows it: measureFigure's (workers/figures.ts), and where a figure
// against the run without proxies has no number only because that twin has measured nothing yet
// (inside its warm-up, or its first requests still on their way), says so and as of when.
import { measureFigure, type MeasuredFigure, type RunTotals } from '../../workers/figures';
import type { LessonFigure } from '../../scenario';
import type { SeriesBucket } from '../../workers/series';

/**
 * measureFigure, but for a figure of what the proxies add (latency-p50-added, latency-p90-added)
 * that has no value while this run has measured latencies and the twin without proxies has not
 * (its reading, PlainTwin.readingAt, is taken at this moment, or after a seek back at the kept one
 * before it): measureFigure says "the whole run so far: no latency measured yet" over counters that
 * read a p90. Then it gives this run's quantile and the time of the twin's reading ("p90 5.98 ms
 * here; without proxies none measured at 1.02 s, inside its warm-up", or "... by 1 s, the end of
 * its warm-up, its last reading before this moment"). Otherwise measureFigure's result as it is. Pure.
 */
export function measureLessonFigure(f: LessonFigure, buckets: readonly SeriesBucket[], bucketMs: number, totals: RunTotals, durationMs: number, warmupMs = 0): MeasuredFigure {
  const m = measureFigure(f, buckets, bucketMs, totals, durationMs);
  const twin = totals.plain;
  if ((f.measure !== 'latency-p50-added' && f.measure !== 'latency-p90-added') || Number.isFinite(m.value) || !twin?.ok || twin.count > 0) return m;
  // As measureFigure decides that the run's own latency is measured.
  if (!(totals.ok > 0 && (totals.mean > 0 || totals.p99 > 0))) return m;
  const q = f.measure === 'latency-p50-added' ? 'p50' : 'p90';
  const v = totals[q];
  const now = twin.atMs >= Math.min(totals.simTime, durationMs);
  const why = twin.atMs < warmupMs ? ', inside its warm-up' : twin.atMs === warmupMs ? ', the end of its warm-up' : '';
  const over = `${q} ${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms here; without proxies none measured ${now ? 'at' : 'by'} ${secs(twin.atMs)}${why}${now ? '' : ', its last reading before this moment'}`;
  return { ...m, over, note: f.expect ? `${over}; lesson: ${f.expect}` : over };
}

/** Seconds to the hundredth, as the clock shows a moment (1.02 s, 2 s). */
const secs = (ms: number) => `${+(ms / 1000).toFixed(2)} s`;
