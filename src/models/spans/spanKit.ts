import type { TraceRecord } from './TraceRecord';
import type { TraceSummary } from './types';

// Small pieces the trace store uses: keeping a trace in a ring, and a trace's one-line summary.

/** Puts `t` in a ring of at most `max`; returns the ring's next write position. */
export function keep<T>(ring: T[], next: number, max: number, t: T): number {
  if (max === 0) return 0;
  if (ring.length < max) ring.push(t);
  else ring[next] = t;
  return (next + 1) % max;
}

/** A trace in one line: its fate, cause, status, start, duration and span count. */
export function summary(t: TraceRecord): TraceSummary {
  const fate = t.fate ?? 'in flight';
  return {
    id: t.id,
    client: t.client,
    fate,
    cause: t.fate === null || t.fate === 'ok' ? null : t.fate,
    status: t.status,
    start: t.start,
    durationMs: Number.isNaN(t.end) ? NaN : t.end - t.start,
    spans: t.count,
    sampled: t.sampled,
    retries: t.retries,
    ...(t.faults === null ? {} : { faults: [...t.faults] }),
  };
}
