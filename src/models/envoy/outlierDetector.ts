// Envoy's passive outlier detection, per upstream cluster in each caller proxy: consecutive 5xx
// and consecutive gateway errors per host, ejection for base ejection time x times ejected, and
// the cap on hosts ejected at once.
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
 * Where the next rules go: the ejection multiplier's decay after healthy intervals (Envoy's
 * `DetectorImpl::onIntervalTimer` lowers `num_ejections` of a host not ejected in an interval)
 * belongs in `unejectDue`, which already runs at every pick; the cap's newer rule (Envoy 1.27+)
 * in `ejectionCap`.
 */
export class OutlierDetector {
  readonly consecutive5xx: Int32Array;
  readonly consecutiveGateway: Int32Array;
  /** By host: when its ejection ends (0: not ejected), on a detection interval. */
  readonly ejectedUntil: Float64Array;
  /** By host: times ejected so far (the multiplier of the base ejection time). */
  readonly ejections: Int32Array;
  ejectedCount = 0;

  constructor(hosts: number) {
    this.consecutive5xx = new Int32Array(hosts);
    this.consecutiveGateway = new Int32Array(hosts);
    this.ejectedUntil = new Float64Array(hosts);
    this.ejections = new Int32Array(hosts);
  }

  /** Brings back hosts whose ejection is over at `now` (ms). Mutates the detector. */
  unejectDue(now: number): void {
    if (this.ejectedCount === 0) return;
    const until = this.ejectedUntil;
    for (let i = 0; i < until.length; i++) {
      if (until[i] > 0 && until[i] <= now) {
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
   * Hosts that may be ejected at once: max percent of the hosts, but at least one. The domain
   * reference's rule and Envoy's before 1.27.
   */
  ejectionCap(od: NonNullable<OutlierConfig>): number {
    return Math.max(1, Math.floor((this.ejectedUntil.length * od.maxPercent) / 100));
  }

  /**
   * Records a try's outcome on host `i` (its HTTP status; 5xx counts) at `now` (ms). Ejects the
   * host when a threshold is reached and the cap allows; the host returns at the first detection
   * interval after base ejection time x ejections (at most 300 s, or the base if longer).
   * (Envoy's multiplier also falls back after healthy intervals; here it only grows.) Returns
   * true when this outcome ejected the host. Mutates the detector.
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
    if (this.ejectedCount >= this.ejectionCap(od)) return false;
    this.ejections[i]++;
    const ejectFor = Math.min(od.baseEjection * this.ejections[i], Math.max(MAX_EJECTION_MS, od.baseEjection));
    this.ejectedUntil[i] = Math.ceil((now + ejectFor) / od.interval) * od.interval;
    this.ejectedCount++;
    return true;
  }
}
