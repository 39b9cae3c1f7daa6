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

/**
 * What still holds an expiry off (session 51, G3, 1), under its first-refusal line: with `openBefore` connections
 * opened before it still open, '3 connections opened before the expiry still carry requests: no new handshake on
 * them'; with none left while a certificate it expired still is (`expired`), 'no connection opened before the expiry
 * is left: it refuses every new handshake now'; once renewed (`expired` false), that new handshakes pass again.
 * Null when the worker gave no count (FaultRefusals.openBefore absent). Pure.
 */
export function openBeforeLine(openBefore: number | undefined, expired: boolean | undefined): string | null {
  if (openBefore === undefined) return null;
  if (expired === false) return "renewed at its CA's next retry: new handshakes pass again";
  if (openBefore > 0) return `${formatCount(openBefore)} ${openBefore === 1 ? 'connection' : 'connections'} opened before the expiry still ${openBefore === 1 ? 'carries' : 'carry'} requests: no new handshake on ${openBefore === 1 ? 'it' : 'them'}`;
  return 'no connection opened before the expiry is left: it refuses every new handshake now';
}

/** One timeline mark at a first refused handshake: its moment, simulated ms, and its words. */
export interface RefusalMark {
  ms: number;
  label: string;
}

/**
 * Where the timeline marks first refusals: each started expiry fault's own first (`faults`' `refusals.firstMs`, one
 * mark a moment, earliest first, named by the faults' targets), else the run's first (`runFirstMs`, -1: none). Pure.
 */
export function refusalMarks(faults: readonly { target: string; refusals?: { firstMs: number } }[], runFirstMs: number): RefusalMark[] {
  const byMs = new Map<number, string[]>();
  for (const f of faults) if (f.refusals && f.refusals.firstMs >= 0) byMs.set(f.refusals.firstMs, [...(byMs.get(f.refusals.firstMs) ?? []), f.target]);
  if (byMs.size === 0 && runFirstMs >= 0) byMs.set(runFirstMs, []);
  return [...byMs]
    .sort((a, b) => a[0] - b[0])
    .map(([ms, targets]) => ({ ms, label: `First handshake refused at ${formatSimTime(ms)}: certificate expired (tls-expired-cert)${targets.length ? `, ${targets.join(' and ')}'s expiry` : ''}` }));
}
