import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario';

const base = {
  name: 'refs',
  duration: '10s',
  clients: [{ name: 'c', type: 'open', rate: 10, target: 'a' }],
  services: [{ name: 'a', sidecar: true, serviceTime: '1ms' }],
};
const problems = (extra: Record<string, unknown>) => {
  const r = validateScenario({ ...base, ...extra });
  return r.ok ? [] : r.problems;
};

describe('references between meshes, faults and services', () => {
  it('the implicit mesh can be named "mesh" by faults, partitions and gateways', () => {
    expect(
      problems({
        faults: [
          { type: 'control-plane-outage', mesh: 'mesh', at: '1s' },
          { type: 'partition', between: [['a'], ['control-plane:mesh']], at: '2s' },
        ],
        gateways: [{ name: 'gw', mesh: 'mesh', routes: [{ service: 'a' }] }],
      }),
    ).toEqual([]);
  });

  it('refuses STRICT on a service without a sidecar, which nothing would enforce', () => {
    expect(problems({ services: [{ name: 'a', mtls: 'STRICT', serviceTime: '1ms' }] })).toEqual([
      { path: 'services.0.mtls', message: 'STRICT is enforced by a sidecar; "a" has none (add "sidecar": true, or leave mtls out)' },
    ]);
  });

  it('refuses a fault that starts after the run is over', () => {
    expect(problems({ faults: [{ type: 'kill-service', service: 'a', at: '20s' }] })).toEqual([
      { path: 'faults.0.at', message: 'starts at 20000 ms, when the run is over (duration 10000 ms)' },
    ]);
  });

  it('refuses a run that would send more than 50 million requests', () => {
    const p = problems({ duration: '1000h', clients: [{ name: 'c', type: 'open', rate: 1000, target: 'a' }] });
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe('clients');
    expect(p[0].message).toMatch(/^would send about 3,600,000,000 requests over the duration, more than 50,000,000/);
  });

  it('says bounds in words, and an empty list without "got an array"', () => {
    expect(problems({ faults: [{ type: 'http-abort', service: 'a', percent: 5, status: 200 }] })).toEqual([
      { path: 'faults.0.status', message: 'must be at least 400, got 200' },
    ]);
    expect(problems({ services: [] })).toContainEqual({ path: 'services', message: 'needs at least one service' });
  });
});
