// Lint's errors on a file the person opened, in the left panel before play (trial N18, 1: a gateway
// outside the mesh in front of STRICT services failed every request, and the app said so only in
// the picture after the run had played). The worker finds them (workers/openLint.ts) with the rules
// of `npm run sim -- lint`; each says what fails and the field that fixes it. In a chunk of its own:
// most sessions never open a file with an error.
import { useAppStore } from '../state/useAppStore';
import { pathWithBreaks } from './RunNotices';

/** The errors on the file on screen, each with its line and fix; nothing when it has none (or a shipped scenario is on screen). */
export default function OpenLintNotice() {
  const lint = useAppStore((s) => (s.openLint && s.openLint.forId === s.selectedId ? s.openLint : null));
  if (!lint) return null;
  const n = lint.total;
  return (
    <section className="alert open-lint" role="status" data-testid="open-lint">
      <h2>
        Lint: {n} error{n === 1 ? '' : 's'} in this file
      </h2>
      <p className="small">Calls will fail for {n === 1 ? 'this setting' : 'these settings'} whatever the load (npm run sim -- lint says the same):</p>
      <ul className="problems">
        {lint.notes.map((x, i) => (
          <li key={i} data-testid="open-lint-note" data-code={x.code}>
            <strong>{x.code}</strong> {x.line !== null ? `line ${x.line}, ` : ''}
            {/* Breaks after a path's '.' only, never inside a name (services.orders.mtl|s at 1024x768). */}
            <code>{pathWithBreaks(x.path)}</code>: {x.message}.{' '}
            <span data-testid="open-lint-fix">
              <strong>Fix:</strong> {pathWithBreaks(x.fix)}.
            </span>
          </li>
        ))}
      </ul>
      {n > lint.notes.length && <p className="small muted">and {n - lint.notes.length} more: Edit scenario… lists them all.</p>}
    </section>
  );
}
