// The one door to the simulation workers. The UI imports only the worker's API type; this
// module owns the Worker objects and their termination. A scenario is opened in a worker of its
// own (`spawn`) while the running one goes on; only once it has loaded does it become the
// active worker (`adopt`), so cancelling or refusing a file never touches the run.
//
// A worker is costly to start: the browser parses the engine's script again and V8 compiles
// and optimizes its hot code again, in each new worker. So the bridge keeps one spare: the
// worker a new scenario replaced, made fresh (its world dropped, its compiled code kept), or
// one started ahead (`prewarm`), and `spawn` hands that out before starting another. A worker
// that may be hung is never kept: only one that answered `fresh` within SPARE_ANSWER_MS.
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { SimWorkerApi } from '../../workers/sim.worker';
import type { EarlyWorker } from './startEarly';

/** A call to a worker that was terminated, or died, before it answered. */
export class WorkerStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerStopped';
  }
}

/** One simulation worker. */
export interface SimWorker {
  /** Its API. Once the worker is terminated or has died, every call (pending or new) rejects with WorkerStopped. */
  readonly api: Remote<SimWorkerApi>;
  /** Stops the worker. Idempotent. */
  terminate(): void;
}

export interface SimBridge {
  /** The active worker's API: always the worker adopted last (calls reject with WorkerStopped when there is none). */
  readonly api: Remote<SimWorkerApi>;
  /** A worker that is not active yet, for a scenario to load in while the run goes on: the spare if one is kept, else a new one. */
  spawn(): SimWorker;
  /** Makes `worker` the active one; the one before it is kept as the spare (made fresh) or terminated. */
  adopt(worker: SimWorker): void;
  /** Gives back a worker that answered and is not wanted (a refused scenario's): kept as the spare, or terminated. */
  release(worker: SimWorker): void;
  /**
   * Starts a spare ahead of the next `spawn` when none is kept, warmed by loading `warmText` (a
   * small scenario) and running it WARM_SIM_MS or WARM_WALL_MS, whichever comes first, then made
   * fresh. The spare can be handed out while it warms: its warm-up comes first, bounded as said.
   */
  prewarm(warmText?: string): void;
  /** Stops the active worker (one that does not answer); the API rejects until another is adopted. */
  stopActive(): void;
  /** Called if the active worker dies (a script error or an uncaught exception). */
  onCrash(listener: (message: string) => void): void;
  /** Stops every worker, the spare too. Idempotent; calls made after it reject with WorkerStopped. */
  terminate(): void;
}

/**
 * Wall ms a worker kept as the spare has to answer `fresh`: a worker still busy after this (a long
 * seek, a loop) is terminated instead, as a new one costs less than waiting on it.
 */
export const SPARE_ANSWER_MS = 2000;
/** A prewarmed spare's warm-up: simulated ms run at most, in at most this much wall time. */
export const WARM_SIM_MS = 5000;
export const WARM_WALL_MS = 150;

type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * A stand-in for a comlink Remote whose every method call goes to the method of the same name
 * on `target()`, or rejects with what `target()` gives instead of a Remote. `then` is left
 * undefined so the object is never taken for a promise.
 */
function forward(target: () => Remote<SimWorkerApi> | WorkerStopped): Remote<SimWorkerApi> {
  return new Proxy({} as Remote<SimWorkerApi>, {
    get: (_, key) =>
      typeof key !== 'string' || key === 'then'
        ? undefined
        : (...args: unknown[]) => {
            const t = target();
            return t instanceof WorkerStopped ? Promise.reject(t) : (t as unknown as Methods)[key](...args);
          },
  });
}

/**
 * Starts one worker, or takes `early` (started before the app's modules ran: startEarly.ts);
 * `onError` hears it die, a death `early` met before counted too. `alive()` says whether it is still running.
 */
function startWorker(onError: (message: string) => void, early: EarlyWorker | null): SimWorker & { alive(): boolean } {
  const worker = early?.worker ?? new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-sim' });
  const failed = early?.failed ?? null;
  const remote = wrap<SimWorkerApi>(worker) as unknown as Methods;
  let stop!: (e: WorkerStopped) => void;
  // NOTE: comlink leaves a call to a terminated worker pending for ever; racing each call with
  // this promise settles it instead, so no command of the app waits on a dead worker.
  const gone = new Promise<never>((_, reject) => (stop = reject));
  gone.catch(() => {});
  let stopped: WorkerStopped | null = null;
  const end = (message: string) => {
    if (stopped) return;
    stopped = new WorkerStopped(message);
    stop(stopped);
    (remote as unknown as Remote<SimWorkerApi>)[releaseProxy]();
    worker.terminate();
  };
  const guarded = new Proxy({} as Methods, {
    get: (_, key) => (typeof key !== 'string' ? undefined : (...args: unknown[]) => Promise.race([remote[key](...args), gone])),
  }) as unknown as Remote<SimWorkerApi>;
  const fail = (message: string) => {
    end(message);
    onError(message);
  };
  worker.addEventListener('error', (e) => fail(e.message || 'the simulation worker stopped unexpectedly'));
  // The early worker died before this listened: heard once the caller holds it, as a later death would be.
  if (failed !== null) queueMicrotask(() => fail(failed));
  return { api: forward(() => stopped ?? guarded), terminate: () => end('the simulation worker was stopped'), alive: () => stopped === null };
}

/** One worker as the bridge keeps it: handed out as a lease at a time (`SimWorker`), the lease revoked when the worker is kept as the spare. */
interface Kept {
  readonly w: ReturnType<typeof startWorker>;
  /** The lease out now (null while it is the spare); a stopped worker's last lease stays, its calls rejecting with why it stopped. */
  lease: SimWorker | null;
}

/**
 * The bridge to the simulation workers; no worker runs until the first `spawn` or `prewarm`,
 * which takes `early` (a worker main.tsx started before the app's modules ran: startEarly.ts) if given.
 */
export function createSimBridge(early: EarlyWorker | null = null): SimBridge {
  let first = early;
  let active: Kept | null = null;
  /** The spare and whether it may be handed out: a prewarmed one at once, a recycled one once it answered `fresh`. */
  let spare: { kept: Kept; ready: boolean } | null = null;
  const alive = new Set<Kept>();
  const byLease = new WeakMap<SimWorker, Kept>();
  const listeners: ((message: string) => void)[] = [];
  let terminated = false;

  function stop(k: Kept): void {
    alive.delete(k);
    if (spare?.kept === k) spare = null;
    k.w.terminate();
  }

  /** A new lease on `k`: its API and terminate act only while it is k's lease, so an old holder never touches a worker handed out again. */
  function lease(k: Kept): SimWorker {
    const l: SimWorker = {
      api: forward(() => (k.lease === l ? k.w.api : new WorkerStopped('the simulation worker was stopped'))),
      terminate() {
        if (k.lease === l) stop(k);
      },
    };
    k.lease = l;
    byLease.set(l, k);
    return l;
  }

  function start(): Kept {
    const given = first;
    first = null;
    const k: Kept = {
      w: startWorker((message) => {
        const wasActive = k === active;
        stop(k);
        if (wasActive) for (const l of listeners) l(message);
      }, given),
      lease: null,
    };
    alive.add(k);
    return k;
  }

  /**
   * Keeps `k` (which answered its last call, or is being replaced) as the spare when there is
   * none: made fresh, and ready once it answers in SPARE_ANSWER_MS; else terminates it.
   */
  function keep(k: Kept): void {
    if (terminated || spare || !k.w.alive()) return stop(k);
    k.lease = null;
    const s = { kept: k, ready: false };
    spare = s;
    let answered = false;
    const late = setTimeout(() => answered || (spare === s && stop(k)), SPARE_ANSWER_MS);
    k.w.api.fresh().then(
      () => {
        answered = true;
        clearTimeout(late);
        if (spare === s) s.ready = true;
      },
      () => spare === s && stop(k),
    );
  }

  return {
    api: forward(() => active?.w.api ?? new WorkerStopped('no simulation worker is running')),
    spawn() {
      if (spare?.ready && spare.kept.w.alive()) {
        const k = spare.kept;
        spare = null;
        return lease(k);
      }
      const l = lease(start());
      if (terminated) l.terminate();
      return l;
    },
    adopt(worker) {
      const k = byLease.get(worker);
      const before = active;
      active = k && k.lease === worker ? k : null;
      if (before && before !== active) keep(before);
    },
    release(worker) {
      const k = byLease.get(worker);
      if (k && k.lease === worker && k !== active) keep(k);
    },
    prewarm(warmText) {
      if (terminated || spare) return;
      const k = start();
      const s = { kept: k, ready: true };
      spare = s;
      const api = k.w.api;
      // All posted now, so they run before any call of whoever the spare is handed out to (a
      // worker answers its messages in order); an advance with nothing loaded only rejects.
      const calls = warmText ? [api.load(warmText), api.advance(WARM_SIM_MS, WARM_WALL_MS), api.fresh()] : [api.fresh()];
      for (const c of calls) c.catch(() => {});
    },
    stopActive() {
      if (active) stop(active);
      active = null;
    },
    onCrash(listener) {
      listeners.push(listener);
    },
    terminate() {
      terminated = true;
      first?.worker.terminate();
      first = null;
      for (const k of [...alive]) stop(k);
      active = null;
    },
  };
}
