// main.tsx's first import: the page's first simulation worker is asked for here, before the rest
// of the page's modules run. A worker's start is the longest part of a page's way to 'ready' (its
// thread, then its 460 KB script compiled on every load: Chromium keeps no code cache for worker
// scripts); asked for here it starts while React, the store and the first render are set up.
// main.tsx hands it to the bridge (createSimBridge), which makes every later worker itself.
// NOTE: a leaf module (no imports): imported by the bridge as well, it split two shared chunks
// off the main one and cost 1.3 KB of initial JS.

/** A worker started early, and why it stopped if it did before the bridge listened (null: running). */
export interface EarlyWorker {
  readonly worker: Worker;
  failed: string | null;
}

let early: EarlyWorker | null = null;
if (typeof Worker !== 'undefined') {
  const e: EarlyWorker = { worker: new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-sim' }), failed: null };
  e.worker.addEventListener('error', (ev) => {
    if (early === e) e.failed = ev.message || 'the simulation worker stopped unexpectedly';
  });
  early = e;
}

/** The worker started early, once (the caller owns it from then on); null after, or where there are no workers. */
export function takeEarlySimWorker(): EarlyWorker | null {
  const e = early;
  early = null;
  return e;
}
