// Envoy's circuit breakers: the gauges of one upstream cluster in one caller proxy (connections,
// pending requests, active requests, active retries) and the limits they are held under, with the
// retry budget that can replace the max-retries limit.
// Follows envoyproxy/envoy source/common/upstream/resource_manager_impl.h (ResourceManagerImpl,
// RetryBudgetImpl) and the "Circuit breaking" architecture page. One priority (default) only.
import type { CompiledPolicy } from '../proxy/policy';

/**
 * Circuit-breaker gauges and overflow counts for one cluster. The limits are the route's policy's
 * (passed in: a config change replaces the policy, not this record). Plain data.
 */
export class ResourceManager {
  /** Requests on a connection (Envoy's rq_active). */
  activeRequests = 0;
  /** Requests waiting for a connection (rq_pending). */
  pendingRequests = 0;
  /** Retries in progress (rq_retry_open's gauge). */
  activeRetries = 0;
  /** Connections open or opening (cx_active). */
  connections = 0;
  /** Requests failed at once by max pending or max requests (upstream_rq_pending_overflow). */
  overflows = 0;
  /** Retries refused by max retries or the budget (upstream_rq_retry_overflow). */
  retryOverflows = 0;
  /** Retries started (upstream_rq_retry). */
  retriesStarted = 0;

  /**
   * Concurrent retries allowed now: the breaker's max, or with a retry budget its share of the
   * requests active or pending (Envoy's RetryBudgetImpl), at least its minimum.
   */
  retryLimit(p: CompiledPolicy): number {
    if (!p.hasBudget) return p.maxRetries;
    return Math.max(p.budgetMin, Math.floor((p.budgetPercent / 100) * (this.activeRequests + this.pendingRequests)));
  }

  /** True when one more retry fits under `retryLimit` now. */
  canRetry(p: CompiledPolicy): boolean {
    return this.activeRetries < this.retryLimit(p);
  }
}
