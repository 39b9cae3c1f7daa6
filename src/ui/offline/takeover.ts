/**
 * A newer build's service worker taking over this page reloads it, whenever the takeover
 * happens.
 *
 * Why not only vite-plugin-pwa's autoUpdate: it reloads on workbox-window's `activated` event,
 * and workbox-window hears of a new worker only through an `updatefound` listener it adds once
 * `register()` has resolved, which it calls after the window's `load` event. The browser checks
 * for a newer `sw.js` by itself after every navigation (Chromium about a second after the page
 * stops fetching through the worker), so on a busy machine the new worker can be found, or even
 * installed, before that listener exists: the page then never reloads and shows the old build
 * until the next visit (offline.spec's "newer build takes over" timed out so in CI). The build's
 * worker calls `clients.claim()` on activation (vite.config.ts), so `controllerchange` on a page
 * that was already controlled is exactly "a newer build took over", and it is heard from the
 * moment this is called, not from the `load` event.
 */

/** The part of `navigator.serviceWorker` this uses. */
export interface WorkerContainer {
  readonly controller: unknown;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

/**
 * Listens for a newer worker taking over and then calls `reload` once.
 *
 * A page no worker controlled when this is called (a first visit) is not reloaded when the
 * build's own first worker claims it: it already shows that build. Call it as early as the page
 * starts. Returns the same once-only reload, for other signals of a takeover (autoUpdate's
 * `onNeedReload`), so two signals never reload twice.
 *
 * @param container `navigator.serviceWorker`, or a stand-in.
 * @param reload what a takeover does (`() => location.reload()`).
 */
export function reloadOnTakeover(container: WorkerContainer, reload: () => void): () => void {
  let reloaded = false;
  const once = () => {
    if (reloaded) return;
    reloaded = true;
    reload();
  };
  if (container.controller !== null && container.controller !== undefined) container.addEventListener('controllerchange', once);
  return once;
}
