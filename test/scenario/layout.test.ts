import { describe, expect, test } from 'vitest';
import { validateScenario } from '../../src/scenario';

const base = {
  name: 'placed',
  duration: '30s',
  clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
  services: [{ name: 'api', serviceTime: '1ms', sidecar: true, calls: [{ service: 'db' }] }, { name: 'db', serviceTime: '1ms' }],
};
const problems = (layout: unknown) => {
  const r = validateScenario({ ...base, layout });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('a scenario’s layout', () => {
  test('places clients, services and the mesh’s control plane by name, and the engine keeps it as given', () => {
    const layout = { users: { x: -10, y: 0 }, api: { x: 250.5, y: -40 }, 'control-plane:mesh': { x: 250, y: -300 } };
    const r = validateScenario({ ...base, layout });
    expect(r.ok && r.scenario.layout).toEqual(layout);
    const none = validateScenario(base);
    expect(none.ok && none.scenario.layout).toBeUndefined();
  });

  test('a name that is no node is refused at layout.<name>, one problem each', () => {
    expect(problems({ api: { x: 1, y: 2 }, apy: { x: 0, y: 0 }, 'control-plane:other': { x: 0, y: 0 } })).toEqual(['layout.apy: unknown node', 'layout.control-plane:other: unknown node']);
  });

  test('coordinates must be numbers within a million design units, and x and y are the only fields', () => {
    expect(problems({ api: { x: 2e6, y: 0 } })).toEqual(['layout.api.x: must be from -1000000 to 1000000 (design units), got 2000000']);
    expect(problems({ api: { x: '5', y: 0 } })).toEqual(['layout.api.x: expected number, got "5"']);
    expect(problems({ api: { x: 1, y: 2, z: 3 } })).toEqual(['layout.api.z: unknown field (fields here: x, y)']);
  });
});
