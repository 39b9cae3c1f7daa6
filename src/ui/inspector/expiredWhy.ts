// Whose certificate had expired when a request failed tls-expired-cert, which proxy refused it, and the fault that
// expired it (trial T2, item 3: the waterfall said "a certificate had expired" but not the bridge's payments
// identity, not ledger-1's sidecar, and not the person's "expire certificates" fault, an instant fault that the
// "on there then" rule, start ≤ t < end, never matched: it ends where it starts, its expiry lasting to the renewal).
import type { FaultStatus } from '../../workers/protocol';
import { formatClock, possessive } from '../format';
import { faultName, faultWhere } from '../faults/faultName';
import { faultOwner } from '../faults/faultOwner';
import { isImplicitMesh } from '../topology/meshName';
import type { Span } from '../../workers/protocol';
import type { FailureOrigin } from './why';

/** What the why needs of a node of the picture: its mesh (null outside any) and whether it is a gateway (an Envoy of its own). */
export interface NodeFacts {
  mesh: string | null;
  gateway: boolean;
}

/** Whether an expire-certificates target ("payments-bridge", "ledger-1", a mesh's name) names service `name` or one of its replicas. */
const names = (target: string, name: string) => target === name || (target.startsWith(`${name}-`) && /^\d+$/.test(target.slice(name.length + 1)));

/** A proxy in words: a gateway is its own Envoy, a service's replica has its sidecar. */
const proxyOf = (node: string, host: string | null, facts: NodeFacts | null) => (facts?.gateway ? `the gateway ${node}` : `${possessive(host ?? node)} sidecar`);

/** A fault and its moment, as the fault list names it: "your fault: expire certificates on payments-bridge at 10.0 s". */
const faultAt = (f: FaultStatus) => `${faultOwner(f) === 'scenario' ? "the scenario's" : 'your'} fault: ${faultName(f.type)} ${faultWhere(f.type, f.target)} at ${formatClock(f.startMs)}`;

/**
 * The mesh whose CA signed the certificate `node` presents on a link, as caller (`side` 'client') or callee
 * ('server'): a bridge (topology mesh "from->to") shows its `from` mesh's to callers coming in and its `to` mesh's to
 * the services it calls (Certificates.ts CertSlot); any other proxy its own mesh's. Null outside any mesh.
 */
function certMesh(facts: NodeFacts | null, side: 'client' | 'server'): string | null {
  const mesh = facts?.mesh ?? null;
  const bridge = mesh === null ? null : /^(.+)->(.+)$/.exec(mesh);
  return bridge ? bridge[side === 'server' ? 1 : 2] : mesh;
}

/** What a TLS span that failed tls-expired-cert records of it (models/spans/Tracer.ts tlsExpired), or null when it records nothing. */
export interface ExpiredCertSpan {
  /** Whose certificate had expired: the server's (the callee's, refused by the caller's proxy) or the client's. */
  side: 'server' | 'client';
  /** Its identity (Identity.owner: "payments-bridge@payments", "ledger-1/sidecar") and the CA that signed it. */
  identity: string;
  ca: string;
  /** When it expired, simulated ms. */
  notAfterMs: number;
  /** The host of the proxy that presented it and of the one that refused it ("payments-bridge-0", "ledger-1"). */
  host: string;
  refusedBy: string;
}

/** Reads a span's 'meshsim.tls.expired_cert.*' and 'meshsim.tls.refused_by' attributes; null without them (another cause, an older trace). Pure. */
export function expiredCertSpan(span: Span): ExpiredCertSpan | null {
  const a = span.attrs;
  const side = a['meshsim.tls.expired_cert.side'];
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  if (side !== 'server' && side !== 'client') return null;
  const notAfter = a['meshsim.tls.expired_cert.not_after_ms'];
  return {
    side,
    identity: str('meshsim.tls.expired_cert.identity'),
    ca: str('meshsim.tls.expired_cert.ca'),
    notAfterMs: typeof notAfter === 'number' ? notAfter : NaN,
    host: str('meshsim.tls.expired_cert.host'),
    refusedBy: str('meshsim.tls.refused_by'),
  };
}

/**
 * A failed TLS span's note in the waterfall: the cause, then whose certificate (the side that presented it, its
 * identity), on which proxy, when it expired and which proxy refused it: "tls-expired-cert: the client's certificate
 * payments-bridge@payments (on payments-bridge-0) had expired at 20.0 s; ledger-1's proxy refused it" (its CA is in the
 * row's title, the span's attributes, as the OTLP export has them). Null for a span that records none of it
 * (expiredCertSpan). Pure.
 */
export function expiredCertNote(span: Span): string | null {
  const rec = expiredCertSpan(span);
  if (rec === null) return null;
  const at = Number.isFinite(rec.notAfterMs) ? ` at ${formatClock(rec.notAfterMs)}` : '';
  const by = rec.refusedBy === '' ? '' : `; ${possessive(rec.refusedBy)} proxy refused it`;
  return `tls-expired-cert: the ${rec.side}'s certificate ${rec.identity}${rec.host === '' ? '' : ` (on ${rec.host})`} had expired${at}${by}`;
}

/**
 * A tls-expired-cert failure at `o` (failureOrigin: a caller's handshake on the link caller → callee, `o.host` the
 * callee's replica) in words, when an expire-certificates fault of `faults` started by then (at or before the
 * span's start) explains it; null otherwise (another cause, no link, no such fault: the caller keeps the plain
 * "a certificate had expired"). The fault is read as its target and mesh say (src/models/report.ts faultTarget;
 * FaultStatus.mesh, the mesh a fault names beside its service):
 * - naming the caller: the caller's certificate on this link (a bridge's for the mesh it calls into, certMesh) had
 *   expired, and the callee's proxy refused it: the server checks the client's certificate (mutual TLS, RFC 8446
 *   4.4.2.4; Envoy's ssl.fail_verify_error);
 * - naming the callee: the callee's certificate (a bridge's for the mesh calling in) had expired, and the caller's
 *   proxy refused it;
 * - naming a mesh alone (or every mesh): certificates from that mesh's CA had expired: the end(s) whose certificate on
 *   the link it signed, each refused by the other's proxy (both ends named when both, which one is not told).
 * A fault naming a service and a mesh explains only a link where that service presents a certificate of that mesh's
 * (a bridge's expiry scoped to its retail identity is not named for a failure towards payments).
 * A fault naming the caller wins over one naming the callee, and that over a mesh's, the latest started first.
 * `nodeOf` gives a node's mesh and kind (null when unknown: read as a service with a sidecar, in no mesh).
 * Where the failed TLS span records whose certificate had expired (expiredCertSpan), a fault is named only for that
 * side, a mesh's for both ends says which one, and with no fault to name (a TTL that ran out, as in
 * two-meshes-cert-expiry) the span alone says it: "payments-bridge-0's payments certificate had expired at 20.0 s (not
 * renewed before its TTL ran out), so ledger-1's sidecar refused the mutual-TLS handshake" (`fault` null then).
 * Returns the words, standing for the cause's ("the mutual-TLS handshake failed: …"), and the fault named. Pure.
 */
export function expiredCertWhy(o: FailureOrigin, faults: readonly FaultStatus[], nodeOf: (node: string) => NodeFacts | null): { words: string; fault: FaultStatus | null } | null {
  if (o.cause !== 'tls-expired-cert' || o.link === null) return null;
  const caller = o.link.split('->')[0];
  const callee = o.node;
  const calleeFacts = nodeOf(callee);
  const callerFacts = nodeOf(caller);
  const callerMesh = certMesh(callerFacts, 'client');
  const calleeMesh = certMesh(calleeFacts, 'server');
  const started = faults.filter((f) => f.type === 'expire-certificates' && !f.pending && f.startMs <= o.span.start).sort((a, b) => b.startMs - a.startMs);
  const meshWord = (m: string | null) => (m !== null && !isImplicitMesh(m) ? `${m} ` : '');
  // A fault scoped to a mesh beside its service expired only that CA's certificate on it.
  const ofMesh = (f: FaultStatus, m: string | null) => f.mesh === undefined || f.mesh === m;
  // What the TLS span recorded: whose certificate it was, when it ran out, and who refused it.
  const rec = o.span.role === 'tls' ? expiredCertSpan(o.span) : null;
  const byCaller = rec?.side === 'server' ? undefined : started.find((f) => names(f.target, caller) && ofMesh(f, callerMesh));
  if (byCaller) {
    return { fault: byCaller, words: `${possessive(caller)} ${meshWord(callerMesh)}certificate had expired (${faultAt(byCaller)}), so ${proxyOf(callee, o.host, calleeFacts)} refused the mutual-TLS handshake` };
  }
  const byCallee = rec?.side === 'client' ? undefined : started.find((f) => (names(f.target, callee) || (o.host !== null && f.target === o.host)) && ofMesh(f, calleeMesh));
  if (byCallee) {
    return { fault: byCallee, words: `${possessive(o.host ?? callee)} ${meshWord(calleeMesh)}certificate had expired (${faultAt(byCallee)}), so ${proxyOf(caller, null, callerFacts)} refused the mutual-TLS handshake` };
  }
  // A mesh alone: its target is the mesh ('mesh' for every mesh's).
  const signs = (f: FaultStatus, m: string | null) => f.target === 'mesh' || (m !== null && f.target === m);
  const byMesh = started.find((f) => f.target !== caller && f.target !== callee && (signs(f, callerMesh) || signs(f, calleeMesh)));
  if (byMesh) {
    const ca = (m: string | null) => (m !== null && !isImplicitMesh(m) ? `${possessive(m)} CA` : 'the CA');
    const callerProxy = proxyOf(caller, null, callerFacts);
    const calleeProxy = proxyOf(callee, o.host, calleeFacts);
    const both = signs(byMesh, callerMesh) && signs(byMesh, calleeMesh);
    if (both && rec !== null) {
      // The span says which end's certificate it was.
      const [holder, refuser] = rec.side === 'client' ? [rec.host || caller, calleeProxy] : [rec.host || (o.host ?? callee), callerProxy];
      return { fault: byMesh, words: `${possessive(holder)} certificate from ${ca(rec.side === 'client' ? callerMesh : calleeMesh)} had expired (${faultAt(byMesh)}), so ${refuser} refused the mutual-TLS handshake` };
    }
    if (both) return { fault: byMesh, words: `certificates from ${ca(calleeMesh)} had expired (${faultAt(byMesh)}): ${callerProxy} or ${calleeProxy} refused the other's in the mutual-TLS handshake` };
    if (signs(byMesh, callerMesh)) return { fault: byMesh, words: `${possessive(caller)} certificate from ${ca(callerMesh)} had expired (${faultAt(byMesh)}), so ${calleeProxy} refused the mutual-TLS handshake` };
    return { fault: byMesh, words: `${possessive(o.host ?? callee)} certificate from ${ca(calleeMesh)} had expired (${faultAt(byMesh)}), so ${callerProxy} refused the mutual-TLS handshake` };
  }
  if (rec === null) return null;
  // No fault explains it: the certificate ran out by itself (its TTL, not renewed in time), or a skewed clock read it so.
  const client = rec.side === 'client';
  const holder = rec.host || (client ? caller : (o.host ?? callee));
  const mesh = client ? callerMesh : calleeMesh;
  const refuser = client ? proxyOf(callee, rec.refusedBy || o.host, calleeFacts) : proxyOf(caller, rec.refusedBy || null, callerFacts);
  const at = Number.isFinite(rec.notAfterMs) ? rec.notAfterMs : -Infinity;
  const byFault = faults.some((f) => f.type === 'expire-certificates' && f.startMs === at);
  let when: string;
  if (at > o.span.start) when = ` by ${possessive(rec.refusedBy || (client ? callee : caller))} clock, which runs ahead (it is valid until ${formatClock(at)})`;
  else if (at === -Infinity) when = '';
  else when = ` at ${formatClock(at)}${byFault ? '' : ' (not renewed before its TTL ran out)'}`;
  return { fault: null, words: `${possessive(holder)} ${meshWord(mesh)}certificate had expired${when}, so ${refuser} refused the mutual-TLS handshake` };
}
