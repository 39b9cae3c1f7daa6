// The Events tab's log, loaded as a chunk of its own: the log, its filters, its kind words and the
// list virtualiser (@tanstack/react-virtual) are out of the first page's JS (bench:ui's initial
// JS, README target < 250 KB), as the inspector's panel is (components/Inspector.tsx).
import { lazy, Suspense, useEffect } from 'react';

type View = (typeof import('./EventLogView'))['EventLogView'];
/** The log once its chunk has loaded: drawn at once from then on, with no fallback between a click on Events and the rows. */
let loaded: View | null = null;
let loading: Promise<{ default: View }> | null = null;
/** Loads the log's chunk once; every later call returns the same promise (a failed load is tried again next call). */
const loadLog = (): Promise<{ default: View }> =>
  (loading ??= import('./EventLogView').then(
    (m) => {
      loaded = m.EventLogView;
      return { default: m.EventLogView };
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  ));
const Lazy = lazy(loadLog);

/**
 * The Events tab's content: the log at once when its chunk is in, else "Loading the events…" in
 * the log's own box (`.eventlog` fills the open drawer, whose height is fixed, so nothing jumps
 * when the rows arrive). The stand-in has no `event-log` test id: a spec waits for the log itself.
 */
export function LazyEventLog() {
  const Loaded = loaded;
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={<EventLogLoading />}>
      <Lazy />
    </Suspense>
  );
}

/** What stands in the log's place for the moment its code loads. */
function EventLogLoading() {
  return (
    <div className="eventlog" data-testid="event-log-loading" aria-busy="true">
      <p className="muted">Loading the events…</p>
    </div>
  );
}

/**
 * Fetches the log's chunk once the first page has painted and the browser is idle (within 2 s at
 * most; `setTimeout` 50 ms where `requestIdleCallback` is missing, as in Safari before 18), so a
 * first click on Events finds it in. Call from the drawer, which is on every page.
 */
export function useEventLogEarly(): void {
  useEffect(() => {
    if (loaded) return;
    const ric = typeof requestIdleCallback === 'function';
    const id = ric ? requestIdleCallback(() => void loadLog().catch(() => {}), { timeout: 2000 }) : setTimeout(() => void loadLog().catch(() => {}), 50);
    return () => (ric ? cancelIdleCallback(id as number) : clearTimeout(id as ReturnType<typeof setTimeout>));
  }, []);
}
