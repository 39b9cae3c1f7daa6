// The `?` dialog: every key the app answers (shortcuts.ts), over either view. Loaded when first asked for, so the
// first download keeps its budget (App.tsx).
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import './keys.css';

/** The key list as a modal dialog; `onClose` on Escape, `?`, the Close button or a press outside it. */
export function KeysDialog({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop keys-backdrop" data-testid="keys-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="keys-dialog" role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="keys-dialog">
        <header className="keys-head">
          <h2 id="keys-title">Keys</h2>
          <button ref={close} type="button" className="button button-quiet" onClick={onClose}>
            Close
          </button>
        </header>
        <p className="keys-note">They work whatever was clicked last, except while typing in a field. In the compare view, Space, ., the story&apos;s keys, Shift+arrows, Home, End and f act on both runs.</p>
        <table className="keys-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  {s.keys.split(/( \/ |, | to )/).map((part, i) => (/^( \/ |, | to )$/.test(part) ? <span key={i}>{part}</span> : <kbd key={i}>{part}</kbd>))}
                </th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
