import type { World } from './World';
import { Ev } from './events';
import { Pass } from './proxy/Sidecar';
import { OUTCOMES } from './envoy/upstreamConnect';

/**
 * Names of the event kinds (`Ev`), for the app's event log: index = kind, '' where no kind has
 * that number.
 */
export const EVENT_KIND_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const [name, kind] of Object.entries(Ev)) names[kind] = name;
  for (let i = 0; i < names.length; i++) names[i] ??= '';
  return names;
})();

/**
 * The number (`Request.number`, 1 for the first sent) of the end-to-end request an event is
 * about, or 0 when it is about none (connections, the control plane, faults) or its record has
 * already been released. Call it before the event is received (`Simulation.recorder`), while
 * the ids in its payload are live; a Send is about the request it is about to send. Pure: it
 * only reads the world. The payload's meaning per kind is the one `events.ts` documents.
 */
export function requestOfEvent(w: World, kind: number, a: number, b: number): number {
  switch (kind) {
    case Ev.Send:
      // The client sends request number sent + 1 unless the run is over.
      return w.sim.now < w.duration ? w.sent + 1 : 0;
    case Ev.Timeout:
      return w.requests.has(a) ? w.requests.get(a).number : 0;
    case Ev.Response:
    case Ev.RouteTimeout:
    case Ev.RetryBackoff:
    case Ev.FaultDelay:
      return ofCall(w, a);
    case Ev.ProxyArrive:
    case Ev.ProxyDone:
      return b === Pass.outRequest ? ofCall(w, a) : ofAttempt(w, a);
    case Ev.Arrive:
    case Ev.WorkDone:
    case Ev.AttemptResponse:
    case Ev.PerTryTimeout:
    case Ev.TcpGiveUp:
      return ofAttempt(w, a);
    default:
      return 0;
  }
}

// Calls and attempts carry the request's number: its pooled record may be gone (a client that
// timed out) or reused while they still run.
function ofCall(w: World, id: number): number {
  return w.calls.has(id) ? w.calls.get(id).requestNumber : 0;
}

function ofAttempt(w: World, id: number): number {
  return w.attempts.has(id) ? w.attempts.get(id).requestNumber : 0;
}

/**
 * The host whose proxy handles a data-plane event, as Envoy's access log would attribute it: the
 * caller's proxy for its router's work (the outbound request and response passes, connecting,
 * TLS as the client, tries, per-try and route timeouts, retry backoff, fault delays) and the
 * callee replica's proxy for the inbound passes and TLS as the server. -1 for any other event
 * or when the call or attempt is no longer live. For a caller with no proxy the host is the
 * caller's own (its HTTP client does the router's work). Call it as `requestOfEvent` is called,
 * before the event is received. Pure: it only reads the world; allocates nothing.
 */
export function proxyHostOfEvent(w: World, kind: number, a: number, b: number): number {
  switch (kind) {
    case Ev.ProxyArrive:
    case Ev.ProxyDone:
      if (b === Pass.outRequest) return w.calls.has(a) ? (w.calls.get(a).route?.callerHost ?? -1) : -1;
      if (!w.attempts.has(a)) return -1;
      return b === Pass.outResponse ? (w.attempts.get(a).route?.callerHost ?? -1) : w.attempts.get(a).host;
    case Ev.ConnectDone:
    case Ev.TlsAtClient:
      return a >= 0 && a < w.routes.length ? w.routes[a].callerHost : -1;
    case Ev.TlsAtServer: {
      const r = a >= 0 && a < w.routes.length ? w.routes[a] : undefined;
      return r?.hosts[Math.floor(b / OUTCOMES)] ?? -1;
    }
    case Ev.AttemptResponse:
    case Ev.PerTryTimeout:
    case Ev.TcpGiveUp:
      return w.attempts.has(a) ? (w.attempts.get(a).route?.callerHost ?? -1) : -1;
    case Ev.RouteTimeout:
    case Ev.RetryBackoff:
    case Ev.FaultDelay:
      return w.calls.has(a) ? (w.calls.get(a).route?.callerHost ?? -1) : -1;
    default:
      return -1;
  }
}

/**
 * How the event log names the proxy on `host`: "sidecar of checkout-1", a gateway's own proxy
 * by the gateway's replica ("gateway edge-0"), and a caller with no proxy as "shoppers (no
 * proxy)". Pure.
 */
export function proxyName(w: World, host: number): string {
  const name = w.network.hosts[host]?.name ?? `host ${host}`;
  const sc = w.sidecarOfHost[host];
  if (!sc) return `${name} (no proxy)`;
  return sc.inline ? `gateway ${name}` : `sidecar of ${name}`;
}
