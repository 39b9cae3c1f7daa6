import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/models';
import { KINDS, alternativeForm, appliedNote, buildChange, chosenTarget, filledDetails, formTargets, rolloutLine } from '../../src/ui/changes/changeForm';
import { formatDetails } from '../../src/ui/changes/details';

const node = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({ id: 1, name, kind, sidecar: false, mesh: null, ...extra });
/** Two meshes' control planes, a gateway, a service with sidecars and one without. */
const topology = {
  nodes: [node('client', 'shoppers'), node('control-plane', 'cp-a', { mesh: 'a' }), node('control-plane', 'cp-b', { mesh: 'b' }), node('gateway', 'edge'), node('service', 'checkout', { sidecar: true }), node('service', 'legacy')],
} as unknown as Topology;

describe('the change form, without React', () => {
  it('offers every service for a policy, services with sidecars for mTLS, gateways for a route and meshes for trusts', () => {
    expect(formTargets(topology, 'policy')).toEqual(['checkout', 'legacy']);
    expect(formTargets(topology, 'mtls')).toEqual(['checkout']);
    expect(formTargets(topology, 'sidecar-mode')).toEqual(['checkout']);
    expect(formTargets(topology, 'gateway-route')).toEqual(['edge']);
    expect(formTargets(topology, 'trusts')).toEqual(['a', 'b']);
    expect(formTargets(null, 'policy')).toEqual([]);
  });

  it("stands on the person's target when offered, else the preferred one, else the first, else none", () => {
    expect(chosenTarget(['checkout', 'legacy'], 'legacy', 'checkout')).toBe('legacy');
    expect(chosenTarget(['checkout', 'legacy'], 'gone', 'legacy')).toBe('legacy');
    expect(chosenTarget(['checkout', 'legacy'], '', 'gone')).toBe('checkout');
    expect(chosenTarget([], 'x', null)).toBe('');
  });

  it('builds the change the form describes, or says what is wrong with it', () => {
    expect(buildChange('policy', KINDS.policy.details, 'checkout', null)).toEqual({ ok: true, change: { type: 'policy', service: 'checkout', policy: { retries: { attempts: 0 } } } });
    expect(buildChange('trusts', '{"trusts": ["b"]}', 'a', null)).toEqual({ ok: true, change: { type: 'trusts', mesh: 'a', trusts: ['b'] } });
    const notJson = buildChange('policy', '{ retries', 'checkout', null);
    expect(notJson.ok).toBe(false);
    expect(buildChange('gateway-route', '{}', '', null)).toEqual({ ok: false, problems: [{ path: 'change.gateway', message: 'this scenario has no gateway to change this way' }] });
  });

  it("sends a gateway route's change to route 0 with only the fields it changes from the route as the file has it", () => {
    const routeNow = { gateway: 'edge', policy: { timeout: '1s', retries: { attempts: 2 } } };
    const b = buildChange('gateway-route', formatDetails({ route: 0, policy: { timeout: '1s', retries: { attempts: 3 } } }), 'edge', routeNow);
    expect(b).toEqual({ ok: true, change: { type: 'gateway-route', gateway: 'edge', route: 0, policy: { retries: { attempts: 3 } } } });
    // Another gateway's route read: sent whole.
    const other = buildChange('gateway-route', formatDetails({ route: 0, policy: { timeout: '1s' } }), 'edge', { gateway: 'egress', policy: { timeout: '1s' } });
    expect(other).toEqual({ ok: true, change: { type: 'gateway-route', gateway: 'edge', route: 0, policy: { timeout: '1s' } } });
  });

  it("fills the form with an alternative's type, target and the rest as details", () => {
    expect(alternativeForm({ type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } })).toEqual({ type: 'gateway-route', target: 'api', details: formatDetails({ route: 0, policy: { retries: { attempts: 0 } } }) });
  });

  it('says when a change was made and how it spreads', () => {
    expect(appliedNote('policy', 12345)).toBe('Changed at 12.3 s; each proxy takes it when its control plane pushes it.');
    expect(appliedNote('gateway-route', 5000)).toBe("Changed at 5.0 s; the gateway takes it at once (a gateway is configured directly, not by the mesh's control plane).");
    expect(rolloutLine({ change: 0, atMs: 10000, proxies: 6, applied: 4, allAtMs: null })).toBe('change 1 at 10.0 s: 4 of 6 proxies have it');
    expect(rolloutLine({ change: 1, atMs: 10000, proxies: 6, applied: 6, allAtMs: 11500 })).toBe('change 2 at 10.0 s: all 6 proxies had it 1.5 s later');
    expect(rolloutLine({ change: 2, atMs: 20000, proxies: 2, applied: 2, allAtMs: 20000, gateway: 'edge' })).toMatch(/^change 3 at 20\.0 s: /);
  });
});

describe('a text the form fills in by itself (filledDetails)', () => {
  const auto = KINDS.policy.details;
  const acting = formatDetails({ policy: { retries: { attempts: 2 } } });
  it('replaces the box while it holds only the form’s own text and no one is in it', () => {
    expect(filledDetails(auto, acting, [auto], false)).toBe(acting);
  });
  it('keeps what the person wrote', () => {
    expect(filledDetails('{"policy": {"timeout": "5ms"}}', acting, [auto], false)).toBe('{"policy": {"timeout": "5ms"}}');
  });
  it('waits while the person is in the box: an answer between selecting the text and typing over it no longer puts the default under the selection', () => {
    // The race of branch.spec at 1024x768: the box focused and its text selected, the acting default arrives, then
    // the typing lands. Filled in, the typed text went after the default: not JSON, and b made no branch.
    const box = filledDetails(auto, acting, [auto], true);
    expect(box).toBe(auto);
    // What filling it in there made of the typing: not a change.
    expect(buildChange('policy', `${acting}{"policy": {"timeout": "5ms"}}`, 'payments', null)).toMatchObject({ ok: false });
  });
});
