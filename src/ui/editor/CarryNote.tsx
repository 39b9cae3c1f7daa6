// What the editor's Run carries over from the run on screen (carry.ts; trial N10, 7c), in words:
// in the editor before Run is pressed ("Run opens the edited scenario at this run's moment (30.0 s)
// and replays what you did: keeps your fault at 25.0 s (HTTP errors on catalog)…"), and beside
// the Edit button after it ran, until dismissed or another scenario is opened.
import { useAppStore } from '../state/useAppStore';
import { formatClock } from '../format';
import type { Carry } from './carry';

/**
 * The note. `when` 'before' (in the editor: the moment is the run's as it plays on, cut to the
 * edited run's end) or 'after' (the moment Run went to). `onDismiss` adds a Dismiss button.
 */
export function CarryNote({ carry, when, onDismiss }: { carry: Carry; when: 'before' | 'after'; onDismiss?: () => void }) {
  const liveMs = useAppStore((s) => s.stats.simTime);
  const before = when === 'before';
  const runMs = before ? liveMs : carry.runMs;
  const tMs = Math.min(runMs, carry.durationMs);
  const cut = runMs > carry.durationMs;
  const moment = tMs <= 0 ? 'at 0 s' : cut ? `at its end (${formatClock(carry.durationMs)}; this run is at ${formatClock(runMs)})` : `at this run's moment (${formatClock(tMs)})`;
  const any = carry.kept.length + carry.dropped.length > 0;
  const head = before
    ? `Run opens the edited scenario ${moment}${any ? ' and replays what you did to this run:' : '.'}`
    : `The edited scenario opened ${tMs <= 0 ? 'at 0 s' : `at ${formatClock(tMs)}${cut ? ` (its end; the run was at ${formatClock(runMs)})` : ''}`}${any ? ' with what you did:' : '.'}`;
  return (
    <section className={`editor-carry ${before ? '' : 'editor-carried'}`} data-testid={before ? 'editor-carry' : 'editor-carried'} role={before ? 'note' : 'status'} aria-label={before ? 'What Run keeps' : 'What the edited run kept'}>
      <p className="editor-carry-head">{head}</p>
      {any && (
        <ul className="editor-carry-list">
          {carry.kept.map((k, i) => (
            <li key={`k${i}`} className="editor-kept" data-testid="editor-kept">
              {before ? 'keeps' : 'kept'} {k.what}
            </li>
          ))}
          {carry.dropped.map((d, i) => (
            <li key={`d${i}`} className="editor-dropped" data-testid="editor-dropped">
              {before ? 'drops' : 'dropped'} {d.what}: {d.why}
            </li>
          ))}
        </ul>
      )}
      {before && carry.dropped.length > 0 && <p className="editor-carry-foot">What is dropped can be done again by hand after Run (the Faults form).</p>}
      {onDismiss && (
        <button type="button" className="button button-quiet button-small" data-testid="editor-carried-dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </section>
  );
}
