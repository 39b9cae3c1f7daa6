import { Histogram, InvariantError, Simulation, Tally, TimeSeries, invariant, sampler, streamFor, type Distribution, type Sampler, type WallClock } from '../sim-engine';
import type { CertificateSpec, ClientSpec, Scenario, ServiceSpec } from '../scenario';
import { Attempt, Call, Request, Table } from './Call';
import { ClientActor } from './Client';
import { DataPlane } from './DataPlane';
import { EdgeStats } from './EdgeStats';
import type { Host } from './net/Host';
import { Network } from './net/Network';
import type { WorldObserver } from './Observer';
import { DEFAULT_PASS_CPU, DEFAULT_PASS_LATENCY, TLS_HANDSHAKE_CPU_MS } from './proxy/calibration';
import { compilePolicy } from './proxy/policy';
import { Route } from './proxy/Route';
import { Sidecar } from './proxy/Sidecar';
import { ServiceActor } from './Service';
import { Identity } from './tls/Identity';
import type { Topology, TopologyNode } from './Topology';

/**
 * A scenario compiled into actors on one simulation: services and their replicas (hosts),
 * sidecars, clients, the routes between them, the data plane and the network, plus the
 * end-to-end request accounting.
 *
 * Invariant: sent = ok + failed + inFlight at every instant; each request ends exactly once.
 */
export class World {
  readonly sim = new Simulation(4096);
  readonly calls = new Table(() => new Call());
  readonly attempts = new Table(() => new Attempt());
  readonly requests = new Table(() => new Request());
  readonly services: ServiceActor[] = [];
  readonly clients: ClientActor[] = [];
  readonly sidecars: Sidecar[] = [];
  readonly routes: Route[] = [];
  readonly network: Network;
  readonly dataPlane: DataPlane;
  /** By host id: the sidecar in that pod, or null. */
  readonly sidecarOfHost: (Sidecar | null)[] = [];
  /** By host id: true when the pod's sidecar accepts mTLS only (STRICT). */
  readonly strictHost: boolean[] = [];
  /** By host id: app <-> sidecar loopback latency (null: zero or no sidecar). */
  readonly loopback: (Sampler | null)[] = [];
  readonly edgeStats: EdgeStats[] = [];
  readonly topology: Topology = { nodes: [], edges: [] };
  readonly duration: number;
  readonly warmup: number;
  readonly tlsHandshakeCpuMs = TLS_HANDSHAKE_CPU_MS;
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
    this.network = new Network(scenario, seed);
    const byName = new Map<string, number>();
    const node = (n: TopologyNode) => {
      this.topology.nodes.push(n);
      byName.set(n.name, n.id);
    };
    for (const spec of scenario.services) {
      const svc = this.sim.addActor(
        (id) => new ServiceActor(id, spec.name, spec, this, streamFor(seed, spec.name), sampler(spec.serviceTime, streamFor(seed, `${spec.name}/service-time`))),
      );
      this.services.push(svc);
      for (let r = 0; r < spec.replicas; r++) {
        const host = this.addHost(`${spec.name}-${r}`, spec.zones[r % spec.zones.length], spec.region, false, spec.sidecar, spec.certificate, spec.mtls === 'STRICT');
        svc.hosts.push(host.id);
      }
      node({ id: svc.id, name: spec.name, kind: 'service', replicas: spec.replicas, concurrency: spec.concurrency });
    }
    const clientHosts: number[] = [];
    for (const spec of scenario.clients) {
      const gap: Distribution =
        spec.type === 'open'
          ? spec.arrival === 'poisson'
            ? { type: 'exponential', mean: 1000 / spec.rate }
            : { type: 'constant', value: 1000 / spec.rate }
          : spec.thinkTime;
      const client = this.sim.addActor((id) => new ClientActor(id, spec.name, spec, this, sampler(gap, streamFor(seed, `${spec.name}/gap`))));
      this.clients.push(client);
      clientHosts.push(this.addHost(spec.name, spec.zone, spec.region, spec.external, spec.sidecar, spec.certificate, false).id);
      node({ id: client.id, name: spec.name, kind: 'client', replicas: spec.type === 'closed' ? spec.users : 1, concurrency: 1 });
    }
    this.dataPlane = this.sim.addActor((id) => new DataPlane(id, this));

    const edge = (from: number, to: number) => {
      const e = { id: this.topology.edges.length, from, to };
      this.topology.edges.push(e);
      this.edgeStats.push(new EdgeStats());
      return e.id;
    };
    this.clients.forEach((client, k) => {
      const target = byName.get(client.spec.target);
      invariant(target !== undefined, `client ${client.name} targets unknown service ${client.spec.target}`);
      client.target = target;
      client.edge = edge(client.id, target);
      client.route = this.route(client.edge, clientHosts[k], client.spec, this.services[target], client.spec.policy, client.spec.latency);
    });
    for (const svc of this.services) {
      for (const call of svc.spec.calls) {
        const to = byName.get(call.service);
        invariant(to !== undefined, `service ${svc.name} calls unknown service ${call.service}`);
        const e = edge(svc.id, to);
        const routes = svc.hosts.map((h) => this.route(e, h, svc.spec, this.services[to], call.policy, call.latency));
        svc.addDownstream(to, e, call.probability, routes);
      }
    }
  }

  private addHost(name: string, zone: string, region: string, external: boolean, sidecarSpec: ServiceSpec['sidecar'], cert: CertificateSpec, strict: boolean): Host {
    const host = this.network.addHost(name, zone, region, external);
    let sc: Sidecar | null = null;
    if (sidecarSpec !== false) {
      const s = sidecarSpec === true ? { mode: 'L7' as const, concurrency: 2, cpuPerPass: undefined, passLatency: undefined } : sidecarSpec;
      const identity = new Identity(name, cert.ca, cert.ttl, new Set(cert.trust ?? [cert.ca]));
      const cpu = sampler(s.cpuPerPass ?? DEFAULT_PASS_CPU, streamFor(this.seed, `${name}/sidecar`));
      const latency = sampler(s.passLatency ?? DEFAULT_PASS_LATENCY, streamFor(this.seed, `${name}/sidecar-latency`));
      sc = new Sidecar(this.sidecars.length, `${name}/sidecar`, host.id, s.mode === 'L7', s.concurrency, cpu, latency, identity);
      this.sidecars.push(sc);
    }
    this.sidecarOfHost[host.id] = sc;
    this.strictHost[host.id] = sc !== null && strict;
    this.loopback[host.id] = sc ? this.network.latencySampler(`pod/${name}`, host, host, undefined) : null;
    return host;
  }

  /** The route from one caller host to a service, with the policy its caller applies. */
  private route(edgeId: number, callerHost: number, caller: ServiceSpec | ClientSpec, callee: ServiceActor, routePolicy: ServiceSpec['policy'], latency: Distribution | undefined): Route {
    const sc = this.sidecarOfHost[callerHost];
    const meshed = sc !== null;
    const l7 = meshed && sc.l7 && callee.spec.protocol === 'http';
    const policy = compilePolicy(callee.spec, routePolicy, l7, meshed);
    const from = this.network.hosts[callerHost];
    const linkName = `${this.topology.nodes[this.topology.edges[edgeId].from].name}->${callee.name}`;
    const latencies = callee.hosts.map((h) => this.network.latencySampler(linkName, from, this.network.hosts[h], latency));
    const mtls = meshed && callee.hosts.some((h) => this.sidecarOfHost[h] !== null);
    const r = new Route(edgeId, callerHost, callee.id, callee.hosts, policy, sc, mtls, streamFor(this.seed, `${from.name}/route/${callee.name}`), latencies);
    this.routes.push(r);
    void caller;
    return r;
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
