import { describe, expect, it } from 'vitest';
import { ownershipOf } from '../../src/models/ownership';
import { openingPath, crossesBoundary, policySet } from '../../src/ui/ownership/openingPath';
import { scenarioFile } from '../models/helpers';

/** The path the view opens on in a shipped scenario, as its node names joined by →. */
const opening = (name: string, focus: readonly string[] = []) => {
  const s = scenarioFile(`${name}.json`);
  const o = ownershipOf(s);
  return o.paths[openingPath(o, s, focus)].nodes.join('→');
};

describe('openingPath: the path the ownership view opens on', () => {
  it('a path with a feature owned twice first: gateway-and-mesh opens on the path to inventory (timeouts at gateway and sidecar)', () => {
    expect(opening('gateway-and-mesh')).toBe('shoppers→edge→frontend→inventory');
  });
  it('else a path leaving for a third party: third-party-service opens on the egress path to the partner, not checkout→cart', () => {
    expect(opening('third-party-service')).toBe('shoppers→checkout→egress→shipping-partner');
  });
  it("else the path with the most policy set: mesh-only opens on inventory's path (retries, 250 ms per try, outlier detection), not catalog's (Istio's defaults)", () => {
    const s = scenarioFile('mesh-only.json');
    const o = ownershipOf(s);
    const counts = o.paths.map((p) => [p.nodes.at(-1), policySet(p)]);
    expect(Object.fromEntries(counts)).toMatchObject({ catalog: expect.any(Number), inventory: expect.any(Number) });
    const byEnd = Object.fromEntries(counts) as Record<string, number>;
    expect(byEnd.inventory).toBeGreaterThan(byEnd.catalog);
    expect(opening('mesh-only')).toBe('shoppers→frontend→inventory');
  });
  it("a story step's link or the selected link names the path, over every other rule; a node on every path names none", () => {
    expect(opening('gateway-and-mesh', ['frontend->catalog'])).toBe('shoppers→edge→frontend→catalog');
    expect(opening('third-party-service', ['checkout->cart'])).toBe('shoppers→checkout→cart');
    expect(opening('third-party-service', ['checkout'])).toBe('shoppers→checkout→egress→shipping-partner');
    expect(opening('mesh-only', ['catalog'])).toBe('shoppers→frontend→catalog');
    // A link no path holds: the other rules decide.
    expect(opening('mesh-only', ['nobody->nowhere'])).toBe('shoppers→frontend→inventory');
  });
  it('crossesBoundary: an external callee or a hop between meshes; the client hop never counts', () => {
    const s = scenarioFile('third-party-service.json');
    const o = ownershipOf(s);
    expect(o.paths.map((p) => crossesBoundary(p, s))).toEqual(o.paths.map((p) => p.nodes.includes('shipping-partner')));
  });
  it('no paths gives 0', () => {
    expect(openingPath({ paths: [], overlaps: [] }, null)).toBe(0);
  });
});
