import { parseDuration } from '../duration';
import type { Seg } from './documents';
import { describe, type Fields } from './fields';
import type { TrafficPolicy } from './types';

// A DestinationRule's traffic policy (its own, a subset's, or a port's): load balancer and
// locality, connection pool, outlier detection, TLS mode and retry budget, each field checked
// as it is read.

/** Istio's LocalityLoadBalancerSetting: `enabled`, `distribute` and `failover` (`failoverPriority` is left, and warned, as not modelled). */
function readLocalityLb(f: Fields, p: Seg[]): NonNullable<TrafficPolicy['localityLbSetting']> {
  const out: NonNullable<TrafficPolicy['localityLbSetting']> = {};
  const enabled = f.doc.take([...p, 'enabled']);
  if (enabled !== undefined && enabled !== null) {
    if (typeof enabled === 'boolean') out.enabled = enabled;
    else f.err([...p, 'enabled'], `expected true or false, got ${describe(enabled)}`);
  }
  const nd = f.list([...p, 'distribute']);
  if (nd > 0) {
    out.distribute = [];
    for (let i = 0; i < nd; i++) {
      const q = [...p, 'distribute', i];
      const from = f.str([...q, 'from'], true) ?? '';
      const to: Record<string, number> = {};
      const raw = f.doc.peek([...q, 'to']);
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) f.err([...q, 'to'], `expected a map of localities to weights (percent), got ${describe(raw)}`);
      else for (const k of Object.keys(raw)) to[k] = f.int([...q, 'to', k], 0, 100) ?? 0;
      out.distribute.push({ from, to });
    }
  }
  const nf = f.list([...p, 'failover']);
  if (nf > 0) {
    out.failover = [];
    for (let i = 0; i < nf; i++) {
      const q = [...p, 'failover', i];
      out.failover.push({ from: f.str([...q, 'from'], true) ?? '', to: f.str([...q, 'to'], true) ?? '' });
    }
  }
  return out;
}

/** Reads the traffic policy at `p`, undefined when absent; `portLevel`: a port's policy, which has no retryBudget in Istio. */
export function readTrafficPolicy(f: Fields, p: Seg[], portLevel = false): TrafficPolicy | undefined {
  if (f.doc.peek(p) === undefined) return undefined;
  const t: TrafficPolicy = { portLevelSettings: [] };
  const lb = f.oneOf([...p, 'loadBalancer', 'simple'], ['ROUND_ROBIN', 'LEAST_REQUEST', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH'] as const);
  if (lb) t.loadBalancer = lb;
  if (f.doc.peek([...p, 'loadBalancer', 'consistentHash']) !== undefined) t.loadBalancer = 'CONSISTENT_HASH';
  const cp = [...p, 'connectionPool'];
  if (f.doc.peek(cp) !== undefined) {
    t.connectionPool = {
      tcp: {
        maxConnections: f.int([...cp, 'tcp', 'maxConnections'], 0),
        connectTimeoutMs: f.duration([...cp, 'tcp', 'connectTimeout']),
        maxConnectionDurationMs: f.duration([...cp, 'tcp', 'maxConnectionDuration']),
      },
      http: {
        http1MaxPendingRequests: f.int([...cp, 'http', 'http1MaxPendingRequests'], 0),
        http2MaxRequests: f.int([...cp, 'http', 'http2MaxRequests'], 0),
        maxRetries: f.int([...cp, 'http', 'maxRetries'], 0),
        maxRequestsPerConnection: f.int([...cp, 'http', 'maxRequestsPerConnection'], 0),
        idleTimeoutMs: f.duration([...cp, 'http', 'idleTimeout']),
        h2UpgradePolicy: f.oneOf([...cp, 'http', 'h2UpgradePolicy'], ['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE'] as const),
        maxConcurrentStreams: f.int([...cp, 'http', 'maxConcurrentStreams'], 0),
      },
    };
  }
  const od = [...p, 'outlierDetection'];
  if (f.doc.peek(od) !== undefined) {
    t.outlierDetection = {
      consecutive5xxErrors: f.int([...od, 'consecutive5xxErrors'], 0),
      consecutiveGatewayErrors: f.int([...od, 'consecutiveGatewayErrors'], 0),
      intervalMs: f.duration([...od, 'interval']),
      baseEjectionTimeMs: f.duration([...od, 'baseEjectionTime']),
      maxEjectionPercent: f.int([...od, 'maxEjectionPercent'], 0, 100),
      minHealthPercent: f.int([...od, 'minHealthPercent'], 0, 100),
    };
  }
  const ll = [...p, 'loadBalancer', 'localityLbSetting'];
  if (f.doc.peek(ll) !== undefined) t.localityLbSetting = readLocalityLb(f, ll);
  const mode = f.oneOf([...p, 'tls', 'mode'], ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const);
  if (mode) t.tls = { mode };
  // Istio's TrafficPolicy.retryBudget (destination_rule.proto, 1.27+); a port's policy has none,
  // so there it is left untaken (a warning, as any field Istio does not define there).
  const rb = [...p, 'retryBudget'];
  if (!portLevel && f.doc.peek(rb) !== undefined) {
    // budgetInterval 0s is Istio's default (count only the requests active now), not an error.
    const bi = [...rb, 'budgetInterval'];
    const zero = (v: unknown) => {
      const r = v === undefined ? null : parseDuration(v);
      return r !== null && r.ok && r.ms === 0;
    };
    t.retryBudget = {
      percent: f.num([...rb, 'percent'], 0, 100),
      minRetryConcurrency: f.int([...rb, 'minRetryConcurrency'], 0),
      budgetIntervalMs: zero(f.doc.peek(bi)) ? (f.doc.take(bi), 0) : f.duration(bi),
    };
  }
  for (let i = 0, n = f.list([...p, 'portLevelSettings']); i < n; i++) {
    const q = [...p, 'portLevelSettings', i];
    const port = f.int([...q, 'port', 'number'], 1, 65535) ?? 0;
    const sub = readTrafficPolicy(f, q, true) ?? { portLevelSettings: [] };
    t.portLevelSettings.push({ port, policy: sub });
  }
  return t;
}
