// A proxy's hot state in a record of doubles inside blocks shared by the proxies (issue 14): its
// draws' encodings and stream states, the CPU it took and each worker's free-at time (Sidecar.ts).
import { DRAW_SLOT, encodeDraw, lineAlignedFloat64, sampler, streamAt, type Distribution, type Sampler } from '../../sim-engine';

/**
 * Where a proxy's hot state lives: doubles `o` on of `f`, a block shared with the proxies made
 * before and after it (`ProxyRecords`). Plain data, so a snapshot copies it with the world.
 */
export interface ProxyRecord {
  readonly f: Float64Array;
  readonly o: number;
}

/**
 * A proxy record's layout, in doubles from its start. Each draw is `DRAW_SLOT` doubles
 * (`encodeDraw`: kind, two parameters, its stream's Alea state); then the CPU taken so far and
 * each worker's free-at time. A proxy of two workers (Istio's default concurrency) fits in 24
 * doubles: three cache lines, each a pass touches.
 */
export const Rec = {
  cpu: 0,
  latency: DRAW_SLOT,
  loopback: 2 * DRAW_SLOT,
  cpuTaken: 3 * DRAW_SLOT,
  freeAt: 3 * DRAW_SLOT + 1,
} as const;

/** Doubles in a block of records: 64 KB. */
const RECORDS_BLOCK = 8192;

/**
 * The world's proxy records, laid out one after the other in blocks of 64 KB in the order the
 * proxies are made: what a pass reads (its three draws' states, the workers' free-at times, the
 * CPU taken) lies in one stretch of about 200 bytes per proxy rather than in a dozen objects the
 * garbage collector scatters. At 1,000 services (3,000 proxies) that scatter made a pass cost
 * 6x what it cost at 100 (issue 14: CPU per request flat in size). Plain data (snapshots copy it).
 */
export class ProxyRecords {
  // Line-aligned (lineAligned.ts): a record starting every 8 doubles starts a cache line.
  private block = lineAlignedFloat64(RECORDS_BLOCK);
  private next = 0;

  /** A record for a proxy of `concurrency` workers; records start every 8 doubles (64 bytes). */
  alloc(concurrency: number): ProxyRecord {
    const size = (Rec.freeAt + Math.max(1, concurrency) + 7) & ~7;
    if (size > RECORDS_BLOCK) return { f: new Float64Array(size), o: 0 };
    if (this.next + size > RECORDS_BLOCK) {
      this.block = lineAlignedFloat64(RECORDS_BLOCK);
      this.next = 0;
    }
    const r = { f: this.block, o: this.next };
    this.next += size;
    return r;
  }
}

/**
 * Encodes `d` at `at` of a proxy record and returns a sampler of it over `streamFor(seed, name)`'s
 * stream, its state kept in the record: the proxy's own draws (`drawAt`) and the sampler's are one
 * stream.
 */
export function recordDraw(rec: ProxyRecord, at: number, d: Distribution, seed: number, name: string): Sampler {
  encodeDraw(d, rec.f, rec.o + at);
  return sampler(d, streamAt(seed, name, rec.f, rec.o + at + 3));
}
