import type { Cluster } from './envoy/cluster';
import type { CompiledPolicy } from './proxy/policy';
import type { Sidecar } from './proxy/Sidecar';
import type { TraceRecord } from './spans/TraceRecord';

import { notInUse } from './Table';

export { Table } from './Table';

/**
 * One logical hop of a request as the caller sees it: its app asks for service X once, and
 * the router (a sidecar's, or the app's own plain client) makes one or more attempts.
 * Pooled: ids are indices into a Table and are reused once the caller app has the result.
 */
export class Call {
  id = -1;
  /** In use in its Table (Table.alloc and release set it; `reset` leaves it). */
  held = false;
  /** The next free record while this one is free (Table's free list); null otherwise or at its end. */
  nextFree: Call | null = null;
  /**
   * A root call's Request record (its id in World.requests), or -1 when the call is its request's only record
   * (ClientActor.rootIsRequest). Written and read only on root calls (Client.send and response).
   */
  requestId = -1;
  /** Its `Request.number`, which outlives the request's pooled record (the event log reads it). */
  requestNumber = 0;
  /** A root call's closed-loop user (-1: open loop), read where the call is its request's only record (Client.response); written only there. */
  user = -1;
  /** The request's hash key (its end user), which ring hash balances on; the same at every hop. */
  key = 0;
  /** Actor id of the caller app (client or service), which receives the result. */
  caller = -1;
  /** Actor id of the client whose request this is (a gateway reads its consumer, path, version). */
  origin = -1;
  /**
   * The attempt the caller is serving while it makes this call; null when the caller is a client
   * (or its replica died: nobody waits for the answer). NOTE: issue 14.4: the record, not its id,
   * so the answer reaches it without a look-up through the attempts' table.
   */
  parent: Attempt | null = null;
  /** Index of the edge (caller -> callee) in the topology. */
  edge = -1;
  /** Actor id of the callee service. */
  service = -1;
  /** The caller's outbound side (its sidecar or its plain client) and route for this callee. */
  route: Cluster | null = null;
  /** The request's header set (HeaderSets id, 0: none), the same at every hop: routes match on it. */
  headers = 0;
  /** Its route's policy where it differs from its cluster's (RouteTable: the router reads its timeout, retries, fault); null: the cluster's. */
  policy: CompiledPolicy | null = null;
  /**
   * Its booleans, one bit each of `CF` (test `(call.flags & CF.x) !== 0`, set `call.flags |= CF.x`). NOTE: issue 14.4:
   * one field for seven booleans makes the record 48 bytes smaller (each field is 8 bytes here), as Attempt's `AF`.
   */
  flags = 0;
  sentAt = 0;
  /** Attempts started so far (first try plus retries). */
  attempts = 0;
  /** The attempt in progress, or -1 (between tries, or done). */
  current = -1;
  /**
   * Replicas this call has tried, when its retries avoid previous hosts: the first try's in
   * `firstTried`, the list (`triedHosts`) made only at a retry, where Envoy's previous_hosts
   * predicate reads it. NOTE: issue 14.2/14.4: most calls make one try; the array's object and
   * its elements were two cold lines a call, and its push and emptying work on every one.
   */
  firstTried = -1;
  private readonly tried: number[] = [];

  /** Notes the replica a try goes to (before `attempts` counts it). */
  noteTried(i: number): void {
    if (this.attempts === 0) this.firstTried = i;
    else this.triedHosts().push(i);
  }

  /** Every replica tried so far, the first try's first (Envoy's previous_hosts). */
  triedHosts(): number[] {
    this.flags |= CF.triedListed;
    if (this.tried.length === 0 && this.firstTried >= 0) this.tried.push(this.firstTried);
    return this.tried;
  }
  routeTimer = -1;
  backoffTimer = -1;
  /** Failure cause, or null when ok (or not finished). */
  cause: string | null = null;
  /** HTTP status of the result (200 when ok). */
  status = 200;
  /** The traced request this hop belongs to (null: not traced), and its span there. */
  trace: TraceRecord | null = null;
  span = -1;

  reset(): void {
    this.parent = null;
    this.policy = null;
    // NOTE: issue 14.4: what both makers of a call (Client.send, ServiceActor.issue) write before anything reads it is
    // not reset: requestId, requestNumber, user, key, caller, origin, edge, service, route (a cluster outlives every call)
    // and headers; nor `sentAt` (a double field is a heap number of its own, a line touched for nothing).
    this.attempts = 0;
    this.current = -1;
    this.firstTried = -1;
    if ((this.flags & CF.triedListed) !== 0) while (this.tried.length > 0) this.tried.pop(); // NOTE: inlined; setting length is a runtime call
    this.flags = 0;
    this.routeTimer = -1;
    this.backoffTimer = -1;
    this.cause = null;
    this.status = 200;
    this.trace = null;
    this.span = -1;
  }
}

/**
 * One try of a call against one upstream host (replica), on one connection. The callee works
 * on attempts: it queues them, serves them, and makes its own downstream calls for them.
 */
export class Attempt {
  id = -1;
  /** In use in its Table (Table.alloc and release set it; `reset` leaves it). */
  held = false;
  /** The next free record while this one is free (Table's free list); null otherwise or at its end. */
  nextFree: Attempt | null = null;
  /** The call this is a try of (NOTE: issue 14.4: the record, not its id, as Call.parent). */
  call: Call | null = null;
  /** The caller's route this attempt was made on (outlives the call if the call ends first). */
  route: Cluster | null = null;
  /**
   * Its booleans, one bit each of `AF` (test `(att.flags & AF.x) !== 0`, set `att.flags |= AF.x`,
   * clear `att.flags &= ~AF.x`). NOTE: issue 14.4: one field for seven booleans makes the record 48
   * bytes smaller (each field is 8 bytes here), which cut chain3's L1 misses by a sixth (session 38);
   * bits, not accessors, at the sites, as an accessor call cost more than that saved.
   */
  flags = 0;
  /** Its `Request.number` (copied from the call, for the callee's children), and the request's hash key. */
  requestNumber = 0;
  key = 0;
  /** The request's header set (copied from the call, for the callee's children). */
  headers = 0;
  /** The call's route policy (copied from the call; null: the cluster's). */
  policy: CompiledPolicy | null = null;
  /** The client the request came from (copied from the call). */
  origin = -1;
  /** The callee's pending WorkDone event, cancelled if its replica dies. */
  workTimer = -1;
  /** Actor id of the caller app (for a gateway: who is calling it directly). */
  caller = -1;
  /** Callee replica index within its service. */
  replica = -1;
  /** Callee host id. */
  host = -1;
  /** The callee host's sidecar (World.sidecarOfHost[host], fixed once the world is built), or null. NOTE: issue 14.4: read once a try. */
  calleeSidecar: Sidecar | null = null;
  sentAt = 0;
  arrivedAt = 0;
  /** When its answer left the callee's pod, ms: a partition is judged then (DataPlane.sendBack). */
  leftAt = 0;
  perTryTimer = -1;
  /** Connection state (Conn): none yet, waiting in the pool, on a connection, or done with it. */
  conn = 0;
  /** When the connection it is on was opened. */
  connOpenedAt = 0;
  /** When the callee app closes the connection it went out on, if still idle then (its keep-alive timeout; Infinity: never). */
  connClosesAt = Infinity;
  /** Requests its connection carried before it (maxRequestsPerConnection). */
  connServed = 0;
  /** Its HTTP/2 connection's id (H2Conn.id), or -1. */
  connId = -1;
  /** Callee-side serving state: next downstream call (sequential) and calls outstanding. */
  nextCall = 0;
  pending = 0;
  cause: string | null = null;
  status = 200;
  /** The traced request (copied from the call; null: not traced), its try span and its span at the callee. */
  trace: TraceRecord | null = null;
  span = -1;
  serverSpan = -1;

  reset(): void {
    this.call = null;
    this.flags = 0;
    this.workTimer = -1;
    // NOTE: issue 14.4: what its one maker (Router.tryOnce) writes before anything reads it is not reset: route (a
    // cluster outlives every attempt), requestNumber, key, headers, policy, origin, caller, replica, host and calleeSidecar.
    // Nor `sentAt` (Router.tryOnce), `arrivedAt` (the callee's arrive), `connOpenedAt` and `connClosesAt`
    // (the pools' attach) are not reset: each is written before it is read, and each double field is a heap number of
    // its own, a line touched for nothing. `leftAt` is (PlaintextDrain reads 0 as "not left yet").
    this.leftAt = 0;
    this.perTryTimer = -1;
    this.conn = 0;
    this.connServed = 0;
    this.connId = -1;
    this.nextCall = 0;
    this.pending = 0;
    this.cause = null;
    this.status = 200;
    this.trace = null;
    this.span = -1;
    this.serverSpan = -1;
  }
}

/**
 * `Attempt.flags`'s bits (a const enum, so esbuild writes each use as a literal when it bundles).
 * The request reaching the callee app (so it owns it until it answers) had a boolean no code read.
 */
export const enum AF {
  /** The attempt holds one of the callee replica's workers. */
  holdsWorker = 1,
  /** Its failure was seen by the caller's router itself (connect failure, reset), not answered. */
  local = 2,
  /** The caller gave up on this attempt (per-try or route timeout); its answer is dropped. */
  abandoned = 4,
  /** This attempt is a retry (holds a retry slot of the cluster). */
  isRetry = 8,
  /** Counted among its route's active requests (it was put on a connection). */
  attached = 16,
  /** Its failure is one of the callee's own calls', passed up (not the callee's or this hop's). */
  inherited = 32,
}

/**
 * `Call.flags`'s bits (a const enum, as AF: esbuild writes each use as a literal).
 */
export const enum CF {
  /** No route of the caller's matched the request: the router answers 404 without an upstream try. */
  noRoute = 1,
  /** `tried` may hold something (`reset` empties it then). */
  triedListed = 2,
  /** A retry of this call holds one of the cluster's retry slots. */
  holdsRetry = 4,
  /** The call has its result (Router.finishCall). */
  done = 8,
  /** The failure came from further down: the callee answered with its own call's failure. */
  inherited = 16,
  /** The caller stopped waiting (a client's own timeout): its edge already counted the call. */
  callerGaveUp = 32,
  /** Its last failure was retriable but its retries were used up (Envoy's URX flag). */
  retryLimitReached = 64,
  /** A retry of it was refused by the cluster's max retries or retry budget (Envoy's upstream_rq_retry_overflow; its access log's UO). */
  retryOverflowed = 128,
}

/** An end-to-end request, from a client's send to its one fate. */
export class Request {
  id = -1;
  /** In use in its Table (Table.alloc and release set it; `reset` leaves it). */
  held = false;
  /** The next free record while this one is free (Table's free list); null otherwise or at its end. */
  nextFree: Request | null = null;
  /**
   * The request's number in the run, 1 for the first sent (`World.sent` when it was sent): stable,
   * unlike `id`, which is a pool index reused once the request ends. The event log and the
   * tracer name requests by it.
   */
  number = 0;
  client = -1;
  /** Closed-loop user index, -1 for open loop. */
  user = -1;
  sentAt = 0;
  /** Its first hop: the client's call to its target. */
  call = -1;
  /** True once the request has its fate (ok or a cause); it ends exactly once. */
  ended = false;
  timeoutHandle = -1;
  /** Its spans while the tracer records it, else null. */
  trace: TraceRecord | null = null;

  reset(): void {
    this.trace = null;
    this.number = 0;
    this.client = -1;
    this.user = -1;
    this.call = -1;
    this.sentAt = 0;
    this.ended = false;
    this.timeoutHandle = -1;
  }
}

/** The call `att` is a try of, which must be in use (Table.get's check; NOTE: issue 14.4: no look-up by id). */
export function callOf(att: Attempt): Call {
  const call = att.call;
  if (call === null || call.held !== true) notInUse(call === null ? -1 : call.id);
  return call;
}
