// The words for what an expired certificate refused (ExpiredHandshakes, the Faults list's expiry line): plain
// functions in a .ts module of their own, so the unit tests (tsconfig.node.json, no JSX) import them without the
// component.
import { formatCount, formatSimTime } from '../format';

/** Handshakes refused so far: '1 handshake' or '2 handshakes'. Pure. */
export function handshakesWord(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'handshake' : 'handshakes'}`;
}

/**
 * The expiry's story line once a handshake was refused: 'first handshake refused at 9.25 s: certificate expired
 * (tls-expired-cert); 2 so far'; before any, what holds the link up. `firstMs` simulated ms, -1: none yet. Pure.
 */
export function firstRefusalLine(count: number, firstMs: number): string {
  if (count <= 0 || firstMs < 0) return 'no new handshake refused yet: connections opened before the expiry carry on';
  return `first handshake refused at ${formatSimTime(firstMs)}: certificate expired (tls-expired-cert); ${formatCount(count)} so far`;
}
