// Number formatting for the counters. Pure functions, no locale surprises on a projector.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12034 -> "12,034". */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/**
 * Simulated time in seconds, e.g. "12.4 s". More decimals while the number is small, so
 * time visibly moves at slow speeds.
 */
export function formatSimTime(ms: number): string {
  const s = ms / 1000;
  const digits = s < 1 ? 3 : s < 10 ? 2 : 1;
  return `${s.toFixed(digits)} s`;
}

/** A latency in ms, e.g. "60.0 ms" or "1.24 s"; an em dash when there is no data yet. */
export function formatLatency(ms: number, hasData: boolean): string {
  if (!hasData || !Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Share as a percentage with one decimal, "0.0%" for an empty total. */
export function formatShare(part: number, total: number): string {
  return total > 0 ? `${((100 * part) / total).toFixed(1)}%` : '0.0%';
}
