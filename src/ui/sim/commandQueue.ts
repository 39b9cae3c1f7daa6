// Commands that talk to the worker(s) run one after another: both controllers queue their
// commands this way, so a seek, a step or an injection never interleaves with another.

/** Queues `work` after every command queued before it; resolves when it has run (or failed). */
export type CommandQueue = (work: () => Promise<void>) => Promise<void>;

/**
 * A queue whose failures go to `fail` (the queue goes on after one). With `waitFirst`, each
 * command first waits for what it returns (a frame's answers still on their way), if anything.
 */
export function createCommandQueue(fail: (e: unknown) => void, waitFirst?: () => Promise<void> | null): CommandQueue {
  let chain: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = waitFirst
      ? async () => {
          const before = waitFirst();
          if (before) await before;
          await work();
        }
      : work;
    const next = chain.then(run).catch(fail);
    chain = next;
    return next;
  };
}
