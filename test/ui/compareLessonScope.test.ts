// A compare link's whose-requests and typo fix (trial T4, 1, 8): a pair whose stories are about one
// client opens on it unless the link says `scope=`, `scope=all` says every client's, and a pair's
// name a letter off gets the corrected link with the rest of the link kept.
import { describe, expect, it } from 'vitest';
import { decodeCompareLink, encodeCompareLink, linkWithPair, SCOPE_ALL } from '../../src/ui/compare/link';
import { lessonClient, READY_PAIRS } from '../../src/ui/compare/pairs';

const ctx = { scenarioIds: ['gateway-only', 'gateway-and-mesh', 'mesh-only', 'retry-storm'], defaultId: 'gateway-only', speedIds: ['1', '10'] };

describe('lessonClient', () => {
  it("names the ready pair's client in either order, none for a pair without one", () => {
    const withScope = READY_PAIRS.find((p) => p.scope)!;
    expect(lessonClient('gateway-only', 'gateway-and-mesh')).toBe('shoppers');
    expect(lessonClient('gateway-and-mesh', 'gateway-only')).toBe('shoppers');
    expect(lessonClient(withScope.a, withScope.b)).toBe(withScope.scope);
    expect(lessonClient('gateway-only', 'mesh-only')).toBeUndefined();
    expect(lessonClient('retry-storm', 'mesh-only')).toBeUndefined();
  });
});

describe('decodeCompareLink scope', () => {
  it('tells a link without scope= from one with a client or all', () => {
    expect(decodeCompareLink('?compare=gateway-only,gateway-and-mesh', ctx)).toMatchObject({ scope: null, scopeGiven: false, problems: [] });
    expect(decodeCompareLink('?compare=gateway-only,gateway-and-mesh&scope=shoppers', ctx)).toMatchObject({ scope: 'shoppers', scopeGiven: true, problems: [] });
    expect(decodeCompareLink(`?compare=gateway-only,gateway-and-mesh&scope=${SCOPE_ALL}`, ctx)).toMatchObject({ scope: null, scopeGiven: true, problems: [] });
    // A bad scope is said, and reads as every client's, not the lesson's.
    const bad = decodeCompareLink('?compare=gateway-only,gateway-and-mesh&scope=a%20b', ctx);
    expect(bad).toMatchObject({ scope: null, scopeGiven: true });
    expect(bad.problems[0].path).toBe('scope');
  });

  it('writes scope=all as given and reads it back', () => {
    const search = encodeCompareLink({ a: { id: 'gateway-only', actions: [] }, b: { id: 'gateway-and-mesh', actions: [] }, seed: null, tMs: 0, speedId: '1', scope: SCOPE_ALL });
    expect(search).toBe('?compare=gateway-only,gateway-and-mesh&speed=1&scope=all');
    expect(decodeCompareLink(search, ctx)).toMatchObject({ scope: null, scopeGiven: true });
  });
});

describe('a typo in the pair', () => {
  it('offers the corrected pair with the rest of the link', () => {
    const d = decodeCompareLink('?compare=gateway-only,mesh-onyl&t=10s&speed=10', ctx);
    expect(d.pair).toBeNull();
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0].message).toMatch(/did you mean mesh-only\?/);
    expect(d.problems[0].meantLink).toEqual({ id: 'gateway-only vs mesh-only', href: '?compare=gateway-only,mesh-only&t=10s&speed=10' });
    const fixed = decodeCompareLink(d.problems[0].meantLink!.href, ctx);
    expect(fixed).toMatchObject({ pair: ['gateway-only', 'mesh-only'], tMs: 10_000, speedId: '10', problems: [] });
  });

  it('both sides a letter off: one link fixing both; a side with no near name: none', () => {
    const both = decodeCompareLink('?compare=gateway-onyl,mesh-onyl', ctx);
    expect(both.problems.map((p) => p.meantLink?.href)).toEqual(['?compare=gateway-only,mesh-only', '?compare=gateway-only,mesh-only']);
    const far = decodeCompareLink('?compare=gateway-only,zzzzzzzz', ctx);
    expect(far.problems[0].meantLink).toBeUndefined();
  });

  it('keeps the fragment and the order of the parts', () => {
    expect(linkWithPair('?t=5s&compare=a,b#data=xyz', 'gateway-only', 'mesh-only')).toBe('?t=5s&compare=gateway-only,mesh-only#data=xyz');
  });
});
