import { describe, expect, it } from 'vitest';
import { C, K, P } from '../../src/models/eventCodes';
import { Conn } from '../../src/models/envoy/connPool';
import { Ev } from '../../src/models/events';
import { Pass } from '../../src/models/proxy/Sidecar';

describe('eventCodes', () => {
  it('gives every const enum value the value of the name of record (Ev, Pass, Conn)', () => {
    const kinds: Array<[K, number]> = [
      [K.Send, Ev.Send],
      [K.Arrive, Ev.Arrive],
      [K.WorkDone, Ev.WorkDone],
      [K.Response, Ev.Response],
      [K.Timeout, Ev.Timeout],
      [K.ProxyArrive, Ev.ProxyArrive],
      [K.ProxyDone, Ev.ProxyDone],
      [K.ConnectDone, Ev.ConnectDone],
      [K.AttemptResponse, Ev.AttemptResponse],
      [K.PerTryTimeout, Ev.PerTryTimeout],
      [K.RouteTimeout, Ev.RouteTimeout],
      [K.RetryBackoff, Ev.RetryBackoff],
      [K.FaultDelay, Ev.FaultDelay],
      [K.TcpGiveUp, Ev.TcpGiveUp],
      [K.TlsAtServer, Ev.TlsAtServer],
      [K.TlsAtClient, Ev.TlsAtClient],
    ];
    for (const [k, ev] of kinds) expect(k).toBe(ev);
    expect([P.outRequest, P.inRequest, P.inResponse, P.outResponse]).toEqual([Pass.outRequest, Pass.inRequest, Pass.inResponse, Pass.outResponse]);
    expect([C.none, C.waiting, C.sent, C.closed]).toEqual([Conn.none, Conn.waiting, Conn.sent, Conn.closed]);
  });
});
