// Trial N15, finding 4: the app's waterfall gives Envoy's response flags as the CLI does
// ("timeout 81 [UT]"). A failed call span carries 'meshsim.envoy.response_flags' from the same
// rule EdgeStats counts with (flagsOfCall): the cause's own flag on the hop that met it, URX when
// retries ran out on a retriable failure.
import { expect, it } from 'vitest';
import { Tracer, World } from '../../../src/models';
import { WORKER_TRACE_OPTIONS } from '../../../src/workers/hostRun';
import { flagsOfCall, responseFlagTitle } from '../../../src/models/envoy/responseFlags';
import { callSpanFlags, fateFlag, headingFlag, rowFlags, serverSpanFlags } from '../../../src/ui/inspector/spanFlags';
import type { Span, Trace } from '../../../src/models';
import { scenarioFile } from '../helpers';

function traces(file: string, ms: number): Trace[] {
  const s = scenarioFile(file);
  const world = new World(s, s.seed);
  world.tracer = new Tracer(world, WORKER_TRACE_OPTIONS);
  world.start();
  world.runUntil(ms);
  const t = world.tracer;
  return t.list(true, 10_000).map((r) => t.get(r.id)!).filter((x) => x !== undefined);
}

const calls = (ts: Trace[]): Span[] => ts.flatMap((t) => t.spans.filter((s) => s.role === 'call'));

it('retry-storm at 20 s: orders -> payments calls that failed with retries used up carry URX', () => {
  const all = calls(traces('retry-storm.json', 20_000));
  const toPayments = all.filter((s) => s.attrs['meshsim.edge'] === 'orders -> payments' && s.error);
  expect(toPayments.length).toBeGreaterThan(0);
  const urx = toPayments.filter((s) => String(s.attrs['meshsim.envoy.response_flags'] ?? '').split(',').includes('URX'));
  expect(urx.length).toBeGreaterThan(0);
  // Every URX call tried 1 + its retries (the story's route: 2 retries).
  for (const s of urx) expect(Number(s.attrs['meshsim.attempts'])).toBeGreaterThan(1);
  // An ok call has no flags.
  for (const s of all.filter((x) => !x.error)) expect(s.attrs['meshsim.envoy.response_flags']).toBeUndefined();
});

it('gateway-only at 40 s: the gateway call that timed out on its own hop carries UT; the client call above it, failed further down, none', () => {
  const ts = traces('gateway-only.json', 40_000).filter((t) => t.fate === 'timeout');
  expect(ts.length).toBeGreaterThan(0);
  const t = ts[0];
  const own = t.spans.filter((s) => s.role === 'call' && s.attrs['meshsim.failed'] === 'on this hop');
  expect(own.map((s) => s.attrs['meshsim.envoy.response_flags'])).toContain('UT');
  const client = t.spans.find((s) => s.role === 'call' && s.service === t.client)!;
  expect(client.attrs['meshsim.failed']).toBe('further down');
  expect(client.attrs['meshsim.envoy.response_flags']).toBeUndefined();
  expect(fateFlag(t.fate)).toBe('UT');
});

it('flagsOfCall follows Envoy: URX after the retry limit, UO for a refused retry (once when the cause is UO), none for an app answer', () => {
  const of = (cause: string, limit: boolean, overflow: boolean) => {
    const out: string[] = [];
    flagsOfCall(cause, limit, overflow, { add: (f) => out.push(f) });
    return out.join(',');
  };
  expect(of('http-5xx', true, false)).toBe('URX');
  expect(of('timeout', true, false)).toBe('UT,URX');
  expect(of('connect-refused', false, true)).toBe('UF,UO');
  expect(of('overflow', false, true)).toBe('UO');
  expect(of('no-healthy-upstream', false, false)).toBe('UH');
  expect(of('rate-limited', false, false)).toBe('RL');
  expect(of('queue-full', false, false)).toBe('');
  expect(responseFlagTitle('UT,URX')).toBe(
    "UT: Upstream request timeout, in addition to a 504 response code\nURX: The request was rejected because the upstream retry limit (HTTP) or maximum connect attempts (TCP) was reached\n(Envoy's access log, %RESPONSE_FLAGS%)",
  );
});

it("a caller with no proxy: its connection failure's flag is dropped (no Envoy on its side), URX kept; a proxied caller keeps both", () => {
  const span = { id: 1, parent: 0, name: 'call orders', role: 'call', kind: 2, service: 'reports', start: 0, end: 1, error: true, attrs: { 'meshsim.cause': 'reset', 'meshsim.envoy.response_flags': 'UC' } } as unknown as Span;
  expect(callSpanFlags(span, true)).toBe('UC');
  expect(callSpanFlags(span, false)).toBe('');
  const timeout = { ...span, attrs: { 'meshsim.cause': 'timeout', 'meshsim.envoy.response_flags': 'UT' } } as unknown as Span;
  expect(callSpanFlags(timeout, false)).toBe('UT');
  expect(callSpanFlags({ ...span, role: 'try' } as Span, true)).toBe('');
  expect(fateFlag('http-5xx')).toBe('');
  expect(fateFlag(null)).toBe('');
});

it("a waterfall's heading: tls-plaintext-rejected has no flag (only a caller with no sidecar sends plaintext), a reset keeps UC only when a call span logged it", () => {
  expect(fateFlag('tls-plaintext-rejected')).toBe('');
  const plain = { id: 1, parent: 0, name: 'call orders', role: 'call', kind: 2, service: 'reports', start: 0, end: 1, error: true, attrs: { 'meshsim.cause': 'reset' } } as unknown as Span;
  expect(headingFlag({ fate: 'reset', spans: [plain] })).toBe('');
  const logged = { ...plain, service: 'storefront', attrs: { 'meshsim.cause': 'reset', 'meshsim.envoy.response_flags': 'UC' } } as unknown as Span;
  expect(headingFlag({ fate: 'reset', spans: [plain, logged] })).toBe('UC');
  expect(headingFlag({ fate: 'timeout', spans: [] })).toBe('UT');
  expect(headingFlag({ fate: 'tls-plaintext-rejected', spans: [logged] })).toBe('');
});

it("gateway-and-mesh at 20 s: a request the gateway rate-limited shows [RL] on the gateway's server row, not on the client's call row", () => {
  const ts = traces('gateway-and-mesh.json', 20_000).filter((t) => t.fate === 'rate-limited');
  expect(ts.length).toBeGreaterThan(0);
  for (const t of ts) {
    const client = t.spans.find((s) => s.role === 'call' && s.service === t.client)!;
    // The tracer records the hop's flag as EdgeStats counts it; the row drops it: the client has no Envoy, the gateway logs RL.
    expect(client.attrs['meshsim.envoy.response_flags']).toBe('RL');
    expect(rowFlags(client, false)).toBe('');
    expect(rowFlags(client, true)).toBe('');
    const gateway = t.spans.filter((s) => s.role === 'server' && s.attrs['meshsim.failed'] === 'here');
    expect(gateway.map((s) => [s.service, rowFlags(s, true)])).toEqual([['edge', 'RL']]);
    expect(headingFlag(t)).toBe('RL');
  }
  // A server span that answered ok, or failed with a cause its Envoy does not log itself, shows none.
  const served = ts[0].spans.find((s) => s.role === 'server')!;
  expect(serverSpanFlags({ ...served, attrs: { ...served.attrs, 'meshsim.cause': 'timeout' } })).toBe('');
  expect(serverSpanFlags({ ...served, attrs: { ...served.attrs, 'meshsim.failed': 'further down' } })).toBe('');
});
