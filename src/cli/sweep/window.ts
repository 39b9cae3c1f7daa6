// `sweep --from T --to T` (brief T3 1): each run's figures over a window of simulated time, as
// `run --from/--to` and a story step measure them (../window.ts windowFigures), so a sweep of
// retry-storm's retries reads the lesson's "attempts at payments per user request" over the outage.
import type { WindowFigures } from '../window';
import type { RunMetrics } from './stats';

/** A sweep's window, ms: [fromMs, toMs), its end resolved (the run's when --to is not given). */
export interface SweepWindow {
  fromMs: number;
  toMs: number;
}

/** The run-wide metrics a window measures: the latency of the ok requests that ended in it, how many ended, and their failed share. */
const WINDOW_RUN_METRICS = ['p50Ms', 'p90Ms', 'p99Ms', 'meanMs', 'endedRequests', 'errorShare'] as const;
/** Each latency metric's field of WindowFigures.latencyMs. */
const WINDOW_LATENCY = { p50Ms: 'p50', p90Ms: 'p90', p99Ms: 'p99', meanMs: 'mean' } as const;
/** The per-service field a window measures: the story step's attempts per user request. */
export const TRIES_FIELD = 'triesPerUserRequest';

/** Whether metric `name` is measured over a window (and so only with one, for `service:NAME.triesPerUserRequest`). */
export function windowMetric(name: string): boolean {
  return (WINDOW_RUN_METRICS as readonly string[]).includes(name) || name.endsWith(`.${TRIES_FIELD}`);
}

/** The metrics a windowed sweep reports with no --metric: latency, requests ended, error share, then each service's tries per user request. */
export function windowDefaults(services: readonly string[]): string[] {
  return [...WINDOW_RUN_METRICS, ...services.map((s) => `service:${s}.${TRIES_FIELD}`)];
}

/**
 * Why --metric `name` cannot be read with the window given or not (`windowed`), as
 * `--metric NAME: message`, or null. Over a window the per-second series holds requests ended,
 * failed, the latency histogram of the ok ones and the tries per service, not CPU (nor a gateway's,
 * an edge's or a service's own figures); a service's tries per user request is a window's figure
 * only. Pure.
 */
export function windowMetricProblem(name: string, windowed: boolean): string | null {
  if (windowed && !windowMetric(name)) return `--metric ${name}: not measured over a window (--from/--to); a window gives ${WINDOW_RUN_METRICS.join(', ')} and service:NAME.${TRIES_FIELD}`;
  if (!windowed && name.endsWith(`.${TRIES_FIELD}`)) return `--metric ${name}: a window's figure (a story step's attempts per user request); give --from and --to`;
  return null;
}

/** One run's metrics `names` from its window's figures (windowFigures); NaN (none ended) and no latency measured as null. Pure. */
export function windowRunMetrics(w: WindowFigures, names: readonly string[]): RunMetrics {
  const out: RunMetrics = {};
  for (const n of names) {
    if (n in WINDOW_LATENCY) out[n] = w.latencyMs?.[WINDOW_LATENCY[n as keyof typeof WINDOW_LATENCY]] ?? null;
    else if (n === 'endedRequests') out[n] = w.ended;
    else if (n === 'errorShare') out[n] = w.ended > 0 ? w.failed / w.ended : null;
    else {
      const service = n.slice(n.indexOf(':') + 1, n.lastIndexOf('.'));
      const v = w.services.find((s) => s.service === service)?.perRequest;
      out[n] = v !== undefined && Number.isFinite(v) ? v : null;
    }
  }
  return out;
}

const secs = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;

/** The report's line for a window: "window 11 s – 24 s: each run's user requests that ended in it, ...". */
export function windowLine(w: SweepWindow | undefined): string[] {
  return w ? [`window ${secs(w.fromMs)} – ${secs(w.toMs)}: each run's user requests that ended in it, the latency of the ok ones (sent after the warm-up), and the attempts made for them however long before (run --from/--to, a story step's figures)`] : [];
}
