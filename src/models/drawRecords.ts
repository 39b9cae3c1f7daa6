import { DrawCode, drawAt, drawInto, encodeDraw, lognormalDraw, lineAlignedFloat64, sampler, streamAt, type Distribution, type Sampler } from '../sim-engine';

/** Where one draw is encoded: doubles `p` to `p + DRAW_SLOT - 1` of `f` (`encodeDraw`, then its stream's state). */
export interface DrawAt {
  readonly f: Float64Array;
  readonly p: number;
}

/** Doubles in a block of draw records: 64 KB, 1,024 records of one cache line (8 doubles) each. A power of two: see `place`. */
const BLOCK = 8192;
/** log2(BLOCK): a place's block number is `place >> BLOCK_BITS`. */
const BLOCK_BITS = 13;
/** Doubles a record takes: DRAW_SLOT (7) rounded up to a cache line. */
const RECORD = 8;
/** DrawCode.lognormal as a literal (a module constant is a context load at each use: EventQueue.ts). */
const enum D {
  lognormal = 4,
}
if (DrawCode.lognormal !== D.lognormal) throw new Error('drawRecords: DrawCode changed');

/** The record each sampler made by `recordSampler` draws from. */
const records = new WeakMap<Sampler, DrawAt>();

/**
 * Draws the hot path takes once per request from an actor's own distribution (a client's gap, a
 * service's time, a link's latency), laid side by side in 64 KB blocks: a draw reads one cache
 * line (`drawAt(f, p)`) rather than a sampler's closure, its context, its boxed parameters and
 * its stream's slot. NOTE: bent for speed (issue 14: CPU per request flat in size); at 1,000
 * services those objects, one set per actor, missed the cache on every draw. Plain data
 * (snapshots copy the blocks with the world).
 */
export class DrawRecords {
  // Line-aligned (lineAligned.ts): each record is one cache line, not two.
  private block = lineAlignedFloat64(BLOCK);
  private next = 0;
  /** Every block made, in order (a record's place names its block by index here). */
  private readonly blocks: Float64Array[] = [this.block];

  /** A fresh record of one cache line. */
  alloc(): DrawAt {
    if (this.next + RECORD > BLOCK) {
      this.block = lineAlignedFloat64(BLOCK);
      this.blocks.push(this.block);
      this.next = 0;
    }
    const at = { f: this.block, p: this.next };
    this.next += RECORD;
    return at;
  }

  /**
   * Where record `at` lies among these blocks, as one number (its block's index x BLOCK + its
   * offset), for `drawAtPlace`; -1 when it is not one of these records (null, or another owner's).
   */
  place(at: DrawAt | null): number {
    const k = at === null ? -1 : this.blocks.indexOf(at.f);
    return k < 0 ? -1 : k * BLOCK + at!.p;
  }

  /** A draw from the record at `place` (from `place`, not -1): as drawAt(f, p) on the record. Mutates its stream's state. */
  drawAtPlace(place: number): number {
    return drawAt(this.blocks[place >> BLOCK_BITS], place & (BLOCK - 1));
  }

  /**
   * `drawAtPlace`'s draw written to `out[k]` rather than returned (the same draw, bit for bit).
   * Mutates the record's stream state and `out[k]`. NOTE: issue 14.4: not inlined at its callers,
   * a returned double is a fresh heap number (6 a 3-hop request, a third of its allocation); a
   * lognormal draw (a link's usual latency) through the proxies' inlined arithmetic
   * (lognormalDraw), where drawInto, over V8's inlining budget, returns
   * its Alea step's double boxed.
   */
  drawAtPlaceInto(place: number, out: Float64Array, k: number): void {
    const f = this.blocks[place >> BLOCK_BITS];
    const p = place & (BLOCK - 1);
    if (f[p] === D.lognormal) out[k] = lognormalDraw(f, p);
    else drawInto(f, p, out, k);
  }
}

/**
 * A sampler of `d` over `streamFor(seed, name)`'s stream (the same draws), with the distribution
 * and the stream's state in `at` (a fresh record of `draws` when null): `drawAt(at.f, at.p)` and
 * the sampler draw from one stream. Mutates the record.
 */
export function recordSampler(draws: DrawRecords, d: Distribution, seed: number, name: string, at: DrawAt | null = null): Sampler {
  const rec = at ?? draws.alloc();
  encodeDraw(d, rec.f, rec.p);
  const s = sampler(d, streamAt(seed, name, rec.f, rec.p + 3));
  records.set(s, rec);
  return s;
}

/** The record a sampler made by `recordSampler` draws from, or null (another sampler, or none). */
export function drawAtOf(s: Sampler | null): DrawAt | null {
  return s === null ? null : records.get(s) ?? null;
}
