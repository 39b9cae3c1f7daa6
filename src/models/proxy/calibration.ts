import type { Distribution } from '../../sim-engine';

/**
 * Default CPU cost of one pass through an Envoy sidecar (one direction through one proxy; a
 * hop between two meshed services makes four: out and back through each end).
 *
 * Calibration: Istio's published load test (Istio 1.12-1.16 performance pages: 1000 services,
 * 2000 sidecars, 70k req/s across the mesh, 1000 req/s through a proxy) reports that the two
 * sidecars on a call add 2.65 ms at the 90th percentile. The added latency here is the four
 * passes plus four app <-> sidecar loopback hops (about 0.05 ms each), plus queueing behind the
 * proxy's two worker threads. A lognormal pass with median 0.45 ms and sigma 0.55 gives that
 * p90 at moderate load; `test/models/calibration.test.ts` checks it (2.65 ms within 10%).
 * The same figures give 0.45-0.5 ms of CPU per request per proxy, against Istio's 0.35 vCPU per
 * 1000 req/s (0.35 ms per request): the difference is the queueing the p90 figure includes.
 */
export const DEFAULT_PASS_CPU: Distribution = { type: 'lognormal', median: 0.45, sigma: 0.55 };

/** CPU per end for a TLS 1.3 handshake (an ECDHE key exchange and a signature check). */
export const TLS_HANDSHAKE_CPU_MS = 0.5;
