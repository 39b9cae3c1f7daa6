// The Faults form's expire-certificates offers what the file may name (trial N9): each mesh, and
// each gateway holding an identity, a bridge's two together and each alone, with words saying what
// expiring does there; the faults it builds are the file's and the schema takes them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { buildFault, certificateOptions, targetOptions } from '../../src/ui/faults/faultForm';
import { faultsFor } from '../../src/ui/faults/faultsFor';

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
    for (const o of options) expect(o.note, o.value).toMatch(/expire.* now: new mutual TLS handshakes .*fail \(expired certificate\) until/);
    expect(options[3].note).toContain("payments-bridge's payments certificate expires now: new mutual TLS handshakes from it to payments' services fail");
    expect(options[3].note).toContain('calls from retail into it go on');
    // Trial N14, 1: each says what an expiry spares, and how to see it fail in this run.
    for (const o of options) expect(o.note, o.value).toContain('Connections already open keep carrying requests until they close (idle timeout, max connection duration, a drain, a restart): TLS checks a certificate only at the handshake');
    for (const o of options) expect(o.note, o.value).toContain('two-meshes-cert-expiry');
    // The bridge's outbound side and payments' mesh: close the connections to the ledger (a service over mutual TLS);
    // retail's mesh (shoppers call checkout in plaintext, checkout calls a gateway) and the bridge's inbound side: no service to name.
    const lever = (s: string) => `To see them fail here, close those connections: a Config change below, service policy on ${s} with details {"policy": {"maxConnectionDuration": "1s"}}.`;
    expect(options.map((o) => /service policy on (\S+) with/.exec(o.note!)?.[1] ?? null)).toEqual([null, 'ledger', 'ledger', 'ledger', null]);
    expect(options[2].note).toContain(lever('ledger'));
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
