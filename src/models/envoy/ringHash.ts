// Ring hash's ring and hash: the points each host owns on a ring of 32-bit hashes, and the hash of
// a request's key; the balancer that walks it is loadBalancer.ts.
// Follows envoyproxy/envoy source/common/upstream/ring_hash_lb.cc.

/** Envoy's minimum_ring_size default. */
export const RING_SIZE = 1024;

/** A ring over `hosts` hosts: RING_SIZE / hosts points each (rounded up), sorted by point, then host. */
export function buildRing(hosts: number): { points: Uint32Array; owners: Int32Array } {
  const per = Math.ceil(RING_SIZE / hosts);
  const entries: [number, number][] = [];
  for (let h = 0; h < hosts; h++) for (let k = 0; k < per; k++) entries.push([mix(mix(h + 1) ^ Math.imul(k + 1, 0x9e3779b9)), h]);
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { points: Uint32Array.from(entries, (e) => e[0]), owners: Int32Array.from(entries, (e) => e[1]) };
}

/** A 32-bit integer hash (murmur3's finaliser). */
export function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
