import { Cause } from '../events';
import type { Identity } from '../tls/Identity';
import { AttrKey, type TraceRecord } from './TraceRecord';
import type { ConnectRecord } from './types';

/**
 * The connections being opened, per route and upstream host, oldest first, with their phases as
 * they happen, until the connect is over and the tries it served get their TCP and TLS spans.
 */
export class ConnectSpans {
  private readonly byRoute: ConnectRecord[][][] = [];

  private list(route: number, i: number): ConnectRecord[] {
    const byHost = (this.byRoute[route] ??= []);
    return (byHost[i] ??= []);
  }

  /** A connection to host `i` of route `route` starts opening at `now`; its TCP handshake takes `tcpMs`. */
  start(route: number, i: number, now: number, tcpMs: number): void {
    this.list(route, i).push({ start: now, tcpEnd: now + tcpMs, tlsServer: null, tlsClient: null });
  }

  /** One end's half of a TLS handshake: arrived `at`, took a worker at `cpuStart`, done at `done`. */
  tlsHalf(route: number, i: number, server: boolean, at: number, cpuStart: number, done: number): void {
    for (const c of this.list(route, i)) {
      if (server ? c.tlsServer === null : c.tlsServer !== null && c.tlsClient === null) {
        if (server) c.tlsServer = { at, cpuStart, done };
        else c.tlsClient = { at, cpuStart, done };
        return;
      }
    }
  }

  /** The connect to host `i` of route `route` that started last (the one `start` just added), or undefined. */
  last(route: number, i: number): ConnectRecord | undefined {
    const list = this.list(route, i);
    return list[list.length - 1];
  }

  /**
   * The connect to host `i` of route `route` that just started opening (start) fails its handshake on an expired
   * certificate: the server's (`server`, refused by the caller's proxy) or the client's (refused by the callee's),
   * `id` that certificate, read now (a renewal extends it in place later). Its TLS span says so (tlsSpanAttrs).
   * Allocates one small object per such connect; no connect under way: nothing.
   */
  expired(route: number, i: number, server: boolean, id: Identity): void {
    const rec = this.last(route, i);
    if (rec !== undefined) rec.expired = { server, identity: id.owner, ca: id.ca, notAfter: id.notAfter };
  }

  /** The oldest connect in progress to that host, taken off the list (connects match first in, first out). */
  take(route: number, i: number): ConnectRecord | undefined {
    return this.list(route, i).shift();
  }
}

/**
 * A finished connect's TLS span `tls` in trace `t` (rec.tlsServer set): each end's queue and CPU time (ms), the
 * failure `cause` if any, and on an expired certificate whose it was: the side that presented it (1 server,
 * 0 client), its identity, CA and notAfter (ms), the host holding it and the host whose proxy refused it
 * (`callerHost`, `hostId`: the caller's and the upstream's host ids).
 */
export function tlsSpanAttrs(t: TraceRecord, tls: number, rec: ConnectRecord, callerHost: number, hostId: number, cause: string | null): void {
  const s = rec.tlsServer!;
  t.set(tls, AttrKey.tlsServerQueue, s.cpuStart - s.at);
  t.set(tls, AttrKey.tlsServerCpu, s.done - s.cpuStart);
  if (rec.tlsClient !== null) {
    t.set(tls, AttrKey.tlsClientQueue, rec.tlsClient.cpuStart - rec.tlsClient.at);
    t.set(tls, AttrKey.tlsClientCpu, rec.tlsClient.done - rec.tlsClient.cpuStart);
  }
  if (cause !== null) t.fail(tls, cause, -1);
  const x = rec.expired;
  if (cause !== Cause.tlsExpiredCert || x == null) return;
  t.set(tls, AttrKey.tlsExpiredSide, x.server ? 1 : 0);
  t.setString(tls, AttrKey.tlsExpiredIdentity, x.identity);
  t.setString(tls, AttrKey.tlsExpiredCa, x.ca);
  t.set(tls, AttrKey.tlsExpiredNotAfter, x.notAfter);
  t.set(tls, AttrKey.tlsExpiredHost, x.server ? hostId : callerHost);
  t.set(tls, AttrKey.tlsRefusedBy, x.server ? callerHost : hostId);
}
