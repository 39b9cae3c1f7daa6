// The counters' clock: simulated time of the run's length, a bar, and the trace hash. While a scenario opens it says
// so ("opening…", not "0.000 s of 0 s"), and while a seek runs (a share link's moment, a timeline click) its last
// line says where the run goes and how far it got ("seeking to 12.5 s · 40%"): a share link read "0.000 s of 0 s" for
// its first seconds (N19's trial, 4). The figure keeps its width (styles.css `.figure-clock`), so nothing moves.
import { formatClock, formatSimTime } from '../format';
import { seekLine } from './seekLine';
import { RunStatus } from '../state/store';
import { useAppStore } from '../state/useAppStore';

/** The clock figure in the counters strip (see the file's head). */
export function Clock() {
  const simTime = useAppStore((s) => s.stats.simTime);
  const duration = useAppStore((s) => s.info?.durationMs ?? 0);
  const traceHash = useAppStore((s) => s.stats.traceHash);
  const opening = useAppStore((s) => s.info === null || s.status === RunStatus.loading);
  const seekingTo = useAppStore((s) => (s.status === RunStatus.crashed ? null : s.seekingTo));
  const share = duration > 0 ? Math.min(1, simTime / duration) : 0;
  return (
    <div className="figure figure-clock">
      <span className="figure-label">
        <span className="caption-wide">simulated time</span>
        <span className="caption-narrow">sim time</span>
      </span>
      <span className="clock-line">
        {/* The exact ms in data-value: the text is cut down to its last digit (formatClock). */}
        <span className="figure-value" data-testid="sim-time" data-value={simTime}>
          {formatClock(simTime)}
        </span>
        <span className="figure-note" data-testid="sim-length">
          {opening && duration === 0 ? 'opening…' : `of ${formatSimTime(duration).replace(/\.0+ s$/, ' s')}`}
        </span>
      </span>
      <span className="progress" role="progressbar" aria-label="Simulated time" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-valuetext={`${formatClock(simTime)} of ${formatSimTime(duration)}`}>
        <span className="progress-fill" style={{ width: `${share * 100}%` }} />
      </span>
      {/* The hash stays in the page while a seek's line stands in its place (read by those who wait for it). */}
      <span className="trace" title="Trace hash: the same scenario and seed give the same hash here and in the CLI" hidden={seekingTo !== null}>
        trace <span data-testid="trace-hash">{traceHash || '—'}</span>
      </span>
      {seekingTo !== null && (
        <span className="trace clock-seeking" data-testid="clock-seeking" role="status">
          {seekLine(simTime, seekingTo)}
        </span>
      )}
    </div>
  );
}
