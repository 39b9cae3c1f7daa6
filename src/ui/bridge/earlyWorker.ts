// The page's first simulation worker, asked for before the app's own code runs. A worker's start
// is the longest part of a page's way to 'ready' (its thread, then its 460 KB script compiled on
// every load: Chromium keeps no code cache for worker scripts); asked for as main.tsx's first
// import, it starts while React, the store and the first render are still being set up.
// The bridge (simBridge.ts) takes it for its first worker; every later one it makes itself.

/** The simulation worker's script, as a new Worker of its own. */
export function newSimWorker(): Worker {
  return new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-sim' });
}

/** A worker started early, and why it stopped if it did before anyone listened (null: running). */
interface Early {
  readonly worker: Worker;
  failed: string | null;
}

let early: Early | null = null;

/**
 * Starts the first simulation worker now, unless one was started already. Idempotent. Its
 * script's load or run error, if one comes before `takeSimWorker`, is kept for the taker.
 */
export function startSimWorkerEarly(): void {
  if (early || typeof Worker === 'undefined') return;
  const e: Early = { worker: newSimWorker(), failed: null };
  e.worker.addEventListener('error', (ev) => {
    if (early === e) e.failed = ev.message || 'the simulation worker stopped unexpectedly';
  });
  early = e;
}

/**
 * The worker started early (once; the caller owns it from then on) with the error it already
 * met, if any, or a new worker with none.
 */
export function takeSimWorker(): { worker: Worker; failed: string | null } {
  const e = early;
  early = null;
  return e ?? { worker: newSimWorker(), failed: null };
}
