import { Histogram, type LatencySummary } from '../sim-engine';
import type { Call } from './Call';

/** Figures for one edge (caller service -> callee service), as the caller's router saw them. */
export class EdgeStats {
  requests = 0;
  ok = 0;
  failed = 0;
  attempts = 0;
  /** Latency of ok calls sent after the warmup, retries included. */
  readonly latency = new Histogram();

  record(call: Call, now: number, warmup: number): void {
    this.requests++;
    this.attempts += call.attempts;
    if (call.cause === null) {
      this.ok++;
      if (call.sentAt >= warmup) this.latency.record(now - call.sentAt);
    } else {
      this.failed++;
    }
  }

  summary(retries: number): { requests: number; ok: number; failed: number; latencyMs: LatencySummary; retries: number } {
    return { requests: this.requests, ok: this.ok, failed: this.failed, latencyMs: this.latency.summary(), retries };
  }
}
