// What a packed copy (snapshot.ts, CopyOptions.pack) holds in place of mostly-zero buffers and of
// functions: plain data, made into buffers and closures again by a later copy. For snapshots kept
// in memory: Istio's full load test holds 2,000 latency histograms, mostly zeros.
import type { Revival } from './revivable';

/** Buffers smaller than this are copied as they are, never packed. */
export const PACK_MIN_BYTES = 4096;

/** A mostly-zero ArrayBuffer as its non-zero 32-bit words (see CopyOptions.pack). Plain data. */
export class PackedBuffer {
  constructor(
    readonly byteLength: number,
    readonly index: Uint32Array,
    readonly words: Uint32Array,
  ) {}

  /** The buffer again, bit for bit. */
  unpack(): ArrayBuffer {
    const b = new ArrayBuffer(this.byteLength);
    const w = new Uint32Array(b);
    for (let i = 0; i < this.index.length; i++) w[this.index[i]] = this.words[i];
    return b;
  }

  /**
   * The buffer packed, or null when it is too small or not mostly zeros. Pure. With `pool`, the
   * packed words are views into its chunks rather than buffers of their own.
   */
  static of(b: ArrayBuffer, pool?: WordPool): PackedBuffer | null {
    if (b.byteLength < PACK_MIN_BYTES || b.byteLength % 4 !== 0) return null;
    const w = new Uint32Array(b);
    const most = w.length >>> 2;
    let n = 0;
    for (let i = 0; i < w.length; i++) if (w[i] !== 0 && ++n > most) return null;
    const index = pool ? pool.take(n) : new Uint32Array(n);
    const words = pool ? pool.take(n) : new Uint32Array(n);
    for (let i = 0, j = 0; j < n; i++) {
      if (w[i] === 0) continue;
      index[j] = i;
      words[j++] = w[i];
    }
    return new PackedBuffer(b.byteLength, index, words);
  }
}

/**
 * Room for packed words, handed out as views of a few large chunks. NOTE: bent for speed: Istio's
 * full load test packs 2,000 latency histograms a snapshot, and two buffers of their own each
 * (4,000 separately freed allocations) cost the garbage collector more than the packing.
 */
export class WordPool {
  private chunk = new Uint32Array(0);
  private used = 0;

  /** `n` zeroed words of a chunk, for good (the pool never hands them out again). */
  take(n: number): Uint32Array {
    if (this.used + n > this.chunk.length) {
      this.chunk = new Uint32Array(Math.max(n, 1 << 16));
      this.used = 0;
    }
    this.used += n;
    return this.chunk.subarray(this.used - n, this.used);
  }
}

/** A typed array or DataView over a PackedBuffer (see CopyOptions.pack). Plain data. */
export class PackedView {
  constructor(
    readonly buffer: PackedBuffer,
    readonly type: string,
    readonly byteOffset: number,
    readonly length: number,
  ) {}
}

export const VIEW_TYPES: Record<string, new (b: ArrayBuffer, offset: number, length: number) => ArrayBufferView> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  DataView: DataView as unknown as new (b: ArrayBuffer, offset: number, length: number) => ArrayBufferView,
};

/**
 * A function in a packed copy (see CopyOptions.pack): how to make it again, not yet made. A later
 * copy revives it (its deps first), so a snapshot that is never restored never builds closures
 * nor random streams. Plain data but `revive`, a function that holds nothing.
 */
export class PackedFunction {
  constructor(
    readonly data: unknown,
    /** The functions it draws on, each a PackedFunction or a function shared as it is. */
    readonly deps: readonly unknown[],
    readonly revive: Revival['revive'],
  ) {}
}
