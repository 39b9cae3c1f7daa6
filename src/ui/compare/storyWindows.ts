// The figures both runs' stories measure over the same window of simulated time (a story step's
// lesson figure, workers/figures.ts), read side by side in compare: retry-storm against its fix
// measures attempts at payments per user request over 11 s – 24 s in both, 27.0 against 2.9, while
// the figures table counts from the run's start (0.17x at 40 s: trial N14, finding 2).
import { measureFigure, type MeasuredFigure, type RunTotals } from '../../workers/figures';
import { WHOLE_RUN_MEASURES, type LessonFigure } from '../../scenario/figure';
import type { SeriesBucket } from '../../workers/protocol';

/** A window's end as a story step writes it: "11 s" (workers/figures.ts). */
const secs = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/** One step's figure as a story holds it (ScenarioInfo.narrative[i].figure or its question's). */
type Step = { figure?: LessonFigure; question?: { figure?: LessonFigure } };

/** A figure both stories measure over one window, with each run's measurement and B/A. Plain data. */
export interface StoryWindowRow {
  key: string;
  /** A's label for it ("attempts at payments per user request during the outage"). */
  label: string;
  /** "11 s – 24 s": the window, requests by the time they ended. */
  window: string;
  fromMs: number;
  toMs: number;
  a: MeasuredFigure;
  b: MeasuredFigure;
  /** b / a, null where either is not a number or a is 0. */
  ratio: number | null;
}

/** What makes two stories' figures one: the measure, what it is of, and the window (label and expect aside). */
const keyOf = (f: LessonFigure) => JSON.stringify([f.measure, f.service ?? '', f.client ?? '', f.link ?? '', f.causes ?? [], f.from ?? null, f.to ?? null, f.baseline ?? null]);

/** The windowed figures of a story, first of each key, in step order (a step's own, then its question's). */
function windowed(steps: readonly Step[]): LessonFigure[] {
  const out = new Map<string, LessonFigure>();
  for (const s of steps)
    for (const f of [s.figure, s.question?.figure]) {
      if (!f || (f.from === undefined && f.to === undefined) || WHOLE_RUN_MEASURES.includes(f.measure)) continue;
      if (!out.has(keyOf(f))) out.set(keyOf(f), f);
    }
  return [...out.values()];
}

/**
 * The rows for the figures A's and B's stories both measure over one window (same measure, same
 * service, client or link, same window), each measured from its run's per-second series as its
 * story step does (measureFigure), at each run's time `nowMs` (ms). Figures over the whole run are
 * left out: the figures table has them. Empty when the stories share none. Pure.
 */
export function storyWindowRows(
  steps: readonly [readonly Step[], readonly Step[]],
  series: readonly [{ buckets: readonly SeriesBucket[]; bucketMs: number }, { buckets: readonly SeriesBucket[]; bucketMs: number }],
  nowMs: readonly [number, number],
  durationMs: readonly [number, number],
): StoryWindowRow[] {
  const inB = new Set(windowed(steps[1]).map(keyOf));
  return windowed(steps[0])
    .filter((f) => inB.has(keyOf(f)))
    .map((f) => {
      const [a, b] = ([0, 1] as const).map((i) => {
        // Windowed figures read only the buckets and the time (figures.ts); the totals' other fields are unused.
        const totals: RunTotals = { simTime: nowMs[i], ok: 0, failed: 0, mean: 0, p50: 0, p90: 0, p99: 0, proxyCpuMs: 0, proxyPasses: 0 };
        return measureFigure(f, series[i].buckets, series[i].bucketMs, totals, durationMs[i]);
      });
      const fromMs = f.from ?? 0;
      const toMs = f.to ?? Math.max(...durationMs);
      const ratio = Number.isFinite(a.value) && Number.isFinite(b.value) && a.value !== 0 ? b.value / a.value : null;
      return { key: keyOf(f), label: f.label, window: `${secs(fromMs)} – ${secs(toMs)}`, fromMs, toMs, a, b, ratio };
    });
}
