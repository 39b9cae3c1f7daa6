import { DrawCode, drawInto, lognormalDraw, type Clock, type Sampler } from '../../sim-engine';
import type { Identity } from '../tls/Identity';
import { PassDraws, PassRec, passEncoded } from './passDraws';
import { ProxyRecords, Rec, type ProxyRecord } from './proxyRecords';

export { ProxyRecords, Rec, recordDraw, type ProxyRecord } from './proxyRecords';

/**
 * The mesh a proxy belongs to, as the data plane sees it: only whether there is one, and its
 * name (the control plane itself is mesh/ControlPlane.ts, which imports this file, not back).
 */
export interface ProxyMesh {
  readonly name: string;
}

/** What a proxy knows from its control plane. */
export const ConfigState = {
  /** Never reached its control plane: no routes, no endpoints, no certificate. */
  none: 0,
  /** Connected and up to date. */
  fresh: 1,
  /** Lost its control plane: keeps its last config, learns nothing new. */
  stale: 2,
} as const;
export type ConfigState = (typeof ConfigState)[keyof typeof ConfigState];

/** The four passes a hop makes through proxies: out and back through each end's sidecar. */
export const Pass = {
  /** Caller's sidecar, request direction (id = call id). */
  outRequest: 0,
  /** Callee's sidecar, request direction (id = attempt id). */
  inRequest: 1,
  /** Callee's sidecar, response direction (id = attempt id). */
  inResponse: 2,
  /** Caller's sidecar, response direction (id = attempt id). */
  outResponse: 3,
} as const;
export type Pass = (typeof Pass)[keyof typeof Pass];

/** The last pass or handshake half any proxy took: when it got its worker and when its CPU ended ([start, end], ms),
 *  read straight after it. NOTE: bent for speed (issue 14): one for all proxies (in each record, a record of two
 *  workers was 4 cache lines, not 3); an array, not `let`s (boxed). */
const lastClaim = new Float64Array(2);

/** Where a proxy's own draws land (`drawInto`), read straight after. NOTE: issue 14.4: not `drawAt` (V8 inlines
 *  differently: 1,816 bytes allocated a chain request against 1,137, session 25). */
const drawn = new Float64Array(1);

/** The last pass any proxy took (`Sidecar.pass`): its delay from arrival until the message leaves, ms, read straight
 *  after. NOTE: issue 14.4: not returned: a double returned from a call V8 does not inline is a fresh heap number. */
const lastPass = new Float64Array(1);

/**
 * An Envoy-like sidecar beside one replica: `concurrency` worker threads that each pass costs
 * CPU on, taken first come first served, so a busy proxy adds queueing delay and can saturate.
 *
 * A pass's CPU time is known when it arrives, so the proxy is a FIFO multi-server queue solved
 * by Lindley's recursion instead of simulated job by job: an arriving pass takes the worker
 * that frees first, starts at max(arrival, that worker's free time) and ends CPU time later.
 * Arrivals are claimed in event order, which is arrival order, so start and end times are
 * exactly those of a FIFO queue in front of `concurrency` workers, with no event at the start
 * or the end of a pass. Its pass's draw kinds come from its base, PassDraws (passDraws.ts says why).
 */
export class Sidecar extends PassDraws {
  passes = 0;
  /** TLS handshakes it took part in (each costs CPU on a worker, like a pass). */
  handshakes = 0;
  /**
   * Its record (see ProxyRecords, Rec): the draws of `cpu` and `latency` when they are encoded
   * there, the pod's loopback, CPU taken, the last start and by worker the simulated time it
   * finishes the last pass it took. `o` is where the record starts in `f`. sidecarBacklog.ts reads them.
   */
  readonly f: Float64Array;
  readonly o: number;
  /** Worker threads: `concurrency`, at least one. */
  readonly workers: number;
  /** The pod's app <-> sidecar loopback when it is not encoded in the record (null: zero). */
  private loopback: Sampler | null = null;
  /** `passKinds` of its record's first 2 draws and first 3, written as the world is built (recordDraw, then the loopback
   *  before `setLoopback`), never after: read once (`readKinds`; NOTE: issue 14.4: not 3 loads and 3 tests a pass). */
  private kinds2 = 2;
  private kinds3 = 2;

  constructor(
    readonly index: number,
    readonly name: string,
    /** The host (pod) it shares with its replica. */
    readonly host: number,
    /** L7 or L4; a `sidecar-mode` config change sets it when it reaches this proxy. */
    public l7: boolean,
    readonly concurrency: number,
    /** CPU time of one pass: holds one of the proxy's workers. */
    readonly cpu: Sampler,
    /** Handling latency of one pass that holds no worker (buffering, the event loop). */
    readonly latency: Sampler,
    /** The mesh whose control plane configures it; null outside every mesh. */
    readonly mesh: ProxyMesh | null,
    /**
     * NOTE: an inline proxy (an API gateway's own) costs nothing and takes no events: its work is
     * the gateway's CPU. It never loses its config.
     */
    readonly inline = false,
    /**
     * Where its state lives (ProxyRecords.alloc(concurrency)); its cpu, latency and loopback
     * draws are taken from it when encoded there (recordDraw), else through `cpu` and
     * `latency`. Null: a record of its own, drawing through the samplers.
     */
    record: ProxyRecord | null = null,
  ) {
    super();
    const rec = record ?? new ProxyRecords().alloc(concurrency);
    this.workers = Math.max(1, concurrency);
    this.f = rec.f;
    this.o = rec.o;
    if (record === null) {
      this.f[this.o + Rec.cpu] = DrawCode.custom;
      this.f[this.o + Rec.latency] = DrawCode.custom;
    }
    this.f[this.o + Rec.loopback] = DrawCode.custom;
    this.readKinds();
  }

  /** Reads its record's draw kinds into `kinds2` and `kinds3` (after any of them is written). */
  private readKinds(): void {
    this.kinds2 = this.passKinds(this.f, this.o, 2);
    this.kinds3 = this.passKinds(this.f, this.o, 3);
  }

  /** The pod's loopback (app <-> sidecar): `s` when Network.latencySampler did not encode it in the record (null: zero). */
  setLoopback(s: Sampler | null): void {
    this.loopback = s;
    this.readKinds();
  }

  /** One app <-> sidecar crossing of its pod, in ms. */
  loopbackDelay(): number {
    this.drawLoopback();
    return drawn[0];
  }

  /** The handling latency of one pass that holds no worker, in ms. */
  passLatency(): number {
    this.drawPassLatency();
    return drawn[0];
  }

  /** A message arrives at the clock's `now` for one pass: it takes a worker (`claim`), then the handling latency that
   *  holds no worker and, with `loopback`, its pod's loopback (app <-> sidecar), drawn in that order. The delay until the
   *  message leaves, ms, is read straight after as `lastPassDelay`; the CPU's span as `lastStart` and `lastEnd`.
   *  NOTE: issue 14.4: the draws inlined here when encoded in the record (passDraws.ts), each kept in a register, the
   *  worker taken at the first (take draws nothing: the same draws in the same order, the same sum). */
  pass(clock: Clock, loopback: boolean): void {
    const now = clock.now;
    const f = this.f;
    const o = this.o;
    const n = loopback === true ? 3 : 2; // NOTE: one comparison; a bare test of a parameter is V8's full ToBoolean
    const kinds = n === 3 ? this.kinds3 : this.kinds2;
    let e = 0;
    if (kinds !== 2) {
      this.passes++;
      for (let j = 0; j < n; j++) {
        const d = kinds === 0 ? lognormalDraw(f, o + j * PassRec.SLOT) : passEncoded(f, o, j);
        e = j === 0 ? this.take(now, d) - now : e + d; // take's end as returned
      }
    } else {
      this.claim(clock);
      e = lastClaim[1] - now + this.passLatency();
      if (n === 3) e += this.loopbackDelay();
    }
    lastPass[0] = e;
  }

  /** The delay from arrival until the message left of the last `pass` any proxy took, ms: read it straight after. */
  get lastPassDelay(): number {
    return lastPass[0];
  }

  /** Draws one loopback crossing, ms, into `drawn[0]`. */
  private drawLoopback(): void {
    const f = this.f;
    const p = this.o + Rec.loopback;
    if (f[p] !== DrawCode.custom) return drawInto(f, p, drawn, 0);
    const s = this.loopback;
    drawn[0] = s === null ? 0 : s();
  }

  /** Draws one pass's handling latency, ms, into `drawn[0]`. */
  private drawPassLatency(): void {
    const p = this.o + Rec.latency;
    if (this.f[p] === DrawCode.custom) drawn[0] = this.latency();
    else drawInto(this.f, p, drawn, 0);
  }

  /** When the pass or handshake half this proxy took last got its worker, ms (traces: queue wait vs CPU): read it straight after (`lastClaim`). */
  get lastStart(): number {
    return lastClaim[0];
  }

  /** When the CPU of the pass or handshake half this proxy took last ended, ms: read as `lastStart`. */
  get lastEnd(): number {
    return lastClaim[1];
  }

  /** Certificate it presents as a client (outbound) and as a server (inbound). */
  clientIdentity: Identity | null = null;
  serverIdentity: Identity | null = null;
  config: ConfigState = ConfigState.none;
  /**
   * Per service (by index in the world): which replicas this proxy believes exist. Only the services it routes to have one
   * (see `viewOf`), so memory grows with its routes, not with proxies × services (3,000 proxies × 1,000 services took 300
   * MB of empty views). A Map, not an array indexed by service: a sparse array holds a slot for every index below its
   * largest, which is proxies × services again (4 MB at 1,000 services, issue 14).
   */
  readonly views = new Map<number, Uint8Array>();

  /**
   * The replicas of service `index` (of `replicas` in all) this proxy believes exist, made on
   * first use. An inline proxy shares the world's live view. Routes are wired before the run
   * starts, so a view made here starts empty, as the proxy's config does, and pushes fill it.
   */
  viewOf(index: number, replicas: number, live: readonly Uint8Array[]): Uint8Array {
    if (this.inline) return live[index];
    let view = this.views.get(index);
    if (view === undefined) {
      view = new Uint8Array(replicas);
      this.views.set(index, view);
    }
    return view;
  }
  /** Config pushes it has taken (its first config is version 1); the inspector shows it. */
  configVersion = 0;

  /** A pass arrives at the clock's `now`: takes the worker that frees first, its CPU to `lastEnd`. */
  claim(clock: Clock): void {
    // NOTE: issue 14.4: a clock in, nothing out: a double passed to or returned from a call V8 does not inline is a fresh heap number.
    this.passes++;
    const f = this.f;
    const p = this.o + Rec.cpu;
    if (f[p] === DrawCode.custom) {
      this.take(clock.now, this.cpu());
      return;
    }
    drawInto(f, p, drawn, 0);
    this.take(clock.now, drawn[0]);
  }

  /** Its half of a TLS handshake arrives at `now` (`cpu` ms of work); returns when it is done. */
  handshake(now: number, cpu: number): number {
    this.handshakes++;
    return this.take(now, cpu);
  }

  private take(now: number, cpu: number): number {
    const f = this.f;
    const o = this.o;
    const first = o + PassRec.freeAt;
    let k = first;
    // NOTE: two workers (Istio's default) without the loop, the same pick (first of the earliest free); issue 14.4:
    // the comparison as a number (0 or 1), not a branch: which worker frees first is data (a mispredict in ten passes).
    if (this.workers === 2) k = first + Number(f[first + 1] < f[first]);
    else {
      const end = first + this.workers;
      for (let j = first + 1; j < end; j++) if (f[j] < f[k]) k = j;
    }
    const start = f[k] > now ? f[k] : now;
    const done = start + cpu;
    const lc = lastClaim; // NOTE: one load of the module's array for both stores (issue 14.4)
    lc[0] = start;
    lc[1] = done;
    f[k] = done;
    f[o + PassRec.cpuTaken] += cpu;
    return done;
  }

  /** Workers busy at `now`. */
  busyAt(now: number): number {
    let busy = 0;
    const first = this.o + Rec.freeAt;
    for (let j = first; j < first + this.workers; j++) if (this.f[j] > now) busy++;
    return busy;
  }

  /**
   * CPU time used up to `now`, in ms. Every claim happened at or before `now`, so each worker's
   * work after `now` is one unbroken stretch up to its free time: subtract those stretches.
   */
  cpuMs(now: number): number {
    let ahead = 0;
    const first = this.o + Rec.freeAt;
    for (let j = first; j < first + this.workers; j++) if (this.f[j] > now) ahead += this.f[j] - now;
    return this.f[this.o + Rec.cpuTaken] - ahead;
  }

  /** Share of worker time busy up to `now`: its CPU utilisation in cores / concurrency. */
  utilization(now: number): number {
    return now <= 0 ? 0 : this.cpuMs(now) / (this.workers * now);
  }
}
