// The moment under the pointer while it hovers a timeline's band (useBandSeek), over the track.
import { formatClock } from '../format';
import './timelineBand.css';

/** A small "12.3 s" at `at` (a CSS left, e.g. "20.5%") along the track; it takes no pointer. */
export function TimelineHover({ at, ms }: { at: string; ms: number }) {
  return (
    <div className="timeline-hover" data-testid="timeline-hover" data-ms={ms} style={{ left: at }} aria-hidden="true">
      {formatClock(ms)}
    </div>
  );
}
