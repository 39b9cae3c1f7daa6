import { describe, expect, it } from 'vitest';
import { changedFieldsOnly } from '../../src/ui/changes/details';
import { writtenRoutePolicy } from '../../src/ui/changes/reach';

describe("the gateway-route form and the route as it stands", () => {
  it("reads a gateway route's policy as the file writes it, {} without one, null for an unknown gateway", () => {
    const text = JSON.stringify({ gateways: [{ name: 'edge', routes: [{ service: 'a', policy: { timeout: '2s' } }, { service: 'b' }] }] });
    const src = { text, fileName: 's.json' };
    expect(writtenRoutePolicy(src, 'edge', 0)).toEqual({ timeout: '2s' });
    expect(writtenRoutePolicy(src, 'edge', 1)).toEqual({});
    expect(writtenRoutePolicy(src, 'egde', 0)).toBeNull();
  });

  it("drops the fields a change sets to the route's own values, unless it replaces the policy or nothing would be left", () => {
    const now = { timeout: '2s', retries: { attempts: 2 } };
    expect(changedFieldsOnly({ type: 'gateway-route', gateway: 'edge', route: 0, policy: { timeout: '2s', retries: { attempts: 0 } } }, now)).toEqual({ type: 'gateway-route', gateway: 'edge', route: 0, policy: { retries: { attempts: 0 } } });
    expect(changedFieldsOnly({ type: 'gateway-route', policy: { timeout: '2s' }, replace: true }, now)).toEqual({ type: 'gateway-route', policy: { timeout: '2s' }, replace: true });
    expect(changedFieldsOnly({ type: 'gateway-route', policy: { timeout: '2s' } }, now)).toEqual({ type: 'gateway-route', policy: { timeout: '2s' } });
  });
});
