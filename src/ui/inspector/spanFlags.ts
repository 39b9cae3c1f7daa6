// Envoy's response flags as the inspector shows them beside a failure's words: the same table the
// CLI prints in brackets ("timeout 81 [UT]", src/models/envoy/responseFlags.ts), so a person can
// match the app's words to an Envoy access log's %RESPONSE_FLAGS%.
import type { Span, Trace } from '../../workers/protocol';
import { CALLEE_LOGGED_FLAGS, plainCallerSees, responseFlagOf } from '../../models/envoy/responseFlags';
import { Cause } from '../../models/events';

/**
 * `flags` ("UC,URX") as the caller's log carries them: without a proxy of its own (`callerHasProxy` false) the caller has
 * no Envoy, so a connection failure's own flag (plainCallerSees: its socket's error) goes, as the CLI's run table drops
 * it (report.ts asPlainCaller); a flag the callee logs (RL, CALLEE_LOGGED_FLAGS) goes always. Pure.
 */
function callerLogged(flags: string, cause: unknown, callerHasProxy: boolean): string {
  const own = !callerHasProxy && typeof cause === 'string' && plainCallerSees(cause) !== null ? responseFlagOf(cause) : '';
  return flags
    .split(',')
    .filter((f) => f !== own && !CALLEE_LOGGED_FLAGS.has(f))
    .join(',');
}

/**
 * The flags a failed call span's Envoy logged ("UT", "UF,URX"), or '' when none: its
 * 'meshsim.envoy.response_flags' (the tracer's flagsOfCall: the cause's flag on the hop that met
 * it, URX when retries ran out, UO when a retry was refused), as the caller logs them (callerLogged: a caller with
 * no proxy loses its connection failures' flag; a gateway's own refusal, RL, is on its server span: serverSpanFlags).
 * Spans other than calls: ''. Pure.
 */
export function callSpanFlags(span: Span, callerHasProxy: boolean): string {
  const flags = span.attrs['meshsim.envoy.response_flags'];
  if (span.role !== 'call' || typeof flags !== 'string') return '';
  return callerLogged(flags, span.attrs['meshsim.cause'], callerHasProxy);
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
 * The flags a failed try's router set on it, as its upstream log would carry them: its 'meshsim.envoy.response_flags',
 * stored as the failure happened (TraceRecord.failTry: UF, UC, UO... for a connection failure, an overflow or a reset the
 * router met; TraceRecord.timedOut: UT when its per-try or route timer ended the try). '' for an answer from the host or
 * from further down (a 504 relayed, a 503: no attribute), spans other than failed tries, and as callerLogged drops (a
 * caller with no proxy: no Envoy flags its socket's errors). Pure.
 */
export function trySpanFlags(span: Span, callerHasProxy = true): string {
  const set = span.attrs['meshsim.envoy.response_flags'];
  if (span.role !== 'try' || !span.error || typeof set !== 'string') return '';
  return callerLogged(set, span.attrs['meshsim.cause'], callerHasProxy);
}

/** The flags a waterfall row shows: a call span's (callSpanFlags), a failed try's (trySpanFlags) or a server span's own refusal (serverSpanFlags). Pure. */
export function rowFlags(span: Span, callerHasProxy: boolean): string {
  return span.role === 'server' ? serverSpanFlags(span) : span.role === 'try' ? trySpanFlags(span, callerHasProxy) : callSpanFlags(span, callerHasProxy);
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
