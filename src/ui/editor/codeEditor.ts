// The text editor itself: CodeMirror 6 with line numbers, undo history, JSON or YAML
// highlighting and a lint gutter. Loaded with the editor dialog only (a lazy chunk), so the
// app's first download does not carry it. Problems come from the editor's worker, not from a
// CodeMirror linter source: they are pushed in with `setProblems`.
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import type { ProblemAt } from './lines';

/**
 * CodeMirror's default highlight colours (made for a light page: in the dark theme its strings,
 * #a11, read at 1.02:1 on the active line) mapped to CSS variables editor.css sets for each
 * theme (--code-*); the same tags, the same faces. Each colour there holds 4.5:1 or more (WCAG 2
 * AA for text) against the editor's background and its active line, in both themes
 * (polish2.spec measures them).
 */
const CODE_COLOURS: Readonly<Record<string, string>> = {
  '#404740': 'var(--code-meta)',
  '#708': 'var(--code-keyword)',
  '#219': 'var(--code-atom)',
  '#164': 'var(--code-number)',
  '#a11': 'var(--code-string)',
  '#e40': 'var(--code-escape)',
  '#00f': 'var(--code-definition)',
  '#30a': 'var(--code-definition)',
  '#085': 'var(--code-type)',
  '#167': 'var(--code-type)',
  '#256': 'var(--code-definition)',
  '#00c': 'var(--code-property)',
  '#940': 'var(--code-comment)',
  '#f00': 'var(--code-invalid)',
};
const codeHighlight = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) => (typeof spec.color === 'string' ? { ...spec, color: CODE_COLOURS[spec.color] ?? 'inherit' } : spec)),
);

/**
 * The editor's surfaces from the app's theme variables (editor.css, styles.css): its background,
 * the line-number column (CodeMirror's own is light grey, #f5f5f5, in either theme), the active
 * line, the selection, the caret and the lint tooltip.
 */
const codeTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--ink)' },
  '.cm-gutters': { backgroundColor: 'var(--code-gutter-bg)', color: 'var(--code-gutter-ink)', borderRight: '1px solid var(--line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-gutter-bg)', color: 'var(--ink)' },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-content': { caretColor: 'var(--ink)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--ink)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--code-selection)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--code-bracket)', color: 'inherit' },
  // A lint mark's message on hover (CodeMirror's is light grey in either theme).
  '.cm-tooltip': { backgroundColor: 'var(--surface-2)', color: 'var(--ink)', border: '1px solid var(--line-strong)' },
});

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
        codeTheme,
        syntaxHighlighting(codeHighlight),
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
