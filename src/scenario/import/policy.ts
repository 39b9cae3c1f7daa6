import type { PolicyInput } from '../policy';
import { parseDuration, writtenDuration } from '../duration';
import type { Seg } from './documents';
import type { HttpRoute, TrafficPolicy } from './types';

/**
 * Istio's traffic policy into the scenario's `policy` (src/scenario/policy.ts): a
 * VirtualService route's timeout, retries and fault, a DestinationRule's load balancer,
 * connection pool, outlier detection and TLS; and the flattening of an app's own timeout and
 * retries (from the workload file) with its sidecar's into one route policy.
 */

/** A value set, and the document path it came from (relative to the resource). */
export interface Mapped {
  policy: PolicyInput;
  /** Policy field (`timeout`, `retries.attempts`) to the manifest path it came from. */
  from: Record<string, Seg[]>;
  /** Fields read but not modelled, by manifest path, with why. */
  dropped: { path: Seg[]; message: string }[];
  /**
   * A DestinationRule's retry budget, as the scenario's `retries.budget`, with the manifest path
   * it came from. Not part of `policy`: the model keeps the budget in a route's `retries`, so the
   * importer puts it on each route into the service whose router retries (see build.ts).
   */
  retryBudget?: { budget: { percent: number; minConcurrency: number }; from: Seg[] };
}

/** Milliseconds as a scenario duration: "2s", "250ms" (duration.ts writtenDuration). */
export const dur = writtenDuration;

const RETRY_ON_DIRECT = new Set(['5xx', 'gateway-error', 'reset', 'connect-failure', 'retriable-status-codes', 'refused-stream']);

/**
 * A VirtualService http route's timeout, retries and fault (Istio HTTPRoute). `gateway`: the route
 * is a gateway's, where `timeout: 0s` is written as such, since no timeout there would be Envoy's
 * 15 s; at a sidecar no timeout is already none.
 */
export function routePolicy(r: HttpRoute, gateway = false): Mapped {
  const base: Seg[] = ['spec', 'http', r.index];
  const out: Mapped = { policy: {}, from: {}, dropped: [] };
  if (r.timeoutMs !== undefined || (gateway && r.timeoutOff)) {
    out.policy.timeout = dur(r.timeoutMs ?? 0);
    out.from.timeout = [...base, 'timeout'];
  }
  if (r.retries) {
    const p = [...base, 'retries'];
    const retries: NonNullable<PolicyInput['retries']> = { attempts: r.retries.attempts };
    out.from['retries.attempts'] = [...p, 'attempts'];
    if (r.retries.perTryTimeoutMs !== undefined) {
      retries.perTryTimeout = dur(r.retries.perTryTimeoutMs);
      out.from['retries.perTryTimeout'] = [...p, 'perTryTimeout'];
    }
    if (r.retries.retryOn) {
      const on: string[] = [];
      const codes: number[] = [];
      for (const c of r.retries.retryOn) {
        if (RETRY_ON_DIRECT.has(c)) on.push(c);
        else if (/^\d{3}$/.test(c)) codes.push(Number(c));
        else out.dropped.push({ path: [...p, 'retryOn'], message: `"${c}": not modelled (dropped; the model retries on ${[...RETRY_ON_DIRECT].join(', ')} and status codes)` });
      }
      if (codes.length) {
        if (!on.includes('retriable-status-codes')) on.push('retriable-status-codes');
        retries.retriableStatusCodes = codes;
      }
      retries.retryOn = on as NonNullable<PolicyInput['retries']>['retryOn'];
      out.from['retries.retryOn'] = [...p, 'retryOn'];
    }
    out.policy.retries = retries;
  }
  if (r.fault) {
    const p = [...base, 'fault'];
    out.policy.fault = {};
    if (r.fault.delay) {
      out.policy.fault.delay = { percent: r.fault.delay.percent, fixed: dur(r.fault.delay.fixedDelayMs) };
      out.from['fault.delay'] = [...p, 'delay'];
    }
    if (r.fault.abort) {
      out.policy.fault.abort = { percent: r.fault.abort.percent, status: r.fault.abort.httpStatus };
      out.from['fault.abort'] = [...p, 'abort'];
    }
  }
  return out;
}

const LB = { ROUND_ROBIN: 'round-robin', LEAST_REQUEST: 'least-request', LEAST_CONN: 'least-request', RANDOM: 'random', CONSISTENT_HASH: 'ring-hash' } as const;

/**
 * A DestinationRule's trafficPolicy (at `path`) as a policy. `ports` are the Service's port
 * numbers: a portLevelSettings entry for the Service's only port is taken as its policy.
 */
export function trafficPolicy(t: TrafficPolicy, path: Seg[], ports: number[]): Mapped {
  const out: Mapped = { policy: {}, from: {}, dropped: [] };
  if (t.loadBalancer === 'PASSTHROUGH') out.dropped.push({ path: [...path, 'loadBalancer', 'simple'], message: 'PASSTHROUGH: not modelled (dropped; the callee\'s default balancing applies)' });
  else if (t.loadBalancer) {
    out.policy.loadBalancer = LB[t.loadBalancer];
    out.from.loadBalancer = [...path, 'loadBalancer'];
    if (t.loadBalancer === 'CONSISTENT_HASH') out.dropped.push({ path: [...path, 'loadBalancer', 'consistentHash'], message: 'the hash key is not modelled: taken as ring-hash on the request' });
    if (t.loadBalancer === 'LEAST_CONN') out.dropped.push({ path: [...path, 'loadBalancer', 'simple'], message: 'LEAST_CONN: taken as LEAST_REQUEST (Istio deprecated LEAST_CONN for it)' });
  }
  const tcp = t.connectionPool?.tcp;
  const http = t.connectionPool?.http;
  const cb: NonNullable<PolicyInput['circuitBreaker']> = {};
  const cp = [...path, 'connectionPool'];
  const limit = (v: number | undefined, key: keyof typeof cb, p: Seg[]) => {
    if (v === undefined) return;
    // Istio reads 0 as unset (its default, 2^32 - 1); the scenario says so by leaving it out.
    if (v === 0 && key !== 'maxRetries') out.dropped.push({ path: p, message: '0: Istio reads it as unset (no limit); left out' });
    else {
      cb[key] = v;
      out.from[`circuitBreaker.${key}`] = p;
    }
  };
  limit(tcp?.maxConnections, 'maxConnections', [...cp, 'tcp', 'maxConnections']);
  limit(http?.http1MaxPendingRequests, 'maxPendingRequests', [...cp, 'http', 'http1MaxPendingRequests']);
  limit(http?.http2MaxRequests, 'maxRequests', [...cp, 'http', 'http2MaxRequests']);
  limit(http?.maxRetries, 'maxRetries', [...cp, 'http', 'maxRetries']);
  if (Object.keys(cb).length) out.policy.circuitBreaker = cb;
  // Istio's HTTPSettings (destination_rule.proto): maxRequestsPerConnection 0 means unlimited
  // (the default; 1 turns keep-alive off), idleTimeout closes a connection with no active
  // request (default 1 h), h2UpgradePolicy UPGRADE speaks HTTP/2 between sidecars (DEFAULT: the
  // mesh's h2_upgrade_policy, DO_NOT_UPGRADE unless set), maxConcurrentStreams caps an HTTP/2
  // connection's streams (default 2^31 - 1).
  const mrpc = http?.maxRequestsPerConnection;
  if (mrpc === 0) out.dropped.push({ path: [...cp, 'http', 'maxRequestsPerConnection'], message: '0: Istio reads it as unlimited (its default); left out' });
  else if (mrpc !== undefined) {
    out.policy.maxRequestsPerConnection = mrpc;
    out.from.maxRequestsPerConnection = [...cp, 'http', 'maxRequestsPerConnection'];
  }
  if (http?.idleTimeoutMs !== undefined) {
    out.policy.idleTimeout = dur(http.idleTimeoutMs);
    out.from.idleTimeout = [...cp, 'http', 'idleTimeout'];
  }
  if (http?.h2UpgradePolicy !== undefined) {
    out.policy.h2UpgradePolicy = http.h2UpgradePolicy;
    out.from.h2UpgradePolicy = [...cp, 'http', 'h2UpgradePolicy'];
  }
  const mcs = http?.maxConcurrentStreams;
  if (mcs === 0) out.dropped.push({ path: [...cp, 'http', 'maxConcurrentStreams'], message: '0: Istio reads it as unset (2^31 - 1 streams); left out' });
  else if (mcs !== undefined) {
    out.policy.maxConcurrentStreams = mcs;
    out.from.maxConcurrentStreams = [...cp, 'http', 'maxConcurrentStreams'];
  }
  if (tcp?.connectTimeoutMs !== undefined) {
    out.policy.connectTimeout = dur(tcp.connectTimeoutMs);
    out.from.connectTimeout = [...cp, 'tcp', 'connectTimeout'];
  }
  if (tcp?.maxConnectionDurationMs !== undefined) {
    out.policy.maxConnectionDuration = dur(tcp.maxConnectionDurationMs);
    out.from.maxConnectionDuration = [...cp, 'tcp', 'maxConnectionDuration'];
  }
  const od = t.outlierDetection;
  if (od) {
    const p = [...path, 'outlierDetection'];
    const o: NonNullable<PolicyInput['outlierDetection']> = {};
    if (od.consecutive5xxErrors !== undefined) o.consecutive5xx = od.consecutive5xxErrors;
    if (od.consecutiveGatewayErrors !== undefined) o.consecutiveGatewayErrors = od.consecutiveGatewayErrors;
    if (od.intervalMs !== undefined) o.interval = dur(od.intervalMs);
    if (od.baseEjectionTimeMs !== undefined) o.baseEjectionTime = dur(od.baseEjectionTimeMs);
    if (od.maxEjectionPercent !== undefined) o.maxEjectionPercent = od.maxEjectionPercent;
    out.policy.outlierDetection = o;
    out.from.outlierDetection = p;
    // Istio sets Envoy's healthy_panic_threshold to minHealthPercent (applyOutlierDetection):
    // below that % of healthy hosts the pool balances over every host, ejected ones too.
    if (od.minHealthPercent !== undefined) {
      out.policy.healthyPanicThreshold = od.minHealthPercent;
      out.from.healthyPanicThreshold = [...p, 'minHealthPercent'];
    }
  }
  const ll = t.localityLbSetting;
  if (ll) {
    // Istio's LocalityLoadBalancerSetting, as the model runs it (src/scenario/policy.ts, localityLbSchema).
    const lp = [...path, 'loadBalancer', 'localityLbSetting'];
    const l: NonNullable<PolicyInput['localityLbSetting']> = {};
    if (ll.enabled !== undefined) l.enabled = ll.enabled;
    if (ll.distribute) l.distribute = ll.distribute;
    if (ll.failover) l.failover = ll.failover;
    out.policy.localityLbSetting = l;
    out.from.localityLbSetting = lp;
    for (const k of ['enabled', 'distribute', 'failover'] as const) if (ll[k] !== undefined) out.from[`localityLbSetting.${k}`] = [...lp, k];
  }
  // Istio's TrafficPolicy.retryBudget (1.27+) is Envoy's circuit-breaker retry_budget: at most
  // percent% of the cluster's active and pending requests may be retries at once, never fewer
  // than minRetryConcurrency (Istio's defaults 20 and 3, Envoy's too); the model's
  // `retries.budget` is the same rule (src/models/envoy/resourceManager.ts).
  if (t.retryBudget) {
    const rb = [...path, 'retryBudget'];
    out.retryBudget = { budget: { percent: t.retryBudget.percent ?? 20, minConcurrency: t.retryBudget.minRetryConcurrency ?? 3 }, from: rb };
    if (t.retryBudget.budgetIntervalMs !== undefined && t.retryBudget.budgetIntervalMs > 0) out.dropped.push({ path: [...rb, 'budgetInterval'], message: 'not modelled (dropped): the budget counts the requests active and pending now, as with budgetInterval 0s (the default)' });
  }
  if (t.tls && t.tls.mode !== 'ISTIO_MUTUAL') {
    out.dropped.push({ path: [...path, 'tls', 'mode'], message: `${t.tls.mode}: not modelled (dropped; the model's sidecars always speak Istio mutual TLS to a meshed callee, as ISTIO_MUTUAL)` });
  }
  t.portLevelSettings.forEach((s, i) => {
    const p = [...path, 'portLevelSettings', i];
    if (ports.length === 1 && s.port === ports[0]) {
      const sub = trafficPolicy(s.policy, p, ports);
      Object.assign(out.policy, sub.policy);
      Object.assign(out.from, sub.from);
      out.dropped.push(...sub.dropped);
    } else out.dropped.push({ path: p, message: `port ${s.port}: not modelled (dropped; the model gives a service one port, and this setting is not for the Service's only port)` });
  });
  return out;
}

function ms(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const r = parseDuration(v);
  return r.ok ? r.ms : undefined;
}

/** Istio's default retry-on conditions, as the scenario's `retries.retryOn` writes them (see ISTIO_DEFAULT_RETRIES). */
const DEFAULT_RETRY_ON = ['connect-failure', 'refused-stream', 'retriable-status-codes'] as const;

/**
 * The retries a sidecar makes on a route whose VirtualService sets no `retries` (or that no
 * VirtualService routes): Istio's default policy, 2 retries (3 tries) on connect-failure,
 * refused-stream, unavailable, cancelled and retriable-status-codes with 503. Source: Istio 1.28,
 * istio/istio pilot/pkg/networking/core/route/retry/retry.go (`DefaultPolicy`; `ConvertPolicy`
 * returns it for a route without `retries` and none for `attempts: 0`), as istio.io's
 * "Traffic Management: Retries" and the VirtualService `HTTPRetry` reference describe. gRPC's
 * unavailable and cancelled are left out: no call in the model ends with a gRPC status. The
 * simulator applies the same default itself (src/models/proxy/policy.ts, `defaultRetries`),
 * so the importer writes it only where an app's own retries would otherwise replace it (see
 * `flatten`). A mesh-wide MeshConfig `defaultHttpRetryPolicy` is not in the manifests: not read.
 */
export const ISTIO_DEFAULT_RETRIES: Readonly<{ attempts: number; retryOn: readonly string[]; retriableStatusCodes: readonly number[] }> = {
  attempts: 2,
  retryOn: DEFAULT_RETRY_ON,
  retriableStatusCodes: [503],
};

type Retries = NonNullable<PolicyInput['retries']>;

/** The conditions a retry policy retries on, with the scenario's defaults filled in; and its status codes when it retries on them. */
function conditions(r: Retries): { on: string[]; codes: number[] } {
  const on = [...(r.retryOn ?? DEFAULT_RETRY_ON)];
  return { on, codes: on.includes('retriable-status-codes') ? [...(r.retriableStatusCodes ?? [503])] : [] };
}

/** What `flatten` makes of two layers. */
export interface Flattened {
  /** The one route policy, or undefined when neither layer sets anything. */
  policy: PolicyInput | undefined;
  /** What was flattened, for a warning; null when only one layer sets something. */
  note: string | null;
  /** The sidecar's retries are Istio's default (the VirtualService sets none), written out because the app retries too. */
  defaultRetries: boolean;
  /** The route timeout is the app's tries times its per-try timeout, not a timeout either layer wrote. */
  appBound: boolean;
}

/**
 * Flattens an app's own call policy (the workload file's `calls[].policy`: its client library's
 * timeout and retries) and its sidecar's route policy (VirtualService) into the one route policy
 * the model has per call. `sidecar`: the caller has an L7 sidecar, whose retries are Istio's
 * default (ISTIO_DEFAULT_RETRIES) when the VirtualService sets none, as in Istio.
 *
 * - Tries multiply: (1 + a)(1 + b) - 1 retries on the conditions either layer retries, each try
 *   bounded by the smaller per-try timeout. A sidecar's `attempts: 0` leaves the app's retries.
 * - The app gives up after its own tries: (1 + a) x its per-try timeout (the sidecar's route
 *   timeout, when smaller, bounding each of its tries) becomes the route timeout, so a failure
 *   only the app retries (its per-try timeout) still ends after the app's tries, not after the
 *   product (Bookinfo's product page: 3 s x 2 = 6 s for reviews, yet 6 tries at a 503).
 * - Without an app per-try timeout, the sidecar's route timeout bounds each of the app's tries
 *   and becomes the per-try timeout, and the overall timeout is the app's.
 * - Fault injection is the sidecar's.
 *
 * Returns the policy and, when both layers set something, a sentence saying what was flattened.
 * Pure.
 */
export function flatten(app: PolicyInput | undefined, mesh: PolicyInput | undefined, sidecar = true): Flattened {
  const meshSet = mesh !== undefined && Object.keys(mesh).length > 0;
  if (!app || Object.keys(app).length === 0) return { policy: meshSet ? mesh : undefined, note: null, defaultRetries: false, appBound: false };
  // The app retries and the sidecar is silent: Istio's default retries are the sidecar's.
  const defaultRetries = sidecar && app.retries !== undefined && mesh?.retries === undefined;
  const m: PolicyInput = defaultRetries ? { ...(mesh ?? {}), retries: { ...ISTIO_DEFAULT_RETRIES, retryOn: [...DEFAULT_RETRY_ON], retriableStatusCodes: [503] } } : (mesh ?? {});
  if (Object.keys(m).length === 0) return { policy: app, note: null, defaultRetries, appBound: false };
  const out: PolicyInput = { ...m, ...app };
  const said: string[] = [];
  let appBound = false;
  if (m.fault) out.fault = m.fault;
  const ar = app.retries;
  const mr = m.retries;
  const mt = ms(m.timeout);
  const at = ms(app.timeout);
  if (ar && mr) {
    const a = ar.attempts ?? 2;
    const b = mr.attempts ?? 2;
    const per = [ms(ar.perTryTimeout), ms(mr.perTryTimeout)].filter((x): x is number => x !== undefined);
    const sidecarSays = defaultRetries ? `Istio's default ${b} at the sidecar (no VirtualService sets retries)` : `the sidecar's ${b}`;
    if (b === 0) {
      out.retries = { ...ar };
      said.push(`retries: the sidecar's are off (attempts: 0), so the app's ${a} stand`);
    } else {
      const x = conditions(ar);
      const y = conditions(mr);
      const on = [...new Set([...x.on, ...y.on])];
      const codes = [...new Set([...x.codes, ...y.codes])];
      out.retries = { ...mr, ...ar, attempts: (1 + a) * (1 + b) - 1, retryOn: on as Retries['retryOn'], perTryTimeout: per.length ? dur(Math.min(...per)) : undefined };
      if (on.includes('retriable-status-codes')) out.retries.retriableStatusCodes = codes;
      else delete out.retries.retriableStatusCodes;
      if (out.retries.perTryTimeout === undefined) delete out.retries.perTryTimeout;
      said.push(`retries: the app's ${a} and ${sidecarSays} multiply to ${(1 + a) * (1 + b) - 1} (${(1 + a) * (1 + b)} tries at a failure both layers retry)`);
    }
  }
  const appPer = ms(ar?.perTryTimeout);
  if (ar && appPer !== undefined) {
    // The app's own bound: each of its 1 + a tries ends at its per-try timeout (or the sidecar's route timeout, if sooner).
    const tries = 1 + (ar.attempts ?? 2);
    const each = mt === undefined ? appPer : Math.min(appPer, mt);
    const total = tries * each;
    if (mt !== undefined && mt < appPer) {
      const per = ms(out.retries?.perTryTimeout);
      out.retries = { ...(out.retries ?? ar), perTryTimeout: dur(per === undefined ? mt : Math.min(per, mt)) };
      said.push(`the sidecar's ${dur(mt)} route timeout bounds each of the app's tries`);
    }
    // Needed where the sidecar's tries multiply the app's, or its route timeout would otherwise span them all.
    if ((out.retries?.attempts ?? 0) > (ar.attempts ?? 2) || mt !== undefined) {
      out.timeout = dur(at === undefined ? total : Math.min(at, total));
      appBound = at === undefined || total <= at;
      said.push(`the app gives up after its ${tries} tries of ${dur(each)}: timeout ${out.timeout}`);
    }
  } else if (mt !== undefined && ar) {
    const per = ms(out.retries?.perTryTimeout);
    const bound = per === undefined ? mt : Math.min(per, mt);
    out.retries = { ...(out.retries ?? ar), perTryTimeout: dur(bound) };
    if (at === undefined) delete out.timeout;
    else out.timeout = dur(at);
    said.push(`the sidecar's ${dur(mt)} route timeout bounds each of the app's tries (perTryTimeout ${dur(bound)})`);
  } else if (mt !== undefined && at !== undefined) {
    out.timeout = dur(Math.min(mt, at));
    said.push(`timeout: the smaller of the app's ${dur(at)} and the sidecar's ${dur(mt)}`);
  }
  return { policy: out, note: said.length ? `the app's own timeout/retries and its sidecar's are flattened into one route policy (the model has one router per call): ${said.join('; ')}` : null, defaultRetries, appBound };
}
