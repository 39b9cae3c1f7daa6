import { describe, expect, it } from 'vitest';
import { namedPath, namedPathsIn, namedProblem } from '../../src/scenario';

const data = {
  clients: [{ name: 'shoppers', target: 'web' }],
  services: [{ name: 'web', calls: [{ service: 'payments' }] }, { name: 'orders' }, { name: 'payments', replicas: 0 }],
  gateways: [{ name: 'edge', routes: [{ name: 'api', service: 'web' }, { service: 'orders' }] }],
  faults: [{ type: 'kill-replica', service: 'web' }],
  layout: { 'a.b': { x: 1 } },
};

describe('a problem names a service the way sweep --set does, not by its position', () => {
  it('writes a named item by its name: services.2.replicas -> services.payments.replicas', () => {
    expect(namedPath(data, 'services.2.replicas')).toBe('services.payments.replicas');
    expect(namedPath(data, 'clients.0.target')).toBe('clients.shoppers.target');
    expect(namedPath(data, 'gateways.0.routes.0.service')).toBe('gateways.edge.routes.api.service');
  });

  it('keeps the index of an item with no name (calls, faults, an unnamed route)', () => {
    expect(namedPath(data, 'services.0.calls.0.service')).toBe('services.web.calls.0.service');
    expect(namedPath(data, 'faults.0.service')).toBe('faults.0.service');
    expect(namedPath(data, 'gateways.0.routes.1.service')).toBe('gateways.edge.routes.1.service');
  });

  it('keeps the index where a name would not say which item: shared, empty, all digits, holding a dot, or missing', () => {
    const odd = { services: [{ name: 'a' }, { name: 'a' }, { name: '' }, { name: '7' }, { name: 'x.y' }, { replicas: 2 }] };
    for (let i = 0; i < 6; i++) expect(namedPath(odd, `services.${i}.replicas`)).toBe(`services.${i}.replicas`);
  });

  it('keeps parts the data does not have, whole-file places, and keys holding dots', () => {
    expect(namedPath(data, 'services.9.replicas')).toBe('services.9.replicas');
    expect(namedPath(data, 'services')).toBe('services');
    expect(namedPath(data, '(file)')).toBe('(file)');
    expect(namedPath(data, '')).toBe('');
    expect(namedPath(data, 'layout.a.b.x')).toBe('layout.a.b.x');
    expect(namedPath(null, 'services.0.name')).toBe('services.0.name');
  });

  it('writes the places a message quotes by name too, and leaves other text alone', () => {
    expect(namedPathsIn(data, '"web" is also the name of services.0; see gateways.0.routes.1.service')).toBe('"web" is also the name of services.web; see gateways.edge.routes.1.service');
    expect(namedPathsIn(data, 'version 1.2, v1.2, 2.5s, foo.0 and mesh.svc.cluster.local')).toBe('version 1.2, v1.2, 2.5s, foo.0 and mesh.svc.cluster.local');
    expect(namedProblem(data, { path: 'services.2.replicas', message: 'must be at least 1, got 0' })).toEqual({ path: 'services.payments.replicas', message: 'must be at least 1, got 0' });
  });
});
