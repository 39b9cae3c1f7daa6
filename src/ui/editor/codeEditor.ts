// The text editor itself: CodeMirror 6 with line numbers, undo history, JSON or YAML
// highlighting and a lint gutter. Loaded with the editor dialog only (a lazy chunk), so the
// app's first download does not carry it. Problems come from the editor's worker, not from a
// CodeMirror linter source: they are pushed in with `setProblems`.
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import type { ProblemAt } from './lines';

/** What the dialog does with the editor. */
export interface CodeEditor {
  text(): string;
  /** Replaces the whole text (the form's additions), as one undoable change. */
  setText(text: string): void;
  /** Shows these problems as lint marks on their lines (ones without a line are left out). */
  setProblems(problems: readonly ProblemAt[]): void;
  /** Puts the caret at the start of line `line` (1-based, clamped), scrolls to it and focuses the editor. */
  goToLine(line: number): void;
  setLanguage(format: 'json' | 'yaml'): void;
  destroy(): void;
}

/**
 * Makes an editor in `parent` holding `text`; `onChange` hears every edit's new text. The
 * editor keeps its own undo history (Ctrl+Z takes back a bad edit).
 */
export function createCodeEditor(parent: HTMLElement, text: string, format: 'json' | 'yaml', onChange: (text: string) => void): CodeEditor {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        language.of(format === 'json' ? json() : yaml()),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Scenario text', 'data-testid': 'editor-text' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    setProblems(problems) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = problems.flatMap((p) => {
        if (p.line === null || p.line < 1) return [];
        const line = doc.line(Math.min(p.line, doc.lines));
        return [{ from: line.from, to: line.to, severity: 'error', message: `${p.path}: ${p.message}` }];
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(n) {
      const doc = view.state.doc;
      const line = doc.line(Math.max(1, Math.min(n, doc.lines)));
      view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
      view.focus();
    },
    setLanguage(next) {
      view.dispatch({ effects: language.reconfigure(next === 'json' ? json() : yaml()) });
    },
    destroy: () => view.destroy(),
  };
}
