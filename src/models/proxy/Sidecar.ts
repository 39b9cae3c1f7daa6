import type { Sampler } from '../../sim-engine';
import type { Identity } from '../tls/Identity';
import type { ControlPlane } from '../mesh/ControlPlane';
import { WorkerPool } from '../WorkerPool';

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
 * CPU on, with a FIFO queue in front, so a busy proxy adds queueing delay and can saturate.
 * Jobs are (id, pass) pairs packed into one integer: id * 4 + pass.
 */
export class Sidecar extends WorkerPool {
  passes = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    /** The host (pod) it shares with its replica. */
    readonly host: number,
    readonly l7: boolean,
    concurrency: number,
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
    super(concurrency);
  }

  /** Certificate it presents as a client (outbound) and as a server (inbound). */
  clientIdentity: Identity | null = null;
  serverIdentity: Identity | null = null;
  config: ConfigState = ConfigState.none;
  /** Per service (by index in the world): which replicas this proxy believes exist. */
  views: Uint8Array[] = [];
  /** The certificate's expiry was counted (so it is counted once). */
  expiryCounted = false;
  /** Renewal is on (false for a certificate nobody renews). */
  renews = true;

  /** Takes a job; returns true when a worker is free and the caller should start it now. */
  offer(job: number): boolean {
    if (this.busy < this.concurrency) return true;
    this.enqueue(job);
    return false;
  }

  /** The next queued job, or -1. */
  next(): number {
    return this.queued === 0 ? -1 : this.dequeue();
  }

  /** Share of worker time busy up to `now`: its CPU utilisation in cores / concurrency. */
  utilization(now: number): number {
    return now <= 0 ? 0 : this.busyAreaAt(now) / (this.concurrency * now);
  }

  /** CPU time used so far, in ms. */
  cpuMs(now: number): number {
    return this.busyAreaAt(now);
  }
}
