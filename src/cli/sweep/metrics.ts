// The figures a sweep can report (--metric): the run-wide ones it always had, and per gateway,
// per edge and per service ones, named as `run --json` names their parts. One table of
// definitions read by the worker (the values), the report (labels, ranges) and the CLI (names).
import type { RunSummary } from '../../models';
import { nearestName, listNames } from '../../scenario/nearMiss';

/** How one metric is read from a run's summary and shown. */
export interface MetricDef {
  /** The label in tables and charts, with its unit. */
  label: string;
  /** What its value is multiplied by where a person reads it: 100 for a 0..1 share shown in %. */
  scale: number;
  /** The values it can take, [least, most]; its interval is cut to them (confidenceInterval). */
  range: readonly [number, number];
  /** The figure of one run, or null where the run has none (no ok request, no such hop used). */
  read(s: RunSummary): number | null;
}

/** The run-wide figures shown when no --metric is given, in that order. */
export const DEFAULT_METRICS = ['p50Ms', 'p90Ms', 'p99Ms', 'meanMs', 'errorShare', 'attemptsPerCall', 'proxyCpuVcpu'] as const;

/**
 * Old metric names still read, each as its new name's figure under the old key (a --metric, a job
 * output's list): attemptsPerRequest was the per-call figure's name until session 50, though it is
 * not per user request (trial T1, 3). A report keeps the name it was asked for.
 */
export const METRIC_ALIASES: Readonly<Record<string, string>> = { attemptsPerRequest: 'attemptsPerCall' };

const NEVER_NEGATIVE = [0, Infinity] as const;
const SHARE = [0, 1] as const;
const vcpu = (cpuMs: number, s: RunSummary) => (s.simulatedMs > 0 ? cpuMs / s.simulatedMs : null);

/**
 * The run-wide metrics, by the names the sweep's JSON and CSV use:
 * - latencies: the run's p50, p90, p99 and mean of ok requests after the warmup (ms);
 * - errorShare ("failed, % of ended"): failed / (ok + failed), the user requests that ended; those still
 *   in flight when the run stopped are left out, as a story step counts them. The estimate of the chance
 *   a request fails: over sent it would read each unended request as ok (docs/cli.md, "Which denominator");
 * - failedOfSent ("failed, % of sent"): failed / sent, in flight counted in sent, as compare's figures
 *   table divides (for quoting beside it; the app's failed counter is of ended since session 54); inFlightShare: in flight at the end / sent;
 * - attemptsPerCall ("attempts per call, all hops"; attemptsPerRequest before session 50, still read): attempts (first attempts + retries, Envoy's
 *   x-envoy-attempt-count) on every hop per call on those hops (sum of edges' requests + retries over
 *   sum of their requests), not per user request (compare's "attempts per user request, all hops"); as Envoy's `upstream_rq_total` / downstream requests
 *   would read at each router; diluted over hops that never retry (edge:FROM->TO.tries is one hop's);
 * - proxyCpuVcpu: all sidecars' CPU time over the simulated time, the vCPU they kept busy on
 *   average (0.35 vCPU per 1000 req/s per proxy, Istio's figure; src/models/proxy/calibration.ts);
 * - gatewayCpuVcpu: every gateway's CPU (RunSummary.gateways[].cpuMs) over the simulated time;
 *   null in a scenario without a gateway.
 */
export const RUN_METRICS: Record<string, MetricDef> = {
  p50Ms: { label: 'latency p50 (ms)', scale: 1, range: NEVER_NEGATIVE, read: (s) => (s.requests.ok > 0 ? s.latencyMs.p50 : null) },
  p90Ms: { label: 'latency p90 (ms)', scale: 1, range: NEVER_NEGATIVE, read: (s) => (s.requests.ok > 0 ? s.latencyMs.p90 : null) },
  p99Ms: { label: 'latency p99 (ms)', scale: 1, range: NEVER_NEGATIVE, read: (s) => (s.requests.ok > 0 ? s.latencyMs.p99 : null) },
  meanMs: { label: 'latency mean (ms)', scale: 1, range: NEVER_NEGATIVE, read: (s) => (s.requests.ok > 0 ? s.latencyMs.mean : null) },
  endedRequests: { label: 'user requests ended', scale: 1, range: NEVER_NEGATIVE, read: (s) => s.requests.ok + s.requests.failed },
  errorShare: {
    // The head says how the app reads it (trial T1, 3): its failed counter divides by ended too (session 54, C1);
    // compare's figures table by sent.
    label: "failed, % of ended (as the app's counter)",
    scale: 100,
    range: SHARE,
    read: (s) => {
      const ended = s.requests.ok + s.requests.failed;
      return ended > 0 ? s.requests.failed / ended : null;
    },
  },
  failedOfSent: { label: 'failed, % of sent', scale: 100, range: SHARE, read: (s) => (s.requests.sent > 0 ? s.requests.failed / s.requests.sent : null) },
  inFlightShare: { label: 'in flight at the end, % of sent', scale: 100, range: SHARE, read: (s) => (s.requests.sent > 0 ? s.requests.inFlight / s.requests.sent : null) },
  attemptsPerCall: {
    // The app's and compare's figure is per user request (3.992 against this 1.385 in gateway-only).
    label: 'attempts per call, all hops (app: per user request)',
    scale: 1,
    range: [1, Infinity],
    read: (s) => {
      let calls = 0;
      let retries = 0;
      for (const e of Object.values(s.edges)) {
        calls += e.requests;
        retries += e.retries;
      }
      return calls > 0 ? (calls + retries) / calls : null;
    },
  },
  proxyCpuVcpu: {
    label: 'proxy CPU (vCPU)',
    scale: 1,
    range: NEVER_NEGATIVE,
    read: (s) => {
      const proxies = Object.values(s.proxies);
      return proxies.length > 0 ? vcpu(proxies.reduce((t, p) => t + p.cpuMs, 0), s) : null;
    },
  },
  gatewayCpuVcpu: {
    label: 'gateway CPU, all (vCPU)',
    scale: 1,
    range: NEVER_NEGATIVE,
    read: (s) => {
      const gws = Object.values(s.gateways);
      return gws.length > 0 ? vcpu(gws.reduce((t, g) => t + g.cpuMs, 0), s) : null;
    },
  },
};

type Part<T> = Record<string, { label: string; scale: number; range: readonly [number, number]; read(x: T, s: RunSummary): number | null }>;

/** A gateway's figures (`gateway:NAME.FIELD`), from RunSummary.gateways[NAME]. */
const GATEWAY_FIELDS: Part<RunSummary['gateways'][string]> = {
  cpu: { label: 'CPU (vCPU)', scale: 1, range: NEVER_NEGATIVE, read: (g, s) => vcpu(g.cpuMs, s) },
  utilization: { label: 'utilisation (%)', scale: 100, range: SHARE, read: (g) => g.utilization },
  requests: { label: 'requests', scale: 1, range: NEVER_NEGATIVE, read: (g) => g.requests },
  forwarded: { label: 'forwarded upstream', scale: 1, range: NEVER_NEGATIVE, read: (g) => g.forwarded },
  rejected: { label: 'rejected', scale: 1, range: NEVER_NEGATIVE, read: (g) => Object.values(g.rejected).reduce((a, b) => a + b, 0) },
};

/** An edge's figures (`edge:FROM->TO.FIELD`), from RunSummary.edges["FROM->TO"], as the caller's router saw them. */
const EDGE_FIELDS: Part<RunSummary['edges'][string]> = {
  tries: { label: 'attempts per call, one hop', scale: 1, range: [1, Infinity], read: (e) => (e.requests > 0 ? (e.requests + e.retries) / e.requests : null) },
  retries: { label: 'retries', scale: 1, range: NEVER_NEGATIVE, read: (e) => e.retries },
  requests: { label: 'calls', scale: 1, range: NEVER_NEGATIVE, read: (e) => e.requests },
  failed: { label: 'failed calls', scale: 1, range: NEVER_NEGATIVE, read: (e) => e.failed },
  errorShare: { label: 'failed, % of ended calls', scale: 100, range: SHARE, read: (e) => (e.ok + e.failed > 0 ? e.failed / (e.ok + e.failed) : null) },
  p50Ms: { label: 'latency p50 (ms)', scale: 1, range: NEVER_NEGATIVE, read: (e) => e.latencyMs?.p50 ?? null },
  p99Ms: { label: 'latency p99 (ms)', scale: 1, range: NEVER_NEGATIVE, read: (e) => e.latencyMs?.p99 ?? null },
};

/** A service's figures (`service:NAME.FIELD`), from RunSummary.services[NAME]. */
const SERVICE_FIELDS: Part<RunSummary['services'][string]> = {
  utilization: { label: 'utilisation (%)', scale: 100, range: SHARE, read: (v) => v.utilization },
  requests: { label: 'requests', scale: 1, range: NEVER_NEGATIVE, read: (v) => v.requests },
  errorShare: { label: 'failed, % of ended attempts', scale: 100, range: SHARE, read: (v) => (v.ok + v.failed > 0 ? v.failed / (v.ok + v.failed) : null) },
  p99Ms: { label: 'latency p99 (ms)', scale: 1, range: NEVER_NEGATIVE, read: (v) => (v.ok > 0 ? v.latencyMs.p99 : null) },
  // A window's figure only (sweep/window.ts reads it from the series; --from/--to is required for it).
  triesPerUserRequest: { label: 'attempts per user request', scale: 1, range: NEVER_NEGATIVE, read: () => null },
};

const KINDS = { gateway: GATEWAY_FIELDS, edge: EDGE_FIELDS, service: SERVICE_FIELDS } as const;
type Kind = keyof typeof KINDS;

/** What a scenario has to name: its gateways, its caller->callee edges as `run --json` names them, its services. */
export interface MetricNames {
  gateway: readonly string[];
  edge: readonly string[];
  service: readonly string[];
}

/** A metric name split: `gateway:egress.cpu` is { kind: 'gateway', part: 'egress', field: 'cpu' }; a run-wide one has no kind. */
function split(name: string): { kind: string; part: string; field: string } | null {
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const rest = name.slice(colon + 1);
  const dot = rest.lastIndexOf('.');
  return { kind: name.slice(0, colon), part: dot < 0 ? rest : rest.slice(0, dot), field: dot < 0 ? '' : rest.slice(dot + 1) };
}

/**
 * The definition of metric `name`, for a name metricProblem accepted; a name of a part a run
 * lacks reads null in it. Throws on a name of no kind (a caller's bug: names are checked first).
 */
export function metricDef(name: string): MetricDef {
  if (RUN_METRICS[name]) return RUN_METRICS[name];
  if (METRIC_ALIASES[name]) return RUN_METRICS[METRIC_ALIASES[name]];
  const p = split(name);
  const fields = p && (KINDS as Record<string, Part<never>>)[p.kind];
  const f = fields?.[p!.field];
  if (!p || !f) throw new Error(`not a sweep metric: ${name}`);
  const table = (s: RunSummary) => (p.kind === 'gateway' ? s.gateways : p.kind === 'edge' ? s.edges : s.services) as Record<string, never>;
  return {
    // A window's tries read as the story step and compare --from/--to name them: "attempts at payments per user request".
    label: p.field === 'triesPerUserRequest' ? `attempts at ${p.part} per user request` : `${p.kind === 'edge' ? '' : `${p.kind} `}${p.part} ${f.label}`,
    scale: f.scale,
    range: f.range,
    read: (s) => {
      const x = table(s)[p.part];
      return x === undefined ? null : f.read(x, s);
    },
  };
}

/** Every metric name form, for --help and messages. */
export function metricForms(): string[] {
  return [
    ...Object.keys(RUN_METRICS),
    ...Object.entries(KINDS).map(([k, fields]) => `${k}:${k === 'edge' ? 'FROM->TO' : 'NAME'}.{${Object.keys(fields).join(',')}}`),
  ];
}

/**
 * Why `name` is not a metric of a scenario with `names`, as `--metric NAME: unknown ...; did you
 * mean ...?` (nearestName), or null when it is one. An edge typed without quotes lost its `>TO`
 * to the shell (`edge:egress-`): that is said too. Pure.
 */
export function metricProblem(name: string, names: MetricNames): string | null {
  if (RUN_METRICS[name] || METRIC_ALIASES[name]) return null;
  const p = split(name);
  if (p === null) {
    const meant = nearestName(name, Object.keys(RUN_METRICS));
    return `--metric ${name}: unknown metric${meant ? `; did you mean ${meant}?` : ''} (metrics: ${metricForms().join(', ')})`;
  }
  if (!(p.kind in KINDS)) {
    const meant = nearestName(p.kind, Object.keys(KINDS)) ?? Object.keys(KINDS).find((k) => k.startsWith(p.kind) || p.kind.startsWith(k));
    return `--metric ${name}: unknown kind "${p.kind}"${meant ? `; did you mean ${meant}:?` : ''} (kinds: ${Object.keys(KINDS).join(', ')}, or a run-wide metric: ${Object.keys(RUN_METRICS).join(', ')})`;
  }
  const kind = p.kind as Kind;
  const has = names[kind];
  if (kind === 'edge' && !p.part.includes('->')) {
    const cut = p.part.endsWith('-') || (p.field === '' && name.endsWith('-'));
    const like = has.find((e) => e.startsWith(`${p.part.replace(/-$/, '')}->`)) ?? has[0] ?? 'web->db';
    return `--metric ${name}: an edge is named FROM->TO${cut ? ', in quotes: the shell took ">" as a redirect' : ''}, e.g. --metric 'edge:${like}.tries' (edges: ${listNames(has)})`;
  }
  if (!has.includes(p.part)) {
    const meant = nearestName(p.part, has);
    return `--metric ${name}: unknown ${kind} "${p.part}"${meant ? `; did you mean ${kind}:${meant}.${p.field || 'FIELD'}?` : ''} (${kind}s: ${listNames(has, p.part)})`;
  }
  const fields = Object.keys(KINDS[kind]);
  if (!fields.includes(p.field)) {
    const meant = nearestName(p.field, fields) ?? fields.find((f) => p.field !== '' && (f.startsWith(p.field) || p.field.startsWith(f)));
    return `--metric ${name}: unknown ${kind} figure "${p.field}"${meant ? `; did you mean ${kind}:${p.part}.${meant}?` : ''} (figures: ${fields.join(', ')})`;
  }
  return null;
}

/** Whether `name` has a metric's form (any part name): what a job output's metric list is checked against. */
export function isMetricName(name: string): boolean {
  if (RUN_METRICS[name] || METRIC_ALIASES[name]) return true;
  const p = split(name);
  return p !== null && p.kind in KINDS && p.part !== '' && p.field in KINDS[p.kind as Kind];
}
