// Lint's findings under the editor's problems: warnings (amber) and notes (blue), each with its
// rule id, its line and lint's one-line fix, distinct from the problems (red) that block Run.
import type { LintNote } from './lintNotes';

const WORD: Record<LintNote['severity'], string> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * The findings of `npm run sim -- lint` on the text (src/models/lint), each a button that puts the
 * caret on its line. `simulating`: the simulated rules (MS001, MS012) have not answered yet for this text.
 */
export function LintList({ notes, simulating, onPick }: { notes: readonly LintNote[]; simulating: boolean; onPick: (line: number) => void }) {
  return (
    <section aria-label="Lint" className="editor-lint" data-testid="editor-lint">
      <h3 className="section-title">Lint</h3>
      <p className="editor-lint-note" data-testid="editor-lint-state">
        {simulating ? 'Simulating for the rules that need a run (retries that multiply, timeouts that fail healthy calls)…' : notes.length === 0 ? 'No findings: npm run sim -- lint has nothing to say.' : 'As npm run sim -- lint finds them. They do not block Run.'}
      </p>
      {notes.length > 0 && (
        <ul className="problems editor-problems editor-lint-list">
          {notes.map((f, i) => (
            <li key={`${f.code}-${f.path}-${i}`} className={`editor-lint-${f.severity}`} data-testid="editor-lint-finding" data-code={f.code} data-severity={f.severity}>
              <button type="button" className="editor-problem" disabled={f.line === null} onClick={() => f.line !== null && onPick(f.line)} title={f.line === null ? f.rule : `Go to line ${f.line}`}>
                <span className="editor-lint-tag">
                  {WORD[f.severity]} {f.code} {f.rule}
                </span>
                {f.line !== null && <span className="editor-line"> line {f.line}</span>} <code>{f.path}</code>: {f.message}
                <span className="editor-lint-fix">fix: {f.fix}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
