// Session 45 (U1; trial N14, 1): the first new handshake an expired certificate refuses shows where a person watches the
// run, not only in the link inspector: the frame counts the refusals over every link, says when the first was and on
// which link, and the strip and the Faults list word it.
import { describe, expect, it } from 'vitest';
import { runBridgeExpiry } from './bridgeExpiry';
import { Counter } from '../../src/workers/protocol';
import { firstRefusalLine, handshakesWord } from '../../src/ui/components/expiredHandshakesWords';

const runTo = runBridgeExpiry;

describe('handshakes refused for an expired certificate, in the frame (trial N14, 1)', () => {
  it('before the expiry: none, no first, no link', () => {
    const { frame } = runTo(8_000);
    expect([frame.counters[Counter.expiredHandshakes], frame.counters[Counter.expiredHandshakeFirstMs], frame.counters[Counter.expiredHandshakeEdge]]).toEqual([0, -1, -1]);
  });

  it('after it with every connection open: no request fails, yet the frame counts the refused handshakes the link view counts, the first after 9 s', () => {
    const { host, frame, edge } = runTo(15_000);
    expect(frame.counters[Counter.failed]).toBe(0);
    const links = [edge('checkout', 'payments-bridge'), edge('payments-bridge', 'ledger')];
    const perLink = links.map((e) => host.inspectEdge(e)!.expiry!);
    const total = perLink.reduce((n, x) => n + x.failedHandshakes, 0);
    expect(total).toBeGreaterThan(0);
    expect(frame.counters[Counter.expiredHandshakes]).toBe(total);
    const first = Math.min(...perLink.filter((x) => x.firstFailedAtMs !== null).map((x) => x.firstFailedAtMs!));
    expect(frame.counters[Counter.expiredHandshakeFirstMs]).toBe(first);
    expect(first).toBeGreaterThanOrEqual(9_000);
    expect(links).toContain(frame.counters[Counter.expiredHandshakeEdge]);
    expect(perLink[links.indexOf(frame.counters[Counter.expiredHandshakeEdge])].firstFailedAtMs).toBe(first);
  });

  it("with ledger's connections closed after 1 s from 10 s, hundreds are refused and requests fail tls-expired-cert", () => {
    const { frame } = runTo(15_000, [{ type: 'policy', service: 'ledger', policy: { maxConnectionDuration: '1s' }, at: '10s' }]);
    expect(frame.counters[Counter.expiredHandshakes]).toBeGreaterThan(100);
    expect(frame.failures['tls-expired-cert']).toBeGreaterThan(0);
  });
});

describe("the refusals' words", () => {
  it('says the count, the first moment and the cause, or what holds the link up before any', () => {
    expect(handshakesWord(1)).toBe('1 handshake');
    expect(handshakesWord(2099)).toBe('2,099 handshakes');
    expect(firstRefusalLine(2, 9_250)).toBe('first handshake refused at 9.25 s: certificate expired (tls-expired-cert); 2 so far');
    expect(firstRefusalLine(0, -1)).toBe('no new handshake refused yet: connections opened before the expiry carry on');
  });
});
