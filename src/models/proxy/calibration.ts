import type { Distribution } from '../../sim-engine';

/*
 * Default costs of one pass through an Envoy sidecar: one direction through one proxy. A hop
 * between two meshed services makes four passes (out and back through each end) and four
 * app <-> sidecar loopback hops (about 0.05 ms each).
 *
 * Calibration against Istio's published load test (Istio 1.12-1.16 performance pages: 1000
 * services, 2000 sidecars, 70k req/s across the mesh, about 1000 req/s through a proxy):
 * - each proxy uses 0.35 vCPU per 1000 req/s, i.e. 0.35 ms of CPU per request, two passes:
 *   so the CPU of a pass is lognormal with median 0.15 ms and sigma 0.55 (mean 0.174 ms);
 * - the two sidecars on a call add 2.65 ms at the 90th percentile. CPU alone gives about a
 *   third of that; the rest is handling latency that holds no worker (buffering, the event
 *   loop, the filter chain waiting on I/O), lognormal with median 0.35 ms and sigma 0.5 a pass,
 *   spent after the pass's CPU.
 * test/models/dataplane.test.ts ("two sidecars add about 2.65 ms at p90...") measures the added
 * p90 at 1000 req/s (2.65 ms within 10%) and the CPU per 1000 req/s (0.35 vCPU within 10%).
 */

export const DEFAULT_PASS_CPU: Distribution = { type: 'lognormal', median: 0.15, sigma: 0.55 };
export const DEFAULT_PASS_LATENCY: Distribution = { type: 'lognormal', median: 0.35, sigma: 0.5 };

/** CPU per end for a TLS 1.3 handshake (an ECDHE key exchange and a signature check). */
export const TLS_HANDSHAKE_CPU_MS = 0.5;

/**
 * How long a sidecar's inbound listener drains the connections of a filter chain it removed, ms:
 * Istio's `drainDuration` (ProxyConfig, default 45 s), which pilot-agent passes to Envoy as
 * `--drain-time-s 45` together with `--drain-strategy immediate` (istio/istio pkg/envoy/proxy.go;
 * its test expects exactly these arguments). Envoy's listener manager executes a filter-chain-only
 * update by adding and removing filter chains, and "the connections owned by these destroying
 * filter chains will be drained as described in listener drain"
 * (envoyproxy.io, intro/arch_overview/listeners/network_filter_chain, "Filter chain only update");
 * while draining, "the HTTP connection manager filter will add 'Connection: close' to HTTP1
 * requests, send HTTP2 GOAWAY, and terminate connections on request completion"
 * (intro/arch_overview/operations/draining), from the drain's first moment under the immediate
 * strategy (under `gradual`, Envoy's default, the share of requests told to close would grow to
 * 100% over the drain time). At the drain time's end the listener closes what is still open
 * (`downstream_local_disconnect(filter_chain_is_being_removed)` in the access log).
 */
export const ISTIO_DRAIN_TIME_MS = 45_000;
