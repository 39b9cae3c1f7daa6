// Choosing one item in k by its number, without aliasing with whatever made the numbers.

/**
 * Murmur3's 32-bit finaliser (fmix32, Austin Appleby's MurmurHash3): a fixed bijection of the
 * 32-bit integers whose every output bit depends on every input bit. `n` is taken modulo 2^32.
 * Pure; returns an unsigned 32-bit integer (fmix32(0) = 0).
 */
export function fmix32(n: number): number {
  let h = (n % 4294967296) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether item number `n` (an integer >= 0: a send number, a request's number - 1) is one of the
 * one in `every` kept: `fmix32(n) % every === 0`. Not `n % every`, which aliases with any
 * periodic source of the numbers: ten constant-rate clients sending in turn, sampled at 5, gave
 * every pick to two of the ten (session 25, the traffic dots; the tracer's sampled requests the
 * same way). Over any long run of consecutive numbers close to 1 in `every` is kept; n = 0 always
 * is (so a run's first item is). `every <= 1` keeps all. Pure and stable: the same n and every
 * always give the same answer, in Node and in the browser. No randomness is drawn, so sampling
 * never changes a run.
 */
export function sampledOneIn(n: number, every: number): boolean {
  return every <= 1 || fmix32(n) % every === 0;
}
