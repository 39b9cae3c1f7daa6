// What a branch is called and how it travels: the change in a few words for the compare view's
// titles, and the branch link of an opened file's run (its scenario packed in the fragment).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { branchLink } from '../../src/ui/changes/branch';
import { branchLabels, changeSummary, SUMMARY_MAX_CHARS } from '../../src/ui/changes/summary';
import { changeForNode } from '../../src/ui/changes/selection';
import { DATA_SIDE, decodeCompareLink } from '../../src/ui/compare/link';
import type { LiveAction } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const ctx = { scenarioIds: ['hello-mesh', 'config-rollout'], defaultId: 'hello-mesh', speedIds: ['1', '10'] };

describe('a change in a few words', () => {
  it('says a policy change by its fields without "policy", then its service', () => {
    expect(changeSummary({ type: 'policy', service: 'payments', policy: { timeout: '5ms' } })).toBe('timeout 5ms on payments');
    expect(changeSummary({ type: 'policy', service: 'payments', policy: { retries: { attempts: 0 } } })).toBe('retries.attempts 0 on payments');
  });

  it('names the other types, their mesh with "in", a gateway route with its gateway, and cuts a long one to 60 characters', () => {
    expect(changeSummary({ type: 'mtls', service: 'orders', mode: 'STRICT' })).toBe('mTLS mode STRICT on orders');
    expect(changeSummary({ type: 'trusts', mesh: 'retail', trusts: [] })).toBe('trusts trusts [] in retail');
    const long = changeSummary({ type: 'gateway-route', gateway: 'api', route: 0, policy: { timeout: '2s', retries: { attempts: 3, perTryTimeout: '250ms', retryOn: ['5xx', 'reset'] } } });
    expect(long).toHaveLength(SUMMARY_MAX_CHARS);
    expect(long).toBe('timeout 2s, retries.attempts 3, retries.perTryTimeout 250ms…');
    // A gateway route's change names the route with the gateway, its policy's fields without "policy.".
    expect(changeSummary({ type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } })).toBe('retries.attempts 0 on api route 0');
    expect(changeSummary({ type: 'gateway-route', gateway: 'edge', route: 1, canary: [] })).toBe('canary [] on edge route 1');
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the sides of a branch', () => {
  const kill: LiveAction = { kind: 'inject', ms: 2000, ev: 100, fault: { type: 'kill-replica', service: 'payments', replica: 0 } };
  const change: LiveAction = { kind: 'change', ms: 15000, ev: 9000, change: { type: 'policy', service: 'payments', policy: { timeout: '5ms' } } };

  it('calls A "as run" and B "with" its change and the moment, when B is A plus changes', () => {
    expect(branchLabels(true, [kill], [kill, change])).toEqual(['as run', 'with timeout 5ms on payments at 15.0 s']);
    expect(branchLabels(true, [], [change, { ...change, ms: 20000, change: { type: 'mtls', service: 'orders', mode: 'STRICT' } }])).toEqual(['as run', 'with timeout 5ms on payments at 15.0 s + mTLS mode STRICT on orders at 20.0 s']);
  });

  it('gives no labels to two scenarios, to equal runs, or where B lacks one of A\'s actions or differs by a fault', () => {
    expect(branchLabels(false, [], [change])).toBeNull();
    expect(branchLabels(true, [kill], [kill])).toBeNull();
    expect(branchLabels(true, [kill], [change])).toBeNull();
    expect(branchLabels(true, [], [kill])).toBeNull();
  });
});

describe('the branch link of an opened file', () => {
  const change = { type: 'policy', service: 'payments', policy: { timeout: '5ms' } };

  it('packs the file in the fragment, names both sides @data, and reads back the same scenario and actions', () => {
    const scenario = text('config-rollout');
    const r = branchLink({ scenario: { kind: 'inline', text: scenario, fileName: 'mine.json' }, seed: 3, actions: [] }, change, { ms: 15000, ev: 9000 }, '1');
    if (!r.ok) throw new Error(r.reason);
    expect(r.search).toMatch(/^\?compare=%40data,%40data&seed=3&faultsB=[\w-]+&t=15s&speed=1#data=[\w-]+$/);
    const d = decodeCompareLink(r.search, ctx);
    expect(d.problems).toEqual([]);
    expect(d.pair).toEqual([DATA_SIDE, DATA_SIDE]);
    expect(d.scenarios).toEqual([{ kind: 'inline', text: scenario }, { kind: 'inline', text: scenario }]);
    expect(d.actionsB).toEqual([{ kind: 'change', ms: 15000, ev: 9000, change }]);
  });

  it('says so at compare when a side is @data and the link has no data (cut short)', () => {
    const d = decodeCompareLink('?compare=@data,hello-mesh', ctx);
    expect(d.pair).toBeNull();
    expect(d.problems).toEqual([{ path: 'compare', message: "A is @data, the scenario packed in the link's data, but the link has no data (was it cut short?)" }]);
  });

  it('refuses a file that packs past 256 KB, saying the limit and why', () => {
    // Random-looking text does not deflate: about 400 KB packed.
    let seed = 1;
    const noise = Array.from({ length: 420_000 }, () => ((seed = (seed * 48271) % 2147483647), String.fromCharCode(33 + (seed % 90)))).join('');
    const r = branchLink({ scenario: { kind: 'inline', text: noise }, seed: null, actions: [] }, change, { ms: 1000, ev: 10 }, '1');
    expect(r).toEqual({ ok: false, reason: 'this scenario packs to more than 256 KB, the most a link may carry, and the compare view opens a branch by link; cut the scenario down, or branch a shipped one' });
  });
});

describe('the change form picks up the selection', () => {
  const node = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({ id: 1, name, kind, replicas: 1, concurrency: 1, sidecar: false, mesh: null, external: false, protocol: 'http', ...extra }) as never;

  it('takes a service into a policy change, keeps a sidecar type for a meshed service, and a gateway into its route', () => {
    expect(changeForNode(node('service', 'payments'), 'mtls')).toEqual({ type: 'policy', target: 'payments' });
    expect(changeForNode(node('service', 'payments', { sidecar: true }), 'mtls')).toEqual({ type: 'mtls', target: 'payments' });
    expect(changeForNode(node('gateway', 'api'), 'policy')).toEqual({ type: 'gateway-route', target: 'api' });
    expect(changeForNode(node('control-plane', 'istiod', { mesh: 'retail' }), 'policy')).toEqual({ type: 'trusts', target: 'retail' });
    expect(changeForNode(node('client', 'shoppers'), 'policy')).toBeNull();
  });
});
