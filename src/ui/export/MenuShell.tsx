// The frame of an Export menu (the single view's, the compare view's): the download-glyph button
// (its word above 1440 px), and under it the items, whatever a menu adds after them, and a line
// saying the last outcome.
import type { ReactNode } from 'react';
import type { Menu } from './useMenu';

/** One file a menu makes: test id, words, what the file holds (the title), and how it is made. */
export interface MenuItem {
  id: string;
  label: string;
  title: string;
  /** Loads the exporters and makes the file; resolves with the file's name (or what was copied, with `verb`). */
  make: () => Promise<string>;
  /** What the menu's line says it did: "Saved" (a file, the default) or "Copied" (to the clipboard). */
  verb?: string;
}

export function MenuShell({ menu, disabled, title, label, items, extra, note }: { menu: Menu; disabled: boolean; title: string; label: string; items: readonly MenuItem[]; extra?: ReactNode; note: string }) {
  const { box, open, setOpen, busy, said, run } = menu;
  return (
    <div className="export" ref={box}>
      <button type="button" className="button button-quiet" data-testid="export-menu" aria-haspopup="menu" aria-expanded={open} aria-label="Export" disabled={disabled} title={title} onClick={() => setOpen((o) => !o)}>
        <svg className="button-glyph" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 3 V12 M6 8.5 L10 12.5 L14 8.5 M4 15.5 H16" />
        </svg>
        <span className="button-text">Export</span>
      </button>
      {open && (
        <div className="export-pop" role="menu" aria-label={label} data-testid="export-pop">
          {items.map((it) => (
            <button key={it.id} type="button" role="menuitem" className="export-item" data-testid={it.id} title={it.title} disabled={busy !== null} onClick={() => void run(it.id, it.make, it.verb)}>
              {it.label}
            </button>
          ))}
          {extra}
          <p className={`export-note${said?.bad ? ' export-note-bad' : ''}`} role="status" data-testid="export-status">
            {busy && !busy.startsWith('webm ') ? (items.find((it) => it.id === busy)?.verb ? 'Copying…' : 'Making the file…') : said && !busy ? said.text : note}
          </p>
        </div>
      )}
    </div>
  );
}
