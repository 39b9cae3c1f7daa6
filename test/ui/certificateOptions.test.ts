// The Faults form's expire-certificates offers what the file may name (trial N9): each mesh, and
// each gateway holding an identity, a bridge's two together and each alone, with words saying what
// expiring does there; the faults it builds are the file's and the schema takes them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { buildFault, certificateOptions, targetOptions } from '../../src/ui/faults/faultForm';
import { faultsFor } from '../../src/ui/faults/faultsFor';
import { expiryWhy } from '../../src/ui/faults/expiryWhy';

const raw = (name: string) => {
  const r = readScenarioText(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('unreadable');
  return r.data as Record<string, unknown>;
};
const topologyOf = (data: Record<string, unknown>) => {
  const v = validateScenario(data);
  if (!v.ok) throw new Error('invalid');
  return new World(v.scenario, 1).topology;
};

describe('expire-certificates targets', () => {
  const data = raw('two-meshes-cert-expiry');
  const topology = topologyOf(data);

  it('offers both meshes, then the bridge: both identities, its payments one, its retail one, each with words', () => {
    const options = targetOptions('certificates', topology);
    expect(options.map((o) => [o.value, o.label])).toEqual([
      ['retail', 'mesh retail'],
      ['payments', 'mesh payments'],
      ['gateway:payments-bridge', 'gateway payments-bridge: both identities'],
      ['gateway:payments-bridge@payments', 'gateway payments-bridge: its payments identity'],
      ['gateway:payments-bridge@retail', 'gateway payments-bridge: its retail identity'],
    ]);
    // Session 45 (U1): the note says it in short (2-4 lines at 1024x768), the rest is behind "why?".
    for (const o of options) expect(o.note, o.value).toMatch(/expires? now\. Open connections carry on: at first nothing may fail\.$/);
    for (const o of options) expect(o.note!.length, o.value).toBeLessThanOrEqual(110);
    const why = options.map(expiryWhy);
    for (const w of why) expect(w).toMatch(/fail \(expired certificate: tls-expired-cert\) until/);
    expect(options[3].note).toBe("payments-bridge's payments certificate expires now. Open connections carry on: at first nothing may fail.");
    expect(why[3]).toContain("New mutual TLS handshakes from it to payments' services fail");
    expect(why[3]).toContain('calls from retail into it go on');
    // Trial N14, 1: each says what an expiry spares, and how to see it fail in this run.
    for (const o of options) expect(expiryWhy(o), o.value).toContain('Connections already open keep carrying requests until they close (idle timeout, max connection duration, a drain, a restart): TLS checks a certificate only at the handshake (RFC 8446 4.4.2.4)');
    for (const o of options) expect(expiryWhy(o), o.value).toContain('two-meshes-cert-expiry');
    // The bridge's outbound side and payments' mesh: close the connections to the ledger (a service over mutual TLS);
    // retail's mesh (shoppers call checkout in plaintext, checkout calls a gateway) and the bridge's inbound side: no service to name.
    expect(options.map((o) => (o.lever ? o.lever.service : null))).toEqual([null, 'ledger', 'ledger', 'ledger', null]);
    expect(options[2].lever).toEqual({ type: 'policy', service: 'ledger', policy: { maxConnectionDuration: '1s' } });
    expect(why[2]).toContain('close those connections with a Config change: service policy on ledger, {"policy": {"maxConnectionDuration": "1s"}}');
    expect(why[4]).not.toContain('Config change');
  });

  it('builds the faults the file writes, which the schema takes', () => {
    const built = ['payments', 'gateway:payments-bridge', 'gateway:payments-bridge@payments'].map((target) => buildFault({ type: 'expire-certificates', target, params: {}, duration: '' }));
    expect(built).toEqual([
      { type: 'expire-certificates', mesh: 'payments' },
      { type: 'expire-certificates', service: 'payments-bridge' },
      { type: 'expire-certificates', service: 'payments-bridge', mesh: 'payments' },
    ]);
    const v = validateScenario({ ...data, faults: built.map((f) => ({ ...f, at: '5s' })) });
    expect(v.ok ? [] : v.problems).toEqual([]);
  });

  it('offers an in-mesh gateway its one identity, and an edge gateway outside every mesh none', () => {
    const inMesh = certificateOptions(topologyOf(raw('retry-storm')));
    expect(inMesh.filter((o) => o.value.startsWith('gateway:')).map((o) => o.label)).toEqual(['gateway api']);
    const edge = certificateOptions(topologyOf(raw('gateway-only')));
    expect(edge.filter((o) => o.value.startsWith('gateway:'))).toEqual([]);
  });

  it('Inspect on the bridge offers to expire its certificates', () => {
    const bridge = topology.nodes.find((n) => n.name === 'payments-bridge')!;
    const offer = faultsFor({ kind: 'node', id: bridge.id }, topology).find((o) => o.values.type === 'expire-certificates');
    expect(offer?.values.target).toBe('gateway:payments-bridge');
  });
});
