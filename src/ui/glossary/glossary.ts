// The glossary: terms the stories use without saying what they are (trial T4, 6; session 54 added
// the mesh's everyday words: mutual TLS, control plane, CA, DestinationRule, per-try timeout...). Each: the term,
// the words as the stories write them (`forms`, matched whole; `caseSensitive` where case matters:
// STRICT), one or two plain sentences, and the page they were checked against ('' for the
// stories' own words). Read by glossaryMatch.ts; drawn by GlossTerm.tsx; a chunk of its own (useGlossary).
import type { GlossaryTerm } from './glossaryMatch';

/** Every glossary term, in no particular order (glossaryRuns marks by position in the text). */
export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    term: "sidecar", forms: ["sidecar proxy", "sidecars", "sidecar"],
    text: "A proxy (Envoy) that runs next to each replica of a service and handles all of its traffic in and out: retries, timeouts, mutual TLS, load balancing. The application itself is not changed.",
    source: "https://istio.io/v1.4/docs/ops/deployment/architecture/",
  },
  {
    term: "STRICT", forms: ["STRICT"], caseSensitive: true,
    text: "A mutual-TLS mode of Istio's PeerAuthentication: the workload accepts only mutual-TLS traffic, so a caller without a sidecar is refused.",
    source: "https://istio.io/latest/docs/reference/config/security/peer_authentication/",
  },
  {
    term: "PERMISSIVE", forms: ["PERMISSIVE"], caseSensitive: true,
    text: "A mutual-TLS mode of Istio's PeerAuthentication: the workload accepts both mutual TLS and plain text, which helps while some callers have no sidecar yet. Istio's default.",
    source: "https://istio.io/latest/docs/reference/config/security/peer_authentication/",
  },
  {
    term: "egress gateway", forms: ["egress gateways", "egress gateway"],
    text: "A proxy at the edge of the mesh that calls leaving the mesh pass through: one exit point where policy (limits, timeouts, monitoring) can be applied to traffic to the outside.",
    source: "https://istio.io/v1.23/docs/tasks/traffic-management/egress/egress-gateway",
  },
  {
    term: "eject", forms: ["ejecting", "ejected", "ejection", "ejects", "eject"],
    text: "Outlier detection: a proxy that sees a host fail (for example five 5xx in a row) takes it out of load balancing for a while, then lets it back in. A form of passive health checking.",
    source: "https://envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier",
  },
  {
    term: "outlier detection", forms: ["outlier detection"],
    text: "Envoy's passive health checking: a host that performs unlike the others (consecutive failures, say) is ejected from the load-balancing set for a time.",
    source: "https://envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier",
  },
  {
    term: "listeners", forms: ["listeners"],
    text: "The addresses and ports a proxy accepts connections on, with what to do with them. A proxy gets them from the control plane (Envoy's LDS).",
    source: "https://envoyproxy.io/docs/envoy/latest/intro/arch_overview/operations/dynamic_configuration",
  },
  {
    term: "routes", forms: ["routes"],
    text: "The rules that send a request to a cluster of hosts, with its timeout and retries. A proxy gets them from the control plane (Envoy's RDS).",
    source: "https://envoyproxy.io/docs/envoy/latest/intro/arch_overview/operations/dynamic_configuration",
  },
  {
    term: "endpoints", forms: ["endpoints"],
    text: "The addresses of the replicas behind each service, which the proxy load-balances over. A proxy gets them from the control plane (Envoy's EDS).",
    source: "https://envoyproxy.io/docs/envoy/latest/intro/arch_overview/operations/dynamic_configuration",
  },
  {
    term: "no-config", forms: ["no-config", "no config"],
    text: "meshsim's cause for a call through a proxy that never got its listeners, routes and endpoints from the control plane: it has nowhere to send the request, so the call fails.",
    source: "https://envoyproxy.io/docs/envoy/latest/intro/arch_overview/operations/dynamic_configuration",
  },
  {
    term: "trust domain", forms: ["trust domains", "trust domain"],
    text: "The realm a workload identity belongs to, backed by one issuing authority (a CA). A proxy trusts certificates from its own trust domain's CA; another mesh's CA is unknown to it unless bridged.",
    source: "https://github.com/spiffe/spiffe/blob/main/standards/SPIFFE_Trust_Domain_and_Bundle.md",
  },
  {
    term: "503 UC", forms: ["503 UC"], caseSensitive: true,
    text: "Envoy's 503 with the response flag UC, upstream connection termination: the connection to the host was closed while the request was on it.",
    source: "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage",
  },
  {
    term: "Deprecation header", forms: ["Deprecation header"],
    text: "An HTTP response header that tells a client the API it is calling is deprecated and will go away; the client keeps working meanwhile.",
    source: "https://www.rfc-editor.org/rfc/rfc9745",
  },
  {
    term: "410 Gone", forms: ["410 Gone"],
    text: "The HTTP status for a resource that is no longer available and will not come back: here, an API version after its sunset date.",
    source: "https://www.rfc-editor.org/rfc/rfc9110#name-410-gone",
  },
  {
    term: "payments-lob", forms: ["payments-lob"],
    text: "The payments line of business (lob): the part of the company that owns ledger and fraud-check, here behind its own network boundary.",
    source: "",
  },
  {
    term: "mutual TLS", forms: ["mutual-TLS", "mutual TLS", "mTLS"],
    text: "TLS in which both ends present a certificate, so the server knows which workload is calling as well as the caller knowing the server. In a mesh the sidecars do it, with certificates from the mesh's CA.",
    source: "https://istio.io/latest/docs/concepts/security/#mutual-tls-authentication",
  },
  {
    term: "control plane", forms: ["control planes", "control plane"],
    text: "The mesh's management service (Istio's istiod): it sends each sidecar its config (listeners, routes, endpoints) and, as the CA, signs its certificates. Requests never pass through it.",
    source: "https://istio.io/latest/docs/ops/deployment/architecture/",
  },
  {
    term: "data plane", forms: ["data plane"],
    text: "The proxies that carry the requests (the sidecars and gateways), as opposed to the control plane that configures them.",
    source: "https://istio.io/latest/docs/ops/deployment/architecture/",
  },
  {
    term: "CA", forms: ["CAs", "CA"], caseSensitive: true,
    text: "Certificate authority: the service that signs the workloads' certificates. In Istio the control plane is the CA; a proxy trusts the certificates its CA's root signed.",
    source: "https://istio.io/latest/docs/concepts/security/#pki",
  },
  {
    term: "per-try timeout", forms: ["per-try timeouts", "per-try timeout"],
    text: "A time limit on each single try of a call, so a hung try is abandoned and retried while the whole request's timeout still has time left.",
    source: "https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry",
  },
  {
    term: "retry budget", forms: ["retry budget"],
    text: "A cap on retries as a share of the requests in flight (Envoy's default 20%), so retries cannot multiply the load on a service that is already failing.",
    source: "https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/circuit_breaker.proto",
  },
  {
    term: "DestinationRule", forms: ["DestinationRule"], caseSensitive: true,
    text: "Istio's policy for calls to one service, applied by the callers' sidecars: load balancing, connection pool limits and timeouts, outlier detection, mutual TLS.",
    source: "https://istio.io/latest/docs/reference/config/networking/destination-rule/",
  },
  {
    term: "idle timeout", forms: ["idle timeouts", "idle timeout", "idleTimeout"],
    text: "How long a kept-open connection may sit unused before its holder closes it. Istio's sidecar keeps one for 1 h unless a DestinationRule sets idleTimeout.",
    source: "https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings",
  },
  {
    term: "kept-alive connection", forms: ["kept-alive", "keep-alive"],
    text: "An HTTP connection left open after a response for the next request (HTTP/1.1 persistence), which saves a new connection's round trips. Either end may close it when it has been idle.",
    source: "https://www.rfc-editor.org/rfc/rfc9112#name-persistence",
  },
  {
    term: "UF", forms: ["UF"], caseSensitive: true,
    text: "Envoy's response flag for an upstream connection failure: the proxy could not open a connection to the host (refused, timed out, or its TLS handshake failed).",
    source: "https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage",
  },
  {
    term: "locality load balancing", forms: ["locality load balancing"],
    text: "Istio sends each call to replicas in the caller's own zone first and spills over to other zones only when the local ones are unhealthy. It works only where outlier detection is set.",
    source: "https://istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/",
  },
  {
    term: "least-request", forms: ["least-request"],
    text: "A load-balancing rule: of two replicas picked at random, send to the one with fewer requests in flight. Istio's default.",
    source: "https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers",
  },
  {
    term: "kube-proxy", forms: ["kube-proxy"],
    text: "Kubernetes' own forwarding on each node: a call to a service's address goes to one of its replicas, with no retries and no view of whether that replica is healthy.",
    source: "https://kubernetes.io/docs/reference/networking/virtual-ips/",
  },
  {
    term: "token bucket", forms: ["token bucket"],
    text: "A rate limit's counter: tokens refill at the allowed rate up to a burst size, each request takes one, and a request that finds none is refused (429).",
    source: "https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/local_rate_limit_filter",
  },
  {
    term: "sunset", forms: ["sunset date", "sunset"],
    text: "The date an API version stops being served, announced beforehand in a Sunset header; after it, calls get an error such as 410 Gone.",
    source: "https://www.rfc-editor.org/rfc/rfc8594",
  },
  {
    term: "L4", forms: ["L4"], caseSensitive: true,
    text: "Layer 4, the connection level (TCP): a proxy at L4 sees connections and bytes, not requests, so it can encrypt and authorize them but not route by path.",
    source: "https://www.envoyproxy.io/docs/envoy/latest/intro/what_is_envoy",
  },
  {
    term: "L7", forms: ["L7"], caseSensitive: true,
    text: "Layer 7, the request level (HTTP): a proxy at L7 reads each request's host, path and headers, so it can route, retry and rate-limit per request.",
    source: "https://www.envoyproxy.io/docs/envoy/latest/intro/what_is_envoy",
  },
  {
    term: "p50, p90, p99", forms: ["p50", "p90", "p99", "90th-percentile"],
    text: "A latency percentile: p90 is the time 90% of requests finish within (p50 the median, p99 the slowest 1%'s threshold).",
    source: "https://istio.io/latest/docs/ops/deployment/performance-and-scalability/",
  },
  {
    term: "fortio", forms: ["fortio"],
    text: "Istio's load generator: it sends requests at a fixed rate and records their latency percentiles.",
    source: "https://github.com/fortio/fortio",
  },
];
