/** Counts the hosts that are down, so the hot path can skip reading each host's flag (issue 14.4). */
export interface DownCount {
  /** Hosts whose `up` is false now (0 on most runs: no pod is ever killed). */
  hostsDown: number;
}

/**
 * A host: one pod (a service replica with its sidecar, if any) or a client. Placement decides
 * latency between hosts; `up` is false while the pod is killed. Setting `up` keeps `down`'s count.
 */
export class Host {
  private isUp = true;
  /** How far this host's clock is off (ms): it judges certificate expiry by now + skew. */
  skew = 0;
  constructor(
    readonly id: number,
    readonly name: string,
    readonly zone: string,
    readonly region: string,
    /** On the internet, outside every cluster. */
    readonly external: boolean,
    /** The network's count of hosts down, kept as `up` changes. */
    private readonly down: DownCount,
  ) {}

  /** False while the pod is killed. */
  get up(): boolean {
    return this.isUp;
  }

  set up(v: boolean) {
    if (v === this.isUp) return;
    this.isUp = v;
    this.down.hostsDown += v ? -1 : 1;
  }
}

/** Latency classes by placement, nearest first. */
export const Placement = {
  samePod: 0,
  sameZone: 1,
  crossZone: 2,
  crossRegion: 3,
  internet: 4,
} as const;
export type Placement = (typeof Placement)[keyof typeof Placement];
export const PLACEMENT_NAMES = ['samePod', 'sameZone', 'crossZone', 'crossRegion', 'internet'] as const;

/** The placement class between two hosts. */
export function placementOf(a: Host, b: Host): Placement {
  if (a === b) return Placement.samePod;
  if (a.external || b.external) return Placement.internet;
  if (a.region !== b.region) return Placement.crossRegion;
  return a.zone === b.zone ? Placement.sameZone : Placement.crossZone;
}
