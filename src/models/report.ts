import type { LatencySummary } from '../sim-engine';
import type { EdgeSummary } from './EdgeStats';
import { ConfigState } from './proxy/Sidecar';
import type { World } from './World';
import { plainCallerSees, responseFlagOf, type SocketError } from './envoy/responseFlags';

import { changeTarget, faultAmount, faultTarget } from './scenarioWords';

export { changeTarget, faultAmount, faultTarget };

/**
 * One edge's figures (EdgeSummary) and `retryOverflows`: retries its callers' circuit breakers refused, Envoy's
 * upstream_rq_retry_overflow summed over the callers' clusters for the callee. Such a try failed, the policy would
 * retry it, but `circuitBreaker.maxRetries` retries (Envoy's default 3) were already in progress on that caller's
 * cluster, or its retry budget was spent: the call ends with the try's failure (Envoy's access log adds UO to it;
 * envoyproxy/envoy source/common/router/router.cc on RetryStatus::NoOverflow).
 */
export type EdgeReport = EdgeSummary & {
  retryOverflows: number;
  /**
   * Present (false) when the caller has no proxy on its side (no sidecar, not a gateway): then
   * `responseFlags` and `httpErrors` hold none of its connection failures, which no Envoy on its
   * side flagged or answered with a 503, and `socketErrors` counts them as its socket saw them.
   */
  callerProxy?: false;
  /** The caller with no proxy's connection failures by what its socket saw (plainCallerSees): { reset: 1206 }. */
  socketErrors?: Partial<Record<SocketError, number>>;
};

/** One client's figures in a summary (RunSummary.clients). Plain data. */
export interface ClientFigures {
  sent: number;
  ok: number;
  failed: number;
  failures: Record<string, number>;
  latencyMs: LatencySummary;
}

/** The figures of one run, as the CLI prints them with --json. Plain data. */
export interface RunSummary {
  scenario: string;
  seed: number;
  simulatedMs: number;
  events: number;
  wallMs: number;
  traceHash: string;
  requests: { sent: number; ok: number; failed: number; inFlight: number };
  failures: Record<string, number>;
  /** The HTTP status of every `http-5xx` fate, by code. */
  httpErrors: Record<string, number>;
  latencyMs: LatencySummary;
  services: Record<string, { requests: number; ok: number; failed: number; latencyMs: LatencySummary; utilization: number }>;
  /**
   * Per client (load generator), in the scenario's order: its user requests sent, ended ok and
   * failed, failures by cause, and the latency of its ok requests after the warm-up, as `requests`,
   * `failures` and `latencyMs` count the run's (ClientActor's books). Absent in summaries made
   * before session 43.
   */
  clients?: Record<string, ClientFigures>;
  /** Per caller -> callee edge, as the caller's router saw it: where and why calls failed. */
  edges: Record<string, EdgeReport>;
  /** Per sidecar: CPU utilisation of its worker threads, passes made, TLS handshakes, CPU time in ms (both). */
  proxies: Record<string, { utilization: number; passes: number; handshakes: number; cpuMs: number }>;
  /** Per mesh: its control plane's streams and pushes, its proxies' config, its CA's certificates. */
  meshes: Record<
    string,
    {
      controlPlane: { up: boolean; connections: number; pushes: number };
      proxies: { total: number; fresh: number; stale: number; noConfig: number };
      certificates: { issued: number; renewed: number; renewalsFailed: number; expired: number };
    }
  >;
  /**
   * Per gateway: requests, forwarded upstream, rejected by cause, deprecated answers, utilisation,
   * and `cpuMs`, its CPU so far in ms over all its replicas' workers: their busy time, since a
   * gateway holds a worker only for its own CPU per request, never while the upstream answers
   * (models/Gateway.ts); utilization × replicas × concurrency × simulatedMs. It includes `retryCpuMs`, the CPU of its
   * routes' `retries` upstream retries (`retryCpuShare` × mean `cpuPerRequest` each).
   */
  gateways: Record<string, { requests: number; forwarded: number; rejected: Record<string, number>; deprecated: number; utilization: number; cpuMs: number; retries: number; retryCpuMs: number; latencyMs: LatencySummary }>;
  /** Faults that started, with how much each does (faultAmount: '+100 ms', '' for a kill), when they started and ended (null while still active). */
  faults: { type: string; target: string; amount: string; startMs: number; endMs: number | null }[];
  /**
   * Config changes made (timed and live), each with how far it spread: the proxies it had to
   * reach, how many run it, and when the last got it (`allMs`, null while some have not;
   * `spreadMs` = allMs - atMs). A `gateway-route` change names its `gateway`: it acts at the
   * gateway's replicas (`proxies`) at once (`spreadMs` 0), pushed to no sidecar. See
   * mesh/ConfigChanges.ts.
   */
  changes: { type: string; target: string; atMs: number; proxies: number; applied: number; allMs: number | null; spreadMs: number | null; gateway?: string }[];
}

/** Summarises a world's run so far. `wallMs` is measured by the host. */
export function summarize(world: World, wallMs: number): RunSummary {
  const now = world.sim.now;
  const services: RunSummary['services'] = {};
  for (const s of world.services) {
    services[s.name] = {
      requests: s.arrivals,
      ok: s.ok,
      failed: s.failed,
      latencyMs: s.latency.summary(),
      utilization: s.utilization(now),
    };
  }
  const clients: Record<string, ClientFigures> = {};
  for (const c of world.clients) {
    // A run's only client keeps no books of its own (ClientActor.ownBooks): the run's are its.
    const b = c.ownBooks ? c : world;
    clients[c.name] = { sent: c.sent, ok: b.ok, failed: b.failed, failures: b.failures.toObject(), latencyMs: b.latency.summary() };
  }
  const edges: RunSummary['edges'] = {};
  const retries = new Array<number>(world.edgeStats.length).fill(0);
  const connections = world.edgeStats.map(() => ({ opened: 0, failed: 0, reused: 0, drained: 0 }));
  const panics = new Array<number>(world.edgeStats.length).fill(0);
  const refused = new Array<number>(world.edgeStats.length).fill(0);
  for (const r of world.routes) {
    retries[r.edge] += r.retriesStarted;
    refused[r.edge] += r.retryOverflows;
    panics[r.edge] += r.panics;
    const c = connections[r.edge];
    c.opened += r.opened;
    c.failed += r.connectFailures;
    c.reused += r.reused;
    c.drained += r.pool.drained;
  }
  for (const e of inCallOrder(world)) {
    const name = `${world.topology.nodes[e.from].name}->${world.topology.nodes[e.to].name}`;
    const edge: EdgeReport = { ...world.edgeStats[e.id].summary(retries[e.id], connections[e.id], e.mtls, panics[e.id]), retryOverflows: refused[e.id] };
    const caller = world.topology.nodes[e.from];
    edges[name] = caller.sidecar || caller.kind === 'gateway' ? edge : asPlainCaller(edge);
  }
  const proxies: RunSummary['proxies'] = {};
  for (const sc of world.sidecars) {
    if (sc.inline) continue; // a gateway's own proxy: its cost is the gateway's CPU
    proxies[sc.name] = { utilization: sc.utilization(now), passes: sc.passes, handshakes: sc.handshakes, cpuMs: sc.cpuMs(now) };
  }
  const meshes: RunSummary['meshes'] = {};
  for (const cp of world.controlPlanes) {
    const proxies = { total: cp.members.length, fresh: 0, stale: 0, noConfig: 0 };
    for (const sc of cp.members) {
      if (sc.config === ConfigState.fresh) proxies.fresh++;
      else if (sc.config === ConfigState.stale) proxies.stale++;
      else proxies.noConfig++;
    }
    meshes[cp.spec.name] = {
      controlPlane: { up: cp.up, connections: cp.connections, pushes: cp.pushes },
      proxies,
      certificates: { issued: cp.issued, renewed: cp.renewed, renewalsFailed: cp.renewalsFailed, expired: cp.expired },
    };
  }
  const gateways: RunSummary['gateways'] = {};
  for (const g of world.gateways) {
    gateways[g.name] = {
      requests: g.arrivals,
      forwarded: g.forwarded,
      rejected: g.rejections.toObject(),
      deprecated: g.deprecated,
      utilization: g.utilization(now),
      cpuMs: g.cpuMsAt(now),
      retries: g.retries,
      retryCpuMs: g.retryCpuMs,
      latencyMs: g.latency.summary(),
    };
  }
  const faults = world.faults.history.map((h) => {
    const f = world.faults.faults[h.fault];
    return { type: f.type, target: faultTarget(f), amount: faultAmount(f), startMs: h.startMs, endMs: h.endMs };
  });
  const cc = world.configChanges;
  const changes = cc.rollouts.map((r) => {
    const c = cc.changes[r.change];
    const row = { type: c.type, target: changeTarget(c), atMs: r.atMs, proxies: r.proxies, applied: r.applied, allMs: r.allAtMs, spreadMs: r.allAtMs === null ? null : r.allAtMs - r.atMs };
    return r.gateway === undefined ? row : { ...row, gateway: r.gateway };
  });
  return {
    scenario: world.scenario.name,
    seed: world.seed,
    simulatedMs: now,
    events: world.sim.events,
    wallMs,
    traceHash: world.sim.traceHash(),
    requests: { sent: world.sent, ok: world.ok, failed: world.failed, inFlight: world.inFlight },
    failures: world.failures.toObject(),
    httpErrors: world.httpErrors.toObject(),
    latencyMs: world.latency.summary(),
    services,
    clients,
    edges,
    proxies,
    meshes,
    gateways,
    faults,
    changes,
  };
}

/** Edges in the order a request meets them: by their caller's distance from the clients. */
function inCallOrder(world: World): World['topology']['edges'] {
  const { nodes, edges } = world.topology;
  const depth = new Map<number, number>();
  let frontier = nodes.filter((n) => n.kind === 'client').map((n) => n.id);
  for (let d = 0; frontier.length > 0; d++) {
    for (const id of frontier) depth.set(id, d);
    frontier = [...new Set(edges.filter((e) => frontier.includes(e.from) && !depth.has(e.to)).map((e) => e.to))];
  }
  const at = (id: number) => depth.get(id) ?? Infinity;
  return [...edges].sort((a, b) => at(a.from) - at(b.from) || a.id - b.id);
}

/**
 * An edge whose caller has no proxy on its side, as that caller saw it: its connection failures
 * (plainCallerSees) leave `responseFlags` and the 503s of `httpErrors`, which the model records
 * for every caller alike (router.ts attemptFailed, 503 and the cause's flag), and are counted in
 * `socketErrors` instead. Nothing else changes; the run and its trace hash are untouched. Pure: a new object.
 */
export function asPlainCaller(e: EdgeReport): EdgeReport {
  const flags = { ...e.responseFlags };
  const http = { ...e.httpErrors };
  const socketErrors: Partial<Record<SocketError, number>> = {};
  for (const [cause, n] of Object.entries(e.failures)) {
    const seen = plainCallerSees(cause);
    if (seen === null) continue;
    socketErrors[seen] = (socketErrors[seen] ?? 0) + n;
    const flag = responseFlagOf(cause);
    if (flag !== '' && flags[flag] !== undefined) flags[flag] -= n;
    if (http['503'] !== undefined) http['503'] -= n;
  }
  const kept = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0));
  return { ...e, responseFlags: kept(flags), httpErrors: kept(http), callerProxy: false, socketErrors };
}
