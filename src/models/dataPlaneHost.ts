// What the data plane (DataPlane.ts and the envoy/ pieces it drives) reads of the world: the
// simulation, the pooled records, the network, the routes, the proxies by host and the figures
// it writes. World satisfies it; nothing here imports World, so the data plane and the world
// form no import cycle (test/models/architecture.test.ts checks it).
import type { Simulation } from '../sim-engine';
import type { Attempt, Call, Table } from './Call';
import type { EdgeStats } from './EdgeStats';
import type { Cluster } from './envoy/cluster';
import type { FaultMarks } from './faults/faultMarks';
import type { Network } from './net/Network';
import type { WorldObserver } from './Observer';
import type { Sidecar } from './proxy/Sidecar';
import type { Tracer } from './spans/Tracer';

/** The world as the data plane sees it. Read-only here except the records and figures it updates. */
export interface DataPlaneHost {
  readonly sim: Simulation;
  readonly calls: Table<Call>;
  readonly attempts: Table<Attempt>;
  readonly network: Network;
  /** Every caller's clusters, by index (events name a route by it). */
  readonly routes: readonly Cluster[];
  /** By host id: the sidecar in that pod, or null. */
  readonly sidecarOfHost: readonly (Sidecar | null)[];
  /** By host id: true when the pod's sidecar accepts mTLS only (STRICT). */
  readonly strictHost: readonly boolean[];
  readonly edgeStats: readonly EdgeStats[];
  /** Calls sent before it (ms) stay out of latency figures. */
  readonly warmup: number;
  /** CPU per end of a TLS 1.3 handshake, ms. */
  readonly tlsHandshakeCpuMs: number;
  readonly observer: WorldObserver | null;
  readonly tracer: Tracer | null;
  /** The fault injector's tally of what each fault did (faults/faultMarks.ts): the router notes a fault's failed try it retries. */
  readonly faults: { readonly marks: FaultMarks };
  /** `a -> b`: the caller and callee of an edge, by name. */
  edgeName(edge: number): string;
  /** A call made for `parent` (a request at a gateway or service) is retried upstream: its CPU, if any (ServiceActor.upstreamRetry). */
  upstreamRetry(parent: Attempt): void;
}
