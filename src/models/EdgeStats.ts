import { Histogram, Tally, type HistogramLog, type LatencySummary } from '../sim-engine';
import { CF, type Call } from './Call';
import { DOWNSTREAM_GONE_FLAG, flagsOfCall } from './envoy/responseFlags';
import { Cause } from './events';

/** One edge's figures in a run's summary. */
export interface EdgeSummary {
  requests: number;
  ok: number;
  failed: number;
  /** Failures that happened on this hop, by cause: its router's own, or the callee's answer. */
  failures: Record<string, number>;
  /** Failures passed up from further down: the callee's own call failed. */
  failedDownstream: number;
  /**
   * The HTTP status of this hop's own failures, by code: the app's (`http-5xx`) and the ones
   * Envoy answers itself (504 for a timeout; 503 for overflow, no healthy upstream, a connect
   * failure or a reset). A client's own timeout has none.
   */
  httpErrors: Record<string, number>;
  /**
   * Envoy's response flags of this hop's own failures, by flag, as its access log would show
   * them (envoy/responseFlags.ts): UT, UO, UH, UF, UC, ...; URX when retries ran out, DC when
   * the caller gave up first.
   */
  responseFlags: Record<string, number>;
  /** Latency of ok calls, retries included; null when none ended ok. */
  latencyMs: LatencySummary | null;
  retries: number;
  /**
   * Connections the callers opened, failed to open, and requests that reused a pooled one; and
   * connections the callee's sidecar closed by draining its listener (a switch to STRICT removed
   * the plaintext filter chain they were on: mesh/ConfigChanges.ts).
   */
  connections: { opened: number; failed: number; reused: number; drained: number };
  /** Its connections are mutual TLS (both ends meshed). */
  mtls: boolean;
  /**
   * Host picks its callers' load balancers made in panic mode, health ignored because fewer
   * than healthyPanicThreshold % of hosts were healthy (Envoy's lb_healthy_panic), over the run.
   */
  panic: number;
}

/**
 * Figures for one edge (caller service -> callee service), as the caller's router saw them.
 * A failed call is counted where it happened: on this hop (by cause), or further down.
 */
export class EdgeStats {
  requests = 0;
  ok = 0;
  failed = 0;
  failedDownstream = 0;
  attempts = 0;
  /**
   * Requests the caller sent on this edge so far, answered yet or not: each try its router sent
   * upstream (Router.tryOnce), and each call it answered itself before any try (no route, no
   * config, a fault's abort, no healthy host), counted as it ends (`record`). Envoy's
   * upstream_rq_total counts requests sent; `requests` and `attempts` are of calls ended, its
   * upstream_rq_completed. A link's req/s is this over the last simulated second, so a flood
   * into a saturated service reads as the traffic offered, not as the few calls that ended. A
   * figure only: no event reads it, so it leaves the trace hash as it was. Not in the summary.
   */
  sent = 0;
  readonly failures = new Tally();
  readonly httpErrors = new Tally();
  readonly responseFlags = new Tally();
  /** Latency of ok calls sent after the warmup, retries included. */
  readonly latency = new Histogram();
  /** The log `latency` takes its values through (World's; NOTE: issue 14.2), or null: recorded at once. */
  private log: HistogramLog | null = null;
  private logId = -1;

  /** Records `latency` through `log` from now on (HistogramLog.register). Mutates both. */
  logLatency(log: HistogramLog): void {
    this.logId = log.register(this.latency);
    this.log = log;
  }

  /**
   * Counts call `call`, just finished at `clock.now` (ms), into this edge; its latency into
   * `latency` when it was ok and sent at or after `warmup` (ms). NOTE: issue 14.4: the clock, not
   * its time, passed: a double passed to a call V8 does not inline is a fresh heap number.
   */
  record(call: Call, clock: { readonly now: number }, warmup: number): void {
    const now = clock.now;
    this.requests++;
    this.attempts += call.attempts;
    if (call.attempts === 0) this.sent++;
    if (call.cause === null) {
      this.ok++;
      if (call.sentAt >= warmup) {
        if (this.log !== null) this.log.add(this.logId, now - call.sentAt);
        else this.latency.record(now - call.sentAt);
      }
    } else {
      this.failed++;
      if ((call.flags & CF.inherited) !== 0) {
        this.failedDownstream++;
      } else {
        this.failures.add(call.cause);
        if (call.status >= 400) this.httpErrors.add(String(call.status));
        flagsOfCall(call.cause, (call.flags & CF.retryLimitReached) !== 0, (call.flags & CF.retryOverflowed) !== 0, this.responseFlags);
      }
    }
  }

  /** The caller stopped waiting (a client's own timeout): the hop failed here, as a timeout. */
  recordGiveUp(call: Call): void {
    this.requests++;
    this.attempts += call.attempts;
    this.failed++;
    this.failures.add(Cause.timeout);
    this.responseFlags.add(DOWNSTREAM_GONE_FLAG);
  }

  summary(retries: number, connections: EdgeSummary['connections'], mtls: boolean, panic = 0): EdgeSummary {
    return {
      requests: this.requests,
      ok: this.ok,
      failed: this.failed,
      failures: this.failures.toObject(),
      failedDownstream: this.failedDownstream,
      httpErrors: this.httpErrors.toObject(),
      responseFlags: this.responseFlags.toObject(),
      latencyMs: this.ok === 0 ? null : this.latency.summary(),
      retries,
      connections,
      mtls,
      panic,
    };
  }
}
