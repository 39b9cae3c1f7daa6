import type { World } from './World';
import { Ev } from './events';
import { Pass } from './proxy/Sidecar';

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
