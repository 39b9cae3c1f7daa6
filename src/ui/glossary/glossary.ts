// The glossary: terms the stories use without saying what they are (trial T4, 6). Each: the term,
// the words as the stories write them (`forms`, matched whole; `caseSensitive` where case matters:
// STRICT), one or two plain sentences, and the page they were checked against ('' for the
// stories' own words). Read by glossaryMatch.ts; drawn by GlossTerm.tsx.
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
    term: "eject", forms: ["ejecting", "ejected", "ejects", "eject"],
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
    term: "the other two shops", forms: ["the other two shops"],
    text: "The same shop in the stories Gateway only and Mesh only, where this inventory replica hangs at the same moment.",
    source: "",
  },
];
