import { InvariantError } from '../sim-engine';
import type { Attempt, Call } from './Call';
import { notInUse, Table } from './Table';

/**
 * The calls' table and the attempts': each with its own copy of the look-up and of `release`.
 * NOTE: issue 14.4: V8 keeps a function's type feedback once for every object it runs on, so a
 * `get` shared by the tables of calls, attempts and requests saw three hidden classes: each
 * look-up tested the record's class against them (data-dependent branches, some 25 mispredicts a
 * chain3 request), and `release` called `reset` without inlining it. Same behaviour as Table's.
 * NOTE: issue 14.4: `held !== true`, not `!held`: TurboFan lowers a bare test of a value it has not typed to the full
 * ToBoolean (false, '', the map's undetectable bit, HeapNumber, BigInt: some 10 instructions where `=== true` is one
 * compare). The request's path tests its flags as `=== true` and its objects as `!== null` for the same reason
 * (session 54: -566 instructions a chain3 request, about 70 such tests).
 */
export class CallTable extends Table<Call> {
  override get(id: number): Call {
    const item = this.items[id];
    if (item === undefined || item.held !== true) notInUse(id);
    return item;
  }

  override release(item: Call): void {
    if (item.held !== true) throw new InvariantError(`record ${item.id} released twice`);
    item.held = false;
    item.reset();
    item.nextFree = this.freeHead;
    this.freeHead = item;
    this.inUse--;
  }
}

/** The attempts' table (see CallTable). */
export class AttemptTable extends Table<Attempt> {
  override get(id: number): Attempt {
    const item = this.items[id];
    if (item === undefined || item.held !== true) notInUse(id);
    return item;
  }

  override release(item: Attempt): void {
    if (item.held !== true) throw new InvariantError(`record ${item.id} released twice`);
    item.held = false;
    item.reset();
    item.nextFree = this.freeHead;
    this.freeHead = item;
    this.inUse--;
  }
}
