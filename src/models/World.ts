import { Histogram, HistogramLog, InvariantError, Simulation, Tally, TimeSeries, invariant, sampler, stateless, streamFor, type Sampler, type WallClock } from '../sim-engine';
import { IMPLICIT_MESH, anySidecar, meshSchema, type MeshSpec, type Scenario, type ServiceSpec } from '../scenario';
import { buildGatewayProxy, buildSidecar, clientGap, type Membership, type PolicyCache } from './build';
import { Attempt, Call, Request, Table } from './Call';
import { AttemptTable, CallTable } from './recordTables';
import { ClientActor } from './Client';
import { DataPlane } from './DataPlane';
import { DrawRecords, recordSampler } from './drawRecords';
import { EdgeStats } from './EdgeStats';
import type { Cluster } from './envoy/cluster';
import { HeaderSets } from './envoy/routeTable';
import { Cause } from './events';
import { FaultInjector } from './faults/FaultInjector';
import { GatewayActor } from './Gateway';
import { ControlPlane } from './mesh/ControlPlane';
import { ConfigChanges } from './mesh/ConfigChanges';
import { KubeEndpoints } from './kube/KubeEndpoints';
import type { Host } from './net/Host';
import { Network } from './net/Network';
import type { WorldObserver } from './Observer';
import { TLS_HANDSHAKE_CPU_MS } from './proxy/calibration';
import { ProxyRecords, type Sidecar } from './proxy/Sidecar';
import { ServiceActor } from './Service';
import type { Tracer } from './spans/Tracer';
import type { NodeKind, Topology, TopologyNode } from './Topology';
import { RequestBook } from './RequestBook';
import { LOG_HISTOGRAMS_FROM, stallLimit } from './worldLimits';
import { wireWorld } from './wireWorld';

/**
 * A scenario compiled into actors on one simulation: services and gateways with their
 * replicas (hosts), sidecars, clients, control planes and CAs, the routes between them, the
 * data plane, the network and the fault injector. It only builds and wires them: each actor
 * reaches it through its own narrow interface (ServiceHost, DataPlaneHost, ...), and the
 * end-to-end books are RequestBook's.
 */
export class World extends RequestBook {
  readonly sim = new Simulation(4096);
  readonly calls = new CallTable(stateless(() => new Call()));
  readonly attempts = new AttemptTable(stateless(() => new Attempt()));
  readonly requests = new Table(stateless(() => new Request()));
  /** Services, then gateways: everything a call can reach. `index` is the position here. */
  readonly callees: ServiceActor[] = [];
  readonly services: ServiceActor[] = [];
  readonly gateways: GatewayActor[] = [];
  readonly clients: ClientActor[] = [];
  readonly sidecars: Sidecar[] = [];
  /** Where the sidecars' hot state lives, one after the other (issue 14; see ProxyRecords). */
  readonly proxyRecords = new ProxyRecords();
  /** Where the clients' gaps and services' times are drawn from (issue 14; see DrawRecords). */
  readonly draws = new DrawRecords();
  /** Routes' compiled policies, one object per distinct policy (build.ts sharedPolicy; issue 14). */
  readonly policies: PolicyCache = new Map();
  readonly controlPlanes: ControlPlane[] = [];
  readonly routes: Cluster[] = [];
  /** The request header sets the clients send, interned (a call carries its set's id). */
  readonly headerSets = new HeaderSets();
  readonly network: Network;
  readonly dataPlane: DataPlane;
  readonly faults: FaultInjector;
  /** Timed and live config changes, pushed to proxies by their control planes. */
  readonly configChanges: ConfigChanges;
  /** Per callee: which replicas its EndpointSlice lists (a pod's own state is its host's `up`); pushed to proxies, read by gateways. */
  readonly live: Uint8Array[] = [];
  /** Per callee: which replicas kube-proxy's rules send to, `live` one sync behind (callers without a proxy read it). */
  readonly kubeProxyLive: Uint8Array[] = [];
  /** Times some caller's known endpoints changed (Envoy's membership_change; KubeEndpoints, ControlPlane bump it): balancers recount known hosts only then. */
  readonly membershipChanges = new Int32Array(1);
  /** Carries a pod's death or return to `live` and `kubeProxyLive` (kube/KubeEndpoints.ts). */
  readonly kube: KubeEndpoints;
  /** By host id: the sidecar in that pod, or null. */
  readonly sidecarOfHost: (Sidecar | null)[] = [];
  /** By host id: true when the pod's sidecar accepts mTLS only (STRICT). */
  readonly strictHost: boolean[] = [];
  /** By host id: app <-> sidecar loopback latency (null: zero or no sidecar). */
  readonly loopback: (Sampler | null)[] = [];
  readonly edgeStats: EdgeStats[] = [];
  /**
   * The log the edges' and services' latency histograms take their values through (issue 14.2;
   * HistogramLog), or null: each value recorded at once (a world under LOG_HISTOGRAMS_FROM
   * services and gateways, whose histograms stay in cache: the log's sort and filing cost more
   * there, issue 14.4). Either way each histogram ends with the same figures, to the bit.
   */
  readonly histogramLog: HistogramLog | null;
  readonly topology: Topology = { nodes: [], edges: [] };
  readonly duration: number;
  readonly warmup: number;
  readonly tlsHandshakeCpuMs = TLS_HANDSHAKE_CPU_MS;
  observer: WorldObserver | null = null;
  /** Keeps spans of sampled requests when set (before the run starts); null: no tracing. */
  tracer: Tracer | null = null;

  private started = false;
  private readonly byName = new Map<string, number>();
  private readonly hostsByName = new Map<string, number[]>();

  constructor(readonly scenario: Scenario, readonly seed: number) {
    super();
    this.duration = scenario.duration;
    this.warmup = scenario.warmup;
    this.histogramLog = scenario.services.length + scenario.gateways.length >= LOG_HISTOGRAMS_FROM ? new HistogramLog() : null;
    this.network = new Network(scenario, seed);
    this.buildMeshes(scenario);

    for (const spec of scenario.services) {
      const svc = this.sim.addActor(
        (id) => new ServiceActor(id, spec.name, spec, this, streamFor(seed, spec.name), recordSampler(this.draws, spec.serviceTime, seed, `${spec.name}/service-time`)),
      );
      this.services.push(svc);
      this.addCallee(svc, 'service', spec.sidecar === false ? null : spec.mesh ?? this.controlPlanes[0].spec.name);
      for (let r = 0; r < spec.replicas; r++) {
        const host = this.addHost(`${spec.name}-${r}`, spec.zones[r % spec.zones.length], spec.region, spec.external, spec.name);
        this.addSidecar(host, spec.sidecar, spec.mtls === 'STRICT', spec);
        svc.hosts.push(host.id);
      }
    }
    for (const spec of scenario.gateways) {
      const gw = this.sim.addActor((id) => new GatewayActor(id, spec, this, streamFor(seed, spec.name), sampler(spec.cpuPerRequest, streamFor(seed, `${spec.name}/cpu`))));
      this.gateways.push(gw);
      this.addCallee(gw, 'gateway', spec.bridge ? `${spec.bridge.from}->${spec.bridge.to}` : spec.mesh ?? null);
      for (let r = 0; r < spec.replicas; r++) {
        const host = this.addHost(`${spec.name}-${r}`, spec.zones[r % spec.zones.length], spec.region, false, spec.name);
        this.addGatewayProxy(host, spec.name, spec.mesh, spec.bridge, spec.mtls === 'STRICT');
        gw.hosts.push(host.id);
      }
    }
    const clientHosts: number[] = [];
    for (const spec of scenario.clients) {
      const client = this.sim.addActor((id) => new ClientActor(id, spec.name, spec, this, recordSampler(this.draws, clientGap(spec), seed, `${spec.name}/gap`)));
      this.clients.push(client);
      const host = this.addHost(spec.name, spec.zone, spec.region, spec.external, spec.name);
      this.addSidecar(host, spec.sidecar, false, spec);
      clientHosts.push(host.id);
      this.addNode({
        id: client.id,
        name: spec.name,
        kind: 'client',
        replicas: spec.type === 'closed' ? spec.users : 1,
        concurrency: 1,
        sidecar: spec.sidecar !== false,
        mesh: spec.sidecar === false ? null : spec.mesh ?? this.controlPlanes[0].spec.name,
        external: spec.external,
        protocol: 'http',
        boundary: spec.boundary ?? null, namespace: null, mtls: null,
        denyBoundaries: [],
      });
    }
    // A client keeps books of its own only beside others (ClientActor.ownBooks); an untraced request's root call is
    // its only record unless some client's Timeout events carry record ids (rootIsRequest).
    const timed = this.clients.some((c) => c.timed);
    for (const c of this.clients) [c.ownBooks, c.rootIsRequest] = [this.clients.length > 1, !timed];
    for (const c of this.callees) {
      this.live.push(new Uint8Array(c.replicas.length).fill(1));
      this.kubeProxyLive.push(new Uint8Array(c.replicas.length).fill(1));
    }
    this.dataPlane = this.sim.addActor((id) => new DataPlane(id, this));
    this.faults = this.sim.addActor((id) => new FaultInjector(id, this));
    this.configChanges = this.sim.addActor((id) => new ConfigChanges(id, this));
    this.kube = this.sim.addActor((id) => new KubeEndpoints(id, this, scenario.kubernetes));
    wireWorld(this, clientHosts, this.byName);
    this.sim.sameTimeLimit = stallLimit(scenario, this.network.hosts.length, this.sidecars.length, this.topology.edges.length);
  }

  /** `a -> b`: the caller and callee of an edge, by name. */
  edgeName(edge: number): string {
    const e = this.topology.edges[edge];
    return `${this.topology.nodes[e.from].name} -> ${this.topology.nodes[e.to].name}`;
  }

  private addCallee(svc: ServiceActor, kind: NodeKind, mesh: string | null): void {
    svc.index = this.callees.length;
    this.callees.push(svc);
    const spec = svc.spec;
    this.addNode({ id: svc.id, name: svc.name, kind, replicas: svc.replicas.length, concurrency: spec.concurrency, sidecar: spec.sidecar !== false, mesh, external: spec.external, protocol: spec.protocol, boundary: spec.boundary ?? null, namespace: spec.namespace ?? null, mtls: kind === 'service' && spec.sidecar !== false ? spec.mtls : null, denyBoundaries: [] });
  }

  private addNode(n: TopologyNode): void {
    this.topology.nodes.push(n);
    this.byName.set(n.name, n.id);
  }

  /** Control planes and CAs: the scenario's meshes, or one implicit mesh when sidecars exist. */
  private buildMeshes(s: Scenario): void {
    let specs: MeshSpec[] = s.meshes;
    if (specs.length === 0 && anySidecar(s)) specs = [meshSchema.parse({ name: IMPLICIT_MESH, ca: { name: `${IMPLICIT_MESH}-ca` } })];
    const caOf = new Map(specs.map((m) => [m.name, m.ca.name ?? `${m.name}-ca`]));
    for (const m of specs) {
      const host = this.network.addHost(`control-plane:${m.name}`, m.controlPlane.zone, m.controlPlane.region, false);
      this.hostsByName.set(`control-plane:${m.name}`, [host.id]);
      this.sidecarOfHost[host.id] = null;
      this.strictHost[host.id] = false;
      this.loopback[host.id] = null;
      const trusted = m.trusts.map((t) => caOf.get(t)!);
      const cp = this.sim.addActor((id) => new ControlPlane(id, m, host, this, streamFor(this.seed, `control-plane:${m.name}`), trusted));
      this.controlPlanes.push(cp);
      this.addNode({ id: cp.id, name: cp.name, kind: 'control-plane', replicas: 1, concurrency: 1, sidecar: false, mesh: m.name, external: false, protocol: 'http', boundary: null, namespace: null, mtls: null, denyBoundaries: [...m.controlPlane.denyBoundaries] });
    }
    if (this.controlPlanes.length > 0) this.hostsByName.set('control-plane', [this.controlPlanes[0].host.id]);
  }

  private addHost(name: string, zone: string, region: string, external: boolean, owner: string): Host {
    const host = this.network.addHost(name, zone, region, external);
    const list = this.hostsByName.get(owner) ?? [];
    list.push(host.id);
    this.hostsByName.set(owner, list);
    this.sidecarOfHost[host.id] = null;
    this.strictHost[host.id] = false;
    this.loopback[host.id] = null;
    return host;
  }

  /** A sidecar beside a replica or a client, joined to its mesh's control plane (build.ts). */
  private addSidecar(host: Host, spec: ServiceSpec['sidecar'], strict: boolean, m: Membership): void {
    if (spec === false) return;
    const { sc, loopback } = buildSidecar(this.sidecars.length, host, spec, m, this.meshNamed(m.mesh), this.proxyRecords, this.network, this.seed);
    this.sidecars.push(sc);
    this.sidecarOfHost[host.id] = sc;
    this.strictHost[host.id] = strict;
    this.loopback[host.id] = loopback;
  }

  /** A gateway's own proxy (build.ts): inline, in its mesh, or bridging two. */
  private addGatewayProxy(host: Host, name: string, mesh: string | undefined, bridge: { from: string; to: string } | undefined, strict: boolean): void {
    const inbound = bridge ? this.meshNamed(bridge.from) : mesh !== undefined ? this.meshNamed(mesh) : null;
    const outbound = bridge ? this.meshNamed(bridge.to) : inbound;
    const sc = buildGatewayProxy(this.sidecars.length, host, name, inbound, outbound);
    this.sidecars.push(sc);
    this.sidecarOfHost[host.id] = sc;
    this.strictHost[host.id] = strict && inbound !== null;
  }

  /** The control plane of a mesh by name (the first mesh when no name is given). */
  meshNamed(name: string | undefined): ControlPlane {
    const cp = name === undefined ? this.controlPlanes[0] : this.controlPlanes.find((c) => c.spec.name === name);
    invariant(cp !== undefined, `no mesh ${name ?? '(any)'}`);
    return cp;
  }

  /** A service or gateway by name. */
  serviceByName(name: string): ServiceActor {
    const svc = this.callees.find((c) => c.name === name);
    invariant(svc !== undefined, `no service or gateway ${name}`);
    return svc;
  }

  /** Host ids of services, gateways, clients or control planes ("control-plane:<mesh>") by name. */
  hostsNamed(names: readonly string[]): number[] {
    return names.flatMap((n) => this.hostsByName.get(n) ?? []);
  }

  /**
   * A replica went down or came back now: its EndpointSlice says so `kubernetes.endpointsDelay`
   * later, kube-proxy one min sync period after that, proxies when their control plane pushes.
   */
  /** A call made for `parent` (a request here) is retried upstream: its actor's CPU for it (a gateway's: Gateway.ts). */
  upstreamRetry(parent: Attempt): void {
    (this.sim.actor(parent.route!.service) as ServiceActor).upstreamRetry(parent);
  }

  endpointsChanged(svc: { readonly index: number }, replica: number, up: boolean): void {
    this.kube.podChanged(svc.index, replica, up);
  }

  /** The EndpointSlice changed (KubeEndpoints): each control plane pushes it to its proxies. */
  endpointSliceChanged(): void {
    for (const cp of this.controlPlanes) cp.endpointsChanged();
  }

  /** After a partition starts or heals, proxies cut off from their control plane go stale. */
  checkControlPlaneReach(): void {
    for (const cp of this.controlPlanes) cp.checkReachability();
  }

  /** Proxies connect, faults are scheduled, then the clients' first sends. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const cp of this.controlPlanes) cp.start();
    for (const f of this.scenario.faults) this.faults.add(f);
    for (const c of this.scenario.changes) this.configChanges.add(c);
    for (const c of this.clients) c.start();
  }

  /** Runs to `until` (default: the scenario's duration); its latency histograms hold every value when it stops. */
  runUntil(until = this.duration): void {
    this.start();
    this.sim.runUntil(until);
    this.histogramLog?.flush();
  }

  /** Runs toward `until` for at most `sliceMs` of wall time; true when it got there. Files the histograms' values as runUntil. */
  runFor(sliceMs: number, until: number, wallClock: WallClock): boolean {
    this.start();
    const done = this.sim.runFor(sliceMs, until, wallClock);
    this.histogramLog?.flush();
    return done;
  }
}
