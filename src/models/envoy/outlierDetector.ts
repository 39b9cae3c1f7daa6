// Envoy's passive outlier detection, per upstream cluster in each caller proxy: consecutive 5xx
// and consecutive gateway errors per host, ejection for base ejection time x a multiplier that
// grows with each ejection and decays while the host stays healthy, and the cap on hosts ejected
// at once.
// Follows envoyproxy/envoy source/common/upstream/outlier_detection_impl.cc (DetectorImpl,
// DetectorHostMonitorImpl) and the "Outlier detection" architecture page.
import type { CompiledPolicy } from '../proxy/policy';
import { G, H, hostAt, ownSlots, type Slots } from './clusterSlots';

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
  /** By host: times ejected so far (Envoy's num_ejections). */
  readonly ejections: Int32Array;
  /** By host: the ejection time multiplier when it last came back (Envoy's ejectTimeBackoff). */
  readonly backoff: Int32Array;
  /** By host: the interval tick (ms) it last came back into service; -1: never ejected. */
  readonly unejectedAt: Float64Array;
  /** The cluster's slots: each host's ejection time and consecutive errors, the ejected count (clusterSlots.ts). */
  private readonly s: Float64Array;
  private readonly p: number;
  private readonly hosts: number;

  /** `at`: the cluster's slots (its own, zeroed, when made alone). */
  constructor(hosts: number, at: Slots = ownSlots(hosts)) {
    this.hosts = hosts;
    this.s = at.s;
    this.p = at.p;
    this.ejections = new Int32Array(hosts);
    this.backoff = new Int32Array(hosts);
    this.unejectedAt = new Float64Array(hosts).fill(-1);
  }

  /** Hosts ejected now. */
  get ejectedCount(): number {
    return this.s[this.p + G.ejectedCount];
  }

  /** By host: when its ejection ends, ms (0: not ejected), on a detection interval. */
  ejectedUntil(i: number): number {
    return this.s[hostAt(this.p, i) + H.ejectedUntil];
  }

  /** Sets host i's ejection end (ms; 0: not ejected) and keeps the ejected count. For set-ups (tests); recordOutcome ejects. */
  setEjectedUntil(i: number, until: number): void {
    const k = hostAt(this.p, i) + H.ejectedUntil;
    this.s[this.p + G.ejectedCount] += (until > 0 ? 1 : 0) - (this.s[k] > 0 ? 1 : 0);
    this.s[k] = until;
  }

  /** Brings back hosts whose ejection is over at `now` (ms). Mutates the detector. */
  unejectDue(now: number): void {
    const s = this.s;
    if (s[this.p + G.ejectedCount] === 0) return;
    for (let i = 0; i < this.hosts; i++) {
      const k = hostAt(this.p, i) + H.ejectedUntil;
      if (s[k] > 0 && s[k] <= now) {
        this.unejectedAt[i] = s[k];
        s[k] = 0;
        s[this.p + G.ejectedCount]--;
      }
    }
  }

  /** True while host `i` is ejected at `now` (ms). */
  isEjected(i: number, now: number): boolean {
    return this.s[hostAt(this.p, i) + H.ejectedUntil] > now;
  }

  /**
   * Host `i`'s ejection time multiplier at `now` (ms): what it had when it came back, less one
   * for each full detection interval (`intervalMs`) since (Envoy 1.36's onIntervalTimer), never
   * below 0. While ejected, the one its ejection set.
   */
  multiplier(i: number, now: number, intervalMs: number): number {
    const b = this.backoff[i];
    if (b === 0 || this.isEjected(i, now) || this.unejectedAt[i] < 0) return b;
    return Math.max(0, b - Math.floor((now - this.unejectedAt[i]) / intervalMs));
  }

  /**
   * Whether one more host may be ejected now (Envoy 1.36's DetectorImpl::ejectHost): the share
   * ejected, this host included, within max_ejection_percent, or none ejected yet when
   * always_eject_one_host is set.
   */
  mayEject(od: NonNullable<OutlierConfig>): boolean {
    const share = (100 * (this.ejectedCount + 1)) / this.hosts;
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
    const s = this.s;
    const h = hostAt(this.p, i);
    if (status < 500) {
      s[h + H.consecutive5xx] = 0;
      s[h + H.consecutiveGateway] = 0;
      return false;
    }
    s[h + H.consecutive5xx]++;
    if (status >= 502 && status <= 504) s[h + H.consecutiveGateway]++;
    else s[h + H.consecutiveGateway] = 0;
    // Envoy trips when a count reaches the threshold exactly: errors past it (answers still on
    // their way while the host is ejected) need a success and a new run to trip it again.
    const tripped =
      (od.consecutive5xx > 0 && s[h + H.consecutive5xx] === od.consecutive5xx) ||
      (od.consecutiveGateway > 0 && s[h + H.consecutiveGateway] === od.consecutiveGateway);
    if (!tripped || this.isEjected(i, now)) return false;
    // Envoy starts counting afresh after every ejection decision, even one the cap refuses.
    s[h + H.consecutive5xx] = 0;
    s[h + H.consecutiveGateway] = 0;
    this.unejectDue(now);
    if (!this.mayEject(od)) return false;
    const maxMs = Math.max(MAX_EJECTION_MS, od.baseEjection);
    let b = this.multiplier(i, now, od.interval);
    // Envoy raises the multiplier while base x multiplier < max + base.
    if (b * od.baseEjection < maxMs + od.baseEjection) b++;
    this.backoff[i] = b;
    this.ejections[i]++;
    const ejectFor = Math.min(od.baseEjection * b, maxMs);
    s[h + H.ejectedUntil] = Math.ceil((now + ejectFor) / od.interval) * od.interval;
    s[this.p + G.ejectedCount]++;
    return true;
  }
}
