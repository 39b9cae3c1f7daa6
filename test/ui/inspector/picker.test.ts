import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../../src/models';
import { parseScenarioText } from '../../../src/scenario';
import { humanNodeName, pickerGroups } from '../../../src/ui/inspector/picker';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

describe("the inspector's picker", () => {
  it('names control planes by their mesh and groups nodes by kind, each sorted by name, links last', () => {
    const groups = pickerGroups(topologyOf('two-meshes-via-gateway'));
    const labels = Object.fromEntries(groups.map((g) => [g.label, g.options.map((o) => o.label)]));
    expect(groups.map((g) => g.label)).toEqual(['Clients', 'Gateways', 'Services', 'Control planes and CAs', 'Links']);
    expect(labels['Control planes and CAs']).toEqual(['control plane of payments', 'control plane of retail']);
    expect(labels['Gateways']).toEqual(['payments-bridge']);
    expect(labels['Links']).toContain('checkout → payments-bridge');
    // No engine id shows anywhere.
    expect(groups.flatMap((g) => g.options.map((o) => o.label)).some((l) => l.includes('control-plane:'))).toBe(false);
  });

  it("calls the one control plane of a scenario without meshes 'the mesh', and keeps every node and link once", () => {
    const t = topologyOf('hello-mesh');
    const groups = pickerGroups(t);
    expect(groups.find((g) => g.label === 'Control planes and CAs')!.options.map((o) => o.label)).toEqual(['control plane of the mesh']);
    const values = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(values.filter((v) => v.startsWith('node:')).length).toBe(t.nodes.length);
    expect(values.filter((v) => v.startsWith('edge:')).length).toBe(t.edges.length);
    expect(new Set(values).size).toBe(values.length);
    expect(humanNodeName({ name: 'payments', kind: 'service' })).toBe('payments');
  });

  it('puts third parties in a group of their own', () => {
    const groups = pickerGroups(topologyOf('third-party-service'));
    expect(groups.find((g) => g.label === 'Third parties')!.options.length).toBeGreaterThan(0);
  });
});
