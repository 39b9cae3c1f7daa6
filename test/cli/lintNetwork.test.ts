import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';
import { textLocator } from '../../src/models/lint/locate';

const lintOf = (text: string) => {
  const p = parseScenarioText(text, 'yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return scenarioFindings(p.scenario, textLocator('s.yaml', text)).filter((f) => f.code === 'MS015');
};

const BASE = `name: nonet
duration: 5s
clients:
  - { name: apps, type: open, rate: 20, target: a, external: true }
services:
  - name: a
    serviceTime: 2ms
`;

describe('MS015 no-network-latency', () => {
  it('is an info finding at the top of a file with an internet client and no network latency, its fix network.placement', () => {
    const [f] = lintOf(BASE);
    expect(f).toMatchObject({ rule: 'no-network-latency', severity: 'info', field: 'network', resource: { kind: 'Scenario', name: 'nonet', file: 's.yaml', line: 1 } });
    expect(f.message).toMatch(/^no network latency: every hop takes 0 ms .* client apps on the internet/);
    expect(f.fix).toMatch(/^Add network: \{ placement: \{\} \} .*internet 40 ms/);
  });

  it('says nothing once network.placement or network.latency is set, or when the client gives its own latency', () => {
    expect(lintOf(`${BASE}network: { placement: {} }\n`)).toEqual([]);
    expect(lintOf(`${BASE}network: { latency: 1ms }\n`)).toEqual([]);
    expect(lintOf(BASE.replace('external: true }', 'external: true, latency: 40ms }'))).toEqual([]);
  });

  it('finds a third party called without a latency, and replicas in two zones, on an in-cluster client', () => {
    const third = BASE.replace(', external: true', '') + '    calls: [{ service: tax }]\n  - { name: tax, external: true, serviceTime: 80ms }\n';
    expect(lintOf(third)[0].message).toMatch(/third party tax/);
    const zones = BASE.replace(', external: true', '') + '    zones: [zone-a, zone-b]\n';
    expect(lintOf(zones)[0].message).toMatch(/hosts in 2 zones \(region-1\/zone-a, region-1\/zone-b\)/);
    expect(lintOf(BASE.replace(', external: true', ''))).toEqual([]);
  });
});
