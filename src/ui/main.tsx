/// <reference types="vite-plugin-pwa/client" />
// Entry point: wires the worker bridge, the store, the frame channel and the controller,
// then mounts the React tree and opens the default scenario.
// NOTE: first, so the simulation worker starts before the other modules run (startEarly.ts).
import { takeEarlySimWorker } from './bridge/startEarly';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createSimBridge } from './bridge/simBridge';
import { builtinScenarios, loadBuiltinTexts } from './scenarios/catalog';
import { createController } from './sim/controller';
import { isAppEntry } from './sim/scenarioHistory';
import { bindInspector } from './inspector/inspectorStore';
import { bindCharts } from './charts/seriesStore';
import { bindReplicaSource } from './topology/replicaCards';
import { createFrameChannel } from './state/frameChannel';
import { createAppStore } from './state/store';
import { savedTheme } from './theme/theme';
import { AppContext, type AppServices } from './state/useAppStore';
import { reloadOnTakeover } from './offline/takeover';
import './styles.css';

// Offline once loaded: the build's service worker (vite-plugin-pwa, see vite.config.ts) caches
// every file of this build. Production only, so `npm start` and its hot reload never meet a cache;
// a newer build's worker taking over reloads the page. Its listener is the first thing the page
// does, so a takeover is heard from here on, not only from the load event workbox-window waits for
// (offline/takeover.ts); the worker itself is registered once the first scenario is drawn (below).
const offlineReload = import.meta.env.PROD && 'serviceWorker' in navigator ? reloadOnTakeover(navigator.serviceWorker, () => location.reload()) : null;

// Where the page's start stands (bench/ui/startPhases.ts reads these and the worker's own marks).
performance.mark('meshsim:main');
const bridge = createSimBridge(takeEarlySimWorker());
const store = createAppStore(builtinScenarios(), savedTheme());
const frames = createFrameChannel();
const controller = createController(store, bridge, frames);
const services: AppServices = { store, controller, frames };
bindInspector(bridge.api);
bindReplicaSource(bridge.api);
bindCharts(bridge.api, store);

window.addEventListener('pagehide', (e) => {
  if (!e.persisted) controller.dispose();
});
const root = createRoot(document.getElementById('root')!);
if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    root.unmount();
    controller.dispose();
  });
}

root.render(
  <StrictMode>
    <AppContext.Provider value={services}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);

const started = controller.start();
// The other shipped scenarios' texts (a chunk of their own, catalog.ts) are fetched once the first
// picture is drawn and the page is idle, so picking one from the picker never waits on them.
void started
  .catch(() => undefined)
  .then(() => new Promise((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(r, { timeout: 2000 }) : setTimeout(r, 200))))
  .then(() => loadBuiltinTexts())
  .catch(() => undefined);
// The service worker is registered after the first scenario is drawn, not while the page starts:
// a first visit's worker fetches every file of the build again and Chromium compiles each script
// it caches (about 0.3 s of CPU), which competed with the first picture.
if (offlineReload) {
  void started
    .catch(() => undefined)
    .then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
    .then(() => import('virtual:pwa-register'))
    .then(({ registerSW }) => registerSW({ immediate: false, onNeedReload: offlineReload }));
}
// A link pasted into this tab that differs only in its fragment (where a scenario's data goes)
// does not load a page: open it as a fresh page would. The app's own replaceState fires no event;
// Back or Forward onto an entry the app wrote (a scenario opened from a file, whose link is all
// fragment) is reopened in place by the controller (sim/scenarioHistory.ts), not reloaded.
window.addEventListener('hashchange', () => {
  if (!isAppEntry(history.state)) location.reload();
});
