import type { Scenario, ScenarioInput } from '../schema';

/**
 * The importer's plain-data types: manifest files in, typed Kubernetes and Istio resources
 * (each field with its file and line) and a scenario out. Nothing here reads a file system:
 * the CLI and the app hand over text.
 */

/** A manifest or workload file: a name (shown in every message) and its text. */
export interface ManifestFile {
  name: string;
  text: string;
}

/** Where a value was written: file, 1-based line, and the field's path in its document. */
export interface SourceRef {
  file: string;
  line: number;
  /** The field's path in its document, as `spec.http[0].timeout`. */
  path: string;
}

/** One message about the input, printed as `file:line: path: message`. */
export interface ImportMessage extends SourceRef {
  message: string;
}

/** Formats a message as `file:line: path: message` (the path left out when empty). */
export function formatImportMessage(m: ImportMessage): string {
  return `${m.file}:${m.line}: ${m.path ? `${m.path}: ` : ''}${m.message}`;
}

/**
 * The messages formatted, the same message at several lines of one file on one line:
 * `apps.yaml:27, 57, 87: spec.template.spec: not modelled (dropped)...` (the app's import notice
 * and the CLI's warnings alike: T3's trial, 6, the CLI printed one Deployment's warning 7 times).
 * In first-seen order. Pure.
 */
export function groupedImportMessages(messages: readonly ImportMessage[]): string[] {
  const grouped = new Map<string, ImportMessage[]>();
  for (const m of messages) {
    const k = JSON.stringify([m.file, m.path, m.message]);
    grouped.set(k, [...(grouped.get(k) ?? []), m]);
  }
  return [...grouped.values()].map((ms) => `${ms[0].file}:${ms.map((m) => m.line).join(', ')}: ${ms[0].path ? `${ms[0].path}: ` : ''}${ms[0].message}`);
}

/** Fields every resource carries: its identity and where it was written. */
export interface ResourceBase {
  apiVersion: string;
  name: string;
  /** `metadata.namespace`, or "default" when absent (as kubectl applies it). */
  namespace: string;
  file: string;
  /** Line of the document's first field. */
  line: number;
  /** The line of every field of the document by path (`spec.http[0].timeout`): for lint findings. */
  lines: Record<string, number>;
}

export interface NamespaceResource extends ResourceBase {
  kind: 'Namespace';
  labels: Record<string, string>;
}

/** A Deployment or StatefulSet: its pods' labels, replicas and sidecar injection annotation. */
export interface WorkloadResource extends ResourceBase {
  kind: 'Deployment' | 'StatefulSet';
  /** `spec.replicas` (Kubernetes' default 1). */
  replicas: number;
  /** The pod template's labels (`spec.template.metadata.labels`). */
  podLabels: Record<string, string>;
  /** `sidecar.istio.io/inject` on the pod template: true, false, or undefined when absent. */
  inject: boolean | undefined;
}

export interface ServicePort {
  name?: string;
  port: number;
  appProtocol?: string;
}

export interface ServiceResource extends ResourceBase {
  kind: 'Service';
  selector: Record<string, string>;
  ports: ServicePort[];
}

/** An Istio duration, in ms. */
export type Millis = number;

export interface HttpMatch {
  uriPrefix?: string;
  uriExact?: string;
  /** Header matches by name; only `exact` is modelled. */
  headers: Record<string, { exact?: string; prefix?: string; regex?: string }>;
}

export interface HttpDestination {
  host: string;
  subset?: string;
  /** Istio's weight (0-100); absent on a single destination. */
  weight?: number;
}

export interface HttpRetries {
  attempts: number;
  perTryTimeoutMs?: Millis;
  /** Istio's comma-separated retryOn, split. */
  retryOn?: string[];
}

export interface HttpFault {
  delay?: { percent: number; fixedDelayMs: Millis };
  abort?: { percent: number; httpStatus: number };
}

/** One `spec.http[i]` of a VirtualService. */
export interface HttpRoute {
  /** Its index in `spec.http`. */
  index: number;
  match: HttpMatch[];
  route: HttpDestination[];
  timeoutMs?: Millis;
  /** `timeout: 0s`, Istio's way to turn the route timeout off: none at a sidecar, `timeout: 0s` on a gateway route (over Envoy's 15 s). */
  timeoutOff?: boolean;
  retries?: HttpRetries;
  fault?: HttpFault;
}

export interface VirtualServiceResource extends ResourceBase {
  kind: 'VirtualService';
  hosts: string[];
  /** `spec.gateways`; empty means "mesh" only. */
  gateways: string[];
  http: HttpRoute[];
}

/** Istio's ClientTLSSettings mode. */
export type TlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

export interface TrafficPolicy {
  loadBalancer?: 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'LEAST_CONN' | 'RANDOM' | 'PASSTHROUGH' | 'CONSISTENT_HASH';
  connectionPool?: {
    tcp?: { maxConnections?: number; connectTimeoutMs?: Millis; maxConnectionDurationMs?: Millis };
    http?: {
      http1MaxPendingRequests?: number;
      http2MaxRequests?: number;
      maxRetries?: number;
      maxRequestsPerConnection?: number;
      /** `idleTimeout`: an upstream connection with no active request is closed after this long (Istio's default 1 h). */
      idleTimeoutMs?: Millis;
      h2UpgradePolicy?: 'DEFAULT' | 'DO_NOT_UPGRADE' | 'UPGRADE';
      /** HTTP/2 streams one connection carries at once (Istio's default 2^31 - 1). */
      maxConcurrentStreams?: number;
    };
  };
  outlierDetection?: {
    consecutive5xxErrors?: number;
    consecutiveGatewayErrors?: number;
    intervalMs?: Millis;
    baseEjectionTimeMs?: Millis;
    maxEjectionPercent?: number;
    /** Below this % of healthy hosts the pool ignores health (Envoy's panic threshold; Istio's default 0: never). */
    minHealthPercent?: number;
  };
  /** `loadBalancer.localityLbSetting` (Istio's LocalityLoadBalancerSetting). */
  localityLbSetting?: {
    enabled?: boolean;
    /** Callers from a locality send `to`'s percent to each locality. */
    distribute?: { from: string; to: Record<string, number> }[];
    /** Callers in region `from` fail over to region `to` first. */
    failover?: { from: string; to: string }[];
  };
  tls?: { mode: TlsMode };
  /**
   * `retryBudget` (Istio 1.27+, TrafficPolicy field 8; not in portLevelSettings): concurrent
   * retries to the host at most `percent`% (a double, 0-100, default 20) of its active and pending
   * requests, and never fewer than `minRetryConcurrency` (default 3); Envoy's circuit-breaker
   * `retry_budget`. `budgetIntervalMs` (Istio 1.31+) also counts requests that ended within it.
   */
  retryBudget?: { percent?: number; minRetryConcurrency?: number; budgetIntervalMs?: number };
  /** `portLevelSettings[]`: the policy of one port; taken as the service's when it is the only one. */
  portLevelSettings: { port: number; policy: TrafficPolicy }[];
}

export interface SubsetResource {
  name: string;
  labels: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleResource extends ResourceBase {
  kind: 'DestinationRule';
  host: string;
  subsets: SubsetResource[];
  trafficPolicy?: TrafficPolicy;
}

export type PeerAuthMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';

export interface PeerAuthenticationResource extends ResourceBase {
  kind: 'PeerAuthentication';
  /** `spec.selector.matchLabels`; absent for namespace- or mesh-wide. */
  selector?: Record<string, string>;
  /** `spec.mtls.mode` (Istio's default UNSET: inherit). */
  mode: PeerAuthMode;
  /** Mesh-wide (in the root namespace, istio-system, without selector), namespace-wide, or one workload. */
  scope: 'mesh' | 'namespace' | 'workload';
  /** `spec.portLevelMtls`: a mode per workload port; not modelled (one mode per service), warned where it differs. */
  portLevel?: { port: string; mode: PeerAuthMode }[];
}

export interface GatewayResource extends ResourceBase {
  kind: 'Gateway';
  selector: Record<string, string>;
  servers: { hosts: string[]; port?: { number: number; protocol: string; name?: string } }[];
}

export interface ServiceEntryResource extends ResourceBase {
  kind: 'ServiceEntry';
  hosts: string[];
  location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
}

/** Every resource the importer reads, by `kind`. */
export type Resource =
  | NamespaceResource
  | WorkloadResource
  | ServiceResource
  | VirtualServiceResource
  | DestinationRuleResource
  | PeerAuthenticationResource
  | GatewayResource
  | ServiceEntryResource;

/** The kinds read, in the order the issue lists them. */
export const IMPORTED_KINDS = ['Namespace', 'Deployment', 'StatefulSet', 'Service', 'VirtualService', 'DestinationRule', 'PeerAuthentication', 'Gateway', 'ServiceEntry'] as const;

/** What `importManifests` gives back. Plain data. */
export interface ImportResult {
  /**
   * The scenario, as a scenario file would say it (durations in ms), or null when `errors` is
   * not empty. It is validated: problems the scenario checks find are in `errors`, by scenario path.
   */
  scenario: ScenarioInput | null;
  /**
   * The same scenario validated (durations in ms, defaults filled), ready for `runScenario`;
   * null when there are errors or when it uses a feature the simulator does not run yet (a
   * warning says which: `calls[].routes`).
   */
  validated: Scenario | null;
  /** Kinds and fields not modelled, and choices made for the user (`file:line: path: ...`). */
  warnings: ImportMessage[];
  /** Malformed manifests and references that do not resolve; any error makes the CLI exit 2. */
  errors: ImportMessage[];
  /**
   * Whether some error is in reading a file (YAML syntax, a field's type or value, a file too
   * large or not text), not in joining resources (a reference that does not resolve): `lint`
   * exits 2 for the first, and for the second lints the manifests as written.
   */
  malformed: boolean;
  /**
   * Where each scenario value came from: scenario path (`services.2.policy.timeout`, as the
   * scenario's own messages write paths) to the manifest or workload fields it was made of.
   */
  provenance: Record<string, SourceRef[]>;
  /**
   * Scenario paths of the calls and clients (`services.0.calls.1`, `clients.0`) whose policy
   * flattens an app's own retries with its sidecar's (see `flatten` in policy.ts): their route
   * timeout is the app's tries times its per-try timeout, and their extra tries are the
   * sidecar's inside each of the app's tries, so `lint` does not read them as tries that miss
   * the timeout (MS003).
   */
  flattened: string[];
  /** Every resource read, typed, with its file and lines (also when there are errors). */
  resources: Resource[];
}
