import { describe, expect, it } from 'vitest';
import { ownFaultsLine, ownFaultWords } from '../../../src/ui/faults/ownFaultsLine';
import type { FaultStatus, LiveAction } from '../../../src/workers/protocol';

const fault = (over: Partial<FaultStatus>): FaultStatus => ({ id: 1, type: 'http-abort', target: 'cart', amount: '40% → 500', startMs: 4000, endMs: 10_000, untilMs: 10_000, pending: false, owner: 'yours', ...over });

describe('the line naming the faults the person injected', () => {
  it('names trial N12\'s teacher fault as the form does, with its window', () => {
    expect(ownFaultsLine([fault({})])).toBe('This run includes 1 injected fault: HTTP errors on cart 40% → 500, 4–10 s');
  });

  it('leaves out the scenario\'s own faults, and is null when only those are listed', () => {
    expect(ownFaultsLine([fault({ owner: 'scenario' })])).toBeNull();
    expect(ownFaultsLine([])).toBeNull();
    expect(ownFaultsLine([fault({ owner: 'scenario', id: 2, type: 'kill-service' }), fault({})])).toBe('This run includes 1 injected fault: HTTP errors on cart 40% → 500, 4–10 s');
  });

  it('says a fault with no end "from", a one-shot "at", and one still to come by when its duration runs out', () => {
    expect(ownFaultWords(fault({ endMs: null, untilMs: null, type: 'latency', target: 'catalog', amount: '+100 ms' }))).toBe('add latency on catalog +100 ms, from 4 s');
    expect(ownFaultWords(fault({ type: 'expire-certificates', target: 'mesh', amount: '', endMs: 4000, untilMs: null }))).toBe('expire certificates on mesh, at 4 s');
    expect(ownFaultWords(fault({ pending: true, startMs: 12_500, endMs: null, untilMs: 22_500 }))).toBe('HTTP errors on cart 40% → 500, 12.5–22.5 s');
  });

  it('writes its moments as the fault list does, cut down to the clock\'s last digit (a link\'s 1999.998 ms is 1.99 s there)', () => {
    expect(ownFaultWords(fault({ type: 'http-abort', target: 'catalog', amount: '50% → 503', startMs: 1999.998, endMs: null, untilMs: 11_999.998 }))).toBe('HTTP errors on catalog 50% → 503, 1.99–11.9 s');
    expect(ownFaultWords(fault({ startMs: 120_000, endMs: 1_234_500, untilMs: null }))).toMatch(/, 120–1,234\.5 s$/);
  });

  it('names two in run order and counts the rest', () => {
    const three = [fault({ id: 3, startMs: 20_000, endMs: null, untilMs: null }), fault({ id: 1 }), fault({ id: 2, type: 'kill-replica', target: 'catalog', amount: '', startMs: 6000, endMs: null, untilMs: null })];
    expect(ownFaultsLine(three)).toBe('This run includes 3 injected faults: HTTP errors on cart 40% → 500, 4–10 s; kill one replica on catalog, from 6 s; and 1 more');
  });

  it("names the person's config changes too, after the faults (T2's link: a fault and a change said '1 injected fault')", () => {
    const change = (ms: number, c: Record<string, unknown>): LiveAction => ({ kind: 'change', ms, ev: -1, change: c });
    const conns = change(12_000, { type: 'policy', service: 'ledger', policy: { maxConnectionDuration: '1s' } });
    const expiry = fault({ type: 'expire-certificates', target: 'payments-bridge', amount: '', startMs: 10_000, endMs: 10_000, untilMs: null });
    expect(ownFaultsLine([expiry], [conns])).toBe('This run includes 1 injected fault and 1 config change: expire certificates on payments-bridge, at 10 s; maxConnectionDuration 1s on ledger, from 12 s');
    // A change alone; its own `at` counts from its point; injections and clears are not changes.
    expect(ownFaultsLine([], [change(5000, { type: 'policy', service: 'payments', policy: { timeout: '5ms' }, at: '2s' }), { kind: 'clear', ms: 9000, ev: -1, id: 1 }])).toBe('This run includes 1 config change: timeout 5ms on payments, from 7 s');
    // Two named, faults first; the rest counted.
    expect(ownFaultsLine([expiry, fault({ id: 2 })], [conns])).toBe('This run includes 2 injected faults and 1 config change: HTTP errors on cart 40% → 500, 4–10 s; expire certificates on payments-bridge, at 10 s; and 1 more');
    expect(ownFaultsLine([], [])).toBeNull();
  });
});
