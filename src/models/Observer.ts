/**
 * Optional hooks for whoever hosts the world and wants to draw it (the worker). The CLI
 * and tests leave it unset, so the hot path pays one null check per hop.
 */
export interface WorldObserver {
  /**
   * A message leaves on `edge` at `t0` and arrives at `t1`; `response` is the way back,
   * `retry` marks a retry attempt's messages. `request` is the message's `Request.number`;
   * `sampled` is true when the tracer keeps that request for sure (1 in its `sampleEvery`).
   */
  transmit(edge: number, response: boolean, t0: number, t1: number, failed: boolean, retry: boolean, request: number, sampled: boolean): void;
  /**
   * An end-to-end request got its fate; `request` is its `Request.number`, the number its tries'
   * messages carry in `transmit` (so a host can add up a request's tries when it ends).
   */
  requestEnded(client: number, cause: string, latencyMs: number, request: number): void;
}
