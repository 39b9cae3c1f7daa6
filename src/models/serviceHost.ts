// What services and gateways reach of the world and of the data plane: narrow interfaces World
// and DataPlane satisfy, so Service.ts and Gateway.ts import neither (no import cycle).
import type { HistogramLog, Simulation } from '../sim-engine';
import type { Attempt, Call, Table } from './Call';
import type { Route } from './envoy/cluster';
import type { FaultMarks } from './faults/faultMarks';
import type { Network } from './net/Network';
import type { Tracer } from './spans/Tracer';

/** What a service's replicas need from the data plane (DataPlane has it). */
export interface ServiceDataPlane {
  /** Sends a call the service makes on behalf of one of its attempts. */
  issue(call: Call): void;
  /** The app answered `att` (status and cause set): back through its sidecar. */
  respond(att: Attempt): void;
  /** The pod died holding `att`: its caller's connection is reset. */
  resetToCaller(att: Attempt): void;
  /** Its pod died: every caller's idle connection to `replica` on route `r` is closed. */
  closeIdle(r: Route, replica: number): void;
}

/** What services and gateways reach of the world (World has it; nothing here imports World). */
export interface ServiceHost {
  readonly sim: Simulation;
  readonly calls: Table<Call>;
  readonly attempts: Table<Attempt>;
  readonly network: Network;
  readonly tracer: Tracer | null;
  /** Answers to attempts sent before it (ms) stay out of latency figures. */
  readonly warmup: number;
  /** Where services' latency histograms take their values (ServiceActor.latencyId); null: recorded at once. */
  readonly histogramLog: HistogramLog | null;
  readonly dataPlane: ServiceDataPlane;
  readonly routes: readonly Route[];
  /** The fault injector's tally of what each fault did (faults/faultMarks.ts): a fault's drawn errors and passed-up failures are noted there. */
  readonly faults: { readonly marks: FaultMarks };
  /** A replica of the callee at `callee.index` went down or came back now; Kubernetes and the proxies learn it later (kube/KubeEndpoints.ts). */
  endpointsChanged(callee: { readonly index: number }, replica: number, up: boolean): void;
}
