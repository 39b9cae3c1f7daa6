import { InvariantError } from '../sim-engine';

/**
 * A pool of reusable records addressed by dense integer ids, so events can carry an id in
 * their numeric payload instead of an object reference. A record says itself whether it is in
 * use (`held`, which only the table writes). NOTE: issue 14.4: on the record, which the caller
 * reads next anyway, not in a byte array of the table's: a look-up is one load and a test less.
 */
export class Table<T extends { id: number; held: boolean; nextFree: T | null; reset(): void }> {
  /**
   * NOTE: issue 14.4: created holding object elements (see objectArray), so every World's first
   * `push` finds the elements kind the optimized `alloc` was compiled for.
   */
  protected readonly items: T[] = objectArray<T>();
  /** The free records, the last released first, linked through `nextFree` (null: none free). */
  protected freeHead: T | null = null;
  /** Number of records in use. */
  inUse = 0;

  constructor(private readonly make: () => T) {}

  alloc(): T {
    let item = this.freeHead;
    if (item !== null) {
      this.freeHead = item.nextFree;
      item.nextFree = null;
    } else {
      item = this.make();
      item.id = this.items.length;
      this.items.push(item);
    }
    item.held = true;
    this.inUse++;
    return item;
  }

  /** True while record `id` is in use (allocated and not released). */
  has(id: number): boolean {
    return id >= 0 && id < this.items.length && this.items[id].held;
  }

  get(id: number): T {
    const item = this.items[id];
    // NOTE: the throw in a function of its own, so `get` stays small enough for V8 to inline.
    if (item === undefined || item.held !== true) notInUse(id);
    return item;
  }

  /** Calls `f` on every record in use. */
  forEachLive(f: (item: T) => void): void {
    for (let i = 0; i < this.items.length; i++) if (this.items[i].held) f(this.items[i]);
  }

  release(item: T): void {
    if (item.held !== true) throw new InvariantError(`record ${item.id} released twice`);
    item.held = false;
    item.reset();
    item.nextFree = this.freeHead;
    this.freeHead = item;
    this.inUse--;
  }
}

/**
 * An empty array whose elements kind is already V8's PACKED_ELEMENTS (objects), not the
 * PACKED_SMI_ELEMENTS a bare `[]` starts with. NOTE: issue 14.4: each World builds fresh tables;
 * a `[]` turned into an array of objects only at its first push, so `alloc`'s optimized code, which
 * had seen both kinds, deoptimized ("not a Smi", with `send` and `tryOnce` that inline it) as each
 * new World (the bench's timed run among them) started. Popping the one element keeps the kind.
 */
function objectArray<T>(): T[] {
  const a: (T | null)[] = [null];
  a.pop();
  return a as T[];
}

/** Throws for a record that is not in use (Table.get). */
export function notInUse(id: number): never {
  throw new InvariantError(`record ${id} is not in use`);
}
