// Whether a run keeps the speed a person chose (session 36's trial N5, F4: the menu said "0.1× slow" while
// istio-load-test-full ran at 0.02× on a loaded machine, with no word on screen). Smoothed over seconds, with
// hysteresis, so a note comes only when the run stays well behind and goes only when it keeps up again.

/** Seconds of wall time the achieved speed is averaged over (an exponential mean's time constant). */
export const PACE_SMOOTH_S = 2;
/** Share of the chosen speed under which the run counts as behind... */
export const BEHIND_SHARE = 0.5;
/** ...for this long, wall ms, before it is said. */
export const BEHIND_AFTER_MS = 3000;
/** Share of the chosen speed from which it keeps up again... */
export const KEEPS_UP_SHARE = 0.8;
/** ...for this long, wall ms, before the note goes. */
export const KEEPS_UP_AFTER_MS = 2000;

/** A pace meter's state: plain data, one per run on screen. */
export interface Pace {
  /** Wall ms and simulated ms at the last sample; NaN before the first. */
  wallMs: number;
  simMs: number;
  /** The achieved speed, simulated ms per wall ms, smoothed; NaN before two samples. */
  achieved: number;
  /** Since when (wall ms) the smoothed speed has been under BEHIND_SHARE (or from KEEPS_UP_SHARE on, when behind); NaN: not. */
  since: number;
  /** The note is on. */
  behind: boolean;
}

export const NEW_PACE: Pace = { wallMs: NaN, simMs: NaN, achieved: NaN, since: NaN, behind: false };

/**
 * The pace after a sample: at wall time `wallMs` (performance.now(), ms) the run stands at `simMs` simulated ms,
 * chosen speed `factor` (simulated ms per wall ms; Infinity for max, which is never behind). The achieved speed is an
 * exponential mean over PACE_SMOOTH_S; the run is behind once it stays under BEHIND_SHARE of `factor` for
 * BEHIND_AFTER_MS, and keeps up again once it stays at KEEPS_UP_SHARE or more for KEEPS_UP_AFTER_MS. A sample with
 * the clock moved back (a seek, a reset) or more than 5 s after the last (a hidden tab) starts afresh. Pure: returns
 * a new state.
 */
export function samplePace(p: Pace, wallMs: number, simMs: number, factor: number): Pace {
  if (!Number.isFinite(factor) || factor <= 0) return NEW_PACE;
  const dt = wallMs - p.wallMs;
  if (!(dt > 0) || simMs < p.simMs || dt > 5000) return { ...NEW_PACE, wallMs, simMs };
  const rate = (simMs - p.simMs) / dt;
  const a = 1 - Math.exp(-dt / (PACE_SMOOTH_S * 1000));
  const achieved = Number.isNaN(p.achieved) ? rate : p.achieved + a * (rate - p.achieved);
  const share = achieved / factor;
  const turning = p.behind ? share >= KEEPS_UP_SHARE : share < BEHIND_SHARE;
  const since = turning ? (Number.isNaN(p.since) ? wallMs : p.since) : NaN;
  const wait = p.behind ? KEEPS_UP_AFTER_MS : BEHIND_AFTER_MS;
  const flips = turning && wallMs - since >= wait;
  return { wallMs, simMs, achieved, since: flips ? NaN : since, behind: flips ? !p.behind : p.behind };
}

/** A speed as the note says it: "0.02×", "0.0007×", "1.5×" (two significant figures). Pure. */
export function speedText(factor: number): string {
  if (!(factor > 0)) return '0×';
  const digits = Math.max(0, 1 - Math.floor(Math.log10(factor)));
  return `${Number(factor.toFixed(Math.min(digits, 6)))}×`;
}
