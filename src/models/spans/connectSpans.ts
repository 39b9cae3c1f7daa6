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

  /** The oldest connect in progress to that host, taken off the list (connects match first in, first out). */
  take(route: number, i: number): ConnectRecord | undefined {
    return this.list(route, i).shift();
  }
}
