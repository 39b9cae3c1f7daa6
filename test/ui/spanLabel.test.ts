import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/workers/protocol';
import { spanLabel } from '../../src/ui/inspector/spanLabel';

const span = (id: number, parent: number, name: string, role: Span['role'], service: string, attrs: Span['attrs'] = {}): Span => ({ id, parent, name, role, kind: 0 as unknown as Span['kind'], service, start: 0, end: 1, error: false, attrs });

describe("a waterfall row's words (trial T2, 7)", () => {
  const spans = [
    span(0, -1, 'request to frontend', 'request', 'shoppers'),
    span(1, 0, 'call frontend', 'call', 'shoppers'),
    span(2, 1, 'frontend serves', 'server', 'frontend', { 'meshsim.host': 'frontend-1' }),
    span(3, 2, 'proxy inbound (request)', 'proxy', 'frontend', { 'meshsim.proxy': 'frontend-1' }),
    span(4, 2, 'call catalog', 'call', 'frontend'),
    span(5, 4, 'proxy outbound (request)', 'proxy', 'frontend', { 'meshsim.proxy': 'frontend-1' }),
    span(6, 4, 'proxy outbound (response)', 'proxy', 'frontend', {}),
    span(7, 2, 'app', 'app', 'frontend'),
  ];
  const byId = new Map(spans.map((s) => [s.id, s]));
  it("names a proxy pass's sidecar and its way, and a call's caller: the replica it ran on, else the client", () => {
    expect(spanLabel(spans[3], byId)).toEqual({ main: 'frontend-1 sidecar ↓in', who: null });
    expect(spanLabel(spans[5], byId)).toEqual({ main: 'frontend-1 sidecar ↑out', who: null });
    expect(spanLabel(spans[6], byId)).toEqual({ main: 'proxy ↑out, reply', who: null });
    expect(spanLabel(spans[4], byId)).toEqual({ main: 'call catalog', who: 'from frontend-1' });
    expect(spanLabel(spans[1], byId)).toEqual({ main: 'call frontend', who: 'from shoppers' });
    expect(spanLabel(spans[7], byId)).toEqual({ main: 'app', who: null });
  });
});
