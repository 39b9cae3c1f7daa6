/** The signals a sweep stops on: Ctrl-C (SIGINT), and a CI runner's or `timeout`'s SIGTERM. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * While a sweep's pool runs: on Ctrl-C or SIGTERM, say how far it got (`say`), run `cleanup`
 * (the worker bundle written for this sweep: each interrupted sweep left 1 MB in
 * node_modules/.cache/meshsim-sweep), then end as the signal would have (`end`; by default the
 * signal raised again with no handler, so the shell sees 130 or 143 and the worker threads end
 * with the process). Returns the function that takes the handlers off again. Impure: installs
 * process signal handlers.
 */
export function stopOnSignals(say: (signal: string) => string, cleanup: () => void, io: { write(s: string): unknown }, end: (signal: NodeJS.Signals) => void = raise): () => void {
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      off();
      io.write(say(signal) + '\n');
      try {
        cleanup();
      } finally {
        end(signal);
      }
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const off = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
  return off;
}

/** Ends the process by `signal` itself, as it would have ended without a handler. */
function raise(signal: NodeJS.Signals): void {
  process.kill(process.pid, signal);
}
