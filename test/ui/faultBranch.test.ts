// Branching on a fault just injected: A is the recipe without it, B the recipe with it, and the
// panes say so (new user, session 33, item 8).
import { describe, expect, it } from 'vitest';
import { faultBranchLabels, faultBranchLink, lastInjected } from '../../src/ui/compare/faultBranch';
import { decodeCompareLink } from '../../src/ui/compare/link';
import type { LiveAction } from '../../src/workers/protocol';
import type { Recipe } from '../../src/ui/recipe/types';

const errors: LiveAction = { kind: 'inject', ms: 10_000, ev: 41_230, fault: { type: 'http-abort', service: 'inventory', percent: 50, status: 503, for: '20s' } };
const change: LiveAction = { kind: 'change', ms: 4_000, ev: 16_000, change: { type: 'policy', service: 'catalog', policy: { retries: { attempts: 0 } } } };

describe('a branch on the fault just injected', () => {
  it('finds the injection only when it is the last thing done to the run', () => {
    expect(lastInjected([change, errors])).toBe(errors);
    expect(lastInjected([errors, change])).toBeNull();
    expect(lastInjected([])).toBeNull();
  });

  it('opens A without the fault and B with it, at the moment on screen, for a shipped scenario', () => {
    const recipe = { scenario: { kind: 'builtin', id: 'gateway-and-mesh' }, seed: 3, actions: [change, errors] } as unknown as Recipe;
    const r = faultBranchLink(recipe, 11_500, '1');
    expect(r?.ok).toBe(true);
    const search = (r as { search: string }).search;
    const q = new URLSearchParams(search);
    expect(q.get('compare')).toBe('gateway-and-mesh,gateway-and-mesh');
    expect(q.get('t')).toBe('11500ms');
    const link = decodeCompareLink(search, { scenarioIds: ['gateway-and-mesh'], defaultId: 'gateway-and-mesh', speedIds: ['1'] });
    expect(link.problems).toEqual([]);
    expect(link.tMs).toBe(11_500);
    expect(link.actionsA.map((a) => a.kind)).toEqual(['change']);
    expect(link.actionsB.map((a) => a.kind)).toEqual(['change', 'inject']);
    expect(link.actionsB[1]).toMatchObject({ ms: 10_000, fault: errors.fault });
    expect(faultBranchLink({ ...recipe, actions: [errors, change] }, 11_500, '1')).toBeNull();
  });

  it('labels the panes "without" and "with" the fault, and gives no labels to runs differing otherwise', () => {
    expect(faultBranchLabels(true, [change], [{ ...change, ev: -1 }, errors])).toEqual(['without HTTP errors on inventory', 'with HTTP errors on inventory at 10.0 s']);
    expect(faultBranchLabels(false, [change], [change, errors])).toBeNull();
    expect(faultBranchLabels(true, [errors], [errors, change])).toBeNull();
    expect(faultBranchLabels(true, [], [change, errors])).toBeNull();
  });
});
