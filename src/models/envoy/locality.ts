// Envoy's priority levels and panic threshold for one cluster in one caller proxy, with the
// levels Istio's locality load balancing gives endpoints: the caller's own zone first (priority
// 0), then the rest of its region (1), then everything else (2). Load spills from a level to the
// next as its healthy share falls, at the overprovisioning factor 1.4; when too few hosts are
// healthy a level panics and ignores health.
// Follows envoyproxy/envoy source/common/upstream/load_balancer_impl.cc (LoadBalancerBase::
// recalculatePerPriorityState, recalculatePerPriorityPanic, recalculateLoadInTotalPanic,
// choosePriority, isHostSetInPanic) and the "Priority levels", "Panic threshold" and "Locality
// weighted load balancing" architecture pages; the levels and weights follow Istio's
// localityLbSetting (pilot/pkg/networking/core/loadbalancer/loadbalancer.go:
// ApplyLocalityLoadBalancer, applyLocalityFailover: a priority per locality match, a `failover`
// region before the other regions; applyLocalityWeights: `distribute`; util.LocalityMatch).

/** Envoy's default overprovisioning factor, in percent (1.4). */
export const OVERPROVISIONING = 140;
/** Priority levels: same zone, same region, the `failover` region (or elsewhere), elsewhere. */
export const LEVELS = 4;

/** Where a host is, as the network places it. */
export interface Place {
  readonly zone: string;
  readonly region: string;
  readonly external: boolean;
}

/**
 * The priority Istio gives an endpoint at `host` for a caller at `caller`: 0 in the caller's
 * zone (and region), 1 elsewhere in its region, 2 anywhere else (another region, the internet).
 * With `failoverTo`, the region the caller's region fails over to (`failover`), that region is
 * 2 and every other place 3.
 */
export function localityRank(caller: Place, host: Place, failoverTo: string | null = null): number {
  if (caller.external || host.external || caller.region !== host.region) return failoverTo === null ? 2 : !host.external && host.region === failoverTo ? 2 : 3;
  return caller.zone === host.zone ? 0 : 1;
}

/** Istio's LocalityMatch: the pattern's segments (region, zone) equal the place's in order, `*` matching the rest. */
export function localityMatches(place: Place, pattern: string): boolean {
  const parts = pattern.split('/');
  if (parts[0] === '*') return true;
  if (place.external || parts[0] !== place.region) return false;
  return parts.length === 1 || parts[1] === '*' || parts[1] === place.zone;
}

/** A host's group when `distribute` gives its locality no weight: it takes no requests. */
export const NO_GROUP = 255;

/**
 * Envoy's locality weights as Istio's `distribute` sets them for one caller: each host's
 * locality (`group`, by index; NO_GROUP: none) and each locality's weight (%). The first rule
 * whose `from` matches the caller applies; each `to` entry gives its weight to the localities
 * it matches that no earlier entry took, split by their number of hosts (Istio divides it by
 * their locality weights); localities no entry matches are left out. Null: no rule matches, so
 * every host is one set (Istio then sets neither weights nor priorities).
 */
export function distributeFor(caller: Place, hosts: readonly Place[], rules: readonly { from: string; to: Record<string, number> }[]): { group: Uint8Array; weight: Float64Array } | null {
  const rule = rules.find((r) => localityMatches(caller, r.from));
  if (rule === undefined) return null;
  const first: number[] = []; // per locality: its first host
  const count: number[] = [];
  const group = Uint8Array.from(hosts, (h) => {
    let g = first.findIndex((f) => hosts[f].region === h.region && hosts[f].zone === h.zone && hosts[f].external === h.external);
    if (g < 0) g = first.push(hosts.indexOf(h)) - 1;
    count[g] = (count[g] ?? 0) + 1;
    return Math.min(g, NO_GROUP - 1);
  });
  const weight = new Float64Array(first.length);
  const taken = new Uint8Array(first.length);
  for (const [pattern, w] of Object.entries(rule.to)) {
    const matched = first.map((_, g) => g).filter((g) => taken[g] === 0 && localityMatches(hosts[first[g]], pattern));
    const n = matched.reduce((a, g) => a + count[g], 0);
    for (const g of matched) {
      taken[g] = 1;
      weight[g] = (w * count[g]) / n;
    }
  }
  for (let i = 0; i < group.length; i++) if (weight[group[i]] === 0) group[i] = NO_GROUP;
  return { group, weight };
}

/**
 * The per-pick state of Envoy's priority load: hosts and healthy hosts per level in, load (%) and
 * panic per level out. Plain data, reused for every pick (no allocation on the hot path).
 */
export class PriorityLoad {
  /** Known hosts per level (Envoy's host set of that priority). */
  readonly total = new Int32Array(LEVELS);
  /** Of those, not ejected. */
  readonly healthy = new Int32Array(LEVELS);
  /** Share of requests per level, in whole percent, summing to 100 (or all 0: no host at all). */
  readonly load = new Int32Array(LEVELS);
  /** 1 where the level is in panic: its picks ignore health. */
  readonly panic = new Uint8Array(LEVELS);
  private readonly health = new Int32Array(LEVELS);

  /** Starts a count: every level empty. */
  clear(): void {
    this.total.fill(0);
    this.healthy.fill(0);
  }

  /**
   * Works out load and panic per level from `total` and `healthy`, with the cluster's panic
   * threshold (%). Returns false when no host may be picked: none known, or none healthy while
   * panic is off (threshold 0), which is Envoy's no_healthy_upstream.
   *
   * A level's health is min(100, 1.4 x its healthy percent) (integer); the sum, capped at 100,
   * is the normalized total. Levels take load in order, health x 100 / normalized total each,
   * the rounding left to the first healthy one. Below a normalized total of 100, a level whose
   * healthy percent is under the threshold panics; when every non-empty level panics, load
   * follows the number of hosts per level.
   */
  compute(panicThreshold: number): boolean {
    const { total, healthy, load, panic, health } = this;
    let sum = 0;
    let hosts = 0;
    for (let p = 0; p < LEVELS; p++) {
      health[p] = total[p] === 0 ? 0 : Math.min(100, Math.floor((OVERPROVISIONING * healthy[p]) / total[p]));
      sum += health[p];
      hosts += total[p];
      load[p] = 0;
      panic[p] = 0;
    }
    if (hosts === 0) return false;
    const normalized = Math.min(100, sum);
    if (normalized === 0 && panicThreshold === 0) return false;
    let allPanic = true;
    for (let p = 0; p < LEVELS; p++) {
      if (total[p] === 0) continue;
      panic[p] = normalized < 100 && (100 * healthy[p]) / total[p] < panicThreshold ? 1 : 0;
      if (panic[p] === 0) allPanic = false;
    }
    if (allPanic) return this.spread(total, hosts);
    this.spread(health, normalized);
    return true;
  }

  /** Load per level as weight x 100 / sum, the rounding to the first level with weight. */
  private spread(weight: Int32Array, sum: number): true {
    const load = this.load;
    let left = 100;
    let first = -1;
    for (let p = 0; p < LEVELS; p++) {
      load[p] = Math.min(left, Math.floor((weight[p] * 100) / sum));
      left -= load[p];
      if (first < 0 && weight[p] > 0) first = p;
    }
    load[first] += left;
    return true;
  }

  /** The level that takes every request, or -1 when load is split (a draw decides). */
  sole(): number {
    for (let p = 0; p < LEVELS; p++) if (this.load[p] === 100) return p;
    return -1;
  }

  /** Envoy's choosePriority: the level whose cumulative load first passes `draw` (0..99). */
  choose(draw: number): number {
    let acc = 0;
    for (let p = 0; p < LEVELS; p++) {
      acc += this.load[p];
      if (draw < acc) return p;
    }
    return LEVELS - 1;
  }
}
