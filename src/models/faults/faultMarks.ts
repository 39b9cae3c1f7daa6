// What each fault did, counted as the run goes (session 54, A1; trial T4, 3): a person who injected 50% 503s on orders
// saw the failed list flooded by the scenario's own tls-plaintext-rejected and could not find their own fault's effect.
// A try a fault fails (an http-abort's drawn error at the host, a killed replica's reset) is tagged on its call; the
// router's retry of that try counts it retried; a call that ends with that try's failure passes the tag to the attempt
// it was made for (Service.childResponse), and so on up to the client, where the user request counts as ended failed
// by it. Nothing here draws: trace hashes are unchanged. Nothing runs while no tag is live (`calls.size === 0`) but on
// failure paths (the host's drawn error, a router's retry, a failed call's end).
import type { Attempt, Call } from '../Call';
import type { TraceRecord } from '../spans/TraceRecord';

/**
 * One fault's effect so far: `failed` answers it failed at the host (an http-abort's drawn errors) or tries it reset
 * (a replica kill's held and queued requests), `retried` those tries (or a caller's tries failed by them, further up)
 * a router retried, `ended` user requests that ended failed with its failure. Counts since the run's start.
 */
export interface FaultEffect {
  failed: number;
  retried: number;
  ended: number;
}

/** A call whose try `attempts` a fault failed: that fault, the failure's cause, and the call's request and send time (a pooled record reused later does not match). */
interface Tag {
  fault: number;
  cause: string;
  attempts: number;
  request: number;
  sentAt: number;
}

/** The faults' effects, by fault number (FaultInjector's), and the calls carrying a fault's failure now. Plain data (snapshots copy it). */
export class FaultMarks {
  /** By fault number; a fault that did nothing yet has none. */
  readonly effects: (FaultEffect | undefined)[] = [];
  /** Calls whose latest try carries a fault's failure, until the router retries it or the call ends. */
  readonly calls = new Map<Call, Tag>();

  /** The effect of fault `n` (made at its first use). */
  effect(n: number): FaultEffect {
    return (this.effects[n] ??= { failed: 0, retried: 0, ended: 0 });
  }

  /** Fault `n` failed `att` at its host (cause and status already written on it): counted, its call and trace tagged. */
  hostFailed(att: Attempt, n: number): void {
    this.effect(n).failed++;
    this.tag(att, n);
  }

  /** `att`, failed with `cause` by fault `n` (its own or passed up from a call it made), tags its call's current try. */
  tag(att: Attempt, n: number, cause: string = att.cause!): void {
    const call = att.call;
    if (call !== null) this.calls.set(call, { fault: n, cause, attempts: call.attempts, request: call.requestNumber, sentAt: call.sentAt });
    if (att.trace !== null) touched(att.trace, n);
  }

  /** The router retries `call` (its latest try failed): if a fault failed that try, it counts retried. Failure path only. */
  retried(call: Call): void {
    if (this.calls.size === 0) return;
    const t = this.own(call);
    if (t === null) return;
    this.calls.delete(call);
    this.effect(t.fault).retried++;
  }

  /**
   * `call` ended failed and its result reached its caller: the fault whose failure it ended with (its last try's, the
   * same cause), or -1; its tag goes either way. Failure path only.
   */
  ended(call: Call): number {
    if (this.calls.size === 0) return -1;
    const t = this.own(call);
    if (t === null) return -1;
    this.calls.delete(call);
    return t.attempts === call.attempts && t.cause === call.cause ? t.fault : -1;
  }

  /** A failed call made for `parent` ended with fault `n`'s failure, which `parent` took as its own (Service.childResponse). */
  inherit(child: Call, parent: Attempt): void {
    const n = this.ended(child);
    if (n >= 0) this.tag(parent, n);
  }

  /** A user request's root call ended failed (`counts`: it ended the request, no timeout before it): counted if a fault's failure ended it. */
  rootEnded(call: Call, counts: boolean): void {
    const n = this.ended(call);
    if (n >= 0 && counts) this.effect(n).ended++;
  }

  /** The call's tag when it is this call's (request and send time match), else null. */
  private own(call: Call): Tag | null {
    const t = this.calls.get(call);
    if (t === undefined) return null;
    if (t.request === call.requestNumber && t.sentAt === call.sentAt) return t;
    this.calls.delete(call);
    return null;
  }
}

/** Notes on a traced request that fault `n` touched it (its `faults`, each once, in the order met). */
function touched(t: TraceRecord, n: number): void {
  if (t.faults == null) t.faults = [n]; // (a record from before the field: null or absent)
  else if (!t.faults.includes(n)) t.faults.push(n);
}
