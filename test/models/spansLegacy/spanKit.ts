import type { AttrValue, Span, SpanKind, SpanRole, Trace, TraceSummary } from '../../../src/models/spans/types';

// Small pieces the tracer builds traces with: appending a span, marking one failed, keeping a
// trace in a ring, and a trace's one-line summary.

/** Appends a span (open: its end is NaN) to `t` and returns its index. Mutates `t`. */
export function add(t: Trace, parent: number, name: string, role: SpanRole, kind: SpanKind, service: string, start: number, attrs: Record<string, AttrValue>): number {
  const id = t.spans.length;
  t.spans.push({ id, parent, name, role, kind, service, start, end: NaN, error: false, attrs });
  return id;
}

/** Marks span `s` failed with `cause`, and where (`on this hop`, `further down`...). Mutates `s`. */
export function fail(s: Span, cause: string, where: string | undefined): void {
  s.error = true;
  s.attrs['meshsim.cause'] = cause;
  if (where !== undefined) s.attrs['meshsim.failed'] = where;
}

/** Puts `t` in a ring of at most `max`; returns the ring's next write position. */
export function keep(ring: Trace[], next: number, max: number, t: Trace): number {
  if (max === 0) return 0;
  if (ring.length < max) ring.push(t);
  else ring[next] = t;
  return (next + 1) % max;
}

/** A trace in one line: its fate, cause, status, start, duration and span count. */
export function summary(t: Trace): TraceSummary {
  const fate = t.fate ?? 'in flight';
  return {
    id: t.id,
    client: t.client,
    fate,
    cause: t.fate === null || t.fate === 'ok' ? null : t.fate,
    status: t.status,
    start: t.start,
    durationMs: Number.isNaN(t.end) ? NaN : t.end - t.start,
    spans: t.spans.length,
    sampled: t.sampled,
    retries: 0, // (not recorded by this recorder; spansSame leaves the field out of its comparison)
  };
}
