// Mounts the compare view for a page opened with `?compare=a,b`: its own bridge (two workers,
// one per pane), its own controller, started once and stopped when the page goes away.
import { createSimBridge } from '../bridge/simBridge';
import { builtinScenarios } from '../scenarios/catalog';
import { createCompareController, type CompareController } from './compareController';
import { CompareView } from './CompareView';
export { isComparePage } from './link';
import { lazy, Suspense } from 'react';

/** Loaded on first use: it reads both scenarios' text (zod and yaml), which the first page need not carry. */
const OwnershipPair = lazy(() => import('../ownership/OwnershipPair').then((m) => ({ default: m.OwnershipPair })));

let instance: CompareController | null = null;

function controller(): CompareController {
  if (!instance) {
    const c = createCompareController(createSimBridge(), builtinScenarios());
    instance = c;
    void c.start(location.search + location.hash);
    window.addEventListener('pagehide', (e) => {
      if (!e.persisted) c.dispose();
    });
  }
  return instance;
}

export function CompareRoot() {
  const c = controller();
  // Under the compare view: both runs' ownership views side by side (issue 12.5).
  return (
    <>
      <CompareView controller={c} />
      <Suspense fallback={null}>
        <OwnershipPair controller={c} />
      </Suspense>
    </>
  );
}
