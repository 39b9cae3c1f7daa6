import { Tally, type Rng, type Sampler } from '../sim-engine';
import type { ClientSpec, GatewaySpec, ServiceSpec } from '../scenario';
import type { Attempt } from './Call';
import { ClientActor } from './Client';
import { Cause } from './events';
import { meanOf } from '../scenario/work';
import { ServiceActor, type ServiceHost } from './Service';

/** The request attributes a gateway judges. */
interface CallerView {
  consumer: string;
  credentials: ClientSpec['credentials'];
  host: string | undefined;
  path: string;
  version: string | undefined;
}

/** A token bucket (Envoy's local rate limit): `size` tokens, `tokensPerFill` added every `fillInterval`. */
class TokenBucket {
  private tokens: number;
  private lastFill = 0;
  constructor(private readonly size: number, private readonly perFill: number, private readonly interval: number) {
    this.tokens = size;
  }
  /** Takes a token at time `now`; false when the bucket is empty. */
  take(now: number): boolean {
    const fills = Math.floor((now - this.lastFill) / this.interval);
    if (fills > 0) {
      this.tokens = Math.min(this.size, this.tokens + fills * this.perFill);
      this.lastFill += fills * this.interval;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}

/** A fixed-window quota: at most `limit` requests per `period`. */
class Quota {
  private window = -1;
  private used = 0;
  constructor(private readonly limit: number, private readonly period: number) {}
  take(now: number): boolean {
    const w = Math.floor(now / this.period);
    if (w !== this.window) {
      this.window = w;
      this.used = 0;
    }
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}

/** Turns a gateway into the service shape the workers and queues share. */
export function gatewayAsService(g: GatewaySpec): ServiceSpec {
  return {
    name: g.name,
    description: g.description,
    replicas: g.replicas,
    concurrency: g.concurrency,
    queueCapacity: g.queueCapacity,
    serviceTime: g.cpuPerRequest,
    errorRate: 0,
    calls: [],
    callMode: 'sequential',
    loadBalancer: 'round-robin',
    protocol: 'http',
    zones: g.zones,
    region: g.region,
    sidecar: false,
    mtls: g.mtls,
    mesh: g.mesh,
    boundary: undefined,
    external: false,
    certificate: { renew: true },
    policy: undefined,
    // An Envoy listener's downstream idle timeout (its HTTP connection manager's 1 h default).
    keepAliveTimeout: 3_600_000,
  };
}

/**
 * An API gateway: replicas with workers and a queue like any service, whose work per request
 * is CPU (it does not hold a worker while the upstream answers) and policy: match a route (404 `no-route`), authenticate (401 `unauthenticated`), take a
 * token from the consumer's bucket (429 `rate-limited`), count against its quota (429
 * `quota-exceeded`), refuse a sunset version (410 `sunset`), pick a canary target, then
 * forward to the upstream and relay its answer.
 */
export class GatewayActor extends ServiceActor {
  /** Its spec; a timed config change (mesh/ConfigChanges.ts) puts a new one with changed routes. */
  gateway: GatewaySpec;
  /** Rejections by cause, and answers sent with a Deprecation header. */
  readonly rejections = new Tally();
  deprecated = 0;
  forwarded = 0;
  /** Upstream retries its routes made (tries after the first), and the CPU they cost, ms (`upstreamRetry`). */
  retries = 0;
  retryCpuMs = 0;
  /** CPU of one upstream retry, ms: `retryCpuShare` × the mean `cpuPerRequest` (0 for a mean without end). */
  private retryCpu: number;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly quotas = new Map<string, Quota>();
  /** Downstream index per upstream service name. */
  private readonly upstream = new Map<string, number>();

  constructor(id: number, spec: GatewaySpec, world: ServiceHost, rng: Rng, cpu: Sampler) {
    super(id, spec.name, gatewayAsService(spec), world, rng, cpu);
    this.gateway = spec;
    const mean = meanOf(spec.cpuPerRequest);
    this.retryCpu = Number.isFinite(mean) ? spec.retryCpuShare * mean : 0;
    for (const c of spec.consumers) {
      const rl = c.rateLimit ?? spec.rateLimit;
      if (rl) this.buckets.set(c.name, new TokenBucket(rl.size, rl.tokensPerFill, rl.fillInterval));
      if (c.quota) this.quotas.set(c.name, new Quota(c.quota.limit, c.quota.period));
    }
  }

  /** Registers the downstream that reaches `service`. */
  setUpstream(service: string, downstream: number): void {
    this.upstream.set(service, downstream);
  }

  /**
   * One of its routes tries `parent`'s request upstream again: the gateway's CPU for the new upstream request,
   * `retryCpuShare` × mean `cpuPerRequest` × the replica's slowdown, counted in its replica's busy time. NOTE: it
   * takes no worker (the mean, not a draw: no random number, so a run's other draws stay as they were); at a gateway
   * near its capacity this undercounts the queueing a real retry's CPU would add. Mutates the replica's busy time.
   */
  override upstreamRetry(parent: Attempt): void {
    const replica = this.replicas[parent.replica];
    if (replica === undefined) return;
    const ms = this.retryCpu * replica.slowdown;
    this.retries++;
    this.retryCpuMs += ms;
    replica.addBusyTime(ms);
  }

  /**
   * Its CPU so far at `now` (sim ms), ms over all its replicas' workers: their busy time, retries' CPU included
   * (`retryCpuMs` is a part of it). `run`'s gateway cpu column and the node inspector's gateway CPU read it. Pure.
   */
  cpuMsAt(now: number): number {
    return this.replicas.reduce((ms, r) => ms + r.busyAreaAt(now), 0);
  }

  /** Every upstream service a route or canary can send to. */
  upstreamNames(): string[] {
    const names = new Set<string>();
    for (const r of this.gateway.routes) {
      names.add(r.service);
      for (const c of r.canary ?? []) names.add(c.service);
    }
    return [...names];
  }

  protected override workDone(att: Attempt): void {
    att.workTimer = -1;
    const spec = this.callerOf(att);
    const g = this.gateway;
    const now = this.world.sim.now;
    const route = g.routes.find(
      (r) =>
        (r.match.host === undefined || r.match.host === spec.host) &&
        (r.match.pathPrefix === undefined || spec.path.startsWith(r.match.pathPrefix)) &&
        (r.match.version === undefined || r.match.version === spec.version),
    );
    if (!route) return this.reject(att, 404, Cause.noRoute);
    if (g.auth !== 'none' && spec.credentials !== 'valid') return this.reject(att, 401, Cause.unauthenticated);
    const consumer = spec.consumer;
    const bucket = this.bucketFor(consumer);
    if (bucket && !bucket.take(now)) return this.reject(att, 429, Cause.rateLimited);
    const quota = this.quotas.get(consumer);
    if (quota && !quota.take(now)) return this.reject(att, 429, Cause.quotaExceeded);
    const version = g.versions.find((v) => v.name === spec.version);
    if (version?.sunsetAt !== undefined && now >= version.sunsetAt) return this.reject(att, 410, Cause.sunset);
    if (version?.deprecated) this.deprecated++;
    let target = route.service;
    if (route.canary && route.canary.length > 0) {
      const total = route.canary.reduce((t, c) => t + c.weight, 0);
      let x = this.rng() * total;
      for (const c of route.canary) {
        x -= c.weight;
        if (x < 0) {
          target = c.service;
          break;
        }
      }
    }
    this.forwarded++;
    // Event-driven, like Envoy or nginx: the worker is free again once the CPU work is done;
    // the request waits for its upstream without holding it.
    const replica = this.replicas[att.replica];
    this.releaseWorker(att);
    this.startQueued(replica);
    att.nextCall = this.downstream.length;
    att.pending = 1;
    this.issue(att, this.downstream[this.upstream.get(target)!]);
  }

  /**
   * Who is calling, as the gateway sees it: a client presents its consumer, credentials, host,
   * path and version; a service (through an egress or bridging gateway) is its own consumer,
   * authenticated by its workload identity, with no path or version of its own.
   */
  private callerOf(att: Attempt): CallerView {
    const caller = this.world.sim.actor(att.caller);
    if (caller instanceof ClientActor) {
      const c: ClientSpec = caller.spec;
      return { consumer: c.consumer ?? c.name, credentials: c.credentials, host: c.host, path: c.path, version: c.version };
    }
    return { consumer: caller.name, credentials: 'valid', host: undefined, path: '/', version: undefined };
  }

  private bucketFor(consumer: string): TokenBucket | undefined {
    let b = this.buckets.get(consumer);
    if (!b && this.gateway.rateLimit) {
      const rl = this.gateway.rateLimit;
      b = new TokenBucket(rl.size, rl.tokensPerFill, rl.fillInterval);
      this.buckets.set(consumer, b);
    }
    return b;
  }

  private reject(att: Attempt, status: number, cause: string): void {
    this.rejections.add(cause);
    att.cause = cause;
    att.status = status;
    this.finish(att);
  }
}
