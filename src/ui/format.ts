// Number formatting for everything the UI shows: one place, so every figure reads the same way.
// Pure functions, no locale surprises on a projector: en-US grouping (1,234.5), whatever the
// browser's language, so a screenshot or a share link reads the same in every room.

const fixed = new Map<number, Intl.NumberFormat>();

/**
 * `n` with thousands separators and exactly `digits` decimals: formatNumber(1234.5, 1) is
 * "1,234.5", formatNumber(12034) is "12,034". Non-finite numbers read "—". Pure.
 */
export function formatNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  let f = fixed.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixed.set(digits, f);
  }
  // Never "-0": a share or rate that rounds to zero reads 0.
  const text = f.format(n);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** 12034 -> "12,034". */
export function formatCount(n: number): string {
  return formatNumber(n, 0);
}

/**
 * A rate or other figure that is read at a glance: one decimal under 10, none from 10 on
 * ("4.5", "1,234"), with separators. Pure.
 */
export function formatRate(n: number): string {
  return formatNumber(n, Math.abs(n) >= 10 ? 0 : 1);
}

/** A share as a percentage: one decimal under 10%, none from 10% on ("3.5%", "27%"). Pure. */
export function formatPercent(share: number): string {
  return `${formatNumber(100 * share, Math.abs(share) >= 0.1 ? 0 : 1)}%`;
}

/**
 * Simulated time in seconds, e.g. "12.4 s" or "3,600.0 s". More decimals while the number is
 * small, so time visibly moves at slow speeds.
 */
export function formatSimTime(ms: number): string {
  const s = ms / 1000;
  const digits = s < 1 ? 3 : s < 10 ? 2 : 1;
  return `${formatNumber(s, digits)} s`;
}

/**
 * A moment on the timeline (a step, a fault, a second's edge) in seconds with one decimal:
 * "0.0 s", "25.0 s", "1,234.5 s". Unlike formatSimTime (the running clock, with more decimals
 * while small so it visibly moves), a moment reads the same at every size. Pure.
 */
export function formatMoment(ms: number): string {
  return `${formatNumber(ms / 1000, 1)} s`;
}

/** A latency in ms, e.g. "60.0 ms" or "1.24 s"; an em dash when there is no data yet. */
export function formatLatency(ms: number, hasData: boolean): string {
  if (!hasData || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${formatNumber(ms / 1000, 2)} s`;
  if (ms >= 100) return `${formatNumber(ms, 0)} ms`;
  return `${formatNumber(ms, 1)} ms`;
}

/** Share as a percentage with one decimal, "0.0%" for an empty total. */
export function formatShare(part: number, total: number): string {
  return total > 0 ? `${formatNumber((100 * part) / total, 1)}%` : '0.0%';
}
