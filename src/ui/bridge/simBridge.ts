// The one door to the simulation workers. The UI imports only the worker's API type; this
// module owns the Worker objects and their termination. A scenario is opened in a fresh
// worker (`spawn`) while the running one goes on; only once it has loaded does it become the
// active worker (`adopt`), so cancelling or refusing a file never touches the run.
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { SimWorkerApi } from '../../workers/sim.worker';

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
  /** Starts a fresh worker that is not active yet: a scenario can load in it while the run goes on. */
  spawn(): SimWorker;
  /** Makes `worker` the active one and terminates the one before it. */
  adopt(worker: SimWorker): void;
  /** Stops the active worker (one that does not answer); the API rejects until another is adopted. */
  stopActive(): void;
  /** Called if the active worker dies (a script error or an uncaught exception). */
  onCrash(listener: (message: string) => void): void;
  /** Stops every worker. Idempotent; calls made after it reject with WorkerStopped. */
  terminate(): void;
}

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

/** Starts one worker; `onError` hears it die. */
function startWorker(onError: (message: string) => void): SimWorker {
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-sim' });
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
  worker.addEventListener('error', (e) => {
    const message = e.message || 'the simulation worker stopped unexpectedly';
    end(message);
    onError(message);
  });
  return { api: forward(() => stopped ?? guarded), terminate: () => end('the simulation worker was stopped') };
}

/** The bridge to the simulation workers; no worker runs until the first `spawn`. */
export function createSimBridge(): SimBridge {
  let active: SimWorker | null = null;
  const alive = new Set<SimWorker>();
  const listeners: ((message: string) => void)[] = [];
  let terminated = false;
  return {
    api: forward(() => active?.api ?? new WorkerStopped('no simulation worker is running')),
    spawn() {
      const w = startWorker((message) => {
        alive.delete(tracked);
        if (tracked === active) for (const l of listeners) l(message);
      });
      const tracked: SimWorker = {
        api: w.api,
        terminate() {
          alive.delete(tracked);
          w.terminate();
        },
      };
      if (terminated) tracked.terminate();
      else alive.add(tracked);
      return tracked;
    },
    adopt(worker) {
      const before = active;
      active = worker;
      if (before && before !== worker) before.terminate();
    },
    stopActive() {
      active?.terminate();
      active = null;
    },
    onCrash(listener) {
      listeners.push(listener);
    },
    terminate() {
      terminated = true;
      for (const w of [...alive]) w.terminate();
      active = null;
    },
  };
}
