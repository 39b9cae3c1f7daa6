import { Histogram, InvariantError, Simulation, Tally, TimeSeries, invariant, isZero, sampler, streamFor, type Distribution, type WallClock } from '../sim-engine';
import type { Scenario } from '../scenario';
import { Call, Request, Table } from './Call';
import { ClientActor } from './Client';
import { Ev } from './events';
import type { WorldObserver } from './Observer';
import { ServiceActor } from './Service';
import type { Link, Topology, TopologyNode } from './Topology';

/**
 * A scenario compiled into actors on one simulation: services, clients and the links
 * between them, plus the end-to-end request accounting.
 *
 * Invariant: sent = ok + failed + inFlight at every instant; each request ends exactly once.
 */
export class World {
  readonly sim = new Simulation(4096);
  readonly calls = new Table(() => new Call());
  readonly requests = new Table(() => new Request());
  readonly services: ServiceActor[] = [];
  readonly clients: ClientActor[] = [];
  readonly links: Link[] = [];
  readonly topology: Topology = { nodes: [], edges: [] };
  readonly duration: number;
  readonly warmup: number;
  observer: WorldObserver | null = null;

  sent = 0;
  ok = 0;
  failed = 0;
  readonly failures = new Tally();
  /** End-to-end latency of ok requests sent after the warmup. */
  readonly latency = new Histogram();
  readonly sentPerSecond = new TimeSeries();
  readonly okPerSecond = new TimeSeries();
  readonly failedPerSecond = new TimeSeries();
  private started = false;

  constructor(readonly scenario: Scenario, readonly seed: number) {
    this.duration = scenario.duration;
    this.warmup = scenario.warmup;
    const byName = new Map<string, number>();
    const node = (n: TopologyNode) => {
      this.topology.nodes.push(n);
      byName.set(n.name, n.id);
    };
    for (const spec of scenario.services) {
      const svc = this.sim.addActor(
        (id) => new ServiceActor(id, spec.name, spec, this, streamFor(seed, `${spec.name}`), sampler(spec.serviceTime, streamFor(seed, `${spec.name}/service-time`))),
      );
      this.services.push(svc);
      node({ id: svc.id, name: spec.name, kind: 'service', replicas: spec.replicas, concurrency: spec.concurrency });
    }
    for (const spec of scenario.clients) {
      const gap: Distribution =
        spec.type === 'open'
          ? spec.arrival === 'poisson'
            ? { type: 'exponential', mean: 1000 / spec.rate }
            : { type: 'constant', value: 1000 / spec.rate }
          : spec.thinkTime;
      const client = this.sim.addActor((id) => new ClientActor(id, spec.name, spec, this, sampler(gap, streamFor(seed, `${spec.name}/gap`))));
      this.clients.push(client);
      node({ id: client.id, name: spec.name, kind: 'client', replicas: spec.type === 'closed' ? spec.users : 1, concurrency: 1 });
    }
    const link = (from: number, to: number, latency: Distribution) => {
      const edge = { id: this.links.length, from, to };
      const name = `${this.topology.nodes[from].name}->${this.topology.nodes[to].name}`;
      this.links.push({ edge, latency: isZero(latency) ? null : sampler(latency, streamFor(seed, `link/${name}`)) });
      this.topology.edges.push(edge);
      return edge.id;
    };
    for (const client of this.clients) {
      const target = byName.get(client.spec.target);
      invariant(target !== undefined, `client ${client.name} targets unknown service ${client.spec.target}`);
      client.target = target;
      client.edge = link(client.id, target, client.spec.latency ?? scenario.network.latency);
    }
    for (const svc of this.services) {
      for (const call of svc.spec.calls) {
        const to = byName.get(call.service);
        invariant(to !== undefined, `service ${svc.name} calls unknown service ${call.service}`);
        svc.addDownstream(to, link(svc.id, to, call.latency ?? scenario.network.latency), call.probability);
      }
    }
  }

  get inFlight(): number {
    return this.sent - this.ok - this.failed;
  }

  /** Schedules the clients' first sends. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const c of this.clients) c.start();
  }

  /** Runs to `until` (default: the scenario's duration). */
  runUntil(until = this.duration): void {
    this.start();
    this.sim.runUntil(until);
  }

  /** Runs toward `until` for at most `sliceMs` of wall time; true when it got there. */
  runFor(sliceMs: number, until: number, wallClock: WallClock): boolean {
    this.start();
    return this.sim.runFor(sliceMs, until, wallClock);
  }

  /**
   * Sends a call (request direction) or its answer (response direction) over its link.
   * NOTE: a constant-zero link delivers synchronously, without an event.
   */
  transmit(call: Call, response: boolean): void {
    const link = this.links[call.edge];
    const target = response ? call.caller : call.service;
    const kind = response ? Ev.Response : Ev.Arrive;
    if (link.latency === null) {
      if (this.observer) this.observer.transmit(call.edge, response, this.sim.now, this.sim.now, call.cause !== null);
      this.sim.actor(target).receive(kind, call.id, 0);
      return;
    }
    const d = link.latency();
    if (this.observer) this.observer.transmit(call.edge, response, this.sim.now, this.sim.now + d, call.cause !== null);
    this.sim.schedule(d, kind, target, call.id);
  }

  requestSent(req: Request): void {
    this.sent++;
    this.sentPerSecond.add(req.sentAt);
  }

  /** Gives a request its one fate. Throws if it already had one. */
  requestEnded(req: Request, cause: string): void {
    if (req.ended) throw new InvariantError(`request ${req.id} ended twice`);
    req.ended = true;
    const now = this.sim.now;
    const latency = now - req.sentAt;
    if (cause === 'ok') {
      this.ok++;
      this.okPerSecond.add(now);
      if (req.sentAt >= this.warmup) this.latency.record(latency);
    } else {
      this.failed++;
      this.failures.add(cause);
      this.failedPerSecond.add(now);
    }
    if (this.observer) this.observer.requestEnded(req.client, cause, latency);
  }
}
