// A yield to the event loop: the rest of the caller's work runs in a task of its own.

/**
 * Resolves in a new task (a MessageChannel message: not clamped to 4 ms as a nested setTimeout,
 * nor held back to 1 s in a background tab as a timer is). Awaiting it ends the current task,
 * so work before and after it are two tasks; that is all it does, for any caller.
 * Used where one task did too much for bench:ui's limit of 50 ms a task (issue 11).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
