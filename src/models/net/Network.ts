import { streamFor, type Distribution, type Rng, type Sampler } from '../../sim-engine';
import type { Scenario } from '../../scenario';
import { DrawRecords, drawAtOf, recordSampler } from '../drawRecords';
import { Host, PLACEMENT_NAMES, Placement, placementOf } from './Host';

/** Linux's minimum retransmission timeout; it doubles on every further loss of the same segment. */
export const MIN_RTO_MS = 200;
/** Linux gives up on an established connection after tcp_retries2 = 15 retransmissions (~924.6 s). */
export const TCP_GIVE_UP_MS = 924_600;

/** A partition between two groups of hosts (ids): no message crosses from one to the other. */
export interface Partition {
  readonly a: Set<number>;
  readonly b: Set<number>;
  /** When it started, ms of simulated time. */
  readonly from: number;
  /** When it healed, ms (Infinity while it lasts). */
  until: number;
}

/**
 * The network between hosts: one-way latency by placement (or a flat latency), random loss
 * costing retransmission timeouts, and partitions that drop everything between two groups.
 * Each link (caller service -> callee service) draws from its own stream.
 */
export class Network {
  readonly hosts: Host[] = [];
  /** How many hosts are down now (kept by Host's `up` setter): at 0, `hostUp` reads no host. */
  hostsDown = 0;
  private readonly flat: Distribution | null;
  private readonly classes: (Distribution | null)[];
  private readonly samplers = new Map<string, Sampler>();
  /** Where the links' latency draws live (drawRecords.ts). */
  private readonly draws = new DrawRecords();
  private readonly lossRng: Rng;
  /** Base loss probability per message. */
  loss: number;
  /** Active partitions: each a pair of host-id sets that cannot reach each other. */
  private readonly partitions: Partition[] = [];
  /**
   * Healed partitions, kept so a message can be judged at the moment it left (`partitionedAt`).
   * A handful a run (faults and live injections), so they are kept for the whole run.
   */
  private readonly healed: Partition[] = [];
  /** When a partition last started or healed, ms (-Infinity: never). Read-only outside Network. */
  partitionsChangedAt = -Infinity;

  constructor(private readonly scenario: Scenario, private readonly seed: number) {
    const n = scenario.network;
    this.flat = n.latency ?? null;
    const p = n.placement;
    this.classes = [n.samePod, p?.sameZone ?? null, p?.crossZone ?? null, p?.crossRegion ?? null, p?.internet ?? null];
    this.loss = n.loss;
    this.lossRng = streamFor(seed, 'network/loss');
  }

  /** Adds a host; a `zone` written `region/zone` puts it in that region (a service's zones may span regions). */
  addHost(name: string, zone: string, region: string, external: boolean): Host {
    const slash = zone.indexOf('/');
    const h = slash < 0 ? new Host(this.hosts.length, name, zone, region, external, this) : new Host(this.hosts.length, name, zone.slice(slash + 1), zone.slice(0, slash), external, this);
    this.hosts.push(h);
    return h;
  }

  /**
   * A sampler of one-way latency between two hosts for the link `linkName`, or null when that
   * latency is always zero (so delivery can skip the event queue).
   * `override` is a per-call latency from the scenario. `at`: where to encode the distribution
   * and keep its stream's state (`encodeDraw`, `streamAt`) when this call makes the sampler;
   * left untouched when the link's sampler already exists or the latency is zero.
   */
  latencySampler(linkName: string, from: Host, to: Host, override: Distribution | undefined, at: { f: Float64Array; p: number } | null = null): Sampler | null {
    const cls = placementOf(from, to);
    const d = cls === Placement.samePod ? this.classes[0] : override ?? this.flat ?? this.classes[cls];
    if (!d || (d.type === 'constant' && d.value === 0)) return null;
    const key = `${linkName}/${PLACEMENT_NAMES[cls]}`;
    let s = this.samplers.get(key);
    if (!s) {
      // NOTE: `at` (a proxy's record, issue 14) holds the link's distribution and its stream's
      // state, for the owner to draw from directly; the sampler draws from the same state.
      // Any other link's goes in a draw record of the network's own (drawRecords.ts), which its
      // routes draw from directly (latencyPlace, kept in each route's pool: ConnPool HostLine.latency).
      s = recordSampler(this.draws, d, this.seed, `link/${key}`, at);
      this.samplers.set(key, s);
    }
    return s;
  }

  /**
   * Where the draw record of `s` (a sampler latencySampler made) lies among the links' records,
   * as one number for `latencyDrawAt`; -1 when it has none of theirs (null: no latency, or a
   * pod's loopback, whose record is its proxy's): then draw through the sampler.
   */
  latencyPlace(s: Sampler | null): number {
    return this.draws.place(drawAtOf(s));
  }

  /** One draw of the link latency whose record is at `place` (from latencyPlace, not -1), ms: as its sampler would draw it. */
  latencyDrawAt(place: number): number {
    return this.draws.drawAtPlace(place);
  }

  /** `latencyDrawAt`'s draw written to `out[k]` rather than returned (the same draw; no heap number). Mutates `out[k]`. */
  latencyDrawInto(place: number, out: Float64Array, k: number): void {
    this.draws.drawAtPlaceInto(place, out, k);
  }

  /** True when host `id` is up; on a run with no host down it reads no host (issue 14.4: twice a hop). */
  hostUp(id: number): boolean {
    return this.hostsDown === 0 || this.hosts[id].up;
  }

  /** True when a partition separates the two hosts. */
  partitioned(a: number, b: number): boolean {
    // NOTE: issue 14.4: an indexed loop: `for...of`'s iterator cost some 26 instructions a call
    // on the empty list (5 calls a 3-hop request).
    const ps = this.partitions;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      if ((p.a.has(a) && p.b.has(b)) || (p.b.has(a) && p.a.has(b))) return true;
    }
    return false;
  }

  /**
   * True when a partition separated the two hosts at time `t` (ms, at most now): a message that
   * left then was lost, whatever happened since. One started at `t` separates them; one healed
   * at `t` no longer does. Costs what `partitioned` does unless a partition changed after `t`.
   */
  partitionedAt(a: number, b: number, t: number): boolean {
    if (t >= this.partitionsChangedAt) return this.partitions.length !== 0 && this.partitioned(a, b);
    return separatedAt(this.partitions, a, b, t) || separatedAt(this.healed, a, b, t);
  }

  /**
   * Starts a partition between two groups of hosts at `at` (ms, now); returns it, for `heal`.
   * Plain data, so a snapshot of the world copies it (a closure that heals it could not be copied).
   */
  partition(a: Iterable<number>, b: Iterable<number>, at = 0): Partition {
    const p = { a: new Set(a), b: new Set(b), from: at, until: Infinity };
    this.partitions.push(p);
    this.partitionsChangedAt = Math.max(this.partitionsChangedAt, at);
    return p;
  }

  /** Ends a partition `partition` returned, at `at` (ms, now); one already healed is left alone. */
  heal(p: Partition, at: number): void {
    const i = this.partitions.indexOf(p);
    if (i < 0) return;
    this.partitions.splice(i, 1);
    p.until = at;
    this.healed.push(p);
    this.partitionsChangedAt = Math.max(this.partitionsChangedAt, at);
  }

  /**
   * Extra delay from random loss: each lost copy of a segment waits one retransmission
   * timeout, starting at 200 ms and doubling. 0 when nothing is lost (the common case).
   */
  lossDelay(): number {
    if (this.loss <= 0) return 0;
    let rto = MIN_RTO_MS;
    let delay = 0;
    while (this.lossRng() < this.loss && delay < TCP_GIVE_UP_MS) {
      delay += rto;
      rto *= 2;
    }
    return delay;
  }
}

/** True when one of `ps` separated hosts a and b at time t. */
function separatedAt(ps: readonly Partition[], a: number, b: number, t: number): boolean {
  for (const p of ps) {
    if (p.from <= t && t < p.until && ((p.a.has(a) && p.b.has(b)) || (p.b.has(a) && p.a.has(b)))) return true;
  }
  return false;
}
