// Session 51, G3, 1: an injected expiry's Faults list line says what holds it off (openBeforeLine) and offers the lever
// the form's note offered for the same target (faultLever), once: not when the run already makes that change.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../../src/models';
import { validateScenario } from '../../../src/scenario';
import { openBeforeLine } from '../../../src/ui/components/expiredHandshakesWords';
import { faultLever, leverMade } from '../../../src/ui/faults/faultLever';
import type { FaultStatus } from '../../../src/workers/protocol';
import type { LiveAction } from '../../../src/workers/liveActions';

const topology = (() => {
  const v = validateScenario(JSON.parse(readFileSync(new URL('../../../scenarios/two-meshes-via-gateway.json', import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('invalid');
  return new World(v.scenario, 1).topology;
})();
const expiry = (f: Partial<FaultStatus>): FaultStatus => ({ id: 0, type: 'expire-certificates', target: 'payments-bridge', amount: '', startMs: 8_000, endMs: 8_000, untilMs: null, pending: false, owner: 'yours', ...f });
const LEVER = { type: 'policy', service: 'ledger', policy: { maxConnectionDuration: '1s' } };

describe("an injected expiry's lever and what holds it off (G3, 1)", () => {
  it("the bridge's both identities and its payments one have ledger's lever; its retail one, a service's own and another fault none", () => {
    expect(faultLever(expiry({}), topology)).toEqual(LEVER);
    expect(faultLever(expiry({ mesh: 'payments' }), topology)).toEqual(LEVER);
    expect(faultLever(expiry({ mesh: 'retail' }), topology)).toBeNull();
    expect(faultLever(expiry({ target: 'checkout' }), topology)).toBeNull();
    expect(faultLever(expiry({ type: 'kill-service', target: 'ledger' }), topology)).toBeNull();
    // A mesh's: the first service called over mTLS in it.
    expect(faultLever(expiry({ target: 'payments', mesh: 'payments' }), topology)).toEqual(LEVER);
  });

  it('the lever counts as made once the recipe has that change, not another', () => {
    const change = (c: Record<string, unknown>): LiveAction => ({ kind: 'change', ms: 8_000, ev: 1, change: c });
    expect(leverMade([], LEVER)).toBe(false);
    expect(leverMade([change({ ...LEVER, policy: { maxConnectionDuration: '2s' } })], LEVER)).toBe(false);
    expect(leverMade([change({ type: 'policy', service: 'ledger', policy: { maxConnectionDuration: '1s' } })], LEVER)).toBe(true);
  });

  it('the words: the open connections, none left, renewed; nothing when the worker gave no count', () => {
    expect(openBeforeLine(3, true)).toBe('3 connections opened before the expiry still carry requests: no new handshake on them');
    expect(openBeforeLine(1, true)).toBe('1 connection opened before the expiry still carries requests: no new handshake on it');
    expect(openBeforeLine(1_200, true)).toBe('1,200 connections opened before the expiry still carry requests: no new handshake on them');
    expect(openBeforeLine(0, true)).toBe('no connection opened before the expiry is left: it refuses every new handshake now');
    expect(openBeforeLine(4, false)).toBe("renewed at its CA's next retry: new handshakes pass again");
    expect(openBeforeLine(undefined, undefined)).toBeNull();
  });
});
