// What a certificates option's "why?" says in full (session 45, U1), in the lazy chunk with it (FaultNoteMore.tsx),
// not in the first load: the note says it in short (faultForm.ts certificateOptions).
import type { ExpiryWhy, Option } from './faultForm';
import { possessive as of } from '../format';

/** What an expiry leaves working (trial N14, 1). */
const STILL_OPEN =
  'Connections already open keep carrying requests until they close (idle timeout, max connection duration, a drain, a restart): TLS checks a certificate only at the handshake (RFC 8446 4.4.2.4).';

const SCENARIO = 'The two-meshes-cert-expiry scenario shows the failures with connections that close every second.';

/** Whose handshakes an expiry fails, and until when (ExpiryWhy). Pure. */
function scope(why: ExpiryWhy): string {
  const until = "until it renews at the CA's next retry";
  switch (why.holds) {
    case 'mesh':
      return "Its sidecars' and gateways' certificates: new mutual TLS handshakes in the mesh fail (expired certificate: tls-expired-cert) until each renews at the CA's next retry.";
    case 'gateway':
      return `New mutual TLS handshakes into and out of it fail (expired certificate: tls-expired-cert) ${until}.`;
    case 'both':
      return `Its ${why.from} and ${why.to} identities: new mutual TLS handshakes from ${of(why.from)} callers into it and from it to ${of(why.to)} services fail (expired certificate: tls-expired-cert) until it renews them at each CA's next retry.`;
    case 'to':
      return `New mutual TLS handshakes from it to ${of(why.to)} services fail (expired certificate: tls-expired-cert) ${until}; calls from ${why.from} into it go on.`;
    case 'from':
      return `New mutual TLS handshakes from ${of(why.from)} callers into it fail (expired certificate: tls-expired-cert) ${until}; its calls on to ${why.to} go on.`;
  }
}

/**
 * A certificates option's "why?": whose handshakes fail until when (its `why`, ExpiryWhy), what an expiry spares, and
 * how to see its failures in this run: its `lever` (a service policy closing connections after 1 s, faultForm.ts
 * expiryLever) when it has one, and the two-meshes-cert-expiry scenario. '' for an option without `why`. Pure.
 */
export function expiryWhy(option: Option): string {
  if (!option.why) return '';
  const service = option.lever?.service;
  const how = service === undefined ? '' : ` To see them fail here, close those connections with a Config change: service policy on ${String(service)}, {"policy": {"maxConnectionDuration": "1s"}} (the "Fill in" button puts it in the form; then press Apply).`;
  return `${scope(option.why)} ${STILL_OPEN}${how} ${SCENARIO}`;
}

/**
 * The words on the button that makes an option's lever now (trial T2, item 2: an expiry injected on the bridge read as
 * "the fault didn't work" while open connections carried on): "Apply now: maxConnectionDuration 1s on ledger", from
 * the change (expiryLever's policy on a service; a gateway's too). 'Apply the change now' for a change without a
 * policy field. Pure.
 */
export function leverApplyLabel(change: Record<string, unknown>): string {
  const policy = (change.policy ?? {}) as Record<string, unknown>;
  const field = Object.keys(policy)[0];
  return field ? `Apply now: ${field} ${String(policy[field])} on ${String(change.service ?? change.gateway ?? '')}` : 'Apply the change now';
}

/**
 * What the lever's button says once pressed: its `problems` (path: message) when the run refused the change, else
 * what it does (Envoy's max_connection_duration: each connection closes that long after it opened, so the next
 * request shakes hands again and meets the expired certificate). Pure.
 */
export function leverAppliedWords(problems: readonly { path: string; message: string }[]): string {
  if (problems.length > 0) return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return 'Made now (it is in the Config change list and the run\'s recipe): open connections close within that time, and the new handshakes meet the expired certificate.';
}
