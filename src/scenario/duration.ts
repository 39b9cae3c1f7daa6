const UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h)\s*$/;

/**
 * Parses "250ms", "5s", "2m", "1.5h", "80us" (or a plain number of milliseconds) into
 * milliseconds. Returns an error message instead of throwing, for the schema to report.
 */
export function parseDuration(input: unknown): { ok: true; ms: number } | { ok: false; message: string } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `must be a finite duration, got ${input}` };
    if (input < 0) return { ok: false, message: `must not be negative, got ${input}` };
    return { ok: true, ms: input };
  }
  if (input === undefined) return { ok: false, message: 'is required (a duration such as "250ms", "5s" or "2m")' };
  if (typeof input !== 'string') {
    return { ok: false, message: `expected a duration such as "250ms", "5s" or "2m", got ${describe(input)}` };
  }
  if (/^\s*-/.test(input)) return { ok: false, message: `must not be negative, got "${input}"` };
  const m = PATTERN.exec(input);
  if (!m) {
    return { ok: false, message: `"${input}" is not a duration; use a number with a unit: us, ms, s, m or h (e.g. "250ms", "5s", "2m")` };
  }
  return { ok: true, ms: Number(m[1]) * UNITS[m[2]] };
}

/** Formats milliseconds for people: "850 µs", "12.3 ms", "4.20 s", "2m 05s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
