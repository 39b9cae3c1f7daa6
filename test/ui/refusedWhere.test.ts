import { describe, expect, it } from 'vitest';
import { linkName, refusedWhere } from '../../src/ui/components/refusedWhere';

const topology = {
  nodes: [
    { id: 0, name: 'shoppers', kind: 'client' },
    { id: 1, name: 'egress', kind: 'gateway' },
    { id: 2, name: 'partner', kind: 'service' },
    { id: 3, name: 'control-plane:retail', kind: 'control-plane', mesh: 'retail' },
  ],
  edges: [
    { id: 0, from: 0, to: 1 },
    { id: 1, from: 1, to: 2 },
    { id: 2, from: 3, to: 1 },
  ],
};

describe("the counter strip's link for refused retries", () => {
  it("names a link as the inspector's picker does, 'egress → partner'", () => {
    expect(linkName(topology, 1)).toBe('egress → partner');
    expect(linkName(topology, 2)).toBe('control plane of retail → egress');
  });

  it('names no link for edge -1, an unknown id or no topology yet', () => {
    expect(linkName(topology, -1)).toBeNull();
    expect(linkName(topology, 7)).toBeNull();
    expect(linkName(null, 1)).toBeNull();
  });

  it("says 'on egress → partner' for one link, 'on 2 links' for two, nothing for none", () => {
    expect(refusedWhere('egress → partner', 1)).toEqual({ words: 'on egress → partner', link: 'egress → partner' });
    expect(refusedWhere('egress → partner', 2)).toEqual({ words: 'on 2 links', link: 'egress → partner' });
    expect(refusedWhere('egress → partner', 0)).toBeNull();
    expect(refusedWhere(null, 1)).toBeNull();
  });
});
