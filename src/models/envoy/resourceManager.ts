// Envoy's circuit breakers: the gauges of one upstream cluster in one caller proxy (connections,
// pending requests, active requests, active retries) and the limits they are held under, with the
// retry budget that can replace the max-retries limit.
// Follows envoyproxy/envoy source/common/upstream/resource_manager_impl.h (ResourceManagerImpl,
// RetryBudgetImpl) and the "Circuit breaking" architecture page. One priority (default) only.
import type { CompiledPolicy } from '../proxy/policy';
import { G, ownSlots, type Slots } from './clusterSlots';

/**
 * Circuit-breaker gauges and overflow counts for one cluster. The four gauges live in the
 * cluster's first slot line (clusterSlots.ts G); the counts, moved only on overflows and retries,
 * here. The limits are the route's policy's (passed in: a config change replaces the policy, not
 * this record). Plain data.
 */
export class ResourceManager {
  private readonly s: Float64Array;
  private readonly p: number;
  /** Requests failed at once by max pending or max requests (upstream_rq_pending_overflow). */
  overflows = 0;
  /** Retries refused by max retries or the budget (upstream_rq_retry_overflow). */
  retryOverflows = 0;
  /** Retries started (upstream_rq_retry). */
  retriesStarted = 0;

  /** `at`: the cluster's slots (its own, zeroed, when made alone). */
  constructor(at: Slots = ownSlots(0)) {
    this.s = at.s;
    this.p = at.p;
  }

  /** Requests on a connection (Envoy's rq_active). */
  get activeRequests(): number {
    return this.s[this.p + G.activeRequests];
  }
  set activeRequests(v: number) {
    this.s[this.p + G.activeRequests] = v;
  }
  /** Requests waiting for a connection (rq_pending). */
  get pendingRequests(): number {
    return this.s[this.p + G.pendingRequests];
  }
  set pendingRequests(v: number) {
    this.s[this.p + G.pendingRequests] = v;
  }
  /** Retries in progress (rq_retry_open's gauge). */
  get activeRetries(): number {
    return this.s[this.p + G.activeRetries];
  }
  set activeRetries(v: number) {
    this.s[this.p + G.activeRetries] = v;
  }
  /** Connections open or opening (cx_active). */
  get connections(): number {
    return this.s[this.p + G.connections];
  }
  set connections(v: number) {
    this.s[this.p + G.connections] = v;
  }

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
