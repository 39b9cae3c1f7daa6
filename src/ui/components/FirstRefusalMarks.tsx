// The timeline's marks at the first refused handshake (brief U2, 3; session 45's U1 left it): where an expired
// certificate first refused a new mutual TLS handshake, a thin tick across the track in the failures' colour, one
// per expiry fault (its own first, FaultStatus.refusals) or the run's first (Counter.expiredHandshakeFirstMs) when
// the faults give none. A press seeks there. In the expiry's lazy chunk (expiryParts.ts): the timeline loads it only
// once a handshake was refused.
import type { CSSProperties } from 'react';
import { useController } from '../state/useAppStore';
import type { RefusalMark } from './expiredHandshakesWords';

/**
 * The ticks `marks` (refusalMarks of the run's faults), placed by `at` (a time in ms to the track's CSS left) on
 * the row `place(i)` gives mark i (Timeline's stacking: 0 on the track, 1 a row above it, where a fault's handle
 * or a step's circle stands at its time), with that row's `style`.
 */
export default function FirstRefusalMarks({ at, marks, place }: { at: (ms: number) => string; marks: readonly RefusalMark[]; place: (i: number) => { row: number; style?: CSSProperties } }) {
  const controller = useController();
  return (
    <>
      {marks.map((m, i) => (
        <button
          key={m.ms}
          type="button"
          className="timeline-refusal"
          data-testid="timeline-refusal"
          data-ms={m.ms}
          data-row={place(i).row}
          style={{ left: at(m.ms), ...place(i).style }}
          title={`${m.label}: press to go there`}
          aria-label={m.label}
          onClick={(e) => {
            e.stopPropagation();
            void controller.seek(m.ms);
          }}
        />
      ))}
    </>
  );
}

