// Envoy's load balancers for one upstream cluster in one caller proxy: round robin, least request
// (power of two choices), random and ring hash, over the hosts the caller may use (known from its
// control plane, not ejected by outlier detection), with host-selection retries that avoid hosts
// a call already tried. Before each pick, Envoy's chooseHostSet: the priority level (locality:
// zone, region, rest; see locality.ts) or, under Istio's `distribute`, the locality by weight,
// and whether it is in panic (then ejected hosts count too).
// Follows envoyproxy/envoy source/common/upstream/load_balancer_impl.cc (LoadBalancerBase, RoundRobin-,
// LeastRequest-, RandomLoadBalancer), source/common/upstream/ring_hash_lb.cc, the "Load balancing" pages.
import { aleaNext, type Clock } from '../../sim-engine';
import type { CompiledPolicy } from '../proxy/policy';
import { distributeFor, localityRank, NO_GROUP, OVERPROVISIONING, PriorityLoad, type Place } from './locality';
import type { OutlierDetector } from './outlierDetector';
import type { ConnPool } from './connPool';
import { buildRing, mix } from './ringHash';

/** Envoy's host_selection_retry_max_attempts under Istio's default retry policy. */
export const HOST_SELECTION_RETRIES = 5;
export { RING_SIZE } from './ringHash';
/** The level counts of the pick under way: scratch, one for all balancers (NOTE: issue 14: a cluster's own was six cold objects a pick). */
const PICK_LEVELS = new PriorityLoad();

/**
 * One cluster's balancer, one class for every policy (switching on `policy.lb`: a monomorphic call
 * site; a policy swap keeps the round-robin cursor and the ring). Plain data (snapshots copy it).
 * Each pick first chooses its host set (Envoy's LoadBalancerBase::chooseHostSet): the priority level
 * (level 0 unless locality is on) and whether it is in panic; the four algorithms then walk that set
 * through `usable` and `nthUsable`.
 */
export class LoadBalancer {
  private rr = 0;
  /** The ring-hash ring, built on first use. */
  private ring: { points: Uint32Array; owners: Int32Array } | null = null;
  /** By host: its locality priority for this caller (locality.ts), or its locality under `distribute`; all 0 until set. */
  private rank: Uint8Array;
  /** Where this caller and the upstream hosts are (setLocality); null: every host level 0. */
  private places: { caller: Place; hosts: readonly Place[] } | null = null;
  /** The policy `rank` and `weights` were worked out for (a config change may bring another). */
  private arrangedFor: CompiledPolicy | null = null;
  /** Under `distribute`: weight (%) per locality and scratch counts; null otherwise. */
  private weights: { weight: Float64Array; total: Int32Array; healthy: Int32Array; effective: Float64Array } | null = null;
  /** The host set of the pick under way: its level (-1: every level) and whether it panics. */
  private level = -1;
  private inPanic = false;
  /** Every host is in the pick's set (one level, all known and usable): the n-th usable is n. */
  private allUsable = false;
  /** Picks made in panic mode (Envoy's lb_healthy_panic). */
  panics = 0;
  /** The outlier detector's ejectedCount, which it keeps here (OutlierDetector.watch). */
  ejectedHosts = 0;
  /** Hosts `known` lists, counted when `membershipChanges[0]` was `countedAt` (-1: not yet). */
  private knownHosts = 0;
  private countedAt = -1;

  constructor(
    /** Which upstream replicas this caller knows of (its proxy's view; shared, not copied). */
    private readonly known: Uint8Array,
    private readonly outlier: OutlierDetector,
    /** The route's pools, whose host lines keep each host's requests on a connection (Envoy's host rq_active), which least request reads. */
    private readonly pool: ConnPool,
    /** The route's random stream's state (streamAt's block `rs`, at `ro`; shared with its fault filter and backoff: one draw order), drawn with aleaNext, no closure (issue 14). */
    private readonly rs: Float64Array,
    private readonly ro: number,
    /** World.membershipChanges, bumped by every writer of a `known` array (a fresh Int32Array(1) if none writes it). */
    private readonly membershipChanges: Int32Array,
  ) {
    this.rank = new Uint8Array(known.length);
    outlier.watch(this);
  }

  /** Where this caller and its upstream hosts (by replica index) are: their localities (locality.ts). */
  setLocality(caller: Place, hosts: readonly Place[]): void {
    this.places = { caller, hosts };
    this.arrangedFor = null;
  }

  /** Works out each host's priority (with `failover`) or locality weight (`distribute`) for policy p. */
  private arrange(p: CompiledPolicy): void {
    this.arrangedFor = p;
    this.weights = null;
    const at = this.places;
    if (at === null) return;
    const dist = p.localityDistribute === null ? null : distributeFor(at.caller, at.hosts, p.localityDistribute);
    if (dist !== null) {
      this.rank = dist.group;
      const n = dist.weight.length;
      this.weights = { weight: dist.weight, total: new Int32Array(n), healthy: new Int32Array(n), effective: new Float64Array(n) };
      return;
    }
    const to = p.localityFailover?.find((f) => f.from === at.caller.region)?.to ?? null;
    this.rank = Uint8Array.from(at.hosts, (h) => localityRank(at.caller, h, to));
  }

  /**
   * An upstream host the pick under way may land on: known to this caller, in the chosen level,
   * and not ejected unless the level panics.
   */
  private usable(i: number, now: number): boolean {
    return this.known[i] === 1 && (this.level < 0 || this.rank[i] === this.level) && (this.inPanic || !(this.outlier.ejectedUntil[i] > now));
  }

  /**
   * Chooses the pick's host set: counts known and healthy hosts per level, works out Envoy's
   * priority load and panic, and draws a level when load is split. Returns the number of hosts
   * in the set, 0 when none may be picked.
   */
  private chooseHostSet(p: CompiledPolicy, clock: Clock): number {
    if (p !== this.arrangedFor) this.arrange(p);
    this.allUsable = false;
    if (this.weights !== null) return this.chooseLocality(p, clock.now, this.weights);
    if (p.localityLb === false) {
      const n = this.onlyLevel(p, clock);
      if (n >= 0) return n;
    }
    const lv = PICK_LEVELS;
    lv.clear();
    const byLevel = p.localityLb;
    for (let i = 0; i < this.known.length; i++) {
      if (this.known[i] !== 1) continue;
      const l = byLevel ? this.rank[i] : 0;
      lv.total[l]++;
      if (!(this.outlier.ejectedUntil[i] > clock.now)) lv.healthy[l]++;
    }
    this.level = -1;
    this.inPanic = false;
    if (!lv.compute(p.panicThreshold)) return 0;
    let level = lv.sole();
    if (level < 0) level = lv.choose(Math.floor(aleaNext(this.rs, this.ro) * 100));
    this.level = byLevel ? level : -1;
    this.inPanic = lv.panic[level] === 1;
    if (this.inPanic) this.panics++;
    return this.inPanic ? lv.total[level] : lv.healthy[level];
  }

  /**
   * chooseHostSet with locality off (every known host level 0), without the level tables: the
   * same counts and the same arithmetic as PriorityLoad.compute for one level, which puts all
   * load there and draws nothing. Returns the hosts in the set, 0 when none may be picked, or -1
   * for the one case it leaves to the tables (a healthy share that rounds to 0 without panic).
   * NOTE: a shortcut for the hot path (issue 14.4): it runs on every try.
   */
  private onlyLevel(p: CompiledPolicy, clock: Clock): number {
    const known = this.known;
    this.level = -1;
    this.inPanic = false;
    let total = 0;
    if (this.ejectedHosts === 0) {
      // No host ejected (unejectDue ran): healthy = total, a share of 140%: no panic, every known
      // host in the set. NOTE: issue 14.4: the ejection times and the arithmetic below skipped,
      // and the known hosts counted again only once some caller's endpoints changed.
      if (this.countedAt !== this.membershipChanges[0]) {
        for (let i = 0; i < known.length; i++) if (known[i] === 1) total++;
        [this.knownHosts, this.countedAt] = [total, this.membershipChanges[0]];
      }
      total = this.knownHosts;
      this.allUsable = total > 0 && total === known.length;
      return total;
    }
    const now = clock.now; // NOTE: 14.4: the clock passed, not its time (a heap number a pick)
    const ejectedUntil = this.outlier.ejectedUntil;
    let healthy = 0;
    for (let i = 0; i < known.length; i++) {
      if (known[i] !== 1) continue;
      total++;
      if (!(ejectedUntil[i] > now)) healthy++;
    }
    if (total === 0) return 0;
    const normalized = Math.min(100, Math.floor((OVERPROVISIONING * healthy) / total));
    if (normalized === 0 && p.panicThreshold === 0) return 0;
    const panic = normalized < 100 && (100 * healthy) / total < p.panicThreshold;
    if (normalized === 0 && !panic) return -1;
    this.inPanic = panic;
    if (panic) this.panics++;
    const n = panic ? total : healthy;
    this.allUsable = n === known.length;
    return n;
  }

  /**
   * Under `distribute`, Envoy's locality-weighted pick: the listed localities are one priority
   * level (its panic as above); a locality is drawn by its weight x its availability, min(1, 1.4
   * x its healthy share) (Envoy's effective locality weight), or by weight alone in panic. Envoy
   * walks the weights with its EDF scheduler; here the route's stream draws, so shares match
   * within noise. Returns the number of hosts in the drawn locality's set, 0 when none.
   */
  private chooseLocality(p: CompiledPolicy, now: number, ws: { weight: Float64Array; total: Int32Array; healthy: Int32Array; effective: Float64Array }): number {
    const lv = PICK_LEVELS;
    lv.clear();
    ws.total.fill(0);
    ws.healthy.fill(0);
    for (let i = 0; i < this.known.length; i++) {
      const g = this.rank[i];
      if (this.known[i] !== 1 || g === NO_GROUP) continue;
      ws.total[g]++;
      lv.total[0]++;
      if (this.outlier.ejectedUntil[i] > now) continue;
      ws.healthy[g]++;
      lv.healthy[0]++;
    }
    this.level = -1;
    this.inPanic = false;
    if (!lv.compute(p.panicThreshold)) return 0;
    const panic = lv.panic[0] === 1;
    let sum = 0;
    for (let g = 0; g < ws.weight.length; g++) {
      const t = ws.total[g];
      ws.effective[g] = t === 0 ? 0 : panic ? ws.weight[g] : ws.weight[g] * Math.min(1, (1.4 * ws.healthy[g]) / t);
      sum += ws.effective[g];
    }
    if (sum === 0) return 0;
    let draw = aleaNext(this.rs, this.ro) * sum;
    let g = 0;
    while (g < ws.weight.length - 1 && (ws.effective[g] === 0 || (draw -= ws.effective[g]) >= 0)) g++;
    while (ws.effective[g] === 0) g--; // rounding left the draw past the last weighted locality
    this.level = g;
    this.inPanic = panic;
    if (panic) this.panics++;
    return panic ? ws.total[g] : ws.healthy[g];
  }

  /**
   * Picks an upstream host by the policy's balancer among the usable ones (its priority level's,
   * every one of them in panic); -1 when none is left (`no-healthy-upstream`). `key` is the
   * request's hash key (ring hash). With `avoid` (the hosts this call already tried: Istio's
   * previous_hosts retry predicate) it picks again, up to 5 times, while it lands on one of them.
   * Brings back hosts whose ejection is over first. NOTE: issue 14.4: the clock, not a time (a heap number where not inlined).
   */
  pick(p: CompiledPolicy, clock: Clock, key: number, avoid: readonly number[] | null = null): number {
    if (this.ejectedHosts > 0) this.outlier.unejectDue(clock.now); // NOTE: the test inline, the time passed only then
    const healthy = this.chooseHostSet(p, clock);
    if (healthy === 0) return -1;
    let i = this.pickOnce(p, clock, key, healthy, 0);
    if (avoid === null) return i;
    for (let attempt = 1; attempt <= HOST_SELECTION_RETRIES && avoid.includes(i); attempt++) i = this.pickOnce(p, clock, key, healthy, attempt);
    return i;
  }

  private pickOnce(p: CompiledPolicy, clock: Clock, key: number, healthy: number, attempt: number): number {
    switch (p.lb) {
      case 'least-request': // NOTE: Istio's default, first: a switch on strings tests each in turn
        return this.leastRequest(clock, healthy);
      case 'round-robin':
        return this.roundRobin(clock.now);
      case 'random':
        return this.nthUsable(Math.floor(aleaNext(this.rs, this.ro) * healthy), clock.now);
      case 'ring-hash':
        return this.ringLookup(mix(key), attempt, clock.now);
    }
  }

  private roundRobin(now: number): number {
    const n = this.known.length;
    for (let k = 0; k < n; k++) {
      const i = this.rr++ % n;
      if (this.usable(i, now)) return i;
    }
    return -1;
  }

  /** Envoy's power of two choices (unweightedHostPickNChoices): two draws *with* replacement; fewer active requests wins. */
  private leastRequest(clock: Clock, healthy: number): number {
    const ha = this.nthUsable(Math.floor(aleaNext(this.rs, this.ro) * healthy), clock.now);
    const hb = this.nthUsable(Math.floor(aleaNext(this.rs, this.ro) * healthy), clock.now);
    return this.pool.active(hb) < this.pool.active(ha) ? hb : ha;
  }

  /**
   * Envoy's ring hash: every host owns RING_SIZE / n points on a ring of 32-bit hashes; a key
   * goes to the owner of the first point at or after its hash. Points of a host that is not
   * usable are skipped, which is the ring Envoy rebuilds without it: only that host's keys move,
   * and they spread over the others. A host-selection retry walks `attempt` points further.
   */
  private ringLookup(hash: number, attempt: number, now: number): number {
    const ring = this.ring ?? (this.ring = buildRing(this.known.length));
    const size = ring.points.length;
    // The first point >= hash (binary search), wrapping round.
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ring.points[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    for (let k = 0; k < size; k++) {
      const i = ring.owners[(lo + attempt + k) % size];
      if (this.usable(i, now)) return i;
    }
    return -1;
  }

  private nthUsable(k: number, now: number): number {
    if (this.allUsable === true) return k < this.known.length ? k : -1;
    for (let i = 0; i < this.known.length; i++) {
      if (!this.usable(i, now)) continue;
      if (k-- === 0) return i;
    }
    return -1;
  }
}
