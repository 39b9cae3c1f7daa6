// A lesson figure as the app shows it: measureFigure's (workers/figures.ts), and where a figure
// against the run without proxies has no number only because that twin has not been read since it
// measured anything, says so and when it is read next.
import { measureFigure, type MeasuredFigure, type RunTotals } from '../../workers/figures';
import type { LessonFigure } from '../../scenario';
import type { SeriesBucket } from '../../workers/series';

/**
 * measureFigure, but for a figure of what the proxies add (latency-p50-added, latency-p90-added)
 * that has no value while this run has measured latencies and the twin without proxies has not:
 * the twin is read at each whole second (PlainTwin.readingAt), so at 1.8 s istio-load-test's
 * figure read its 1 s reading, taken as its 1 s warm-up ended, and said "the whole run so far: no
 * latency measured yet" over counters that read a p90. Then it gives this run's quantile and when
 * the twin is read next ("p90 5.98 ms here; without proxies none measured by 1 s, the end of its
 * warm-up: read again at 2 s"). Otherwise measureFigure's result as it is. Pure.
 */
export function measureLessonFigure(f: LessonFigure, buckets: readonly SeriesBucket[], bucketMs: number, totals: RunTotals, durationMs: number, warmupMs = 0): MeasuredFigure {
  const m = measureFigure(f, buckets, bucketMs, totals, durationMs);
  const twin = totals.plain;
  if ((f.measure !== 'latency-p50-added' && f.measure !== 'latency-p90-added') || Number.isFinite(m.value) || !twin?.ok || twin.count > 0) return m;
  // As measureFigure decides that the run's own latency is measured.
  if (!(totals.ok > 0 && (totals.mean > 0 || totals.p99 > 0))) return m;
  const q = f.measure === 'latency-p50-added' ? 'p50' : 'p90';
  const v = totals[q];
  const next = (Math.floor(twin.atMs / 1000) + 1) * 1000;
  const why = twin.atMs <= warmupMs ? `, ${twin.atMs === warmupMs ? 'the end' : 'inside'} of its warm-up` : '';
  const over = `${q} ${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms here; without proxies none measured by ${secs(twin.atMs)}${why}: read again at ${secs(Math.min(next, durationMs))}`;
  return { ...m, over, note: f.expect ? `${over}; lesson: ${f.expect}` : over };
}

const secs = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;
