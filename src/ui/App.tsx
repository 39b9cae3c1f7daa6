// The screen: controls on top, the scenario on the left, the topology in the middle, the
// live counters at the bottom (see /work/shared/UI.md).
import { CounterStrip } from './components/CounterStrip';
import { BottomDrawer } from './charts/BottomDrawer';
import { Header } from './components/Header';
import { Inspector } from './components/Inspector';
import { ScenarioPanel } from './components/ScenarioPanel';
import { TopologyView } from './components/TopologyView';
import { Timeline } from './components/Timeline';
import { useShortcuts } from './components/useShortcuts';
import { lazy, Suspense, useEffect, useRef, type CSSProperties } from 'react';
import { useAppStore } from './state/useAppStore';
import { applyTheme } from './theme/theme';
import { isComparePage } from './compare/link';
import { SlowWorkerNotice } from './components/RunNotices';
import { useStoryColumn } from './narrative/storyColumn';
import { useKeysDialog } from './keys/useKeysDialog';
import { loadBuiltinTexts } from './scenarios/catalog';
import { ColumnCue } from './narrative/ColumnCue';

/**
 * The compare view, loaded only on a page opened with `?compare=a,b`: its code left the single
 * view's first download, which had passed the 250 KB budget (250.8 KB gzipped; 236.0 without it).
 */
// With the shipped scenarios' texts (a chunk of their own, catalog.ts): both panes read theirs as they start.
const CompareRoot = lazy(() => Promise.all([import('./compare/CompareRoot'), loadBuiltinTexts()]).then(([m]) => ({ default: m.CompareRoot })));
/** The `?` key list, loaded when first asked for. */
const KeysDialog = lazy(() => import('./keys/KeysDialog').then((m) => ({ default: m.KeysDialog })));

export function App() {
  // `?compare=a,b` is the compare view (src/ui/compare); fixed for the page's life.
  // A worker late to answer is said over either view (RunNotices.SlowWorkerNotice); so is the `?` key list.
  const keys = useKeysDialog();
  return (
    <>
      {isComparePage() ? (
        <Suspense fallback={<p role="status" data-testid="compare-boot" style={{ margin: 24, font: '16px system-ui, sans-serif' }}>Opening the compare view: loading its code, then side A and side B…</p>}>
          <CompareRoot />
        </Suspense>
      ) : (
        <SingleView />
      )}
      <SlowWorkerNotice />
      {keys.open && (
        <Suspense fallback={null}>
          <KeysDialog onClose={keys.close} />
        </Suspense>
      )}
    </>
  );
}

function SingleView() {
  useShortcuts();
  const theme = useAppStore((s) => s.theme);
  const presenter = useAppStore((s) => s.presenter);
  useEffect(() => applyTheme(presenter ? 'light' : theme, !presenter), [theme, presenter]);
  // Presenter mode at a projector's width: the story column as wide as the picture leaves room for.
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const appRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLElement>(null);
  const column = useStoryColumn(appRef, stageRef, presenter, topology);
  const style = column === null ? undefined : ({ '--story-column': `${column}px` } as CSSProperties);
  return (
    <div className={`app${presenter ? ' presenter' : ''}`} data-testid="app" ref={appRef} style={style} data-story-column={column ?? undefined}>
      <Header />
      <ScenarioPanel />
      <ColumnCue appRef={appRef} />
      <main className="stage" ref={stageRef}>
        <TopologyView />
        <Inspector />
      </main>
      <BottomDrawer />
      <Timeline />
      <CounterStrip />
    </div>
  );
}
