// Envoy's response flags as the inspector shows them beside a failure's words: the same table the
// CLI prints in brackets ("timeout 81 [UT]", src/models/envoy/responseFlags.ts), so a person can
// match the app's words to an Envoy access log's %RESPONSE_FLAGS%.
import type { Span, Trace } from '../../workers/protocol';
import { CALLEE_LOGGED_FLAGS, plainCallerSees, responseFlagOf } from '../../models/envoy/responseFlags';
import { Cause } from '../../models/events';

/**
 * The flags a failed call span's Envoy logged ("UT", "UF,URX"), or '' when none: its
 * 'meshsim.envoy.response_flags' (the tracer's flagsOfCall: the cause's flag on the hop that met
 * it, URX when retries ran out, UO when a retry was refused). A caller with no proxy (`callerHasProxy`
 * false) has no Envoy: its connection failures (plainCallerSees) lose their flag, as the CLI's
 * run table drops them (report.ts asPlainCaller). Spans other than calls: ''. Pure.
 */
export function callSpanFlags(span: Span, callerHasProxy: boolean): string {
  const flags = span.attrs['meshsim.envoy.response_flags'];
  if (span.role !== 'call' || typeof flags !== 'string') return '';
  const cause = span.attrs['meshsim.cause'];
  // A gateway's own refusal (RL) is logged by the gateway: its server span carries it (serverSpanFlags).
  const callee = (f: string) => !CALLEE_LOGGED_FLAGS.has(f);
  if (callerHasProxy || typeof cause !== 'string' || plainCallerSees(cause) === null) return flags.split(',').filter(callee).join(',');
  const own = responseFlagOf(cause);
  return flags
    .split(',')
    .filter((f) => f !== own && callee(f))
    .join(',');
}

/**
 * The flag a server span's own Envoy logged when it refused the request itself ("RL": a gateway's
 * rate limit, CALLEE_LOGGED_FLAGS), or '': a server span that failed 'here' with such a cause. The
 * caller's call span drops it (callSpanFlags), so the waterfall shows [RL] on the gateway's row,
 * where its access log has it, not on the client's (T2's note, session 45). Pure.
 */
export function serverSpanFlags(span: Span): string {
  const cause = span.attrs['meshsim.cause'];
  if (span.role !== 'server' || span.attrs['meshsim.failed'] !== 'here' || typeof cause !== 'string') return '';
  const flag = responseFlagOf(cause);
  return CALLEE_LOGGED_FLAGS.has(flag) ? flag : '';
}

/**
 * The flag a failed try's router met, as its upstream log would carry it: the flag the router set on the try
 * ('meshsim.envoy.response_flags': UT when its per-try or route timer ended the try and it reset the upstream request,
 * TraceRecord.timedOut), else a connection failure's own flag (UF, UC, ...: the router meets those itself); '' for an
 * answer from further down (a 504 relayed, a 503), a flag the callee logs (RL) and spans other than failed tries. Pure.
 */
export function trySpanFlags(span: Span): string {
  const cause = span.attrs['meshsim.cause'];
  if (span.role !== 'try' || !span.error || typeof cause !== 'string') return '';
  const set = span.attrs['meshsim.envoy.response_flags'];
  if (typeof set === 'string' && set !== '') return set;
  if (cause === Cause.timeout || plainCallerSees(cause) === null) return '';
  const flag = responseFlagOf(cause);
  return CALLEE_LOGGED_FLAGS.has(flag) ? '' : flag;
}

/** The flags a waterfall row shows: a call span's (callSpanFlags), a failed try's (trySpanFlags) or a server span's own refusal (serverSpanFlags). Pure. */
export function rowFlags(span: Span, callerHasProxy: boolean): string {
  return span.role === 'server' ? serverSpanFlags(span) : span.role === 'try' ? trySpanFlags(span) : callSpanFlags(span, callerHasProxy);
}

/**
 * The flag for a request's fate as the failed list shows it: the cause's own, as the CLI's failures
 * line prints it ("timeout 81 [UT]"); '' for ok, in flight or a cause Envoy adds none to (http-5xx,
 * queue-full: the app's own answer), and for tls-plaintext-rejected: only a caller with no sidecar
 * sends plaintext, so no Envoy of the caller's logs it (plaincaller.spec; the link inspector's
 * rule). Pure.
 */
export function fateFlag(fate: string | null | undefined): string {
  return fate && fate !== Cause.tlsPlaintextRejected ? responseFlagOf(fate) : '';
}

/**
 * The flag beside a waterfall's heading: fateFlag, except that a connection failure a caller with
 * no sidecar meets as a socket error (plainCallerSees: reset, refused, timeout) keeps its flag only
 * when some call span of the trace carries it (the tracer drops a plain caller's, flagsOfCall), so
 * a request whose failure began behind such a caller shows none. Pure.
 */
export function headingFlag(trace: Pick<Trace, 'fate' | 'spans'>): string {
  const f = fateFlag(trace.fate);
  if (f === '' || plainCallerSees(trace.fate!) === null) return f;
  const logged = trace.spans.some((s) => {
    const flags = s.attrs['meshsim.envoy.response_flags'];
    return s.role === 'call' && typeof flags === 'string' && flags.split(',').includes(f);
  });
  return logged ? f : '';
}
