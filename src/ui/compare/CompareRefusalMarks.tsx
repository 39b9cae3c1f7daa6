// The shared timeline's first-refusal ticks (brief U3 2; the single view's since U2 06dc58a, FirstRefusalMarks):
// each pane's first refused handshake after an expired certificate, one per expiry fault (its own first) or the
// run's first, in the failures' colour. A's tick stands in the track's upper half and B's in its lower half, as
// their fault bands do (compareFaultBands.ts); a moment both runs have is one tick across the track. A press seeks
// both runs there.
import { useStore } from 'zustand';
import type { ComparePane, CompareController } from './compareController';
import { refusalMarks, type RefusalMark } from '../components/expiredHandshakesWords';
import { sideRefusalMarks } from './sideRefusalMarks';

/** A pane's marks: its faults' own first refusals, else its run's first (none before a handshake was refused). */
function usePaneMarks(pane: ComparePane): RefusalMark[] {
  const faults = useStore(pane.services.store, (s) => s.faults);
  const runFirstMs = useStore(pane.services.store, (s) => ((s.stats.expiredHandshakes ?? 0) > 0 ? (s.stats.expiredHandshakeFirstMs ?? -1) : -1));
  return refusalMarks(faults, runFirstMs);
}

/** Both panes' ticks on the shared track, placed by `at` (a time in ms to the track's CSS left). */
export function CompareRefusalMarks({ controller, panes, at }: { controller: CompareController; panes: readonly ComparePane[]; at: (ms: number) => string }) {
  const a = usePaneMarks(panes[0]);
  const b = usePaneMarks(panes[1]);
  return (
    <>
      {sideRefusalMarks(a, b).map((m) => (
        <button
          key={`${m.sides}${m.ms}`}
          type="button"
          className={`timeline-refusal compare-refusal compare-refusal-${m.sides}`}
          data-testid="timeline-refusal"
          data-ms={m.ms}
          data-sides={m.sides}
          style={{ left: at(m.ms) }}
          title={`${m.label}: press to take both runs there`}
          aria-label={m.label}
          onPointerDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            void controller.seek(m.ms);
          }}
        />
      ))}
    </>
  );
}
