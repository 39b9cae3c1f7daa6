import { InvariantError } from '../sim-engine';

/**
 * One hop of a request: a call from a caller (client or service) to a service.
 * Pooled: ids are indices into a CallTable and are reused once the caller has the response.
 */
export class Call {
  id = -1;
  /** The end-to-end request this hop belongs to. */
  requestId = -1;
  /** Actor id of the caller, which receives the response. */
  caller = -1;
  /** The call the caller is serving while it makes this one; -1 when the caller is a client. */
  parent = -1;
  /** Index of the edge (caller -> callee) in the topology. */
  edge = -1;
  /** Index of the callee service in the world. */
  service = -1;
  replica = -1;
  sentAt = 0;
  arrivedAt = 0;
  /** Next entry of the callee's call list to consider (sequential mode). */
  nextCall = 0;
  /** Downstream calls still outstanding (parallel mode). */
  pending = 0;
  /** Failure cause, or null while fine / when ok. */
  cause: string | null = null;
  /** HTTP status the callee answered with (200 when ok). */
  status = 200;

  reset(): void {
    this.requestId = -1;
    this.caller = -1;
    this.parent = -1;
    this.edge = -1;
    this.service = -1;
    this.replica = -1;
    this.sentAt = 0;
    this.arrivedAt = 0;
    this.nextCall = 0;
    this.pending = 0;
    this.cause = null;
    this.status = 200;
  }
}

/** An end-to-end request, from a client's send to its one fate. */
export class Request {
  id = -1;
  client = -1;
  /** Closed-loop user index, -1 for open loop. */
  user = -1;
  sentAt = 0;
  /** True once the request has its fate (ok or a cause); it ends exactly once. */
  ended = false;
  timeoutHandle = -1;

  reset(): void {
    this.client = -1;
    this.user = -1;
    this.sentAt = 0;
    this.ended = false;
    this.timeoutHandle = -1;
  }
}

/**
 * A pool of reusable records addressed by dense integer ids, so events can carry an id in
 * their numeric payload instead of an object reference.
 */
export class Table<T extends { id: number; reset(): void }> {
  private readonly items: T[] = [];
  private readonly free: number[] = [];
  private readonly live: Uint8Array[] = [new Uint8Array(0)];
  /** Number of records in use. */
  inUse = 0;

  constructor(private readonly make: () => T) {}

  alloc(): T {
    let item: T;
    if (this.free.length > 0) {
      item = this.items[this.free.pop()!];
    } else {
      item = this.make();
      item.id = this.items.length;
      this.items.push(item);
    }
    this.setLive(item.id, 1);
    this.inUse++;
    return item;
  }

  get(id: number): T {
    if (!this.isLive(id)) throw new InvariantError(`record ${id} is not in use`);
    return this.items[id];
  }

  release(item: T): void {
    if (!this.isLive(item.id)) throw new InvariantError(`record ${item.id} released twice`);
    this.setLive(item.id, 0);
    item.reset();
    this.free.push(item.id);
    this.inUse--;
  }

  private isLive(id: number): boolean {
    const bits = this.live[0];
    return id >= 0 && id < bits.length && bits[id] === 1;
  }

  private setLive(id: number, v: number): void {
    let bits = this.live[0];
    if (id >= bits.length) {
      const next = new Uint8Array(Math.max(64, bits.length * 2, id + 1));
      next.set(bits);
      this.live[0] = bits = next;
    }
    bits[id] = v;
  }
}
