import type { Call } from '../Call';
import type { Route } from '../envoy/cluster';
import { retryConditionsMatched, retryOnNames } from '../envoy/retryState';
import { countOf, formatDuration } from '../../scenario';

/**
 * Why the router retries a failed try or not, in words, following the order of its checks
 * (Envoy's retry_state_impl.cc): an L7 route at all, a retry-on condition that matches, then
 * attempts left (only then "attempts exhausted": Envoy's URX), then the concurrent-retry limit (a budget, or the breaker's max retries).
 * `call.attempts` counts the tries made so far, this one included. Reads only; draws nothing.
 */
export function retryReason(r: Route, call: Call, cause: string, status: number, local: boolean, backoffMs: number | null): string {
  // The route's own policy where it differs from its cluster's (routeTable.ts); the limit is the cluster's.
  const p = call.policy ?? r.policy;
  // A timeout this router called itself is its per-try timer (the route's whole timeout ends the
  // call and never asks for a retry: router.ts routeTimeout): say whose and how long (trial N17, 7).
  const perTry = cause === 'timeout' && local && Number.isFinite(p.perTryTimeout) ? `: this router's per-try timeout of ${formatDuration(p.perTryTimeout)} fired` : local ? ', seen by the router' : '';
  const what = `${cause} (HTTP ${status}${perTry})`;
  if (!p.l7) return r.sidecar === null ? 'no retries: a caller without a sidecar does not retry' : "no retries: the caller's proxy is not L7";
  if (p.retries === 0) return 'no retries configured on this route';
  // Envoy asks whether the failure would be retried before counting the retries left
  // (RetryStateImpl::shouldRetry: NoRetry, then NoRetryLimitExceeded, the URX flag), so a last try
  // that failed with a cause no retry-on matches says that cause, not "attempts exhausted" (T2, s45).
  // Named in the route's own order, as written (p.retryOnOrder; none in a test's bare policy).
  const cond = retryConditionsMatched(p.retryOn, p.retriableStatus, cause, status, local, p.retryOnOrder);
  if (cond.length === 0) {
    const on = retryOnNames(p.retryOn, p.retryOnOrder);
    const codes = p.retriableStatus.length > 0 ? ` (codes ${p.retriableStatus.join(', ')})` : '';
    return `not retriable: ${what} matches none of retry-on [${on.join(', ')}]${codes}`;
  }
  if (call.attempts > p.retries) return `attempts exhausted: ${call.attempts} tries = 1 + ${countOf(p.retries, 'retry', 'retries')}`;
  if (backoffMs === null) {
    const limit = r.retryLimit();
    const b = r.policy;
    return b.hasBudget
      ? `retry budget exhausted: ${r.activeRetries} retries active, the budget (${b.budgetPercent}% of active + pending, at least ${b.budgetMin}) allows ${limit}`
      : `circuit breaker: ${r.activeRetries} retries active, max retries ${limit}`;
  }
  return `retry-on ${cond.join(', ')} matched ${what}; retry ${call.attempts} of ${p.retries} after ${backoffMs.toFixed(2)} ms backoff`;
}
