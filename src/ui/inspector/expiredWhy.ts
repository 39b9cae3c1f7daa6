// Whose certificate had expired when a request failed tls-expired-cert, which proxy refused it, and the fault that
// expired it (trial T2, item 3: the waterfall said "a certificate had expired" but not the bridge's payments
// identity, not ledger-1's sidecar, and not the person's "expire certificates" fault, an instant fault that the
// "on there then" rule, start ≤ t < end, never matched: it ends where it starts, its expiry lasting to the renewal).
import type { FaultStatus } from '../../workers/protocol';
import { formatClock, possessive } from '../format';
import { faultName, faultWhere } from '../faults/faultName';
import { faultOwner } from '../faults/faultOwner';
import { isImplicitMesh } from '../topology/meshName';
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
 * A tls-expired-cert failure at `o` (failureOrigin: a caller's handshake on the link caller → callee, `o.host` the
 * callee's replica) in words, when an expire-certificates fault of `faults` started by then (at or before the
 * span's start) explains it; null otherwise (another cause, no link, no such fault: the caller keeps the plain
 * "a certificate had expired"). The fault is read as its target says (src/models/report.ts faultTarget):
 * - naming the caller: the caller's certificate for the callee's mesh (a bridge holds one per mesh; the one it
 *   shows the callee is the callee's mesh's) had expired, and the callee's proxy refused it: the server checks the
 *   client's certificate (mutual TLS, RFC 8446 4.4.2.4; Envoy's ssl.fail_verify_error);
 * - naming the callee: the callee's certificate had expired, and the caller's proxy refused it;
 * - naming the callee's mesh (or every mesh): certificates from that mesh's CA had expired, and each end's proxy
 *   refuses the other's expired one (which end's is not told by the target).
 * A fault naming the caller wins over one naming the callee, and that over a mesh's, the latest started first.
 * `nodeOf` gives a node's mesh and kind (null when unknown: read as a service with a sidecar, in no mesh).
 * Returns the words, standing for the cause's ("the mutual-TLS handshake failed: …"), and the fault named. Pure.
 */
export function expiredCertWhy(o: FailureOrigin, faults: readonly FaultStatus[], nodeOf: (node: string) => NodeFacts | null): { words: string; fault: FaultStatus } | null {
  if (o.cause !== 'tls-expired-cert' || o.link === null) return null;
  const caller = o.link.split('->')[0];
  const callee = o.node;
  const calleeFacts = nodeOf(callee);
  const callerFacts = nodeOf(caller);
  const mesh = calleeFacts?.mesh ?? null;
  const started = faults.filter((f) => f.type === 'expire-certificates' && !f.pending && f.startMs <= o.span.start).sort((a, b) => b.startMs - a.startMs);
  const meshWord = mesh !== null && !isImplicitMesh(mesh) ? `${mesh} ` : '';
  const byCaller = started.find((f) => names(f.target, caller));
  if (byCaller) {
    return { fault: byCaller, words: `${possessive(caller)} ${meshWord}certificate had expired (${faultAt(byCaller)}), so ${proxyOf(callee, o.host, calleeFacts)} refused the mutual-TLS handshake` };
  }
  const byCallee = started.find((f) => names(f.target, callee) || (o.host !== null && f.target === o.host));
  if (byCallee) {
    return { fault: byCallee, words: `${possessive(o.host ?? callee)} ${meshWord}certificate had expired (${faultAt(byCallee)}), so ${proxyOf(caller, null, callerFacts)} refused the mutual-TLS handshake` };
  }
  const byMesh = started.find((f) => f.target === 'mesh' || (mesh !== null && f.target === mesh));
  if (byMesh) {
    const ca = mesh !== null && !isImplicitMesh(mesh) ? `${possessive(mesh)} CA` : 'the CA';
    return { fault: byMesh, words: `certificates from ${ca} had expired (${faultAt(byMesh)}): ${proxyOf(caller, null, callerFacts)} or ${proxyOf(callee, o.host, calleeFacts)} refused the other's in the mutual-TLS handshake` };
  }
  return null;
}
