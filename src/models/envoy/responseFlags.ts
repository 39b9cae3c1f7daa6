// Envoy's response flags: the short codes its access log prints beside the status
// (%RESPONSE_FLAGS%), so a user can match meshsim's causes to their own logs.
// Follows envoyproxy/envoy source/common/stream_info/utility.cc (ResponseFlagUtils: the flag
// strings) and the access log docs ("Format rules", %RESPONSE_FLAGS%); the router sets them in
// source/common/router/router.cc (onUpstreamReset, onResponseTimeout, retry NoRetryLimitExceeded).
import { Cause } from '../events';

/**
 * The flag Envoy's access log shows for each of meshsim's causes, with the status Envoy answers
 * (its docs: "in addition to 503 response code" and so on). Causes with no flag are answered by
 * the upstream app (`http-5xx`, `queue-full`: no flag, the app's own status) or are not Envoy's
 * (a gateway's authentication, quotas and API life cycle). One table, read by reports and the inspector:
 *
 * | cause | flag | Envoy's meaning | status |
 * | --- | --- | --- | --- |
 * | timeout | UT | upstream request timeout (route or per-try timeout) | 504 |
 * | overflow | UO | upstream overflow: a circuit breaker (max pending, max requests, max retries) | 503 |
 * | no-healthy-upstream | UH | no healthy upstream host in the cluster | 503 |
 * | connect-refused, connect-timeout, tls-* | UF | upstream connection failure (a TLS handshake failure too) | 503 |
 * | no-config | UF | nothing listens: the callee's proxy has no listeners yet | 503 |
 * | reset | UC | upstream connection termination before a response (the idle-timeout race, a pod dying, TCP giving up) | 503 |
 * | fault-abort | FI | aborted by fault injection | the abort's |
 * | no-route | NR | no route configured for the request | 404 |
 * | rate-limited | RL | rate limited locally | 429 |
 * | (retries used up) | URX | the retry limit was reached: added to the last try's flag | |
 * | (the client gave up) | DC | downstream connection termination: the caller left first | none |
 * | (none here) | UPE | upstream protocol error: meshsim models no malformed HTTP, so no cause maps to it | 502 |
 */
export const RESPONSE_FLAG: Readonly<Record<string, string>> = {
  [Cause.timeout]: 'UT',
  [Cause.overflow]: 'UO',
  [Cause.noHealthyUpstream]: 'UH',
  [Cause.connectRefused]: 'UF',
  [Cause.connectTimeout]: 'UF',
  [Cause.tlsUnknownCa]: 'UF',
  [Cause.tlsExpiredCert]: 'UF',
  [Cause.tlsNoCert]: 'UF',
  [Cause.tlsPlaintextRejected]: 'UF',
  [Cause.noConfig]: 'UF',
  [Cause.reset]: 'UC',
  [Cause.faultAbort]: 'FI',
  [Cause.noRoute]: 'NR',
  [Cause.rateLimited]: 'RL',
};

/**
 * Flags the callee's own Envoy logs when it refuses a request itself, not the caller's: a gateway's
 * local rate limit (RL, Envoy's local_ratelimit filter on the gateway's listener). The caller's
 * sidecar, if any, passes the 429 on with no flag, and a plain client has no Envoy at all; so a
 * report shows RL on the gateway's row and the waterfall on the gateway's server span, not on the
 * caller's hop (T2's note, session 45).
 */
export const CALLEE_LOGGED_FLAGS: ReadonlySet<string> = new Set(['RL']);

/** Envoy's flag when retries ran out (RetryStatus::NoRetryLimitExceeded). */
export const RETRY_LIMIT_FLAG = 'URX';
/**
 * Envoy's UO set on a request whose retry the circuit breaker refused (router.cc: RetryStatus::NoOverflow sets
 * UpstreamOverflow), beside the failed try's own flag (UT, UF, ...; none for a 503 from upstream).
 */
export const RETRY_OVERFLOW_FLAG = 'UO';
/** Envoy's flag when the downstream left before the answer (a client's own timeout). */
export const DOWNSTREAM_GONE_FLAG = 'DC';

/**
 * What Envoy's access log docs say each flag meaning (configuration/observability/access_log/usage,
 * %RESPONSE_FLAGS%, shortened), for a tooltip beside a flag. Only the flags meshsim sets, and UPE.
 */
export const RESPONSE_FLAG_MEANING: Readonly<Record<string, string>> = {
  UT: 'Upstream request timeout, in addition to a 504 response code',
  UO: 'Upstream overflow (circuit breaking), in addition to a 503 response code',
  UH: 'No healthy upstream hosts in the upstream cluster, in addition to a 503 response code',
  UF: 'Upstream connection failure, in addition to a 503 response code',
  UC: 'Upstream connection termination, in addition to a 503 response code',
  FI: 'The request was aborted with a response code specified via fault injection',
  NR: 'No route configured for the request, in addition to a 404 response code',
  RL: 'The request was rate-limited locally by the HTTP rate limit filter, in addition to a 429 response code',
  URX: 'The request was rejected because the upstream retry limit (HTTP) or maximum connect attempts (TCP) was reached',
  DC: 'Downstream connection termination',
  UPE: 'The upstream response had an HTTP protocol error',
};

/**
 * A tooltip for a flag, or a list of them ("UT,URX"): "UT: Upstream request timeout ... (Envoy's
 * access log, %RESPONSE_FLAGS%)", one line each. An unknown flag is named as such.
 */
export function responseFlagTitle(flags: string): string {
  const lines = flags
    .split(',')
    .filter((f) => f !== '')
    .map((f) => `${f}: ${RESPONSE_FLAG_MEANING[f] ?? 'a flag meshsim has no words for'}`);
  return `${lines.join('\n')}\n(Envoy's access log, %RESPONSE_FLAGS%)`;
}

/**
 * The flags Envoy logs for one failed call through a router, handed to `to.add` in the order it
 * lists them: the cause's own (responseFlagOf), URX when the retry limit was reached on a
 * retriable failure (`limitReached`), UO when the circuit breaker refused a retry
 * (`retryOverflowed`) unless the cause already is UO. The one rule for EdgeStats' tallies and the
 * traces' call spans; it allocates nothing (EdgeStats calls it on every failed call).
 */
export function flagsOfCall(cause: string, limitReached: boolean, retryOverflowed: boolean, to: { add(flag: string): unknown }): void {
  const flag = responseFlagOf(cause);
  if (flag !== '') to.add(flag);
  if (limitReached) to.add(RETRY_LIMIT_FLAG);
  if (retryOverflowed && flag !== RETRY_OVERFLOW_FLAG) to.add(RETRY_OVERFLOW_FLAG);
}

/** The flag Envoy logs for a cause, or '' when Envoy adds none (the app's own answer). */
export function responseFlagOf(cause: string): string {
  return RESPONSE_FLAG[cause] ?? '';
}

/**
 * Flag counts from counts by cause (a summary's `failures`), in first-seen order. Pure.
 * Causes without a flag are left out.
 */
export function flagsOfFailures(failures: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [cause, n] of Object.entries(failures)) {
    const f = responseFlagOf(cause);
    if (f !== '') out[f] = (out[f] ?? 0) + n;
  }
  return out;
}

/** What a plain app (no proxy on its side) sees when a connection fails: a socket error, no HTTP answer. */
export type SocketError = 'reset' | 'refused' | 'timeout';

/**
 * What a caller with no proxy of its own (a plain app or client, no sidecar and not a gateway)
 * sees for a connection-level cause, as its socket reports it, or null for a cause that is an
 * HTTP answer. No Envoy on its side sets a flag or makes up a 503: orders' STRICT sidecar resets
 * a plaintext connection on its first bytes (upstreamConnect.ts), so the app reads ECONNRESET
 * (trial N12, 3: `reports->orders` printed `[UF]` and `HTTP 503`). `reset`: ECONNRESET ("connection
 * reset by peer"); `refused`: ECONNREFUSED (nothing listens: replica down, or a proxy with no
 * listeners yet); `timeout`: the connect timed out (ETIMEDOUT). The TLS handshake causes need a
 * proxy at both ends, so a plain caller never meets them. Pure.
 */
export function plainCallerSees(cause: string): SocketError | null {
  switch (cause) {
    case Cause.tlsPlaintextRejected:
    case Cause.reset:
      return 'reset';
    case Cause.connectRefused:
    case Cause.noConfig:
      return 'refused';
    case Cause.connectTimeout:
      return 'timeout';
    default:
      return null;
  }
}
