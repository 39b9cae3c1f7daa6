/**
 * What `meshsim lint` reports. The JSON form (`--json`) is this `LintReport` and is stable:
 * fields are only ever added, and `schemaVersion` goes up when one changes meaning.
 */

/** How bad a finding is. `error`: requests fail as configured; `warning`: they will under failure or load; `info`: hardening. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a finding points: a scenario's actor or a Kubernetes/Istio resource, with its file and 1-based line when known. */
export interface ResourceRef {
  /** `Service`, `Gateway`, `Client` (scenario actors) or a manifest's kind (`VirtualService`, `DestinationRule`, ...). */
  kind: string;
  name: string;
  namespace?: string;
  file?: string;
  line?: number;
}

/** The number that shows a finding, in words and as values (milliseconds, counts, ratios). */
export interface Figure {
  text: string;
  values: Record<string, number | string | boolean | null>;
}

/** One problem lint found. */
export interface Finding {
  /** MS001...: see RULES and the README's table. */
  code: string;
  /** The rule's short name (`retry-amplification`). */
  rule: string;
  severity: Severity;
  resource: ResourceRef;
  /** The field at fault: a scenario path (`services.2.policy.retries`) or a manifest path (`spec.http[0].timeout`). */
  field: string;
  /** For a finding on a scenario imported from manifests: the scenario path `field` was found at (`services.4.calls.0.policy.timeout`). */
  scenarioField?: string;
  message: string;
  figure: Figure;
  /** One line that says how to fix it. */
  fix: string;
  /** True when the figure was measured by simulating the scenario, not read from the config. */
  simulated: boolean;
}

/** `--json`'s output. */
export interface LintReport {
  schemaVersion: 1;
  /** The inputs as given, files and folders, in order. */
  inputs: string[];
  /** What each input was read as: a scenario file, or a set of manifests (imported to a scenario). */
  scenarios: { name: string; files: string[]; kind: 'scenario' | 'manifests'; simulated: boolean }[];
  findings: Finding[];
  counts: Record<Severity, number>;
  failOn: FailOn;
  /** The exit code: 1 when a finding is at `failOn` or worse, else 0. */
  exitCode: 0 | 1;
}

/** `--fail-on`: the least severity that makes lint exit 1. */
export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** A lint rule: its code, name, default severity, what it finds, and where that comes from. */
export interface RuleInfo {
  code: string;
  rule: string;
  severity: Severity;
  summary: string;
}

/** Every rule, by code. The README's table lists the same. */
export const RULES = {
  MS001: { code: 'MS001', rule: 'retry-amplification', severity: 'warning', summary: 'Retries at several layers multiply under a failing leaf service: measured by simulating the scenario with the leaf answering 503 (error from 10 attempts per user request)' },
  MS002: { code: 'MS002', rule: 'inner-timeout-outlives-caller', severity: 'warning', summary: "A service waits longer for its callee than its own caller waits for it (one try): the caller has given up while the inner call goes on" },
  MS003: { code: 'MS003', rule: 'tries-exceed-route-timeout', severity: 'warning', summary: 'perTryTimeout x tries is longer than the route timeout: the last tries never run' },
  MS004: { code: 'MS004', rule: 'retries-without-budget-on-fan-in', severity: 'warning', summary: 'A service called by several callers, each retrying with no retry budget: retries can multiply its load when it struggles' },
  MS005: { code: 'MS005', rule: 'cannot-fail-over', severity: 'warning', summary: 'Outlier detection or locality failover that has nowhere to fail over to: one replica, or locality settings without outlier detection' },
  MS006: { code: 'MS006', rule: 'mtls-mismatch', severity: 'error', summary: "A caller sends plaintext (no sidecar, or a DestinationRule's tls DISABLE) to a STRICT workload: every call fails its handshake" },
  MS007: { code: 'MS007', rule: 'undefined-subset', severity: 'error', summary: 'A route sends traffic to a subset no DestinationRule defines: Envoy answers 503 (no cluster)' },
  // info, not warning: no request fails, under failure or load (see Severity); it is hardening.
  MS008: { code: 'MS008', rule: 'permissive-all-meshed', severity: 'info', summary: 'PERMISSIVE mTLS left on where every caller is meshed: plaintext is accepted for no caller that needs it (one finding for all the services left at the default)' },
  MS009: { code: 'MS009', rule: 'gateway-route-no-timeout', severity: 'warning', summary: "A gateway route without a timeout takes Envoy's 15 s default" },
  MS010: { code: 'MS010', rule: 'policy-overridden', severity: 'warning', summary: "A service's policy field that every caller's own route policy overrides, or a timed policy change that reaches no request (overridden, not applied by callers without an L7 proxy, or already in force): Envoy applies the route policy of the proxy that sends the request" },
  MS011: { code: 'MS011', rule: 'client-policy-without-proxy', severity: 'warning', summary: "A client's own route policy that its proxy does not apply: the client has no sidecar, or an L4 one for the policy's L7 fields (retries, timeout, outlier detection, fault...). Only a client-side L7 proxy applies a route policy's L7 fields (the schema's 'meshed clients only'), so no request uses them" },
  MS012: { code: 'MS012', rule: 'timeout-fails-healthy-calls', severity: 'error', summary: 'Most calls on a route time out with nothing failing: its timeout is shorter than the calls take (often a bare number, read as milliseconds): measured by simulating the scenario without its faults' },
  MS013: { code: 'MS013', rule: 'client-requests-no-route', severity: 'error', summary: "Every request of a client ends 404 no-route (Envoy's NR): no route of the gateway it calls matches its host, path and version, or a call every request makes has only routes that match headers the client does not send" },
  MS014: { code: 'MS014', rule: 'near-capacity', severity: 'warning', summary: 'A service or gateway that the open-loop clients load to 90% or more of its capacity (replicas x concurrency / mean service time; a gateway: its CPU per request): its queue and latency climb steeply, and past 100% the queue grows without end' },
  // info: no request fails; the figures come out too small (trial N9: a 0 ms internet hop). The default stays 0 ms.
  MS015: { code: 'MS015', rule: 'no-network-latency', severity: 'info', summary: 'A scenario with internet clients, third parties or several zones but no network.latency or network.placement: every hop takes 0 ms, so hops, handshakes and distance cost nothing' },
  // info: the breaker is doing its job (Envoy's default); the person should know it will refuse retries (trial N11, 2).
  MS016: { code: 'MS016', rule: 'retry-overflow', severity: 'info', summary: "A route's retries can fill its caller's circuit breaker (circuitBreaker.maxRetries; Envoy's default 3 at a gateway) at the offered rate × the callee's failing share: the retries past it are not made (upstream_rq_retry_overflow) and those calls fail" },
  // info, as the trial asked: the figure is a floor from the config (no queueing, retries or network time); MS014 is the warning for a service's own work.
  MS017: { code: 'MS017', rule: 'saturated-waiting-on-calls', severity: 'info', summary: "A service whose workers the open-loop clients keep 90% busy or more once the time they wait on their calls is counted (Little's law: offered req/s x (its mean service time + its calls' mean time) against replicas x concurrency; concurrency defaults to 1): requests queue and time out though its own work is light. A warning at 100% or more: offered more than its workers finish, the queue grows without bound (by offered − replicas x concurrency / hold time req/s)" },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULES;
