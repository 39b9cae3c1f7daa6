// The timeline's marks at the first refused handshake (brief U2, 3; session 45's U1 left it): where an expired
// certificate first refused a new mutual TLS handshake, a thin tick across the track in the failures' colour, one
// per expiry fault (its own first, FaultStatus.refusals) or the run's first (Counter.expiredHandshakeFirstMs) when
// the faults give none. A press seeks there. In the expiry's lazy chunk (expiryParts.ts): the timeline loads it only
// once a handshake was refused.
import { useAppStore, useController } from '../state/useAppStore';
import { refusalMarks } from './expiredHandshakesWords';

/** The ticks, placed by `at` (a time in ms to the track's CSS left). */
export default function FirstRefusalMarks({ at }: { at: (ms: number) => string }) {
  const controller = useController();
  const runFirstMs = useAppStore((s) => s.stats.expiredHandshakeFirstMs ?? -1);
  const faults = useAppStore((s) => s.faults);
  return (
    <>
      {refusalMarks(faults, runFirstMs).map((m) => (
        <button
          key={m.ms}
          type="button"
          className="timeline-refusal"
          data-testid="timeline-refusal"
          data-ms={m.ms}
          style={{ left: at(m.ms) }}
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

