import { parseDuration } from '../duration';
import { formatPath, type ManifestDoc, type Seg } from './documents';
import type { HttpRoute, ImportMessage, PeerAuthMode, Resource, ResourceBase, TrafficPolicy } from './types';

/**
 * Reads one YAML document into a typed resource, with a `file:line: path: message` error for
 * each malformed field and a warning for each field the importer does not model. The fields
 * read are exactly those the issue lists (issue 15, item 1); see the README section "Import
 * Kubernetes and Istio YAML" for what each becomes.
 */

type Out = { errors: ImportMessage[]; warnings: ImportMessage[] };

/** Field readers over one document: each takes its field and checks its type. */
class Fields {
  constructor(
    readonly doc: ManifestDoc,
    readonly out: Out,
  ) {}

  err(path: readonly Seg[], message: string): undefined {
    this.out.errors.push(this.doc.at(path, message));
    return undefined;
  }

  str(path: Seg[], required = false): string | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return required ? this.err(path, 'is required') : undefined;
    if (typeof v !== 'string') return this.err(path, `expected a string, got ${describe(v)}`);
    return v;
  }

  int(path: Seg[], min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.err(path, `expected a whole number, got ${describe(v)}`);
    if (v < min || v > max) return this.err(path, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  num(path: Seg[], min: number, max: number): number | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.err(path, `expected a number, got ${describe(v)}`);
    if (v < min || v > max) return this.err(path, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  /**
   * An Istio duration ("2s", "0.5s", "100ms"), in ms. A bare number is refused: Istio's durations
   * are text with a unit (the CRDs' schema says string, so Kubernetes refuses `timeout: 2`), and
   * read by the scenario file's rule it would silently be 2 ms.
   */
  duration(path: Seg[]): number | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return this.err(path, `expected a duration with its unit, such as "${v}s" or "${v}ms", got the number ${v} (Istio's durations are text with a unit; Kubernetes refuses a bare number)`);
    const r = parseDuration(v);
    if (!r.ok) return this.err(path, r.message);
    if (r.ms <= 0) return this.err(path, 'must be greater than zero');
    return r.ms;
  }

  /**
   * A route's `timeout` or `retries.perTryTimeout`, where 0s is Istio's (and Envoy's) way to turn
   * it off: 0 (off), with a warning, rather than refused as "must be greater than zero"
   * (Kubernetes takes it, and Istio's streaming examples write it).
   */
  durationOrOff(path: Seg[]): number | undefined {
    const v = this.doc.peek(path);
    const r = typeof v === 'string' ? parseDuration(v) : null;
    if (r === null || !r.ok || r.ms !== 0) return this.duration(path);
    this.doc.take(path);
    const perTry = path[path.length - 1] === 'perTryTimeout';
    this.out.warnings.push(
      this.doc.at(
        path,
        perTry
          ? `${v}: turns the per-try timeout off, as in Istio: no per-try timeout here (each try may run until the route's timeout)`
          : `${v}: turns the route timeout off, as in Istio: no timeout here (on a route of a gateway it is written timeout: 0s, which turns off Envoy's 15 s default there too)`,
      ),
    );
    return 0;
  }

  oneOf<T extends string>(path: Seg[], values: readonly T[]): T | undefined {
    const v = this.str(path);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) return this.err(path, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  /** A map of string to string (labels, selectors). */
  labels(path: Seg[]): Record<string, string> | undefined {
    const v = this.doc.take(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.err(path, `expected a map of names to values, got ${describe(v)}`);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
      else this.err([...path, k], `expected a string, got ${describe(x)}`);
    }
    return out;
  }

  /** The length of a list at a path (0 when absent), without taking it. */
  list(path: Seg[]): number {
    const v = this.doc.peek(path);
    if (v === undefined || v === null) return 0;
    if (!Array.isArray(v)) {
      this.doc.take(path);
      this.err(path, `expected a list, got ${describe(v)}`);
      return 0;
    }
    return v.length;
  }

  /** Whether a value is there and is no list (list() has said so already). */
  notList(path: Seg[]): boolean {
    const v = this.doc.peek(path);
    return v !== undefined && v !== null && !Array.isArray(v);
  }

  strings(path: Seg[]): string[] {
    const n = this.list(path);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = this.str([...path, i]);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return JSON.stringify(v);
}

/** Reads a document; null for a kind not modelled (with its warning) or one too broken to use. */
export function readResource(doc: ManifestDoc, out: Out): Resource | null {
  const f = new Fields(doc, out);
  if (doc.data === null || typeof doc.data !== 'object' || Array.isArray(doc.data)) {
    out.errors.push(doc.at([], `expected a Kubernetes object (a map with apiVersion, kind and metadata), got ${describe(doc.data)}`));
    return null;
  }
  const kind = f.str(['kind'], true);
  const apiVersion = f.str(['apiVersion'], true);
  if (kind === undefined || apiVersion === undefined) return null;
  if (kind === 'List') {
    out.warnings.push(doc.at(['kind'], 'List: not read (write its items as documents separated by ---)'));
    return null;
  }
  const known = ['Namespace', 'Deployment', 'StatefulSet', 'Service', 'VirtualService', 'DestinationRule', 'PeerAuthentication', 'Gateway', 'ServiceEntry'];
  if (!known.includes(kind)) {
    const name = doc.peek(['metadata', 'name']);
    out.warnings.push(doc.at(['kind'], `${kind}${typeof name === 'string' ? ` "${name}"` : ''}: kind not modelled (dropped)`));
    return null;
  }
  const name = f.str(['metadata', 'name'], true);
  const namespace = f.str(['metadata', 'namespace']) ?? 'default';
  if (name === undefined) return null;
  const base: ResourceBase = { apiVersion, name, namespace, file: doc.file, line: doc.line, lines: doc.lines };
  const r = readKind(kind, f, base);
  const shape = doc.shapeErrors();
  if (shape.length) {
    // The shape says it better than what a reader made of the missing value ("needs at least one host").
    const at = new Set(shape.map((e) => `${e.file}:${e.line}:${e.path}`));
    for (let i = out.errors.length - 1; i >= 0; i--) if (at.has(`${out.errors[i].file}:${out.errors[i].line}:${out.errors[i].path}`)) out.errors.splice(i, 1);
    out.errors.push(...shape);
    return null;
  }
  for (const p of doc.untaken()) {
    // A near miss of a field read here is a typo, not a field to drop: Kubernetes refuses a field
    // its schema lacks (kubectl apply validates strictly), and dropping it would run the default.
    const meant = doc.nearMiss(p);
    if (meant !== undefined) out.errors.push(doc.at(p, `unknown field; did you mean ${meant}? (Kubernetes and Istio refuse a field their schema lacks; left as it is, ${meant} would take its default)`));
    else out.warnings.push(doc.at(p, `not modelled (dropped)${whyNot(p)}`));
  }
  return r;
}

/** A reason beside "not modelled" where one helps. */
function whyNot(p: Seg[]): string {
  const s = formatPath(p);
  if (s === 'status') return ': status is the cluster\'s report, not config';
  if (s.startsWith('metadata.labels') || s.startsWith('metadata.annotations')) return ': only pod template labels, Namespace labels and sidecar.istio.io/inject select anything';
  if (s.endsWith('containers') || s === 'spec.template.spec') return ': what the app does comes from the workload file';
  if (s.endsWith('targetPort')) return ': the model addresses services by name';
  // A budget written where Istio has none: its place is the TrafficPolicy's own retryBudget.
  if (s.endsWith('connectionPool.http.retryBudget') || s.endsWith('connectionPool.tcp.retryBudget')) return ": Istio's HTTPSettings have no retryBudget; the retry budget is trafficPolicy.retryBudget (Istio 1.27+)";
  if (/portLevelSettings\[\d+\]\.retryBudget$/.test(s)) return ": a port's traffic policy has no retryBudget in Istio; set it on trafficPolicy.retryBudget";
  return '';
}

function readKind(kind: string, f: Fields, base: ResourceBase): Resource | null {
  switch (kind) {
    case 'Namespace':
      return { ...base, kind: 'Namespace', namespace: base.name, labels: f.labels(['metadata', 'labels']) ?? {} };
    case 'Deployment':
    case 'StatefulSet': {
      const replicas = f.int(['spec', 'replicas'], 0) ?? 1;
      f.labels(['spec', 'selector', 'matchLabels']);
      const podLabels = f.labels(['spec', 'template', 'metadata', 'labels']) ?? {};
      const inj = f.str(['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject']);
      let inject: boolean | undefined;
      if (inj !== undefined) {
        if (inj === 'true' || inj === 'false') inject = inj === 'true';
        else f.err(['spec', 'template', 'metadata', 'annotations', 'sidecar.istio.io/inject'], `must be "true" or "false", got ${JSON.stringify(inj)}`);
      }
      if (kind === 'StatefulSet') f.str(['spec', 'serviceName']);
      return { ...base, kind, replicas, podLabels, inject };
    }
    case 'Service': {
      const selector = f.labels(['spec', 'selector']) ?? {};
      const type = f.str(['spec', 'type']);
      if (type !== undefined && type !== 'ClusterIP') f.out.warnings.push(f.doc.at(['spec', 'type'], `${type}: not modelled (taken as ClusterIP: callers inside the cluster)`));
      const ports = [];
      for (let i = 0, n = f.list(['spec', 'ports']); i < n; i++) {
        const port = f.int(['spec', 'ports', i, 'port'], 1, 65535);
        f.oneOf(['spec', 'ports', i, 'protocol'], ['TCP', 'UDP', 'SCTP']);
        ports.push({ name: f.str(['spec', 'ports', i, 'name']), port: port ?? 0, appProtocol: f.str(['spec', 'ports', i, 'appProtocol']) });
      }
      return { ...base, kind: 'Service', selector, ports };
    }
    case 'VirtualService': {
      const hosts = f.strings(['spec', 'hosts']);
      if (hosts.length === 0 && !f.notList(['spec', 'hosts'])) f.err(['spec', 'hosts'], 'needs at least one host');
      const gateways = f.strings(['spec', 'gateways']);
      const http: HttpRoute[] = [];
      for (let i = 0, n = f.list(['spec', 'http']); i < n; i++) http.push(readHttpRoute(f, i));
      return { ...base, kind: 'VirtualService', hosts, gateways, http };
    }
    case 'DestinationRule': {
      const host = f.str(['spec', 'host'], true) ?? '';
      const subsets = [];
      for (let i = 0, n = f.list(['spec', 'subsets']); i < n; i++) {
        const p = ['spec', 'subsets', i];
        subsets.push({ name: f.str([...p, 'name'], true) ?? '', labels: f.labels([...p, 'labels']) ?? {}, trafficPolicy: readTrafficPolicy(f, [...p, 'trafficPolicy']) });
      }
      return { ...base, kind: 'DestinationRule', host, subsets, trafficPolicy: readTrafficPolicy(f, ['spec', 'trafficPolicy']) };
    }
    case 'PeerAuthentication': {
      const selector = f.labels(['spec', 'selector', 'matchLabels']);
      const mode = f.oneOf(['spec', 'mtls', 'mode'], ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'] as const) ?? 'UNSET';
      // Istio's root namespace (meshConfig.rootNamespace) is istio-system by default.
      const scope = selector ? 'workload' : base.namespace === 'istio-system' ? 'mesh' : 'namespace';
      // Per-port modes (workload port number -> mode): read so the build can say what it does
      // with them; the model has one mode per service. Istio takes them only with a selector
      // (without one they stay a field not read, warned as such).
      const portLevel: { port: string; mode: PeerAuthMode }[] = [];
      const pl = selector ? f.doc.peek(['spec', 'portLevelMtls']) : undefined;
      if (pl !== undefined && pl !== null && typeof pl === 'object' && !Array.isArray(pl)) {
        for (const port of Object.keys(pl)) {
          const m = f.oneOf(['spec', 'portLevelMtls', port, 'mode'], ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'] as const);
          if (m !== undefined) portLevel.push({ port, mode: m });
        }
      }
      return { ...base, kind: 'PeerAuthentication', selector, mode, scope, ...(portLevel.length ? { portLevel } : {}) };
    }
    case 'Gateway': {
      const selector = f.labels(['spec', 'selector']) ?? {};
      const servers = [];
      for (let i = 0, n = f.list(['spec', 'servers']); i < n; i++) {
        const p = ['spec', 'servers', i];
        const number = f.int([...p, 'port', 'number'], 1, 65535);
        const protocol = f.str([...p, 'port', 'protocol']);
        const pname = f.str([...p, 'port', 'name']);
        servers.push({ hosts: f.strings([...p, 'hosts']), port: number === undefined ? undefined : { number, protocol: protocol ?? 'HTTP', name: pname } });
      }
      return { ...base, kind: 'Gateway', selector, servers };
    }
    case 'ServiceEntry': {
      const hosts = f.strings(['spec', 'hosts']);
      if (hosts.length === 0 && !f.notList(['spec', 'hosts'])) f.err(['spec', 'hosts'], 'needs at least one host');
      const location = f.oneOf(['spec', 'location'], ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const) ?? 'MESH_EXTERNAL';
      return { ...base, kind: 'ServiceEntry', hosts, location };
    }
  }
  return null;
}

function readHttpRoute(f: Fields, i: number): HttpRoute {
  const p: Seg[] = ['spec', 'http', i];
  f.str([...p, 'name']);
  const match = [];
  for (let j = 0, n = f.list([...p, 'match']); j < n; j++) {
    const m = [...p, 'match', j];
    const headers: HttpRoute['match'][number]['headers'] = {};
    const h = f.doc.peek([...m, 'headers']);
    if (h !== undefined && h !== null && typeof h === 'object' && !Array.isArray(h)) {
      for (const name of Object.keys(h)) headers[name] = { exact: f.str([...m, 'headers', name, 'exact']), prefix: f.str([...m, 'headers', name, 'prefix']), regex: f.str([...m, 'headers', name, 'regex']) };
    }
    match.push({ uriPrefix: f.str([...m, 'uri', 'prefix']), uriExact: f.str([...m, 'uri', 'exact']), headers });
  }
  const route = [];
  for (let k = 0, n = f.list([...p, 'route']); k < n; k++) {
    const d = [...p, 'route', k];
    route.push({ host: f.str([...d, 'destination', 'host'], true) ?? '', subset: f.str([...d, 'destination', 'subset']), weight: f.int([...d, 'weight'], 0, 100) });
  }
  if (route.length === 0 && !f.notList([...p, 'route']) && f.doc.peek([...p, 'redirect']) === undefined && f.doc.peek([...p, 'directResponse']) === undefined) f.err([...p, 'route'], 'needs at least one destination');
  const timeout = f.durationOrOff([...p, 'timeout']);
  const timeoutMs = timeout === 0 ? undefined : timeout;
  let retries: HttpRoute['retries'];
  if (f.doc.peek([...p, 'retries']) !== undefined) {
    const r = [...p, 'retries'];
    const on = f.str([...r, 'retryOn']);
    retries = { attempts: f.int([...r, 'attempts'], 0, 1000) ?? 0, perTryTimeoutMs: f.durationOrOff([...r, 'perTryTimeout']) || undefined, retryOn: on === undefined ? undefined : on.split(',').map((s) => s.trim()).filter(Boolean) };
  }
  let fault: HttpRoute['fault'];
  if (f.doc.peek([...p, 'fault']) !== undefined) {
    const q = [...p, 'fault'];
    fault = {};
    if (f.doc.peek([...q, 'delay']) !== undefined) {
      const fixed = f.duration([...q, 'delay', 'fixedDelay']);
      if (fixed === undefined) f.err([...q, 'delay', 'fixedDelay'], 'is required (a fixed delay such as "7s"; exponentialDelay is not modelled)');
      fault.delay = { percent: percentOf(f, [...q, 'delay']), fixedDelayMs: fixed ?? 0 };
    }
    if (f.doc.peek([...q, 'abort']) !== undefined) {
      const status = f.int([...q, 'abort', 'httpStatus'], 200, 599);
      if (status === undefined) f.err([...q, 'abort', 'httpStatus'], 'is required (an HTTP status such as 503; grpcStatus is not modelled)');
      fault.abort = { percent: percentOf(f, [...q, 'abort']), httpStatus: status ?? 503 };
    }
  }
  return { index: i, match, route, timeoutMs, ...(timeout === 0 ? { timeoutOff: true } : {}), retries, fault };
}

/** Istio's LocalityLoadBalancerSetting: `enabled`, `distribute` and `failover` (`failoverPriority` is left, and warned, as not modelled). */
function readLocalityLb(f: Fields, p: Seg[]): NonNullable<TrafficPolicy['localityLbSetting']> {
  const out: NonNullable<TrafficPolicy['localityLbSetting']> = {};
  const enabled = f.doc.take([...p, 'enabled']);
  if (enabled !== undefined && enabled !== null) {
    if (typeof enabled === 'boolean') out.enabled = enabled;
    else f.err([...p, 'enabled'], `expected true or false, got ${describe(enabled)}`);
  }
  const nd = f.list([...p, 'distribute']);
  if (nd > 0) {
    out.distribute = [];
    for (let i = 0; i < nd; i++) {
      const q = [...p, 'distribute', i];
      const from = f.str([...q, 'from'], true) ?? '';
      const to: Record<string, number> = {};
      const raw = f.doc.peek([...q, 'to']);
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) f.err([...q, 'to'], `expected a map of localities to weights (percent), got ${describe(raw)}`);
      else for (const k of Object.keys(raw)) to[k] = f.int([...q, 'to', k], 0, 100) ?? 0;
      out.distribute.push({ from, to });
    }
  }
  const nf = f.list([...p, 'failover']);
  if (nf > 0) {
    out.failover = [];
    for (let i = 0; i < nf; i++) {
      const q = [...p, 'failover', i];
      out.failover.push({ from: f.str([...q, 'from'], true) ?? '', to: f.str([...q, 'to'], true) ?? '' });
    }
  }
  return out;
}

/** Istio's `percentage.value` (or the older integer `percent`); 100 when neither is set. */
function percentOf(f: Fields, p: Seg[]): number {
  const v = f.num([...p, 'percentage', 'value'], 0, 100);
  const old = f.int([...p, 'percent'], 0, 100);
  return v ?? old ?? 100;
}

function readTrafficPolicy(f: Fields, p: Seg[], portLevel = false): TrafficPolicy | undefined {
  if (f.doc.peek(p) === undefined) return undefined;
  const t: TrafficPolicy = { portLevelSettings: [] };
  const lb = f.oneOf([...p, 'loadBalancer', 'simple'], ['ROUND_ROBIN', 'LEAST_REQUEST', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH'] as const);
  if (lb) t.loadBalancer = lb;
  if (f.doc.peek([...p, 'loadBalancer', 'consistentHash']) !== undefined) t.loadBalancer = 'CONSISTENT_HASH';
  const cp = [...p, 'connectionPool'];
  if (f.doc.peek(cp) !== undefined) {
    t.connectionPool = {
      tcp: {
        maxConnections: f.int([...cp, 'tcp', 'maxConnections'], 0),
        connectTimeoutMs: f.duration([...cp, 'tcp', 'connectTimeout']),
        maxConnectionDurationMs: f.duration([...cp, 'tcp', 'maxConnectionDuration']),
      },
      http: {
        http1MaxPendingRequests: f.int([...cp, 'http', 'http1MaxPendingRequests'], 0),
        http2MaxRequests: f.int([...cp, 'http', 'http2MaxRequests'], 0),
        maxRetries: f.int([...cp, 'http', 'maxRetries'], 0),
        maxRequestsPerConnection: f.int([...cp, 'http', 'maxRequestsPerConnection'], 0),
        idleTimeoutMs: f.duration([...cp, 'http', 'idleTimeout']),
        h2UpgradePolicy: f.oneOf([...cp, 'http', 'h2UpgradePolicy'], ['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE'] as const),
        maxConcurrentStreams: f.int([...cp, 'http', 'maxConcurrentStreams'], 0),
      },
    };
  }
  const od = [...p, 'outlierDetection'];
  if (f.doc.peek(od) !== undefined) {
    t.outlierDetection = {
      consecutive5xxErrors: f.int([...od, 'consecutive5xxErrors'], 0),
      consecutiveGatewayErrors: f.int([...od, 'consecutiveGatewayErrors'], 0),
      intervalMs: f.duration([...od, 'interval']),
      baseEjectionTimeMs: f.duration([...od, 'baseEjectionTime']),
      maxEjectionPercent: f.int([...od, 'maxEjectionPercent'], 0, 100),
      minHealthPercent: f.int([...od, 'minHealthPercent'], 0, 100),
    };
  }
  const ll = [...p, 'loadBalancer', 'localityLbSetting'];
  if (f.doc.peek(ll) !== undefined) t.localityLbSetting = readLocalityLb(f, ll);
  const mode = f.oneOf([...p, 'tls', 'mode'], ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const);
  if (mode) t.tls = { mode };
  // Istio's TrafficPolicy.retryBudget (destination_rule.proto, 1.27+); a port's policy has none,
  // so there it is left untaken (a warning, as any field Istio does not define there).
  const rb = [...p, 'retryBudget'];
  if (!portLevel && f.doc.peek(rb) !== undefined) {
    // budgetInterval 0s is Istio's default (count only the requests active now), not an error.
    const bi = [...rb, 'budgetInterval'];
    const zero = (v: unknown) => {
      const r = v === undefined ? null : parseDuration(v);
      return r !== null && r.ok && r.ms === 0;
    };
    t.retryBudget = {
      percent: f.num([...rb, 'percent'], 0, 100),
      minRetryConcurrency: f.int([...rb, 'minRetryConcurrency'], 0),
      budgetIntervalMs: zero(f.doc.peek(bi)) ? (f.doc.take(bi), 0) : f.duration(bi),
    };
  }
  for (let i = 0, n = f.list([...p, 'portLevelSettings']); i < n; i++) {
    const q = [...p, 'portLevelSettings', i];
    const port = f.int([...q, 'port', 'number'], 1, 65535) ?? 0;
    const sub = readTrafficPolicy(f, q, true) ?? { portLevelSettings: [] };
    t.portLevelSettings.push({ port, policy: sub });
  }
  return t;
}
