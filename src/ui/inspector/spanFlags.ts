// Envoy's response flags as the inspector shows them beside a failure's words: the same table the
// CLI prints in brackets ("timeout 81 [UT]", src/models/envoy/responseFlags.ts), so a person can
// match the app's words to an Envoy access log's %RESPONSE_FLAGS%.
import type { Span } from '../../workers/protocol';
import { plainCallerSees, responseFlagOf } from '../../models/envoy/responseFlags';

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
  if (callerHasProxy || typeof cause !== 'string' || plainCallerSees(cause) === null) return flags;
  const own = responseFlagOf(cause);
  return flags
    .split(',')
    .filter((f) => f !== own)
    .join(',');
}

/**
 * The flag for a request's fate as the failed list and the waterfall's heading show it: the
 * cause's own, as the CLI's failures line prints it ("timeout 81 [UT]"); '' for ok, in flight or a
 * cause Envoy adds none to (http-5xx, queue-full: the app's own answer). Pure.
 */
export function fateFlag(fate: string | null | undefined): string {
  return fate ? responseFlagOf(fate) : '';
}
