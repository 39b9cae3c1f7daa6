import type { AttrValue, Span, Trace } from './types';

/** OTLP's status codes (`Status.StatusCode`): unset, ok, error. */
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;

type OtlpValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  status: { code: number; message?: string };
}

/**
 * A trace export in OTLP/JSON (the body of `POST /v1/traces`, `ExportTraceServiceRequest`):
 * resourceSpans, one per service (`service.name`), each with one scopeSpans of its spans.
 */
export interface OtlpExport {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

/**
 * Converts kept traces to OpenTelemetry's OTLP/JSON encoding, as the OTLP specification's
 * "JSON Protobuf Encoding" asks: trace and span ids as lowercase hex (16 and 8 bytes, never all
 * zero), 64-bit integers (times, int attributes) as decimal strings, enums (kind, status code)
 * as integers, and field names in lowerCamelCase. Times are simulated time in nanoseconds since
 * `epochMs` (default 0: the run starts at the Unix epoch). A span still open (a hop that was
 * running when the request got its fate or when the run ended) ends at `nowMs`, marked
 * `meshsim.unfinished`. Pure: the traces are not changed.
 */
export function toOtlp(traces: readonly Trace[], nowMs: number, epochMs = 0): OtlpExport {
  const byService = new Map<string, OtlpSpan[]>();
  for (const t of traces) {
    const traceId = hex(t.id, 16);
    for (const s of t.spans) {
      let list = byService.get(s.service);
      if (!list) byService.set(s.service, (list = []));
      list.push(toSpan(t, s, traceId, nowMs, epochMs));
    }
  }
  return {
    resourceSpans: [...byService.entries()].map(([service, spans]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'meshsim', version: '0.1.0' }, spans }],
    })),
  };
}

function toSpan(t: Trace, s: Span, traceId: string, nowMs: number, epochMs: number): OtlpSpan {
  const open = Number.isNaN(s.end);
  const end = open ? Math.max(s.start, nowMs) : s.end;
  const attrs: OtlpAttribute[] = Object.entries(s.attrs).map(([key, v]) => ({ key, value: value(v) }));
  attrs.push({ key: 'meshsim.span.role', value: { stringValue: s.role } });
  if (open) attrs.push({ key: 'meshsim.unfinished', value: { boolValue: true } });
  const span: OtlpSpan = {
    traceId,
    spanId: spanId(t.id, s.id),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: nanos(s.start, epochMs),
    endTimeUnixNano: nanos(end, epochMs),
    attributes: attrs,
    status: s.error ? { code: STATUS_ERROR, message: String(s.attrs['meshsim.cause'] ?? 'error') } : { code: STATUS_UNSET },
  };
  if (s.parent >= 0) span.parentSpanId = spanId(t.id, s.parent);
  return span;
}

function value(v: AttrValue): OtlpValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

/** Simulated ms to integer nanoseconds since the Unix epoch, as a decimal string. */
function nanos(ms: number, epochMs: number): string {
  return (BigInt(Math.round(epochMs)) * 1_000_000n + BigInt(Math.round(ms * 1e6))).toString();
}

/** `n` as lowercase hex, zero-padded to `bytes` bytes. */
function hex(n: number, bytes: number): string {
  return n.toString(16).padStart(bytes * 2, '0');
}

/** A span id unique within its trace and never zero: the trace id's low bits, then the span's index + 1. */
function spanId(trace: number, span: number): string {
  return hex(trace % 0x1000000, 3) + hex(span + 1, 5);
}
