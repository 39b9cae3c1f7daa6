// Words for a gateway's own certificates in the inspector (GatewayIdentities.tsx), one line per
// identity in the words a sidecar's cert cell uses (its CA, when it expires), and for the CAs that
// meet on a mutual-TLS link (the link view). Pure.
import type { GatewayIdentity, LinkTrust } from '../../workers/protocol';
import { formatNumber } from '../format';

/** One identity's line and its tooltip. */
export interface IdentityLine {
  mesh: string;
  text: string;
  title: string;
}

/** "retail's", "payments'": a mesh's name as an owner. */
const owner = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);
/** A span of simulated time: seconds, or hours past an hour (as the replica table's cert column). */
const span = (ms: number) => (ms >= 3_600_000 ? `${formatNumber(ms / 3_600_000, 1)} h` : `${formatNumber(ms / 1000, 1)} s`);

/**
 * The lines for a gateway's identities at simulated time `nowMs` (ms), inbound first:
 * "retail identity: signed by retail's CA, never expires · ends its callers' mutual TLS",
 * "payments identity: signed by payments' CA, 23.9 h left · starts mutual TLS to ledger".
 * `upstreams`: the services it forwards to (named on an outbound line; "its upstreams" when
 * none is given). An empty list gives no lines. Each title names the CA, the roots it trusts and
 * where a gateway's certificate lifetime comes from. Pure.
 */
export function identityLines(ids: readonly GatewayIdentity[], nowMs: number, upstreams: readonly string[] = []): IdentityLine[] {
  const to = upstreams.length ? [...new Set(upstreams)].join(', ') : 'its upstreams';
  return ids.map((id) => {
    const life = id.expiresAtMs === null ? 'never expires' : id.expired ? `expired at ${span(id.expiresAtMs)}` : `${span(id.expiresAtMs - nowMs)} left`;
    const uses = id.uses.map((u) => (u === 'inbound' ? "ends its callers' mutual TLS" : `starts mutual TLS to ${to}`)).join(', ');
    const lifeWhy =
      id.expiresAtMs === null
        ? "This model issues a gateway's own certificates once, with no expiry and no renewal (a sidecar's come from its mesh's CA with a TTL and are renewed)."
        : `It expires at ${span(id.expiresAtMs)} of simulated time.`;
    return {
      mesh: id.mesh,
      text: `${id.mesh} identity: signed by ${owner(id.mesh)} CA, ${life} · ${uses}`,
      title: `Signed by ${id.ca}; it accepts peers signed by ${id.trusts.join(', ') || 'no CA'}. ${lifeWhy}`,
    };
  });
}

/**
 * Which certificate a mutual-TLS link's handshake turns on, in words, `from` calling `to`: the
 * side that does not trust the other's CA (the caller checks first, as in TLS 1.3:
 * tls/Identity.ts mtlsHandshake), or that each trusts the other's. Pure.
 * "checkout's proxy trusts retail-ca only; ledger's certificate is signed by payments-ca, so the handshake fails (tls-unknown-ca)".
 */
export function trustText(from: string, to: string, t: LinkTrust): string {
  const roots = (r: readonly string[]) => (r.length === 1 ? `${r[0]} only` : r.join(', ') || 'no CA');
  if (!t.callerTrusts.includes(t.calleeCa)) return `${from}'s proxy trusts ${roots(t.callerTrusts)}; ${to}'s certificate is signed by ${t.calleeCa}, so the handshake fails (tls-unknown-ca)`;
  if (!t.calleeTrusts.includes(t.callerCa)) return `${to}'s proxy trusts ${roots(t.calleeTrusts)}; ${from}'s certificate is signed by ${t.callerCa}, so the handshake fails (tls-unknown-ca)`;
  return t.callerCa === t.calleeCa ? `both certificates signed by ${t.callerCa}, which both sides trust` : `${from}'s signed by ${t.callerCa}, ${to}'s by ${t.calleeCa}; each side trusts the other's CA`;
}
