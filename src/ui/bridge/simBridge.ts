// The one door to the simulation worker. The UI imports only the worker's API type; this
// module owns the Worker object and its termination.
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { SimWorkerApi } from '../../workers/sim.worker';

export interface SimBridge {
  readonly api: Remote<SimWorkerApi>;
  /** Called once if the worker dies (a script error or an uncaught exception). */
  onCrash(listener: (message: string) => void): void;
  /** Releases the proxy and stops the worker. Idempotent; calls made after it never settle. */
  terminate(): void;
}

/** Starts a fresh simulation worker. */
export function createSimBridge(): SimBridge {
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-sim' });
  const api = wrap<SimWorkerApi>(worker);
  let terminated = false;
  const listeners: ((message: string) => void)[] = [];
  worker.addEventListener('error', (e) => {
    const message = e.message || 'the simulation worker stopped unexpectedly';
    for (const l of listeners) l(message);
  });
  return {
    api,
    onCrash(listener) {
      listeners.push(listener);
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
