// "Edit scenario": opens the scenario editor. The editor and CodeMirror load on the first
// click (a lazy chunk), so the app's first download does not grow with them.
import { lazy, Suspense, useState } from 'react';
import { useAppStore } from '../state/useAppStore';

const ScenarioEditor = lazy(() => import('./ScenarioEditor'));

export function EditorButton() {
  const [open, setOpen] = useState(false);
  const hasScenario = useAppStore((s) => s.info !== null && s.selectedId !== null);
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
      {open && (
        <Suspense fallback={<p className="editor-loading" role="status">Loading the editor…</p>}>
          <ScenarioEditor onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
