// Two scenario files chosen together open as a compare (trial N11, 4): which files are a pair, and
// their link carries both packed, read back as A's and B's own text.
import { describe, expect, it } from 'vitest';
import { decodeCompareLink, DATA_SIDE, DATA_SIDE_B, encodeCompareLink } from '../../src/ui/compare/link';
import { N11_FILES } from '../trialN11Files';
import { looksLikeScenario, ownVsShippedLink, scenarioPair, scenarioPairLink } from '../../src/ui/scenarios/scenarioPair';

const file = (name: string) => ({ name, text: N11_FILES[name] });
const ctx = { scenarioIds: ['hello-mesh', 'gateway-only'], defaultId: 'hello-mesh', speedIds: ['1', '10'] };
const gw = { name: 'gw-retry.yaml', text: 'name: gw\nclients:\n  - name: web\nservices:\n  - name: api\n' };
const sc = { name: 'sc-retry.yaml', text: 'name: sc\nclients:\n  - name: web\nservices:\n  - name: api\n    replicas: 2\n' };

describe('two scenario files chosen together (trial N11, 4)', () => {
  it('tells a scenario file from a manifest and a workload file', () => {
    expect(looksLikeScenario(gw)).toBe(true);
    expect(looksLikeScenario({ name: 'a.json', text: '{ "name": "x", "services": [] }' })).toBe(true);
    expect(looksLikeScenario({ name: 'd.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n' })).toBe(false);
    expect(looksLikeScenario({ name: 'workload.yaml', text: 'name: bookinfo\nclients:\n  - name: web\napps:\n  - name: api\n' })).toBe(false);
    expect(scenarioPair([gw, sc])).toEqual([gw, sc]);
    // A scenario file with manifests, one file, three files: not a pair (the import path keeps them).
    expect(scenarioPair([gw, { name: 'd.yaml', text: 'kind: Deployment\n' }])).toBeNull();
    expect(scenarioPair([gw])).toBeNull();
    expect(scenarioPair([gw, sc, gw])).toBeNull();
  });

  it("opens A the first and B the second, each file's own text read back from the link", () => {
    const r = scenarioPairLink(gw, sc, '10');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.search).toMatch(/^\?compare=%40data,%40dataB&speed=10#data=[\w-]+&dataB=[\w-]+$/);
    const link = decodeCompareLink(r.search, ctx);
    expect(link.problems).toEqual([]);
    expect(link.pair).toEqual([DATA_SIDE, DATA_SIDE_B]);
    expect(link.scenarios).toEqual([{ kind: 'inline', text: gw.text }, { kind: 'inline', text: sc.text }]);
    // The same file twice is one packed side.
    const same = scenarioPairLink(gw, gw, '10');
    expect(same.ok && same.search).toMatch(/compare=%40data,%40data&.*#data=[\w-]+$/);
  });

  it('the N11 trial files pair up; a link without its dataB says so at compare', () => {
    expect(scenarioPair([file('gw-retry.yaml'), file('sc-retry.yaml')])).not.toBeNull();
    const cut = encodeCompareLink({ a: { id: DATA_SIDE, actions: [] }, b: { id: DATA_SIDE_B, actions: [] }, seed: null, tMs: 0, speedId: '10', data: 'x' });
    const link = decodeCompareLink(cut, ctx);
    expect(link.pair).toBeNull();
    expect(link.problems.map((p) => p.path)).toContain('compare');
    expect(link.problems.find((p) => p.path === 'compare')?.message).toContain('has no dataB');
    expect(decodeCompareLink(`${cut}&dataB=%%%`, ctx).problems.some((p) => p.path === 'dataB')).toBe(true);
  });

  it('your opened file vs a shipped one: A packed, B by name; a shipped run is refused', () => {
    const r = ownVsShippedLink({ scenario: { kind: 'inline', text: gw.text }, seed: 7, actions: [] }, 'gateway-only', '1');
    expect(r.ok && r.search).toMatch(/^\?compare=%40data,gateway-only&seed=7&speed=1#data=[\w-]+$/);
    const back = r.ok ? decodeCompareLink(r.search, ctx) : null;
    expect(back?.scenarios).toEqual([{ kind: 'inline', text: gw.text }, { kind: 'builtin', id: 'gateway-only' }]);
    expect(ownVsShippedLink({ scenario: { kind: 'builtin', id: 'hello-mesh' }, seed: null, actions: [] }, 'gateway-only', '1').ok).toBe(false);
  });
});
