// What the speed control says when the run falls well behind the speed chosen (sim/pace.ts): "0.1× → at 0.02×",
// its tooltip "running at 0.02×: this machine can't keep 0.1×". Sampled twice a second of wall time while playing;
// gone when paused, at max, or once the run keeps up again. On the control, not beside it: a note beside the status
// wrapped the header onto two rows at 1600x1000 and 1024x768.
import { useEffect, useState } from 'react';
import { RunStatus } from '../state/store';
import { useAppStore, useServices } from '../state/useAppStore';
import { NEW_PACE, samplePace, speedText, type Pace } from '../sim/pace';
import { speedById } from '../sim/speeds';

/** Wall ms between samples of the run's clock. */
const SAMPLE_MS = 500;

/** What the speed control says when the run falls behind (usePace): the speed kept, the one chosen, and why in full. */
export interface PaceNote {
  /** The speed the run keeps, "0.02×". */
  at: string;
  /** The speed chosen, "0.1×". */
  keep: string;
  /** Simulated ms per wall ms, smoothed. */
  achieved: number;
  /** The words in full, for the control's tooltip. */
  title: string;
}

/**
 * The run's pace while it plays at a chosen speed (not max): null while it keeps up, else the note (PaceNote). Samples
 * the store's simulated time every SAMPLE_MS of wall time, so a run whose frames stop coming is measured too; starts
 * afresh when the speed changes or the run stops playing.
 */
export function usePace(): PaceNote | null {
  const { store } = useServices();
  const playing = useAppStore((s) => s.status === RunStatus.playing);
  const speedId = useAppStore((s) => s.speedId);
  const [pace, setPace] = useState<Pace>(NEW_PACE);
  useEffect(() => {
    setPace(NEW_PACE);
    const factor = speedById(speedId).factor;
    if (!playing || !Number.isFinite(factor)) return;
    let p = NEW_PACE;
    const sample = () => {
      const next = samplePace(p, performance.now(), store.getState().stats.simTime, factor);
      // Re-rendered only when what is said changes: the note on or off, or the speed it names.
      if (next.behind !== p.behind || (next.behind && speedText(next.achieved) !== speedText(p.achieved))) setPace(next);
      p = next;
    };
    sample();
    const timer = window.setInterval(sample, SAMPLE_MS);
    return () => window.clearInterval(timer);
  }, [playing, speedId, store]);
  if (!playing || !pace.behind) return null;
  const at = speedText(pace.achieved);
  const keep = speedText(speedById(speedId).factor);
  return {
    at,
    keep,
    achieved: pace.achieved,
    title: `Running at ${at}: this machine can't keep ${keep}. Over the last few seconds the run went at ${at} (simulated time per wall-clock time), under half the ${keep} chosen, so the picture moves slower than the speed says. A higher speed or max shows how fast it can go.`,
  };
}
