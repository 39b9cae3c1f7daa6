// Kubernetes and Istio manifests opened in the app (issue 15): several files from "Open file…",
// or files and folders dropped anywhere on the page, are imported (src/ui/scenarios/importFiles.ts)
// and opened as the scenario they describe; what was not modelled is listed until dismissed.
import { useCallback, useEffect } from 'react';
import type { ManifestFile } from '../../scenario/import';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { filesOfDrop } from '../scenarios/dropFiles';
import { scenarioPair, scenarioPairLink } from '../scenarios/scenarioPair';

/** The importer and the YAML it reads load on first use: most sessions never open manifests. */
const importer = () => import('../scenarios/importFiles');

/**
 * Opens chosen files: one scenario file as before (`openFile`), two scenario files as a compare
 * (useOpenPair), manifests imported. Returns a function for a list of Files; it reads them and decides.
 */
export function useOpenFiles(): (files: File[]) => Promise<void> {
  const controller = useController();
  const { store } = useServices();
  const open = useOpenManifests();
  const openPair = useOpenPair();
  return useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      if (files.length === 1 && !/\.ya?ml$/i.test(files[0].name)) return controller.openFile(files[0]);
      // "Opening NAME…" in the same frame (trial T1, 1: nothing for seconds while the files were read
      // and the importer's chunk loaded, before openFile said anything). Cancel drops it, and the open.
      const startedAt = performance.now();
      store.setState((d) => {
        d.opening = { label: files.length === 1 ? files[0].name : `${files.length} files`, stage: 'reading', bytes: files.reduce((n, f) => n + f.size, 0), startedAt };
        d.loadProblems = null;
      });
      const ours = () => store.getState().opening?.startedAt === startedAt;
      const done = () => store.setState((d) => void (d.opening?.startedAt === startedAt && (d.opening = null)));
      const texts = await Promise.all(files.map(async (f) => ({ name: f.webkitRelativePath || f.name, text: await f.text() })));
      if (!ours()) return;
      if (openPair(texts)) return done();
      const manifests = (await importer()).isManifestSet(texts);
      if (!ours()) return;
      if (!manifests) return controller.openFile(files[0]);
      await open(texts);
      done();
    },
    [controller, store, open, openPair],
  );
}

/**
 * Two scenario files chosen (or dropped) together open as a compare, A the first, B the second
 * (scenarioPair.ts; trial N11, 4): the page goes to their compare link. Returns a function that
 * answers true when it took the files (opened them, or said why not in the load-problems box),
 * false when they are not two scenario files (manifests, one file: the caller opens them).
 */
function useOpenPair(): (files: ManifestFile[]) => boolean {
  const { store } = useServices();
  return useCallback(
    (files: ManifestFile[]) => {
      const pair = scenarioPair(files);
      if (!pair) return false;
      const r = scenarioPairLink(pair[0], pair[1], store.getState().speedId);
      if (!r.ok) store.setState((d) => void (d.loadProblems = { source: `${pair[0].name} and ${pair[1].name}`, problems: [{ path: 'compare', message: r.reason }] }));
      else location.assign(`${location.pathname}${r.search}`);
      return true;
    },
    [store],
  );
}

function useOpenManifests(): (files: ManifestFile[]) => Promise<void> {
  const controller = useController();
  const { store } = useServices();
  return useCallback(
    async (files: ManifestFile[]) => {
      const r = (await importer()).importFiles(files);
      if (!r.ok) {
        store.setState((d) => {
          d.loadProblems = { source: r.label, problems: r.problems };
          d.importWarnings = null;
        });
        return;
      }
      store.setState((d) => void (d.importWarnings = r.warnings.length ? { source: r.label, lines: r.warnings } : null));
      await controller.openText?.(r.text, 'imported.yaml', r.label);
      // They are about this run: another scenario opened after it (the picker, a file) hides them,
      // where they stayed, naming manifests no longer on screen.
      store.setState((d) => void (d.importWarnings && (d.importWarnings.forId = d.selectedId)));
    },
    [controller, store],
  );
}

/** Files and folders dropped anywhere on the page are opened as "Open file…" opens them. */
export function useDropToOpen(): void {
  const controller = useController();
  const open = useOpenManifests();
  const openPair = useOpenPair();
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      const dt = e.dataTransfer;
      const single = dt.files.length === 1 && !dt.items[0]?.webkitGetAsEntry?.()?.isDirectory ? dt.files[0] : null;
      void Promise.all([filesOfDrop(dt), importer()]).then(([files, { isManifestSet }]) => (openPair(files) ? undefined : single && !isManifestSet(files) ? controller.openFile(single) : open(files)));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [controller, open, openPair]);
}

/**
 * What the last import did not model, as `file:line: path: message` lines: in the scenario
 * panel beside the load problems, so that it covers nothing (above the picture it hid the
 * picture's Legend, Find, Fit and Inspect, and at 1024x768 nodes too).
 */
export function ImportWarnings() {
  const { store } = useServices();
  const w = useAppStore((s) => s.importWarnings);
  const selectedId = useAppStore((s) => s.selectedId);
  if (!w || (w.forId !== undefined && w.forId !== selectedId)) return null;
  return (
    <section className="alert import-warnings" role="status" data-testid="import-warnings">
      <h2>
        {w.source}: {w.lines.length} warning{w.lines.length === 1 ? '' : 's'} (not modelled, or assumed)
      </h2>
      <ul className="problems" style={{ maxHeight: '30vh', overflowY: 'auto' }}>
        {w.lines.map((l, i) => (
          <li key={i}>
            <code>{l}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-quiet" onClick={() => store.setState((d) => void (d.importWarnings = null))}>
        Dismiss
      </button>
    </section>
  );
}
