// "Edit scenario": opens the scenario editor. The editor and CodeMirror load on the first
// click (a lazy chunk), so the app's first download does not grow with them. After Run, what it
// carried over from the run it replaced (carry.ts) is said under the button while that edited
// run is on screen, until dismissed.
import { lazy, Suspense, useState } from 'react';
import { useAppStore, useServices } from '../state/useAppStore';
import type { Carry } from './carry';
import { CarryNote } from './CarryNote';
import { loadBuiltinTexts } from '../scenarios/catalog';

// With the shipped scenarios' texts (catalog.ts): the editor starts from the open one's.
const ScenarioEditor = lazy(() => Promise.all([import('./ScenarioEditor'), loadBuiltinTexts()]).then(([m]) => m));

export function EditorButton() {
  const [open, setOpen] = useState(false);
  const { store } = useServices();
  const hasScenario = useAppStore((s) => s.info !== null && s.selectedId !== null);
  const selectedId = useAppStore((s) => s.selectedId);
  // What the last Run carried, and the run it opened (the note goes with that run).
  const [ran, setRan] = useState<{ carry: Carry; forId: string | null } | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button-quiet editor-open"
        data-testid="editor-open"
        disabled={!hasScenario}
        title="Edit this scenario as JSON or YAML, or add a service, route, fault or change from a form; run it, share it or download it"
        onClick={() => setOpen(true)}
      >
        Edit scenario…
      </button>
      {ran && ran.forId === selectedId && <CarryNote carry={ran.carry} when="after" onDismiss={() => setRan(null)} />}
      {open && (
        <Suspense fallback={<p className="editor-loading" role="status">Loading the editor…</p>}>
          <ScenarioEditor onClose={() => setOpen(false)} onRan={(carry) => setRan(carry ? { carry, forId: store.getState().selectedId } : null)} />
        </Suspense>
      )}
    </>
  );
}
