// The scenario editor (issue 12.6): the current scenario as text, checked as it is typed by the
// same reading and validation as the CLI and "Open file…" (in a worker of its own), each
// problem linked to its line; a form that writes a service, a gateway route, a fault or a change
// into the text; Run (it becomes the current run, "edited: <name>" in the picker, carried by the
// share link) and Download (a file `npm run sim -- FILE` accepts). Loaded lazily with CodeMirror.
import { useEffect, useRef, useState } from 'react';
import { wrap, releaseProxy, type Remote } from 'comlink';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { RunStatus } from '../state/store';
import { createCodeEditor, type CodeEditor } from './codeEditor';
import type { CheckResult, EditorApi } from './check';
import type { Addition, FieldProblem, TakenNames } from './additions';
import type { ProblemAt } from './lines';
import { draftFor, editedFileName, keepDraft, dropDraft } from './drafts';
import { AdditionForm } from './AdditionForm';
import { LintList } from './LintList';
import type { LintNote } from './lintNotes';
import { LintRunner } from './lintRunner';
import type { Carry } from './carry';
import { CarryNote } from './CarryNote';
import { namesInText } from './names';
import './editor.css';

/** Wall ms after the last keystroke before the text is checked. */
const CHECK_DELAY_MS = 200;
/** Wall ms a valid text stands still, after its check, before lint's simulated rules run on it (they run the model for seconds). */
const SIMULATE_DELAY_MS = 800;

/**
 * The editor dialog. `onRan` hears what Run carried over from the run it replaced (carry.ts), or
 * null when it had nothing to carry (a run at 0 s without live actions); then the dialog closes.
 */
export default function ScenarioEditor({ onClose, onRan }: { onClose: () => void; onRan?: (carry: Carry | null) => void }) {
  const { store } = useServices();
  const controller = useController();
  const selectedId = useAppStore((s) => s.selectedId);
  const entries = useAppStore((s) => s.entries);
  const base = entries.find((e) => e.id === selectedId) ?? null;
  const baseId = base?.id ?? '';
  const [text, setText] = useState(() => (base ? draftFor(base.id) ?? base.text : ''));
  const [check, setCheck] = useState<CheckResult | null>(null);
  // Lint's findings with the simulated rules, for the text of check `n` (null until they come).
  const [fullLint, setFullLint] = useState<{ n: number; notes: LintNote[] } | null>(null);
  const [checking, setChecking] = useState(true);
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  const [running, setRunning] = useState(false);
  // What Run would carry over from the run on screen, for the text of check `n` (carry.ts).
  const [carry, setCarry] = useState<{ n: number; carry: Carry | null } | null>(null);
  const actions = useAppStore((s) => s.recipe?.actions);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditor | null>(null);
  const worker = useRef<Remote<EditorApi> | null>(null);
  const seq = useRef(0);
  const format: 'json' | 'yaml' = /^\uFEFF?\s*(?:[[{]|\/[/*])/.test(text) ? 'json' : 'yaml';
  const name = check?.name ?? base?.id.replace(/^(?:edited|file):/, '').replace(/\.(?:json|ya?ml)$/i, '') ?? 'scenario';
  const fileName = editedFileName(name, format);
  // The form's names before the worker's first check answers: read here, once, from the text the
  // dialog opens with ("Called by" listed "nobody yet" for 1-6 s while the worker started: trial N15, 1).
  const [openingNames] = useState(() => namesInText(text, fileName));
  const names = check?.names ?? openingNames;

  // The worker that checks the text, for as long as the dialog is open.
  useEffect(() => {
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-editor' });
    const api = wrap<EditorApi>(w);
    worker.current = api;
    return () => {
      worker.current = null;
      api[releaseProxy]();
      w.terminate();
    };
  }, []);

  // The editor, made once; the text lives in it and is mirrored into `text`.
  useEffect(() => {
    if (!host.current) return;
    const ed = createCodeEditor(host.current, text, format, (next) => setText(next));
    editor.current = ed;
    return () => {
      ed.destroy();
      editor.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => editor.current?.setLanguage(format), [format]);

  // Lint's simulated rules in a worker of their own, ended when the text outgrows its run.
  const linter = useRef<LintRunner | null>(null);
  useEffect(() => {
    const r = new LintRunner();
    linter.current = r;
    return () => {
      linter.current = null;
      r.dispose();
    };
  }, []);

  // Every edit is kept (closing the dialog or a refused run loses nothing) and checked shortly after.
  useEffect(() => {
    if (baseId) keepDraft(baseId, text, base?.text ?? '');
    setChecking(true);
    const n = ++seq.current;
    // A simulated lint of the text before is stale: ended, so it holds nothing up.
    linter.current?.cancel();
    let simulate: ReturnType<typeof setTimeout> | undefined;
    const t = setTimeout(async () => {
      const api = worker.current;
      if (!api) return;
      const result = await api.check(text, fileName);
      if (n !== seq.current) return;
      setCheck(result);
      setChecking(false);
      editor.current?.setProblems(result.problems);
      if (result.problems.length) return;
      void carryFor(n);
      // The simulated rules (MS001, MS012) once the text stands still, in their own worker
      // (lintRunner.ts): in this one, a typed check waited up to a minute behind a stale run.
      simulate = setTimeout(async () => {
        if (n !== seq.current || !linter.current) return;
        const notes = await linter.current.lint(text, fileName);
        if (n === seq.current && notes) setFullLint({ n, notes });
      }, SIMULATE_DELAY_MS);
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(t);
      clearTimeout(simulate);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', key);
    return () => document.removeEventListener('keydown', key);
  }, [onClose]);

  const problems = check?.problems ?? [];
  const valid = !checking && check !== null && problems.length === 0;
  const simulated = fullLint !== null && fullLint.n === seq.current && !checking;
  const lint = valid ? (simulated ? fullLint.notes : check.lint) : [];
  const warnings = lint.filter((f) => f.severity !== 'info').length;

  /**
   * What Run would carry over of the run on screen (its live actions, its moment) to this text,
   * asked of the worker; null when there is nothing to carry (no actions, at 0 s) or either text
   * does not read.
   */
  async function carryOf(): Promise<Carry | null> {
    const api = worker.current;
    const s = store.getState();
    const list = s.recipe?.actions ?? [];
    if (!api || !base || (list.length === 0 && s.stats.simTime <= 0)) return null;
    return api.carry(base.text, base.fileName, text, fileName, list, s.stats.simTime);
  }

  /** The note of what Run keeps and drops, for the text of check `n`. */
  async function carryFor(n: number) {
    const c = await carryOf();
    if (n === seq.current) setCarry({ n, carry: c });
  }

  // The run's own actions changed under the open dialog (a fault's duration ran out, say): asked again.
  useEffect(() => {
    if (!checking && check && check.problems.length === 0) void carryFor(seq.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actions]);

  async function run() {
    if (!controller.openText) return;
    setRunning(true);
    setSaid(null);
    const label = `edited: ${name}`;
    // The run's recipe carried over (trial N10, 7c): the same seed, the actions the edited file
    // accepts and the moment, asked again now (the run may have moved since the note).
    const seed = store.getState().recipe?.seed ?? null;
    const carried = await carryOf();
    await controller.openText(text, fileName, label, carried ? { seed, actions: carried.actions, tMs: carried.tMs } : seed === null ? undefined : { seed, actions: [], tMs: 0 });
    setRunning(false);
    const s = store.getState();
    if (s.selectedId === `edited:${name}` && s.status !== RunStatus.crashed && s.loadProblems === null) {
      // It runs now: the picker and the recipe hold its text, so the draft is no longer needed.
      dropDraft(baseId);
      onRan?.(carried);
      onClose();
      return;
    }
    // Refused when built (a clock that cannot leave zero, say): its problems, the text kept.
    const refused = s.loadProblems?.problems ?? [];
    store.setState((d) => void (d.loadProblems = null));
    setSaid({ text: refused.map((p) => `${p.path}: ${p.message}`).join('\n') || 'The scenario could not be opened.', bad: true });
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaid({ text: `Saved ${fileName}: run it with npm run sim -- ${fileName}`, bad: false });
  }

  async function add(addition: Addition): Promise<string | FieldProblem[] | null> {
    const api = worker.current;
    if (!api) return 'the editor is still starting';
    const r = await api.add(text, fileName, addition);
    if (!r.ok) return 'fieldProblems' in r ? r.fieldProblems : r.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    editor.current?.setText(r.text);
    return null;
  }

  /** The names the text gives: the last check's, or the worker's answer now when none came yet. */
  async function takenNames(): Promise<TakenNames | null> {
    if (check && !checking) return check.names;
    const api = worker.current;
    return api ? (await api.check(text, fileName)).names : null;
  }

  function startAgain() {
    if (!base) return;
    dropDraft(base.id);
    editor.current?.setText(base.text);
  }

  return (
    <div className="dialog-backdrop editor-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="scenario-editor" role="dialog" aria-modal="true" aria-label="Scenario editor" data-testid="scenario-editor">
        <header className="editor-head">
          <h2>
            Edit scenario <span className="editor-name">{name}</span>
          </h2>
          <span className="editor-format" data-testid="editor-format">
            {format.toUpperCase()}
          </span>
          <span className={`editor-state ${valid ? 'editor-ok' : checking ? '' : 'editor-bad'}`} data-testid="editor-state" role="status">
            {checking ? 'checking…' : valid ? 'valid' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
          </span>
          {valid && warnings > 0 && (
            <span className="editor-state editor-warn" data-testid="editor-lint-count" title="Lint's warnings, listed beside the text: the scenario runs, but a part of it may not do what it says">
              {warnings} lint warning{warnings === 1 ? '' : 's'}
            </span>
          )}
          <div className="editor-actions">
            <button type="button" className="button button-quiet" onClick={startAgain} disabled={!base || text === base.text} title={`Throw the edits away and start again from ${base?.label ?? 'the scenario'}`}>
              Start again
            </button>
            <button type="button" className="button" data-testid="editor-download" onClick={download} title={`Save the text as ${fileName}, a file the CLI runs (npm run sim -- ${fileName})`}>
              Download
            </button>
            <button type="button" className="button button-primary" data-testid="editor-run" disabled={!valid || running || !controller.openText} onClick={() => void run()} title="Run this text: it becomes the current run (listed in the picker as edited) and the share link carries it">
              {running ? 'Opening…' : 'Run'}
            </button>
            <button type="button" className="button button-quiet" data-testid="editor-close" onClick={onClose} title="Close the editor (Escape); the text is kept for next time">
              Close
            </button>
          </div>
        </header>
        <div className="editor-body">
          <div className="editor-text" ref={host} />
          <aside className="editor-side">
            {valid && carry?.n === seq.current && carry.carry && <CarryNote carry={carry.carry} when="before" />}
            <ProblemList problems={problems} checking={checking} onPick={(line) => editor.current?.goToLine(line)} />
            {valid && <LintList notes={lint} simulating={!simulated} onPick={(line) => editor.current?.goToLine(line)} />}
            {said && (
              <p className={`editor-said ${said.bad ? 'editor-said-bad' : ''}`} data-testid="editor-said" role={said.bad ? 'alert' : 'status'}>
                {said.text}
              </p>
            )}
            <AdditionForm services={names.services} clients={names.clients} gateways={names.gateways} sidecars={names.sidecars} onAdd={add} takenNames={takenNames} />
          </aside>
        </div>
      </section>
    </div>
  );
}

/** The problems as `path: message`, each a button that puts the caret on its line. */
function ProblemList({ problems, checking, onPick }: { problems: readonly ProblemAt[]; checking: boolean; onPick: (line: number) => void }) {
  if (problems.length === 0) return <p className="editor-clean">{checking ? 'Checking…' : 'No problems: the CLI and the app accept this scenario.'}</p>;
  return (
    <section aria-label="Problems">
      <h3 className="section-title">Problems</h3>
      <ul className="problems editor-problems" data-testid="editor-problems">
        {problems.map((p, i) => (
          <li key={i}>
            {p.line === null ? (
              <span>
                <code>{p.path}</code>: {p.message}
              </span>
            ) : (
              <button type="button" className="editor-problem" data-testid="editor-problem" data-line={p.line} onClick={() => onPick(p.line!)} title={`Go to line ${p.line}`}>
                <span className="editor-line">line {p.line}</span> <code>{p.path}</code>: {p.message}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
