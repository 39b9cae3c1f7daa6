// The area under the topology: tabs for the charts and the event log, or folded away.
import { lazy, Suspense, useEffect, useState } from 'react';
import { LazyEventLog, useEventLogEarly } from '../eventlog/LazyEventLog';
import { drawerStore } from './drawerState';
import './charts.css';
import { loadBuiltinTexts } from '../scenarios/catalog';

type Tab = 'charts' | 'events' | 'ownership' | null;

const KEY = 'meshsim.drawer';

/** Loaded on first use: the charts (d3's shapes, the client choice) are not on the first page unless the drawer opens on them. */
const ChartsPanel = lazy(() => import('./ChartsPanel').then((m) => ({ default: m.ChartsPanel })));

/** Loaded on first use: it reads the scenario's text (zod and yaml), which the first page need not carry. */
const OwnershipPanel = lazy(() => Promise.all([import('../ownership/OwnershipPanel'), loadBuiltinTexts()]).then(([m]) => ({ default: m.OwnershipPanel })));

/**
 * The tab a person left open last time; otherwise the charts only where the screen is tall
 * enough for them beside a readable topology (at 1600x1000 open charts halve the topology's
 * height, and its text shrank to 6-8 px).
 */
const initialTab = (): Tab => {
  if (typeof window === 'undefined') return null;
  const kept = window.localStorage?.getItem(KEY);
  if (kept === 'charts' || kept === 'events' || kept === 'ownership' || kept === 'none') return kept === 'none' ? null : kept;
  return window.innerHeight >= 1150 ? 'charts' : null;
};

export function BottomDrawer() {
  const [tab, setTabState] = useState<Tab>(initialTab);
  // The Events tab's code is a chunk of its own, fetched when the page is idle after first paint.
  useEventLogEarly();
  // The legend folds by default while the drawer is open (legendDefault.ts).
  useEffect(() => drawerStore.setState({ open: tab !== null }), [tab]);
  const setTab = (t: Tab) => {
    setTabState(t);
    try {
      window.localStorage.setItem(KEY, t ?? 'none');
    } catch {
      // Storage refused (private mode): the choice lasts this page only.
    }
  };
  const button = (t: Exclude<Tab, null>, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === t}
      className={`drawer-tab${tab === t ? ' drawer-tab-on' : ''}`}
      data-testid={`tab-${t}`}
      onClick={() => setTab(tab === t ? null : t)}
      title={tab === t ? 'Fold away' : undefined}
    >
      {label}
    </button>
  );
  return (
    <section className={`drawer${tab ? ` drawer-open drawer-on-${tab}` : ''}`} aria-label="Charts and events">
      <div className="drawer-tabs" role="tablist">
        {button('charts', 'Charts')}
        {button('events', 'Events')}
        {button('ownership', 'Ownership')}
        {tab && (
          <button type="button" className="drawer-fold" onClick={() => setTab(null)} aria-label="Fold the charts and events away">
            ▾
          </button>
        )}
      </div>
      {tab === 'charts' && (
        <Suspense fallback={<p className="drawer-loading">Loading the charts…</p>}>
          <ChartsPanel />
        </Suspense>
      )}
      {tab === 'events' && <LazyEventLog />}
      {tab === 'ownership' && (
        <Suspense fallback={<p className="drawer-loading">Loading the ownership view…</p>}>
          <OwnershipPanel />
        </Suspense>
      )}
    </section>
  );
}
