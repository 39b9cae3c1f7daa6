import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario';

const base = {
  name: 'story',
  duration: '30s',
  clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
  services: [
    { name: 'api', sidecar: true, serviceTime: '1ms', calls: [{ service: 'db' }] },
    { name: 'db', sidecar: true, serviceTime: '1ms' },
  ],
};
const step = (at: string, highlight: string[]) => ({ at, title: 'a step', text: 'Something happens.', highlight });
const problems = (narrative: unknown[]) => {
  const r = validateScenario({ ...base, narrative });
  return r.ok ? [] : r.problems;
};

describe('narrative steps', () => {
  it('may highlight services, clients, the control plane and edges between them', () => {
    expect(problems([step('0s', ['api', 'users', 'control-plane:mesh', 'users->api', 'api->db'])])).toEqual([]);
  });

  it('are refused when they name an unknown node or edge end, with path: message', () => {
    expect(problems([step('0s', ['api']), step('5s', ['paymnt', 'api->nope'])])).toEqual([
      { path: 'narrative.1.highlight.0', message: 'unknown node "paymnt" (nodes: api, db, users, control-plane:mesh)' },
      { path: 'narrative.1.highlight.1', message: 'unknown node "nope" (nodes: api, db, users, control-plane:mesh)' },
    ]);
  });

  it('must be in time order and within the run', () => {
    expect(problems([step('10s', []), step('5s', []), step('31s', [])])).toEqual([
      { path: 'narrative.1.at', message: 'steps must be in time order' },
      { path: 'narrative.2.at', message: 'is after the scenario ends (30000 ms)' },
    ]);
  });
});
