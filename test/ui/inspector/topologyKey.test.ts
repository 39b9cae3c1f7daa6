import { describe, expect, it } from 'vitest';
import { topologyKey } from '../../../src/ui/inspector/inspectorStore';

describe('topologyKey', () => {
  const a = { nodes: [{ name: 'shoppers' }, { name: 'api' }, { name: 'web' }], edges: [{ from: 0, to: 1 }, { from: 1, to: 2 }] };
  it('is the same for the same names and links (a Reset, a seek, the scenario opened again)', () => {
    expect(topologyKey(structuredClone(a))).toBe(topologyKey(a));
  });
  it('differs when a name or a link differs, so the inspected id is forgotten', () => {
    expect(topologyKey({ ...a, nodes: [{ name: 'shoppers' }, { name: 'api' }, { name: 'orders' }] })).not.toBe(topologyKey(a));
    expect(topologyKey({ ...a, edges: [{ from: 0, to: 1 }, { from: 0, to: 2 }] })).not.toBe(topologyKey(a));
  });
});
