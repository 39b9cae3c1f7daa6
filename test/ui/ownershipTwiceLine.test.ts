// The owned-twice line above the Ownership table (session 54, X4; trial T5, 7): one item a feature
// and its owners, naming the hops where, never the same item twice.
import { describe, expect, it } from 'vitest';
import { ownershipOf } from '../../src/models/ownership';
import { hopsNamed, twiceItems } from '../../src/ui/ownership/twiceLine';
import { scenario, scenarioFile } from '../models/helpers';

const retries = { retries: { attempts: 2, perTryTimeout: '250ms', retryOn: ['5xx'] } };

/** shoppers -> gateway edge (retrying) -> web (sidecar) -> orders and inventory, each called with the sidecar's retries: the engineer's file's shape. */
const twoCalls = () =>
  scenario({
    name: 'my-shop-gw-retry',
    duration: '5s',
    clients: [{ name: 'shoppers', type: 'open', arrival: 'constant', rate: 1, target: 'edge' }],
    gateways: [{ name: 'edge', routes: [{ service: 'web', policy: retries }] }],
    services: [
      { name: 'web', sidecar: true, serviceTime: '1ms', concurrency: 10, calls: [{ service: 'orders' }, { service: 'inventory' }] },
      { name: 'orders', sidecar: true, serviceTime: '1ms', concurrency: 10, policy: retries },
      { name: 'inventory', sidecar: true, serviceTime: '1ms', concurrency: 10, policy: retries },
    ],
  });

describe('twiceItems', () => {
  it('merges one feature owned by the same layers on two paths into one item naming both hops', () => {
    const o = ownershipOf(twoCalls());
    expect(o.overlaps.filter((x) => x.feature === 'retries')).toHaveLength(2);
    const items = twiceItems(o);
    const r = items.filter((x) => x.feature === 'retries');
    expect(r).toHaveLength(1);
    expect(r[0].name).toBe('Retries');
    expect(r[0].who).toBe('gateway and sidecar');
    expect(r[0].where).toEqual(['web→orders', 'web→inventory']);
    // No item said twice.
    const keys = items.map((x) => `${x.feature}|${x.who}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(hopsNamed(items)).toBe(true);
  });

  it('keeps a single overlap as it was, its one hop left to the path menu', () => {
    const o = ownershipOf(scenarioFile('retry-storm.json'));
    const items = twiceItems(o);
    expect(items).toEqual([{ feature: 'retries', name: 'Retries', who: 'gateway and sidecar, 3 hops', where: ['orders→payments'] }]);
    expect(hopsNamed(items)).toBe(false);
    const g = twiceItems(ownershipOf(scenarioFile('gateway-and-mesh.json')));
    expect(g.map((x) => x.who)).toEqual(['gateway and sidecar; client 3 s']);
    expect(hopsNamed(g)).toBe(false);
  });

  it('names nothing for a scenario with no overlap', () => {
    expect(twiceItems(ownershipOf(scenarioFile('mesh-only.json')))).toEqual([]);
  });
});
