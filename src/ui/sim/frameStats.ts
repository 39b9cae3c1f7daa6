// A frame's counters as the store keeps them (both controllers copy them this way).
import { Counter, type Frame } from '../../workers/protocol';
import type { Stats } from '../state/store';

/** Copies a frame's counters into plain numbers for the store. Pure. */
export function statsOf(frame: Frame): Stats {
  const c = frame.counters;
  return {
    seq: frame.seq,
    simTime: frame.simTime,
    sent: c[Counter.sent],
    ok: c[Counter.ok],
    failed: c[Counter.failed],
    inFlight: c[Counter.inFlight],
    p50: c[Counter.p50],
    p90: c[Counter.p90],
    p99: c[Counter.p99],
    events: c[Counter.events],
    mean: c[Counter.mean],
    proxyCpuMs: c[Counter.proxyCpuMs],
    proxyPasses: c[Counter.proxyPasses],
    proxies: c[Counter.proxies],
    proxyHandshakeCpuMs: c[Counter.proxyHandshakeCpuMs],
    proxyBacklogMs: c[Counter.proxyBacklogMs],
    proxyHeld: c[Counter.proxyHeld],
    proxyWaitMs: c[Counter.proxyWaitMs],
    retryOverflows: c[Counter.retryOverflows],
    retryOverflowLinks: c[Counter.retryOverflowLinks],
    retryOverflowEdge: c[Counter.retryOverflowEdge],
    expiredHandshakes: c[Counter.expiredHandshakes],
    expiredHandshakeFirstMs: c[Counter.expiredHandshakeFirstMs],
    expiredHandshakeEdge: c[Counter.expiredHandshakeEdge],
    failures: { ...frame.failures },
    rollouts: frame.rollouts,
    plain: frame.plain,
    traceHash: frame.traceHash,
  };
}
