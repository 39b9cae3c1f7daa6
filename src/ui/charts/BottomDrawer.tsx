// The area under the topology: tabs for the charts and the event log, or folded away.
import { useState } from 'react';
import { ChartsPanel } from './ChartsPanel';
import { EventLogView } from '../eventlog/EventLogView';
import './charts.css';

type Tab = 'charts' | 'events' | null;

/** Opens on the charts where the screen is tall enough for them beside the topology. */
const initialTab = (): Tab => (typeof window !== 'undefined' && window.innerHeight >= 880 ? 'charts' : null);

export function BottomDrawer() {
  const [tab, setTab] = useState<Tab>(initialTab);
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
    <section className={`drawer${tab ? ' drawer-open' : ''}`} aria-label="Charts and events">
      <div className="drawer-tabs" role="tablist">
        {button('charts', 'Charts')}
        {button('events', 'Events')}
        {tab && (
          <button type="button" className="drawer-fold" onClick={() => setTab(null)} aria-label="Fold the charts and events away">
            ▾
          </button>
        )}
      </div>
      {tab === 'charts' && <ChartsPanel />}
      {tab === 'events' && <EventLogView />}
    </section>
  );
}
