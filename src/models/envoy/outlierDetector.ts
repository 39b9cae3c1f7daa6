// Envoy's passive outlier detection, per upstream cluster in each caller proxy: consecutive 5xx
// and consecutive gateway errors per host, ejection for base ejection time x a multiplier that
// grows with each ejection and decays while the host stays healthy, and the cap on hosts ejected
// at once.
// Follows envoyproxy/envoy source/common/upstream/outlier_detection_impl.cc (DetectorImpl,
// DetectorHostMonitorImpl) and the "Outlier detection" architecture page.
import type { CompiledPolicy } from '../proxy/policy';

/** A route's outlier-detection settings (null: off), as `compilePolicy` resolves them. */
export type OutlierConfig = CompiledPolicy['outlier'];

/** Envoy's max_ejection_time default. */
export const MAX_EJECTION_MS = 300_000;

/**
 * One caller's outlier detector for one upstream cluster: its own counts and ejections, as every
 * Envoy keeps its own (ejections are per caller, never mesh-wide). Plain data (snapshots copy it).
 *
 * Follows Envoy 1.36 (the Envoy of Istio 1.28). Two rules changed between releases:
 * - the cap. Envoy 1.27 (envoyproxy/envoy#27909) counts the host about to be ejected:
 *   100 x (ejected + 1) / hosts must not pass max_ejection_percent, so 10% of 3 hosts ejects
 *   none and 50% of 3 ejects one. Before, the first host could always be ejected and the check
 *   used the share before the ejection, one past the cap (gRPC copied that: grpc-java#9489).
 *   always_eject_one_host (1.31, #34796; default false) brings back "at least one".
 * - the ejection time multiplier (`ejectTimeBackoff`): each interval a host spends back in
 *   service it goes down by one (DetectorImpl::onIntervalTimer), so a host that stays healthy
 *   is ejected for the base time again; it only grew before max_ejection_time was added.
 * The interval timer is not an event here: a host's multiplier is worked out when read, from
 * when it came back and the intervals since (`multiplier`).
 */
export class OutlierDetector {
  readonly consecutive5xx: Int32Array;
  readonly consecutiveGateway: Int32Array;
  /** By host: when its ejection ends (0: not ejected), on a detection interval. */
  readonly ejectedUntil: Float64Array;
  /** By host: times ejected so far (Envoy's num_ejections). */
  readonly ejections: Int32Array;
  /** By host: the ejection time multiplier when it last came back (Envoy's ejectTimeBackoff). */
  readonly backoff: Int32Array;
  /** By host: the interval tick (ms) it last came back into service; -1: never ejected. */
  readonly unejectedAt: Float64Array;
  /** Hosts ejected now. */
  get ejectedCount(): number {
    return this.ejected;
  }
  set ejectedCount(n: number) {
    this.ejected = n;
    if (this.balancer !== null) this.balancer.ejectedHosts = n;
  }
  private ejected = 0;
  /**
   * The balancer that keeps a copy of the count (`watch`). NOTE: issue 14.4: a pick tests it there,
   * on a line it reads anyway, not here (this record's line was an L1 miss a pick in chain3).
   */
  private balancer: { ejectedHosts: number } | null = null;

  /** Keeps `b.ejectedHosts` equal to `ejectedCount` from now on. */
  watch(b: { ejectedHosts: number }): void {
    this.balancer = b;
    b.ejectedHosts = this.ejected;
  }

  constructor(hosts: number) {
    this.consecutive5xx = new Int32Array(hosts);
    this.consecutiveGateway = new Int32Array(hosts);
    this.ejectedUntil = new Float64Array(hosts);
    this.ejections = new Int32Array(hosts);
    this.backoff = new Int32Array(hosts);
    this.unejectedAt = new Float64Array(hosts).fill(-1);
  }

  /** Brings back hosts whose ejection is over at `now` (ms). Mutates the detector. */
  unejectDue(now: number): void {
    if (this.ejectedCount === 0) return;
    const until = this.ejectedUntil;
    for (let i = 0; i < until.length; i++) {
      if (until[i] > 0 && until[i] <= now) {
        this.unejectedAt[i] = until[i];
        until[i] = 0;
        this.ejectedCount--;
      }
    }
  }

  /** True while host `i` is ejected at `now` (ms). */
  isEjected(i: number, now: number): boolean {
    return this.ejectedUntil[i] > now;
  }

  /**
   * Host `i`'s ejection time multiplier at `now` (ms): what it had when it came back, less one
   * for each full detection interval (`intervalMs`) since (Envoy 1.36's onIntervalTimer), never
   * below 0. While ejected, the one its ejection set.
   */
  multiplier(i: number, now: number, intervalMs: number): number {
    const b = this.backoff[i];
    if (b === 0 || this.ejectedUntil[i] > now || this.unejectedAt[i] < 0) return b;
    return Math.max(0, b - Math.floor((now - this.unejectedAt[i]) / intervalMs));
  }

  /**
   * Whether one more host may be ejected now (Envoy 1.36's DetectorImpl::ejectHost): the share
   * ejected, this host included, within max_ejection_percent, or none ejected yet when
   * always_eject_one_host is set.
   */
  mayEject(od: NonNullable<OutlierConfig>): boolean {
    const share = (100 * (this.ejectedCount + 1)) / this.ejectedUntil.length;
    return share <= od.maxPercent || (od.alwaysEjectOne && this.ejectedCount === 0);
  }

  /**
   * Records a try's outcome on host `i` (its HTTP status; 5xx counts) at `now` (ms). Ejects the
   * host when a threshold is reached and the cap allows (`mayEject`); the host returns at the
   * first detection interval after min(base ejection time x multiplier, max ejection time), the
   * max being 300 s or the base if longer. Returns true when this outcome ejected the host.
   * Mutates the detector.
   */
  recordOutcome(od: OutlierConfig, i: number, status: number, now: number): boolean {
    if (!od) return false;
    if (status < 500) {
      this.consecutive5xx[i] = 0;
      this.consecutiveGateway[i] = 0;
      return false;
    }
    this.consecutive5xx[i]++;
    if (status >= 502 && status <= 504) this.consecutiveGateway[i]++;
    else this.consecutiveGateway[i] = 0;
    // Envoy trips when a count reaches the threshold exactly: errors past it (answers still on
    // their way while the host is ejected) need a success and a new run to trip it again.
    const tripped =
      (od.consecutive5xx > 0 && this.consecutive5xx[i] === od.consecutive5xx) ||
      (od.consecutiveGateway > 0 && this.consecutiveGateway[i] === od.consecutiveGateway);
    if (!tripped || this.isEjected(i, now)) return false;
    // Envoy starts counting afresh after every ejection decision, even one the cap refuses.
    this.consecutive5xx[i] = 0;
    this.consecutiveGateway[i] = 0;
    this.unejectDue(now);
    if (!this.mayEject(od)) return false;
    const maxMs = Math.max(MAX_EJECTION_MS, od.baseEjection);
    let b = this.multiplier(i, now, od.interval);
    // Envoy raises the multiplier while base x multiplier < max + base.
    if (b * od.baseEjection < maxMs + od.baseEjection) b++;
    this.backoff[i] = b;
    this.ejections[i]++;
    const ejectFor = Math.min(od.baseEjection * b, maxMs);
    this.ejectedUntil[i] = Math.ceil((now + ejectFor) / od.interval) * od.interval;
    this.ejectedCount++;
    return true;
  }
}
