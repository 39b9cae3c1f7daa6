// Envoy's HTTP fault filter, as Istio's VirtualService `fault` sets it: delay a share of requests
// by a fixed time, then abort a share with an HTTP status, before the router sees them.
// Follows envoyproxy/envoy source/extensions/filters/http/fault/fault_filter.cc (FaultFilter::
// decodeHeaders: delay first, then abort) and Istio's HTTPFaultInjection reference.
import type { Rng } from '../../sim-engine';
import type { CompiledPolicy } from '../proxy/policy';

/** A route's fault injection (null: none), as `compilePolicy` resolves it. */
export type FaultConfig = CompiledPolicy['fault'];

/**
 * The delay this request gets, in ms, or -1 for none. Draws one number from `rng` only when a
 * delay is configured (the draw order is the run's: keep it).
 */
export function faultDelayMs(f: FaultConfig, rng: Rng): number {
  if (f && f.delayPercent > 0 && rng() * 100 < f.delayPercent) return f.delayMs;
  return -1;
}

/**
 * The HTTP status this request is aborted with, or 0 to let it through. Draws one number from
 * `rng` only when an abort is configured.
 */
export function faultAbortStatus(f: FaultConfig, rng: Rng): number {
  if (f && f.abortPercent > 0 && rng() * 100 < f.abortPercent) return f.abortStatus;
  return 0;
}
