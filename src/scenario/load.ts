import type { ClientSpec, Scenario } from './schema';
import { meanOf } from './work';

/**
 * The load the open-loop clients offer each service and gateway, against what it can serve:
 * its workers over its mean work per request (replicas × concurrency / mean service time for a
 * service, replicas × concurrency / mean cpuPerRequest for a gateway). A node offered ρ of its
 * capacity is an M/M/c queue at utilisation ρ at best (its workers are also held while its own
 * calls are answered, so it is busier than this): past about 90% its queue and its latency
 * climb steeply, and at 100% or more the queue grows without end. Lint (MS014) and import warn
 * from NEAR_CAPACITY.
 */

/** Offered load over capacity from which lint and import warn: an M/M/1 queue's wait is ρ / (1 − ρ) service times, 9 at 90%, 99 at 99%. */
export const NEAR_CAPACITY = 0.9;

/** One node's offered load and capacity. */
export interface NodeLoad {
  kind: 'service' | 'gateway';
  name: string;
  /** Its index in `services` or `gateways`. */
  index: number;
  /** Requests per second the open loops send it, with every call and route on their way (no retries: nothing failing). */
  offeredPerS: number;
  /** Requests per second its workers can serve: replicas × concurrency × 1000 / mean ms of work per request. */
  capacityPerS: number;
  /** offered / capacity. */
  utilization: number;
  replicas: number;
  concurrency: number;
  /** Mean service time (a gateway: CPU per request), ms. */
  meanMs: number;
  /** The open-loop clients whose requests reach it, most first: name and the req/s each brings. */
  from: { client: string; perS: number }[];
}

/** What a gateway routes on, as Gateway.ts reads a caller: a client's host, path and version; a service sends none, and path /. */
interface View {
  host: string | undefined;
  path: string;
  version: string | undefined;
}
const SERVICE_VIEW: View = { host: undefined, path: '/', version: undefined };

/**
 * Every service and gateway the open-loop clients reach, with its offered load and capacity, in
 * scenario order (services, then gateways). Requests follow the model's routing when nothing
 * fails: a gateway's first matching route (its canary split by weight; no route: the request
 * stops there, 404), each call at its probability, a call's routes by the client's headers and
 * weights. Closed loops are left out: their rate falls as their answers slow, so they never
 * offer more than the service lets through. Pure; linear in the calls each client reaches.
 */
export function offeredLoad(s: Scenario): NodeLoad[] {
  const services = new Map(s.services.map((x, i) => [x.name, { spec: x, i }]));
  const gateways = new Map(s.gateways.map((g, i) => [g.name, { spec: g, i }]));
  const offered = new Map<string, number>();
  const from = new Map<string, Map<string, number>>();
  /** Where a request at `node` goes next, with the share of its requests that go there. */
  const next = (node: string, headers: Readonly<Record<string, string>>, view: View): [string, number][] => {
    const g = gateways.get(node);
    if (g) {
      const r = g.spec.routes.find(
        (x) => (x.match.host === undefined || x.match.host === view.host) && (x.match.pathPrefix === undefined || view.path.startsWith(x.match.pathPrefix)) && (x.match.version === undefined || x.match.version === view.version),
      );
      if (!r) return [];
      return r.canary?.length ? split(r.canary) : [[r.service, 1]];
    }
    const svc = services.get(node);
    const out: [string, number][] = [];
    for (const c of svc?.spec.calls ?? []) {
      if (c.probability === 0) continue;
      if (!c.routes?.length) {
        out.push([c.service, c.probability]);
        continue;
      }
      const r = c.routes.find((x) => Object.entries(x.match?.headers ?? {}).every(([k, v]) => headers[k] === v));
      for (const [to, share] of r ? split(r.to) : []) out.push([to, c.probability * share]);
    }
    return out;
  };
  for (const c of s.clients) {
    if (c.type !== 'open') continue;
    for (const [node, perS] of ratesOf(c, next)) {
      offered.set(node, (offered.get(node) ?? 0) + perS);
      const m = from.get(node) ?? new Map<string, number>();
      m.set(c.name, (m.get(c.name) ?? 0) + perS);
      from.set(node, m);
    }
  }
  const out: NodeLoad[] = [];
  const add = (kind: NodeLoad['kind'], name: string, index: number, replicas: number, concurrency: number, meanMs: number) => {
    const perS = offered.get(name);
    if (perS === undefined || perS === 0) return;
    const capacityPerS = meanMs > 0 ? (replicas * concurrency * 1000) / meanMs : Infinity;
    const clients = [...(from.get(name) ?? [])].map(([client, n]) => ({ client, perS: n })).sort((a, b) => b.perS - a.perS || (a.client < b.client ? -1 : 1));
    out.push({ kind, name, index, offeredPerS: perS, capacityPerS, utilization: perS / capacityPerS, replicas, concurrency, meanMs, from: clients });
  };
  s.services.forEach((x, i) => add('service', x.name, i, x.replicas, x.concurrency, meanOf(x.serviceTime)));
  s.gateways.forEach((g, i) => add('gateway', g.name, i, g.replicas, g.concurrency, meanOf(g.cpuPerRequest)));
  return out;
}

/** The nodes offered NEAR_CAPACITY (or `share`) of their capacity or more. Pure. */
export function nearCapacity(s: Scenario, share = NEAR_CAPACITY): NodeLoad[] {
  return offeredLoad(s).filter((l) => l.utilization >= share);
}

/** Weighted destinations as shares of 1 (those of weight 0 left out). */
function split(to: readonly { service: string; weight: number }[]): [string, number][] {
  const total = to.reduce((n, d) => n + d.weight, 0);
  return total > 0 ? to.filter((d) => d.weight > 0).map((d) => [d.service, d.weight / total]) : [];
}

/**
 * The req/s a client's requests bring to each node they reach: its rate at its target, pushed
 * down the calls in topological order (so a node reached by several ways sums them before
 * passing its own on). Calls form no loop (the schema refuses one); a loop would be cut.
 */
function ratesOf(c: Extract<ClientSpec, { type: 'open' }>, next: (node: string, headers: Readonly<Record<string, string>>, view: View) => [string, number][]): Map<string, number> {
  const headers = c.headers ?? {};
  const top: View = { host: c.host, path: c.path, version: c.version };
  const edges = new Map<string, [string, number][]>();
  const order: string[] = [];
  // Depth first without recursion (a chain may be thousands long): post-order, then reversed.
  const state = new Map<string, 'open' | 'done'>();
  const stack: { node: string; i: number }[] = [{ node: c.target, i: 0 }];
  state.set(c.target, 'open');
  edges.set(c.target, next(c.target, headers, top));
  while (stack.length) {
    const t = stack[stack.length - 1];
    const out = edges.get(t.node)!;
    if (t.i < out.length) {
      const to = out[t.i++][0];
      if (!state.has(to)) {
        state.set(to, 'open');
        edges.set(to, next(to, headers, SERVICE_VIEW));
        stack.push({ node: to, i: 0 });
      }
      continue;
    }
    state.set(t.node, 'done');
    order.push(t.node);
    stack.pop();
  }
  const rate = new Map<string, number>([[c.target, c.rate]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k];
    const r = rate.get(node) ?? 0;
    for (const [to, share] of edges.get(node)!) if (state.get(to) === 'done') rate.set(to, (rate.get(to) ?? 0) + r * share);
  }
  return rate;
}

/** A rate for a message: "49.5", "1,250", "0.25". */
export function rate(perS: number): string {
  if (perS >= 100) return Math.round(perS).toLocaleString('en-US');
  return String(Number(perS.toPrecision(3)));
}

/** "20 ms", "1.5 ms", "0.25 ms". */
function msText(v: number): string {
  return `${Number(v.toPrecision(3))} ms`;
}

/**
 * What a near-capacity node's figures say, for lint's and import's messages: "reviews-v2 is
 * offered 49.5 req/s, 99% of its capacity of 50 req/s (1 replica × 1 worker / 20 ms mean service
 * time)".
 */
export function loadText(l: NodeLoad): string {
  const work = l.kind === 'gateway' ? 'mean CPU per request' : 'mean service time';
  const pct = l.utilization >= 10 ? Math.round(l.utilization * 100).toLocaleString('en-US') : String(Math.round(l.utilization * 100));
  return `${l.kind === 'gateway' ? 'gateway ' : ''}${l.name} is offered ${rate(l.offeredPerS)} req/s, ${pct}% of its capacity of ${rate(l.capacityPerS)} req/s (${l.replicas} ${l.replicas === 1 ? 'replica' : 'replicas'} × ${l.concurrency} ${l.concurrency === 1 ? 'worker' : 'workers'} / ${msText(l.meanMs)} ${work})`;
}

/** Why it matters, at its share: past 100% the queue grows without end, below it latency climbs. */
export function loadConsequence(l: NodeLoad): string {
  return l.utilization >= 1 ? 'more than it can serve, so its queue grows for as long as the load lasts and every request waits longer than the last' : 'its queue and latency climb steeply this close to capacity (an M/M/1 queue at 90% waits 9 times its service time), and a burst or a slow replica tips it over';
}

/** The replicas that bring the node to 70% of its capacity or under, at its concurrency and work per request. */
export function replicasFor(l: NodeLoad, share = 0.7): number {
  return Math.max(l.replicas + 1, Math.ceil((l.offeredPerS * l.meanMs) / 1000 / l.concurrency / share));
}

/** The clients that bring the load, most first: "shoppers 49.5 req/s, admin 2 req/s". */
export function loadSources(l: NodeLoad, most = 3): string {
  const shown = l.from.slice(0, most).map((f) => `${f.client} ${rate(f.perS)} req/s`);
  return shown.join(', ') + (l.from.length > most ? ` and ${l.from.length - most} more` : '');
}
