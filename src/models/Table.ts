import { InvariantError } from '../sim-engine';

/**
 * A pool of reusable records addressed by dense integer ids, so events can carry an id in
 * their numeric payload instead of an object reference.
 */
export class Table<T extends { id: number; reset(): void }> {
  private readonly items: T[] = [];
  private readonly free: number[] = [];
  /** One byte per id: 1 while the record is in use. */
  private live = new Uint8Array(64);
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

  /** True while record `id` is in use (allocated and not released). */
  has(id: number): boolean {
    return id >= 0 && this.isLive(id);
  }

  get(id: number): T {
    // NOTE: the throw in a function of its own, so `get` stays small enough for V8 to inline.
    if (!this.isLive(id)) notInUse(id);
    return this.items[id];
  }

  /** Calls `f` on every record in use. */
  forEachLive(f: (item: T) => void): void {
    const bits = this.live;
    for (let i = 0; i < this.items.length; i++) if (bits[i] === 1) f(this.items[i]);
  }

  release(item: T): void {
    if (!this.isLive(item.id)) throw new InvariantError(`record ${item.id} released twice`);
    this.live[item.id] = 0; // alloc grew `live` to hold it
    item.reset();
    this.free.push(item.id);
    this.inUse--;
  }

  /** NOTE: an id outside `live` (negative, past its end) reads undefined: no range tests (issue 14.4). */
  private isLive(id: number): boolean {
    return this.live[id] === 1;
  }

  private setLive(id: number, v: number): void {
    let bits = this.live;
    if (id >= bits.length) {
      const next = new Uint8Array(Math.max(64, bits.length * 2, id + 1));
      next.set(bits);
      this.live = bits = next;
    }
    bits[id] = v;
  }
}

/** Throws for a record that is not in use (Table.get). */
function notInUse(id: number): never {
  throw new InvariantError(`record ${id} is not in use`);
}
