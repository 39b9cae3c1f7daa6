import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { FAULT_TYPES, buildFault, faultFieldLabel, faultFormProblems, faultTypeSpec, fieldChoices, paramDefaults, replicaOptions, shownParams, targetOptions } from '../../src/ui/faults/faultForm';
import { validateScenario } from '../../src/scenario';

const topology = {
  nodes: [
    { id: 0, name: 'control-plane:shop', kind: 'control-plane', replicas: 1, concurrency: 1, sidecar: false, mesh: 'shop', external: false, protocol: 'http', boundary: null, denyBoundaries: [] },
    { id: 1, name: 'web', kind: 'service', replicas: 2, concurrency: 4, sidecar: true, mesh: 'shop', external: false, protocol: 'http', boundary: null, denyBoundaries: [] },
    { id: 2, name: 'api', kind: 'gateway', replicas: 2, concurrency: 4, sidecar: false, mesh: 'shop', external: false, protocol: 'http', boundary: null, denyBoundaries: [] },
    { id: 3, name: 'users', kind: 'client', replicas: 1, concurrency: 1, sidecar: false, mesh: null, external: true, protocol: 'http', boundary: null, denyBoundaries: [] },
  ],
  edges: [
    { id: 0, from: 3, to: 2, mtls: false },
    { id: 1, from: 2, to: 1, mtls: true },
  ],
} as const;
// A real scenario with a gateway (api), a meshed service (web) and a mesh (shop).
const base = { ...JSON.parse(readFileSync(new URL('../../scenarios/retry-storm.json', import.meta.url), 'utf8')), faults: [] };

describe('fault form', () => {
  test('targets come from the topology: services, gateways, meshes, links', () => {
    const t = topology as unknown as Parameters<typeof targetOptions>[1];
    expect(targetOptions('service', t).map((o) => o.value)).toEqual(['web']);
    expect(targetOptions('gateway', t).map((o) => o.value)).toEqual(['api']);
    expect(targetOptions('mesh', t).map((o) => o.value)).toEqual(['shop']);
    expect(targetOptions('service-or-link', t).map((o) => o.value)).toEqual(['web', 'api', 'link:users->api', 'link:api->web']);
  });

  test('each fault type with its default values builds a fault the scenario schema accepts', () => {
    const probe = validateScenario(base);
    // The base scenario must itself be valid for the check below to mean anything.
    expect(probe.ok ? [] : probe.problems).toEqual([]);
    const targetOf: Record<string, string> = { service: 'web', gateway: 'api', mesh: 'shop', certificates: 'shop', 'service-or-link': 'link:api->web', node: 'web', network: 'network' };
    for (const spec of FAULT_TYPES) {
      const fault = buildFault({ type: spec.type, target: targetOf[spec.target], params: { other: 'api' }, duration: spec.oneShot ? '' : '5s' });
      const r = validateScenario({ ...base, faults: [fault] });
      expect(r.ok ? [] : r.problems, spec.type).toEqual([]);
    }
  });

  test('numbers go as numbers, a link becomes from/to, an empty duration means until cleared', () => {
    expect(buildFault({ type: 'slow-replica', target: 'web', params: { replica: '1', factor: '20' }, duration: '' })).toEqual({ type: 'slow-replica', service: 'web', replica: 1, factor: 20 });
    // HTTP errors on every replica (the default) or on one.
    expect(buildFault({ type: 'http-abort', target: 'web', params: {}, duration: '' })).toEqual({ type: 'http-abort', service: 'web', percent: 50, status: 503 });
    expect(buildFault({ type: 'http-abort', target: 'web', params: { replica: '1' }, duration: '' })).toEqual({ type: 'http-abort', service: 'web', replica: 1, percent: 50, status: 503 });
    expect(buildFault({ type: 'latency', target: 'link:api->web', params: {}, duration: '10s' })).toEqual({ type: 'latency', from: 'api', to: 'web', delay: '100ms', for: '10s' });
    expect(buildFault({ type: 'partition', target: 'web', params: { other: 'api' }, duration: '' })).toEqual({ type: 'partition', between: [['web'], ['api']] });
  });
});

describe('replica choices', () => {
  it('offer every replica first where a fault may hit them all, and only single replicas where it may not', () => {
    const t = topology as unknown as Parameters<typeof replicaOptions>[1];
    expect(replicaOptions('web', t).map((o) => o.label)).toEqual(['#0', '#1']);
    expect(replicaOptions('web', t, 'every replica').map((o) => [o.value, o.label])).toEqual([
      ['', 'every replica'],
      ['0', '#0'],
      ['1', '#1'],
    ]);
  });
});

describe("the fields' choices, from one topology or from both of a compare view's", () => {
  const one = topology as unknown as Parameters<typeof replicaOptions>[1];
  // B: web with 4 replicas, and a node A lacks.
  const other = { ...one, nodes: [...one.nodes.map((n) => (n.name === 'web' ? { ...n, replicas: 4 } : n)), { ...one.nodes[1], id: 4, name: 'ledger', replicas: 1 }] } as unknown as typeof one;

  it("offers a service's replicas as the run with more has them, and every node of either run as a partition's other side", () => {
    const both = fieldChoices([one, other]);
    expect(both.replicas('web').map((o) => o.label)).toEqual(['#0', '#1', '#2', '#3']);
    expect(both.others('web').map((o) => o.value)).toEqual(['control-plane:shop', 'api', 'users', 'ledger']);
    expect(fieldChoices([one]).others('web').map((o) => o.value)).toEqual(['control-plane:shop', 'api', 'users']);
  });

  it("shows typed values that fit the target, defaults where they do not: a latency's delay, a replica, a partition's side", () => {
    const c = fieldChoices([one]);
    expect(shownParams(faultTypeSpec('latency').params, { delay: '250ms' }, c, 'web')).toEqual({ delay: '250ms' });
    expect(shownParams(faultTypeSpec('latency').params, {}, c, 'web')).toEqual({ delay: '100ms' });
    // Replica #3 is not web's in A: back to #0.
    expect(shownParams(faultTypeSpec('kill-replica').params, { replica: '3' }, c, 'web')).toEqual({ replica: '0' });
    expect(shownParams(faultTypeSpec('kill-replica').params, { replica: '3' }, fieldChoices([one, other]), 'web')).toEqual({ replica: '3' });
    // A partition cannot cut web off from itself: the first other node instead.
    expect(shownParams(faultTypeSpec('partition').params, { other: 'web' }, c, 'web')).toEqual({ other: 'control-plane:shop' });
    expect(paramDefaults(faultTypeSpec('http-abort').params, c, 'web')).toEqual({ replica: '', percent: '50', status: '503' });
  });
});

describe("the form's shares are percents and its duration problems one wording (a new user's trial)", () => {
  it('takes packet loss and gateway capacity as 0-100 like HTTP errors, sent as the 0..1 share the engine takes', () => {
    for (const t of FAULT_TYPES) for (const p of t.params) if (p.percent) expect(p.label).toMatch(/^% of /);
    expect(buildFault({ type: 'packet-loss', target: 'network', params: { rate: '5' }, duration: '' })).toEqual({ type: 'packet-loss', rate: 0.05 });
    expect(buildFault({ type: 'gateway-capacity', target: 'edge', params: { factor: '25' }, duration: '' })).toEqual({ type: 'gateway-capacity', gateway: 'edge', factor: 0.25 });
    expect(buildFault({ type: 'http-abort', target: 'web', params: { percent: '5' }, duration: '' })).toMatchObject({ percent: 5 });
    expect(faultFormProblems({ type: 'packet-loss', target: 'network', params: { rate: '5' }, duration: '' })).toEqual([]);
    // A fault that would do nothing is refused at its field (N-report 9): 0%, 0 ms, 1x slower, 100% left.
    const nothing = (type: string, key: string, value: string) => faultFormProblems({ type, target: 'x', params: { [key]: value }, duration: '' });
    expect(nothing('http-abort', 'percent', '0')).toEqual([{ path: 'fault.percent', message: 'at 0% makes a fault that does nothing; give more than 0' }]);
    expect(nothing('packet-loss', 'rate', '0')).toEqual([{ path: 'fault.rate', message: 'at 0% makes a fault that does nothing; give more than 0' }]);
    expect(nothing('gateway-capacity', 'factor', '100')).toEqual([{ path: 'fault.factor', message: 'at 100% makes a fault that does nothing; give below 100' }]);
    expect(nothing('slow-replica', 'factor', '1')).toEqual([{ path: 'fault.factor', message: 'at 1 makes a fault that does nothing; give other than 1' }]);
    expect(nothing('latency', 'delay', '0ms')).toEqual([{ path: 'fault.delay', message: 'at 0ms makes a fault that does nothing; give more than 0' }]);
    expect(nothing('http-abort', 'percent', '0.5')).toEqual([]);
    expect(nothing('gateway-capacity', 'factor', '0')).toEqual([]);
    expect(faultFormProblems({ type: 'gateway-capacity', target: 'edge', params: { factor: '150' }, duration: '' })).toEqual([{ path: 'fault.factor', message: 'must be between 0 and 100 (a percent), got 150' }]);
  });
  it('words an empty delay as any unreadable duration, and refuses 1e12 as too long, with the bound', () => {
    const how = 'use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)';
    expect(faultFormProblems({ type: 'latency', target: 'web', params: { delay: '' }, duration: '' })).toEqual([{ path: 'fault.delay', message: `is required; ${how}` }]);
    expect(faultFormProblems({ type: 'latency', target: 'web', params: { delay: '5 parsecs' }, duration: '' })).toEqual([{ path: 'fault.delay', message: `"5 parsecs" is not a duration; ${how}` }]);
    expect(faultFormProblems({ type: 'latency', target: 'web', params: { delay: '1e12' }, duration: '1e12' }).map((p) => p.message)).toEqual(Array(2).fill('must be at most 8760h (one year of simulated time), got "1e12"'));
  });
});

describe('faultFieldLabel (trial N8, finding 3: the Faults form said "fault.for:" under a field labelled "for (e.g. 10s)")', () => {
  it("names a problem's field by its label, as the editor's Add form does; a path in no field as given", () => {
    expect(faultFieldLabel('kill-service', 'fault.for')).toBe('for');
    expect(faultFieldLabel('slow-replica', 'fault.factor')).toBe('times slower');
    expect(faultFieldLabel('gateway-capacity', 'fault.factor')).toBe('% of capacity left');
    expect(faultFieldLabel('http-abort', 'fault.percent')).toBe('% of requests');
    expect(faultFieldLabel('latency', 'fault.delay')).toBe('delay');
    expect(faultFieldLabel('kill-service', 'fault.service')).toBe('on');
    expect(faultFieldLabel('partition', 'fault.between.0')).toBe('cut off');
    expect(faultFieldLabel('kill-service', 'fault.type')).toBe('inject');
    expect(faultFieldLabel('kill-service', 'fault')).toBe('fault');
  });
});
