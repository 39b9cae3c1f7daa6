import type { DataPlaneHost } from './dataPlaneHost';
import { K, P } from './eventCodes';
import type { Sidecar } from './proxy/Sidecar';

// The data plane's events read for people (DataPlane.ts): the link one is about, a router pass's span.

/**
 * The link a data-plane event is about, `caller -> callee`, to name it when the clock stalls
 * (DataPlane.describe). The payload's meaning per kind is the one `events.ts` documents.
 */
export function describeDataPlaneEvent(w: DataPlaneHost, kind: number, a: number, b: number): string {
  switch (kind) {
    case K.ConnectDone:
    case K.TlsAtServer:
    case K.TlsAtClient:
      return w.edgeName(w.routes[a].edge);
    case K.RouteTimeout:
    case K.RetryBackoff:
    case K.FaultDelay:
      return w.edgeName(w.calls.get(a).edge);
    case K.ProxyArrive:
    case K.ProxyDone:
      if (b === P.outRequest) return w.edgeName(w.calls.get(a).edge);
      return w.edgeName(w.attempts.get(a).route!.edge);
    default:
      return w.edgeName(w.attempts.get(a).route!.edge);
  }
}

/** A router pass (the caller's side) of a traced call or attempt becomes a span: arrived `now`, CPU done at `cpuEnd`, over at `end` (ms). */
export function traceRouterPass(w: DataPlaneHost, id: number, pass: number, sc: Sidecar, now: number, cpuEnd: number, end: number): void {
  if (pass === P.outRequest) {
    const call = w.calls.get(id);
    if (call.trace !== null) w.tracer!.pass(call, null, pass, sc, now, sc.lastStart, cpuEnd, end);
  } else {
    const att = w.attempts.get(id);
    if (att.trace !== null) w.tracer!.pass(null, att, pass, sc, now, sc.lastStart, cpuEnd, end);
  }
}
