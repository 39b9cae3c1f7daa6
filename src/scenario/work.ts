import type { Problem } from './parse';
import type { ClientSpec, Scenario, SidecarSpec } from './schema';
import { formatDuration } from './duration';

/** A run bigger than this many requests is refused: it would take many minutes. */
export const MAX_REQUESTS = 50_000_000;

/** A distribution as the schema gives it (durations in ms). */
type Dist = Extract<ClientSpec, { type: 'closed' }>['thinkTime'];

/** The least value a distribution draws (normal draws are cut at zero, as the engine does). */
export function minOf(d: Dist): number {
  switch (d.type) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.min;
    case 'normal':
      return d.stddev > 0 ? 0 : Math.max(0, d.mean);
    case 'pareto':
      return d.scale;
    case 'exponential':
    case 'lognormal':
      return 0;
    default:
      return assertNever(d);
  }
}

/** True when every draw is exactly zero. */
export function alwaysZero(d: Dist): boolean {
  return (d.type === 'constant' && d.value === 0) || (d.type === 'uniform' && d.max === 0) || (d.type === 'normal' && d.stddev === 0 && d.mean <= 0);
}

/**
 * The mean of a distribution as the engine draws it: a normal is cut at zero (max(0, x)), so
 * its mean is μΦ(μ/σ) + σφ(μ/σ), not μ. Infinity for a Pareto with shape ≤ 1.
 */
export function meanOf(d: Dist): number {
  switch (d.type) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal': {
      if (d.stddev === 0) return Math.max(0, d.mean);
      const z = d.mean / d.stddev;
      const pdf = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      return Math.max(0, d.mean * normalCdf(z) + d.stddev * pdf);
    }
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'pareto':
      return d.shape <= 1 ? Infinity : (d.shape * d.scale) / (d.shape - 1);
    default:
      return assertNever(d);
  }
}

function assertNever(d: never): never {
  throw new Error(`unknown distribution ${JSON.stringify(d)}`);
}

/** Φ(z), by Abramowitz and Stegun 7.1.26 (error under 1.5e-7): only for estimates, not draws. */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The least response time of a client's request, and the services and gateways on its way. */
export interface ResponseBound {
  /** ms; see `responseBounds` for what it counts. */
  ms: number;
  /** Services and gateways a request to the target always reaches when nothing fails, in visit order. */
  path: string[];
}

/**
 * A lower bound on the response time of each client's requests when nothing fails: from its
 * hop to its target on, the least service time (or gateway CPU), plus, for every call made with
 * probability 1 (summed when sequential, the longest when parallel; for a gateway, its nearest
 * route or canary target), the least one-way latency both ways and the least cost of the
 * sidecar at each meshed end (two passes of CPU and handling latency, one app-to-sidecar
 * loopback). New connections, TLS handshakes, queueing and packet loss only add time, so they
 * are left out. Failures can be faster (a refused connect, a fault's abort, a gateway's 401):
 * the engine's guard on a stalled clock catches a loop only they make instant.
 *
 * Safe on any references: an unknown name counts zero, and a call back into a node still being
 * measured (a loop) counts zero, so the bound stays a lower bound.
 */
export function responseBounds(s: Scenario): (client: ClientSpec) => ResponseBound {
  const services = new Map(s.services.map((x) => [x.name, x]));
  const gateways = new Map(s.gateways.map((g) => [g.name, g]));
  const placement = s.network.placement;
  const netMin = (override: Dist | undefined): number => {
    const d = override ?? s.network.latency;
    if (d) return minOf(d);
    if (!placement) return 0;
    return Math.min(minOf(placement.sameZone), minOf(placement.crossZone), minOf(placement.crossRegion), minOf(placement.internet));
  };
  const loopback = minOf(s.network.samePod);
  /** One meshed end of a hop: two passes through its sidecar and one loopback. */
  const proxyMin = (sidecar: boolean | SidecarSpec): number => {
    if (sidecar === false) return 0;
    const spec = sidecar === true ? undefined : sidecar;
    // The defaults (src/models/proxy/calibration.ts) are lognormal: no least value above zero.
    const pass = (spec?.cpuPerPass ? minOf(spec.cpuPerPass) : 0) + (spec?.passLatency ? minOf(spec.passLatency) : 0);
    return 2 * pass + loopback;
  };
  /** The hops a node always makes when nothing fails: a service's sure calls, a gateway's upstreams (it takes the nearest). */
  const hopsOf = (name: string): { to: string; sidecar: boolean | SidecarSpec; latency: Dist | undefined }[] => {
    const svc = services.get(name);
    if (svc) return svc.calls.filter((c) => c.probability === 1).map((c) => ({ to: c.service, sidecar: svc.sidecar, latency: c.latency }));
    const gw = gateways.get(name);
    if (!gw) return [];
    const targets = new Set(gw.routes.flatMap((r) => [r.service, ...(r.canary ?? []).filter((c) => c.weight > 0).map((c) => c.service)]));
    return [...targets].map((to) => ({ to, sidecar: false, latency: undefined }));
  };
  /** Least ms from a node's arrival to its answer, by name; filled in post-order. */
  const done = new Map<string, number>();
  /** For a gateway, the upstream it was measured through (the nearest). */
  const nearest = new Map<string, string>();
  const hopMs = (h: { to: string; sidecar: boolean | SidecarSpec; latency: Dist | undefined }) =>
    2 * netMin(h.latency) + proxyMin(h.sidecar) + proxyMin(services.get(h.to)?.sidecar ?? false) + (done.get(h.to) ?? 0);
  const measure = (name: string): void => {
    const svc = services.get(name);
    const hops = hopsOf(name);
    if (svc) {
      let ms = 0;
      for (const h of hops) ms = svc.callMode === 'parallel' ? Math.max(ms, hopMs(h)) : ms + hopMs(h);
      done.set(name, minOf(svc.serviceTime) + ms);
      return;
    }
    const gw = gateways.get(name);
    let best = Infinity;
    for (const h of hops) {
      const ms = hopMs(h);
      if (ms < best) {
        best = ms;
        nearest.set(name, h.to);
      }
    }
    done.set(name, gw ? minOf(gw.cpuPerRequest) + (best === Infinity ? 0 : best) : 0);
  };
  /** Measures a node and everything below it, depth first without recursion (a chain may be thousands long). */
  const visit = (root: string): number => {
    if (done.has(root)) return done.get(root)!;
    const open = new Set([root]);
    const stack = [{ name: root, hops: hopsOf(root), next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.next < top.hops.length) {
        const to = top.hops[top.next++].to;
        // A node still open is a loop (refused elsewhere): it counts 0 below itself.
        if (!done.has(to) && !open.has(to)) {
          open.add(to);
          stack.push({ name: to, hops: hopsOf(to), next: 0 });
        }
        continue;
      }
      measure(top.name);
      open.delete(top.name);
      stack.pop();
    }
    return done.get(root)!;
  };
  /** The nodes a request always reaches, in the order first reached. */
  const pathFrom = (root: string): string[] => {
    const seen = new Set<string>();
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i];
      if (seen.has(n) || (!services.has(n) && !gateways.has(n))) continue;
      seen.add(n);
      if (gateways.has(n)) {
        const to = nearest.get(n);
        if (to !== undefined) queue.push(to);
      } else for (const h of hopsOf(n)) queue.push(h.to);
    }
    return [...seen];
  };
  return (client) => {
    visit(client.target);
    const ms = hopMs({ to: client.target, sidecar: client.sidecar, latency: client.latency });
    return {
      ms,
      get path() {
        return pathFrom(client.target);
      },
    };
  };
}

/** A closed-loop client's estimated requests, and what the estimate is made of. */
interface ClosedEstimate {
  requests: number;
  thinkMs: number;
  responseMs: number;
}

/**
 * Requests the clients would send over `durationMs`: for an open loop, rate × duration; for a
 * closed loop, users × duration / (mean think time + least response time), which bounds it
 * from above, since a user sends again only after its answer and its think time. Zero-time
 * closed loops (see `checkZeroTimeLoops`) count as Infinity.
 */
export function expectedRequests(s: Scenario, durationMs = s.duration): number {
  let n = 0;
  const bound = responseBounds(s);
  for (const c of s.clients) n += c.type === 'open' ? (c.rate * durationMs) / 1000 : closedEstimate(c, bound, durationMs).requests;
  return n;
}

function closedEstimate(c: Extract<ClientSpec, { type: 'closed' }>, bound: (c: ClientSpec) => ResponseBound, durationMs: number): ClosedEstimate {
  const thinkMs = meanOf(c.thinkTime);
  const responseMs = bound(c).ms;
  const cycle = thinkMs + responseMs;
  return { requests: cycle === 0 ? Infinity : (c.users * durationMs) / cycle, thinkMs, responseMs };
}

/**
 * The size of a run over `durationMs` against MAX_REQUESTS, open and closed loops together;
 * a problem at `clients` naming the client that sends most, or none. Zero-time loops are
 * `checkZeroTimeLoops`' to report, and are left out here.
 */
export function checkRunSize(s: Scenario, durationMs = s.duration): Problem[] {
  const bound = responseBounds(s);
  let total = 0;
  let top = { i: -1, requests: 0, why: '' };
  s.clients.forEach((c, i) => {
    let requests: number;
    let why: string;
    if (c.type === 'open') {
      requests = (c.rate * durationMs) / 1000;
      why = `${c.rate} requests/s`;
    } else {
      const e = closedEstimate(c, bound, durationMs);
      if (e.requests === Infinity) return;
      requests = e.requests;
      why = `${c.users.toLocaleString('en-US')} users, each sending again after its answer (at least ${formatDuration(e.responseMs)}) and a think time (mean ${formatDuration(e.thinkMs)})`;
    }
    total += requests;
    if (requests > top.requests) top = { i, requests, why };
  });
  if (total <= MAX_REQUESTS) return [];
  const c = s.clients[top.i];
  return [
    {
      path: 'clients',
      message: `${Number.isFinite(total) ? `would send about ${Math.round(total).toLocaleString('en-US')} requests over the duration, more than` : 'would send more requests over the duration than a number can hold, past'} ${MAX_REQUESTS.toLocaleString('en-US')} (a run of many minutes); most from clients.${top.i} ("${c.name}": ${top.why}); lower a rate or the users, or shorten the duration`,
    },
  ];
}

/**
 * Closed loops where simulated time can never advance: a client whose think time is always
 * 0 and whose requests can be answered in no time at all (`responseBounds` is 0). Each user
 * would send again at the same instant, for ever. A think time that is merely often small
 * (exponential) is fine: time advances with probability 1.
 */
export function checkZeroTimeLoops(s: Scenario): Problem[] {
  const bound = responseBounds(s);
  const problems: Problem[] = [];
  s.clients.forEach((c, i) => {
    if (c.type !== 'closed' || !alwaysZero(c.thinkTime)) return;
    const b = bound(c);
    if (b.ms > 0) return;
    const users = `${c.users.toLocaleString('en-US')} user${c.users === 1 ? '' : 's'}`;
    problems.push({
      path: `clients.${i}.thinkTime`,
      message: `is always 0, and a request to "${c.target}" can be answered in no simulated time (service time, gateway CPU, sidecar passes and network latency can all be 0 on its way through ${b.path.join(', ')}): its ${users} would send again at the same instant for ever and the clock would never advance; give thinkTime, a service time or the network latency a least value above 0`,
    });
  });
  return problems;
}
