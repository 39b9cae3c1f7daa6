import { describe, expect, it } from 'vitest';
import { rowFlags, trySpanFlags } from '../../../src/ui/inspector/spanFlags';
import type { Span } from '../../../src/workers/protocol';

function tryspan(attrs: Span['attrs'], error = true, role: Span['role'] = 'try'): Span {
  return { id: 1, parent: 0, name: 'try 1', role, kind: 1, service: 'frontend', start: 0, end: 250, error, attrs };
}

const FIRED = "retry-on 5xx, gateway-error, reset matched timeout (HTTP 504: this router's per-try timeout of 250 ms fired); retry 1 of 2 after 11.18 ms backoff";

describe('trySpanFlags', () => {
  it("flags UT on a try this router's per-try timeout ended (T3's trial, 9b), as its row shows it: the flag the router set on the span", () => {
    const s = tryspan({ 'meshsim.cause': 'timeout', 'http.status_code': 504, 'meshsim.retry.per_try_timeout_ms': 250, 'meshsim.retry.reason': FIRED, 'meshsim.envoy.response_flags': 'UT' });
    expect(trySpanFlags(s)).toBe('UT');
    expect(rowFlags(s, true)).toBe('UT');
    // Read from the attribute, not from the reason's words (session 53, F6): the words alone give none.
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'timeout', 'meshsim.retry.reason': FIRED }))).toBe('');
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'timeout', 'meshsim.route.timeout_ms': 1000, 'meshsim.envoy.response_flags': 'UT', 'meshsim.retry.reason': 'route timeout: the call is over, no retry' }))).toBe('UT');
  });

  it('flags no UT on a 504 timeout relayed from further down, nor on an HTTP answer, an ok try or another span', () => {
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'timeout', 'meshsim.retry.reason': 'retry-on 5xx, gateway-error matched timeout (HTTP 504); retry 1 of 2 after 1.00 ms backoff' }))).toBe('');
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'http-5xx', 'meshsim.retry.reason': 'retry-on 5xx matched http-5xx (HTTP 503)' }))).toBe('');
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'timeout', 'meshsim.envoy.response_flags': 'UT' }, false))).toBe('');
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'timeout', 'meshsim.envoy.response_flags': 'UT' }, true, 'backoff'))).toBe('');
  });

  it("flags a connection failure the router met with the flag stored as it met it (a refused connect: UF); none from the cause alone (session 54, F7)", () => {
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'connect-refused', 'meshsim.envoy.response_flags': 'UF' }))).toBe('UF');
    expect(trySpanFlags(tryspan({ 'meshsim.cause': 'connect-refused' }))).toBe('');
    // A caller with no proxy has no Envoy: its socket's error carries no flag on its row, as on its call span.
    expect(rowFlags(tryspan({ 'meshsim.cause': 'reset', 'meshsim.envoy.response_flags': 'UC' }), false)).toBe('');
    expect(rowFlags(tryspan({ 'meshsim.cause': 'reset', 'meshsim.envoy.response_flags': 'UC' }), true)).toBe('UC');
  });
});
