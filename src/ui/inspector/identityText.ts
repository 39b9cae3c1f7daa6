// Words for a gateway's own certificates in the inspector (GatewayIdentities.tsx), one line per
// identity in the words a sidecar's cert cell uses (certLifeParts: time left, renewal, last expiry), and for the CAs that
// meet on a mutual-TLS link (the link view). Pure.
import type { CertLife, ExpiryConnections, GatewayIdentity, LinkTrust } from '../../workers/protocol';
import { formatNumber, possessive as owner } from '../format';

/** One identity's line and its tooltip. */
export interface IdentityLine {
  mesh: string;
  text: string;
  title: string;
}

/** "retail's", "payments'": a mesh's name as an owner. */
/** A span of simulated time: seconds, or hours past an hour (as the replica table's cert column). */
const span = (ms: number) => (ms >= 3_600_000 ? `${formatNumber(ms / 3_600_000, 1)} h` : `${formatNumber(ms / 1000, 1)} s`);

/**
 * A certificate's life in words, in three parts (a sidecar's cert cell puts one a line, a gateway's
 * identity line joins them): `life` "23.9 h left" or "expired at 20.0 s" (" by a fault" when an
 * expire-certificates fault did it); `renewal` "renews at 12.0 h", "renewal failing (2 tries), next
 * at 30.0 s", "not renewed", or null for one that never expires; `history`, once one expired and was
 * renewed since, "expired at 20.0 s by a fault, renewed at 30.0 s", else null. Pure.
 */
export function certLifeParts(c: CertLife, nowMs: number): { life: string; renewal: string | null; history: string | null } {
  if (c.expiresAtMs === null) return { life: 'never expires', renewal: null, history: null };
  const byFault = (at: number) => (c.lastExpiry?.byFault && c.lastExpiry.atMs === at ? ' by a fault' : '');
  const life = c.expired ? `expired at ${span(c.expiresAtMs)}${byFault(c.expiresAtMs)}` : `${span(c.expiresAtMs - nowMs)} left`;
  const tries = c.failedRenewals === 1 ? '1 try' : `${formatNumber(c.failedRenewals, 0)} tries`;
  const renewal = c.renewsAtMs === null ? 'not renewed' : c.failedRenewals === 0 ? `renews at ${span(c.renewsAtMs)}` : `renewal failing (${tries}), next at ${span(c.renewsAtMs)}`;
  const last = c.lastExpiry;
  const history = !c.expired && last !== null && c.renewedAtMs !== null && c.renewedAtMs >= last.atMs ? `expired at ${span(last.atMs)}${byFault(last.atMs)}, renewed at ${span(c.renewedAtMs)}` : null;
  return { life, renewal, history };
}

/** When an identity expires and renews, in words: "23.9 h left, renews at 12.0 h"; with its last expiry after "; " once renewed. */
function lifeText(id: CertLife, nowMs: number): string {
  const p = certLifeParts(id, nowMs);
  return [p.life, p.renewal].filter((x) => x !== null).join(', ') + (p.history === null ? '' : `; ${p.history}`);
}

/**
 * The lines for a gateway's identities at simulated time `nowMs` (ms), inbound first:
 * "retail identity: signed by retail's CA, 23.9 h left, renews at 12.0 h · ends its callers' mutual TLS",
 * "payments identity: signed by payments' CA, expired at 20.0 s, renewal failing (3 tries), next at 45.0 s · starts mutual TLS to ledger".
 * `upstreams`: the services it forwards to (named on an outbound line; "its upstreams" when
 * none is given). An empty list gives no lines. Each title names the CA, the roots it trusts and
 * where a gateway's certificate lifetime comes from. Pure.
 */
export function identityLines(ids: readonly GatewayIdentity[], nowMs: number, upstreams: readonly string[] = []): IdentityLine[] {
  const to = upstreams.length ? [...new Set(upstreams)].join(', ') : 'its upstreams';
  return ids.map((id) => {
    const life = lifeText(id, nowMs);
    const uses = id.uses.map((u) => (u === 'inbound' ? "ends its callers' mutual TLS" : `starts mutual TLS to ${to}`)).join(', ');
    const renews =
      id.renewsAtMs === null
        ? ''
        : ` ${id.mesh}'s control plane asks the CA to renew it at ${span(id.renewsAtMs)}${id.failedRenewals > 0 ? ', after failed tries (CA or control plane down, or the gateway cut off from it), every retry interval' : ''}; renewed, it is valid for another TTL.`;
    const lifeWhy =
      id.expiresAtMs === null
        ? 'It never expires.'
        : `A gateway's own certificates come from its mesh's CA as a sidecar's do (TTL ca.ttl, renewed at ca.renewAt of it: Istio's 24 h and 0.5). It expires at ${span(id.expiresAtMs)} of simulated time.${renews} An expired one fails the new handshakes on its side (tls-expired-cert); connections already open carry on, as TLS checks a certificate only at the handshake.`;
    return {
      mesh: id.mesh,
      text: `${id.mesh} identity: signed by ${owner(id.mesh)} CA, ${life} · ${uses}`,
      title: `Signed by ${id.ca}; it accepts peers signed by ${id.trusts.join(', ') || 'no CA'}. ${lifeWhy}`,
    };
  });
}

/**
 * Which certificate a mutual-TLS link's handshake turns on, in words, `from` calling `to`: the
 * side that does not trust the other's CA or whose certificate has expired, in the order the
 * handshake checks them (the caller first, as in TLS 1.3: tls/Identity.ts mtlsHandshake), or
 * that each trusts the other's. Pure.
 * "both certificates signed by payments-ca, which both sides trust; payments-bridge's expired at 20.0 s, so new handshakes fail (tls-expired-cert)".
 * "checkout's proxy trusts retail-ca only; ledger's certificate is signed by payments-ca, so the handshake fails (tls-unknown-ca)".
 */
export function trustText(from: string, to: string, t: LinkTrust): string {
  const roots = (r: readonly string[]) => (r.length === 1 ? `${r[0]} only` : r.join(', ') || 'no CA');
  if (!t.callerTrusts.includes(t.calleeCa)) return `${from}'s proxy trusts ${roots(t.callerTrusts)}; ${to}'s certificate is signed by ${t.calleeCa}, so the handshake fails (tls-unknown-ca)`;
  const signed = t.callerCa === t.calleeCa ? `both certificates signed by ${t.callerCa}, which both sides trust` : `${from}'s signed by ${t.callerCa}, ${to}'s by ${t.calleeCa}; each side trusts the other's CA`;
  const fail = ', so new handshakes fail (tls-expired-cert)';
  const expired = (who: string, at: number) => `; ${who}'s expired at ${span(at)}${fail}`;
  if (t.calleeExpiredAtMs !== null) {
    const [a, b] = [t.calleeExpiredAtMs, t.callerExpiredAtMs];
    if (b === null) return signed + expired(to, a);
    return signed + (a === b ? `; ${to}'s and ${from}'s expired at ${span(a)}${fail}` : `; ${to}'s expired at ${span(a)} and ${from}'s at ${span(b)}${fail}`);
  }
  if (!t.calleeTrusts.includes(t.callerCa)) return `${to}'s proxy trusts ${roots(t.calleeTrusts)}; ${from}'s certificate is signed by ${t.callerCa}, so the handshake fails (tls-unknown-ca)`;
  return t.callerExpiredAtMs !== null ? signed + expired(from, t.callerExpiredAtMs) : signed;
}

/**
 * What an expired certificate on a link has done so far, in words, from the model's counts
 * (workers/expiryConnections.ts): "5 connections opened before the expiry still in use; 0 new
 * handshakes failed since. TLS checks a certificate only at the handshake: nothing fails until
 * those connections close (idle timeout, maxConnectionDuration, a drain, a restart)", or, once one
 * failed, "...; 312 new handshakes failed since, the first at 10.1 s (tls-expired-cert)". Pure.
 */
export function expiryText(e: ExpiryConnections): string {
  const n = (x: number, one: string, many: string) => `${formatNumber(x, 0)} ${x === 1 ? one : many}`;
  const open = `${n(e.openBefore, 'connection', 'connections')} opened before the expiry still in use`;
  if (e.failedHandshakes === 0 || e.firstFailedAtMs === null) {
    return `${open}; 0 new handshakes failed since. TLS checks a certificate only at the handshake: nothing fails until those connections close (idle timeout, maxConnectionDuration, a drain, a restart)`;
  }
  return `${open}; ${n(e.failedHandshakes, 'new handshake', 'new handshakes')} failed since, the first at ${span(e.firstFailedAtMs)} (tls-expired-cert)`;
}
