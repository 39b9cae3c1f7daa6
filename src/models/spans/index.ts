export { Tracer } from './Tracer';
export { toOtlp, type OtlpExport } from './otlp';
export { retryReason } from './retryReason';
export { SpanKind, SpanRole, type Span, type Trace, type TraceSummary, type TracerOptions, type AttrValue } from './types';
