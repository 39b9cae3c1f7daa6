// Envoy's priority levels and panic threshold for one cluster in one caller proxy, with the
// levels Istio's locality load balancing gives endpoints: the caller's own zone first (priority
// 0), then the rest of its region (1), then everything else (2). Load spills from a level to the
// next as its healthy share falls, at the overprovisioning factor 1.4; when too few hosts are
// healthy a level panics and ignores health.
// Follows envoyproxy/envoy source/common/upstream/load_balancer_impl.cc (LoadBalancerBase::
// recalculatePerPriorityState, recalculatePerPriorityPanic, recalculateLoadInTotalPanic,
// choosePriority, isHostSetInPanic) and the "Priority levels", "Panic threshold" and "Locality
// weighted load balancing" architecture pages; the levels follow Istio's localityLbSetting
// without `failover` (pilot/pkg/networking/core/loadbalancer: a priority per locality match).

/** Envoy's default overprovisioning factor, in percent (1.4). */
export const OVERPROVISIONING = 140;
/** Priority levels: same zone, same region, elsewhere. */
export const LEVELS = 3;

/** Where a host is, as the network places it. */
export interface Place {
  readonly zone: string;
  readonly region: string;
  readonly external: boolean;
}

/**
 * The priority Istio gives an endpoint at `host` for a caller at `caller`: 0 in the caller's
 * zone (and region), 1 elsewhere in its region, 2 anywhere else (another region, the internet).
 */
export function localityRank(caller: Place, host: Place): number {
  if (caller.external || host.external || caller.region !== host.region) return 2;
  return caller.zone === host.zone ? 0 : 1;
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
