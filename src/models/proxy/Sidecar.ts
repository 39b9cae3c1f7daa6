import type { Sampler } from '../../sim-engine';
import type { Identity } from '../tls/Identity';
import type { ControlPlane } from '../mesh/ControlPlane';

/** What a proxy knows from its control plane. */
export const ConfigState = {
  /** Never reached its control plane: no routes, no endpoints, no certificate. */
  none: 0,
  /** Connected and up to date. */
  fresh: 1,
  /** Lost its control plane: keeps its last config, learns nothing new. */
  stale: 2,
} as const;
export type ConfigState = (typeof ConfigState)[keyof typeof ConfigState];

/** The four passes a hop makes through proxies: out and back through each end's sidecar. */
export const Pass = {
  /** Caller's sidecar, request direction (id = call id). */
  outRequest: 0,
  /** Callee's sidecar, request direction (id = attempt id). */
  inRequest: 1,
  /** Callee's sidecar, response direction (id = attempt id). */
  inResponse: 2,
  /** Caller's sidecar, response direction (id = attempt id). */
  outResponse: 3,
} as const;
export type Pass = (typeof Pass)[keyof typeof Pass];

/**
 * An Envoy-like sidecar beside one replica: `concurrency` worker threads that each pass costs
 * CPU on, taken first come first served, so a busy proxy adds queueing delay and can saturate.
 *
 * A pass's CPU time is known when it arrives, so the proxy is a FIFO multi-server queue solved
 * by Lindley's recursion instead of simulated job by job: an arriving pass takes the worker
 * that frees first, starts at max(arrival, that worker's free time) and ends CPU time later.
 * Arrivals are claimed in event order, which is arrival order, so start and end times are
 * exactly those of a FIFO queue in front of `concurrency` workers, with no event at the start
 * or the end of a pass.
 */
export class Sidecar {
  passes = 0;
  /** TLS handshakes it took part in (each costs CPU on a worker, like a pass). */
  handshakes = 0;
  /** By worker: the simulated time it finishes the last pass it took. */
  private readonly freeAt: Float64Array;
  /** CPU time of every pass taken so far, including the parts still ahead of the clock. */
  private cpuTaken = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    /** The host (pod) it shares with its replica. */
    readonly host: number,
    /** L7 or L4; a `sidecar-mode` config change sets it when it reaches this proxy. */
    public l7: boolean,
    readonly concurrency: number,
    /** CPU time of one pass: holds one of the proxy's workers. */
    readonly cpu: Sampler,
    /** Handling latency of one pass that holds no worker (buffering, the event loop). */
    readonly latency: Sampler,
    /** The mesh whose control plane configures it; null outside every mesh. */
    readonly mesh: ControlPlane | null,
    /**
     * NOTE: an inline proxy (an API gateway's own) costs nothing and takes no events: its work is
     * the gateway's CPU. It never loses its config.
     */
    readonly inline = false,
  ) {
    this.freeAt = new Float64Array(Math.max(1, concurrency));
  }

  /** Certificate it presents as a client (outbound) and as a server (inbound). */
  clientIdentity: Identity | null = null;
  serverIdentity: Identity | null = null;
  config: ConfigState = ConfigState.none;
  /**
   * Per service (by index in the world): which replicas this proxy believes exist. Only the
   * services it routes to have one (see `viewOf`), so memory grows with its routes, not with
   * proxies × services (3,000 proxies × 1,000 services took 300 MB of empty views). A Map, not
   * an array indexed by service: a sparse array holds a slot for every index below its
   * largest, which is proxies × services again (4 MB at 1,000 services, issue 14).
   */
  readonly views = new Map<number, Uint8Array>();

  /**
   * The replicas of service `index` (of `replicas` in all) this proxy believes exist, made on
   * first use. An inline proxy shares the world's live view. Routes are wired before the run
   * starts, so a view made here starts empty, as the proxy's config does, and pushes fill it.
   */
  viewOf(index: number, replicas: number, live: readonly Uint8Array[]): Uint8Array {
    if (this.inline) return live[index];
    let view = this.views.get(index);
    if (view === undefined) {
      view = new Uint8Array(replicas);
      this.views.set(index, view);
    }
    return view;
  }
  /** The certificate's expiry was counted (so it is counted once). */
  expiryCounted = false;
  /** Renewal is on (false for a certificate nobody renews). */
  renews = true;
  /** Its planned renewal attempt (an event handle), or -1. */
  renewTimer = -1;
  /** When the last pass or handshake half taken got its worker (for traces: queue wait vs CPU). */
  lastStart = 0;
  /** Config pushes it has taken (its first config is version 1); the inspector shows it. */
  configVersion = 0;

  /** A pass arrives at `now`: takes the worker that frees first, and returns when the pass ends. */
  claim(now: number): number {
    this.passes++;
    return this.take(now, this.cpu());
  }

  /** Its half of a TLS handshake arrives at `now` (`cpu` ms of work); returns when it is done. */
  handshake(now: number, cpu: number): number {
    this.handshakes++;
    return this.take(now, cpu);
  }

  private take(now: number, cpu: number): number {
    const freeAt = this.freeAt;
    let k = 0;
    for (let j = 1; j < freeAt.length; j++) if (freeAt[j] < freeAt[k]) k = j;
    const start = freeAt[k] > now ? freeAt[k] : now;
    const done = start + cpu;
    this.lastStart = start;
    freeAt[k] = done;
    this.cpuTaken += cpu;
    return done;
  }

  /** Workers busy at `now`. */
  busyAt(now: number): number {
    let busy = 0;
    for (let j = 0; j < this.freeAt.length; j++) if (this.freeAt[j] > now) busy++;
    return busy;
  }

  /**
   * CPU time used up to `now`, in ms. Every claim happened at or before `now`, so each worker's
   * work after `now` is one unbroken stretch up to its free time: subtract those stretches.
   */
  cpuMs(now: number): number {
    let ahead = 0;
    for (let j = 0; j < this.freeAt.length; j++) if (this.freeAt[j] > now) ahead += this.freeAt[j] - now;
    return this.cpuTaken - ahead;
  }

  /** Share of worker time busy up to `now`: its CPU utilisation in cores / concurrency. */
  utilization(now: number): number {
    return now <= 0 ? 0 : this.cpuMs(now) / (this.freeAt.length * now);
  }
}
